// Keyring::Unseal: rebuild and verify the root, load the wrapped keys, re-apply the ledger.
#include <charconv>
#include <set>

#include "crypto/keyring/internal/keyring_impl.h"
#include "crypto/selftest.h"

namespace cv::crypto::keyring {
namespace {

Result<int> MetaInt(const Meta& meta, std::string_view key) {
  auto it = meta.find(key);
  int value = 0;
  if (it == meta.end() ||
      std::from_chars(it->second.data(), it->second.data() + it->second.size(), value).ec !=
          std::errc()) {
    return Fail(ErrorCode::kMalformed, "keyring meta '" + std::string(key) + "' missing or bad");
  }
  return value;
}

// The root rebuilt from custodian shares, after checking each belongs to this data directory.
Result<Secret> RootFromShares(const UnsealInput& input, const Meta& meta) {
  const std::string& id = meta.at("data_dir_id");
  auto threshold = MetaInt(meta, "threshold");
  if (!threshold) return std::unexpected(threshold.error());
  std::vector<Share> shares;
  std::set<int> numbers;
  for (const auto& [origin, text] : input.shares) {
    auto file = ParseShareFile(text, origin);
    if (!file) return std::unexpected(file.error());
    if (file->data_dir_id != id) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "share " + origin + " belongs to another data directory (" + file->data_dir_id +
                      "; this one is " + id + ")");
    }
    if (!numbers.insert(file->share.number).second) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "share number " + std::to_string(file->share.number) + " given twice");
    }
    shares.push_back(std::move(file->share));
  }
  if (static_cast<int>(shares.size()) < *threshold) {
    return Fail(ErrorCode::kFailedPrecondition,
                std::to_string(shares.size()) + " share(s) given, " + std::to_string(*threshold) +
                    " needed to unseal (JR/T 0117 7.5.9: multiple control)");
  }
  return CombineShares(shares);
}

Result<Secret> RebuildRoot(const UnsealInput& input, const Meta& meta) {
  const std::string& mode = meta.at("seal_mode");
  if (mode == "shares") {
    if (input.shares.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "this data directory unseals with --share files");
    }
    return RootFromShares(input, meta);
  }
  if (!input.passphrase) {
    return Fail(ErrorCode::kInvalidArgument, "this data directory unseals with --passphrase-file");
  }
  return UnsealWithPassphrase(input.sealed_root_file, *input.passphrase, meta.at("data_dir_id"));
}

// Unwraps every non-retired key version into the keyring.
Status LoadKeys(store::Tx& tx, Keyring::Impl& impl, std::unique_ptr<Signer>& signer) {
  auto rows = tx.Query(
      "SELECT purpose, grade, version, state, wrapped FROM key_versions WHERE state != 'retired'");
  if (!rows) return std::unexpected(rows.error());
  for (const store::Row& row : *rows) {
    const std::string purpose = row.Text(0).value_or("");
    const std::string grade_name = row.Text(1).value_or("");
    const int version = static_cast<int>(row.Int(2).value_or(0));
    auto wrapped = row.Blob(4);
    if (!wrapped) return std::unexpected(wrapped.error());
    auto key = impl.root->DecryptSecret(*wrapped,
                                        RootWrapAd(impl.data_dir_id, purpose, grade_name, version));
    if (!key) {
      return Fail(ErrorCode::kMalformed, "wrapped key " + purpose + " " + grade_name + " v" +
                                             std::to_string(version) + " does not open");
    }
    if (purpose == kPurposeKek) {
      auto grade = ParseKeyGrade(grade_name);
      auto aead = NewAead(impl.suite, *key);
      if (!grade || !aead) return Fail(ErrorCode::kMalformed, "bad KEK row");
      impl.keks[{*grade, version}] = std::move(*aead);
      if (row.Text(3).value_or("") == "primary") impl.primary[*grade] = version;
    } else if (purpose == kPurposeBlindIndex || purpose == kPurposeAuditHash) {
      auto mac = NewMac(impl.suite, *key);
      if (!mac) return std::unexpected(mac.error());
      (purpose == kPurposeBlindIndex ? impl.blind_index : impl.audit_hash) = std::move(*mac);
    } else if (purpose == kPurposeAuditSigning) {
      auto s = NewSigner(impl.suite, *key);
      if (!s) return std::unexpected(s.error());
      signer = std::move(*s);
    }
  }
  if (impl.primary.size() != 3 || !impl.blind_index || !impl.audit_hash || !signer) {
    return Fail(ErrorCode::kMalformed, "keyring is incomplete: a primary key is missing");
  }
  return Ok();
}

// CRY-5: destroys again any data key the ledger lists that a restored database still holds.
// Returns how many it destroyed.
Result<int> ApplyLedger(store::Tx& tx, const std::string& ledger_path) {
  CV_ASSIGN_OR_RETURN(const std::vector<LedgerEntry> entries, ReadLedger(ledger_path));
  int applied = 0;
  for (const LedgerEntry& e : entries) {
    CV_ASSIGN_OR_RETURN(
        const std::int64_t deleted,
        tx.Exec("DELETE FROM data_keys WHERE id = ?1 AND subject = ?2 AND grade = ?3",
                {store::Int(e.key_id), store::Text(e.subject), store::Text(e.grade)}));
    if (deleted == 0) continue;
    ++applied;
    auto noted = tx.Exec(
        "INSERT OR IGNORE INTO destroyed_keys (id, subject, grade, destroyed_at, reason) "
        "VALUES (?1, ?2, ?3, ?4, 're-applied from the destruction ledger')",
        {store::Int(e.key_id), store::Text(e.subject), store::Text(e.grade),
         store::Text(e.destroyed_at)});
    if (!noted) return std::unexpected(noted.error());
  }
  return applied;
}

}  // namespace

Result<std::unique_ptr<Keyring>> Keyring::UnsealWithin(store::Tx& tx, const UnsealInput& input,
                                                       std::string ledger_path,
                                                       const Clock& clock) {
  CV_RETURN_IF_ERROR(PowerOnSelfTest());
  auto impl = std::make_unique<Impl>();
  std::unique_ptr<Signer> signer;
  CV_ASSIGN_OR_RETURN(const Meta meta, ReadMeta(tx));
  for (std::string_view key : {"data_dir_id", "suite", "seal_mode", "root_check", "threshold"}) {
    if (!meta.contains(key)) {
      return Fail(ErrorCode::kFailedPrecondition, "no keyring here: run `cvault init` first");
    }
  }
  CV_ASSIGN_OR_RETURN(impl->suite, ParseSuite(meta.at("suite")));
  impl->data_dir_id = meta.at("data_dir_id");
  CV_ASSIGN_OR_RETURN(const Secret root_key, RebuildRoot(input, meta));
  CV_ASSIGN_OR_RETURN(impl->root, NewAead(impl->suite, root_key));
  auto check = HexDecode(meta.at("root_check"));
  if (!check || !impl->root->Decrypt(*check, RootCheckAd(impl->data_dir_id))) {
    return Fail(ErrorCode::kPermissionDenied,
                "the key material given does not unseal this data directory");
  }
  CV_RETURN_IF_ERROR(LoadKeys(tx, *impl, signer));
  CV_ASSIGN_OR_RETURN(
      std::string public_key,
      HexDecode(meta.contains("audit_public_key") ? meta.at("audit_public_key") : ""));
  impl->ledger_path = std::move(ledger_path);
  impl->clock = &clock;
  CV_ASSIGN_OR_RETURN(const int reapplied, ApplyLedger(tx, impl->ledger_path));
  auto keyring = std::unique_ptr<Keyring>(new Keyring(std::move(impl)));
  keyring->suite_ = keyring->impl_->suite;
  keyring->data_dir_id_ = keyring->impl_->data_dir_id;
  keyring->audit_signer_ = std::move(signer);
  keyring->audit_public_key_ = std::move(public_key);
  keyring->reapplied_destructions_ = reapplied;
  return keyring;
}

Result<std::unique_ptr<Keyring>> Keyring::Unseal(store::Store& store, const UnsealInput& input,
                                                 std::string ledger_path, const Clock& clock) {
  CV_ASSIGN_OR_RETURN(auto tx, store.Begin(store::TxMode::kWrite));
  CV_ASSIGN_OR_RETURN(auto keyring, UnsealWithin(*tx, input, std::move(ledger_path), clock));
  CV_RETURN_IF_ERROR(tx->Commit());
  if (keyring->reapplied_destructions() > 0) CV_RETURN_IF_ERROR(store.Flush());
  return keyring;
}

}  // namespace cv::crypto::keyring
