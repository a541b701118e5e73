// Keyring: creating the hierarchy, unsealing it, and reporting on it.
#include "crypto/keyring/keyring.h"

#include <map>
#include <set>

#include "crypto/keyring/internal/keyring_impl.h"
#include "crypto/random.h"
#include "crypto/selftest.h"

namespace cv::crypto::keyring {
namespace {

constexpr std::size_t kDataDirIdBytes = 16;

Status PutMeta(store::Tx& tx, std::string_view key, std::string_view value) {
  auto done = tx.Exec("INSERT INTO meta (key, value) VALUES (?1, ?2)",
                      {store::Text(key), store::Text(value)});
  if (!done) return std::unexpected(done.error());
  return Ok();
}

// Wraps `key` under the root and stores it as version 1 primary of (purpose, grade).
Status StoreRootWrapped(store::Tx& tx, const Aead& root, std::string_view id,
                        std::string_view purpose, std::string_view grade, const Secret& key,
                        const std::string& now) {
  auto wrapped = root.Encrypt(key.View(SecretAccess::Get()), RootWrapAd(id, purpose, grade, 1));
  if (!wrapped) return std::unexpected(wrapped.error());
  auto done = tx.Exec(
      "INSERT INTO key_versions (purpose, grade, version, state, wrapped, created_at) "
      "VALUES (?1, ?2, 1, 'primary', ?3, ?4)",
      {store::Text(purpose), store::Text(grade), store::Blob(*wrapped), store::Text(now)});
  if (!done) return std::unexpected(done.error());
  return Ok();
}

Status CheckInitOptions(const InitOptions& o) {
  const bool shares = o.custodians > 0 || o.threshold > 0;
  if (shares == o.passphrase.has_value()) {
    return Fail(ErrorCode::kInvalidArgument,
                "choose exactly one of custodian shares (--custodians/--threshold) or a "
                "passphrase (--passphrase-file)");
  }
  if (shares && (o.threshold < 2 || o.custodians < o.threshold || o.custodians > 255)) {
    return Fail(ErrorCode::kInvalidArgument,
                "need 2 <= threshold <= custodians <= 255 (JR/T 0117 7.5.9: multiple control)");
  }
  return Ok();
}

// Creates and stores the KEKs, the keyed-hash keys and the audit signing key.
Status CreateKeys(store::Tx& tx, const Aead& root, Suite suite, const std::string& id,
                  const std::string& now) {
  for (KeyGrade grade : kGrades) {
    auto kek = RandomKey(AeadKeySize(suite));
    if (!kek) return std::unexpected(kek.error());
    CV_RETURN_IF_ERROR(StoreRootWrapped(tx, root, id, kPurposeKek, KeyGradeName(grade), *kek, now));
  }
  for (std::string_view purpose : {kPurposeBlindIndex, kPurposeAuditHash}) {
    auto key = RandomKey(kMacKeySize);
    if (!key) return std::unexpected(key.error());
    CV_RETURN_IF_ERROR(StoreRootWrapped(tx, root, id, purpose, "", *key, now));
  }
  auto pair = GenerateSigningKey(suite);
  if (!pair) return std::unexpected(pair.error());
  CV_RETURN_IF_ERROR(
      StoreRootWrapped(tx, root, id, kPurposeAuditSigning, "", pair->private_key_der, now));
  return PutMeta(tx, "audit_public_key", HexEncode(pair->public_key_der));
}

}  // namespace

Result<Meta> ReadMeta(store::Tx& tx) {
  auto rows = tx.Query("SELECT key, value FROM meta");
  if (!rows) return std::unexpected(rows.error());
  Meta meta;
  for (const store::Row& row : *rows) {
    auto key = row.Text(0);
    auto value = row.Text(1);
    if (!key || !value) return Fail(ErrorCode::kMalformed, "meta table holds a non-text value");
    meta[*key] = *value;
  }
  return meta;
}

std::string_view KeyGradeName(KeyGrade grade) {
  switch (grade) {
    case KeyGrade::kC1:
      return "C1";
    case KeyGrade::kC2:
      return "C2";
    case KeyGrade::kC3:
      return "C3";
  }
  return "?";
}

Result<KeyGrade> ParseKeyGrade(std::string_view name) {
  for (KeyGrade grade : kGrades) {
    if (KeyGradeName(grade) == name) return grade;
  }
  return Fail(ErrorCode::kInvalidArgument,
              "unknown grade '" + std::string(name) + "' (expected C1, C2 or C3)");
}

Result<InitOutcome> Keyring::Initialize(store::Tx& tx, const InitOptions& options,
                                        const Clock& clock) {
  CV_RETURN_IF_ERROR(CheckInitOptions(options));
  CV_RETURN_IF_ERROR(PowerOnSelfTest());
  auto meta = ReadMeta(tx);
  if (!meta) return std::unexpected(meta.error());
  if (!meta->empty()) {
    return Fail(ErrorCode::kFailedPrecondition, "this database already has a keyring");
  }
  auto raw_id = RandomString(kDataDirIdBytes);
  auto root_key = RandomKey(AeadKeySize(options.suite));
  if (!raw_id || !root_key) return Fail(ErrorCode::kInternal, "random generator failed");
  const std::string id = HexEncode(*raw_id);
  const std::string now = FormatRfc3339(clock.Now());
  auto root = NewAead(options.suite, *root_key);
  if (!root) return std::unexpected(root.error());
  CV_RETURN_IF_ERROR(CreateKeys(tx, **root, options.suite, id, now));
  auto check = (*root)->Encrypt(kRootCheckPlaintext, RootCheckAd(id));
  if (!check) return std::unexpected(check.error());
  const bool shares = !options.passphrase.has_value();
  for (auto [key, value] : std::initializer_list<std::pair<std::string_view, std::string>>{
           {"format", "1"},
           {"data_dir_id", id},
           {"suite", std::string(SuiteName(options.suite))},
           {"seal_mode", shares ? "shares" : "passphrase"},
           {"threshold", std::to_string(options.threshold)},
           {"custodians", std::to_string(options.custodians)},
           {"created_at", now},
           {"root_check", HexEncode(*check)}}) {
    CV_RETURN_IF_ERROR(PutMeta(tx, key, value));
  }
  InitOutcome outcome;
  outcome.data_dir_id = id;
  if (!shares) {
    auto sealed =
        SealWithPassphrase(*root_key, *options.passphrase, options.suite, id, options.kdf);
    if (!sealed) return std::unexpected(sealed.error());
    outcome.sealed_root_file = std::move(*sealed);
    return outcome;
  }
  auto split = SplitSecret(*root_key, options.custodians, options.threshold);
  if (!split) return std::unexpected(split.error());
  for (Share& share : *split) {
    auto text = FormatShareFile(
        ShareFile{id, options.suite, options.threshold, options.custodians, std::move(share)});
    if (!text) return std::unexpected(text.error());
    outcome.share_files.push_back(std::move(*text));
  }
  return outcome;
}

Keyring::Keyring(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Keyring::~Keyring() = default;

std::shared_ptr<const Aead> Keyring::Impl::Kek(KeyGrade grade, int version) {
  auto it = keks.find({grade, version});
  return it == keks.end() ? nullptr : it->second;
}

}  // namespace cv::crypto::keyring
