// Share files and the passphrase-sealed root.
#include "crypto/keyring/sealing.h"

#include <sodium.h>

#include <mutex>

#include "crypto/aead.h"
#include "crypto/hasher.h"
#include "crypto/keyring/key_file.h"
#include "crypto/random.h"

namespace cv::crypto::keyring {
namespace {

constexpr std::string_view kShareMagic = "cvault-share";         // DO NOT CHANGE: stored.
constexpr std::string_view kSealedMagic = "cvault-sealed-root";  // DO NOT CHANGE: stored.
constexpr std::string_view kFormatVersion = "v1";
constexpr std::size_t kSaltSize = crypto_pwhash_SALTBYTES;
constexpr std::size_t kChecksumSize = 8;

// The first 8 bytes of SHA-256 over `body`, hex: catches a damaged or mistyped share file. It is
// not a security check (the rebuilt root is verified by unwrapping keys).
Result<std::string> Checksum(std::string_view body) {
  auto hasher = NewHasher(Suite::kIntl);
  if (!hasher) return std::unexpected(hasher.error());
  auto digest = (*hasher)->Hash(body);
  if (!digest) return std::unexpected(digest.error());
  return HexEncode(digest->substr(0, kChecksumSize));
}

std::string ShareBody(const ShareFile& f, std::string_view share_hex) {
  std::string body;
  body += std::string(kShareMagic) + ": " + std::string(kFormatVersion) + "\n";
  body += "data-dir-id: " + f.data_dir_id + "\n";
  body += "suite: " + std::string(SuiteName(f.suite)) + "\n";
  body += "threshold: " + std::to_string(f.threshold) + "\n";
  body += "custodians: " + std::to_string(f.custodians) + "\n";
  body += "share-number: " + std::to_string(f.share.number) + "\n";
  body += "share: " + std::string(share_hex) + "\n";
  return body;
}

Status EnsureSodium() {
  static std::once_flag once;
  static int rc = -1;
  std::call_once(once, [] { rc = sodium_init(); });
  if (rc < 0) return Fail(ErrorCode::kInternal, "libsodium could not initialise");
  return Ok();
}

// Argon2id(passphrase, salt) as an AEAD key of the suite's size.
Result<Secret> DeriveKey(const Secret& passphrase, std::string_view salt, Suite suite,
                         const KdfParams& kdf) {
  CV_RETURN_IF_ERROR(EnsureSodium());
  Secret key = Secret::Zeroed(AeadKeySize(suite));
  const std::string_view pw = passphrase.View(SecretAccess::Get());
  if (crypto_pwhash(key.Mutable(SecretAccess::Get()), key.size(), pw.empty() ? "" : pw.data(),
                    pw.size(), reinterpret_cast<const unsigned char*>(salt.data()), kdf.iterations,
                    kdf.memory_kib * 1024, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Fail(ErrorCode::kResourceExhausted, "Argon2id ran out of memory");
  }
  return key;
}

std::string SealedAd(std::string_view data_dir_id) {
  return std::string(kSealedMagic) + " " + std::string(kFormatVersion) + "|" +
         std::string(data_dir_id);
}

}  // namespace

Result<Secret> FormatShareFile(const ShareFile& file) {
  std::string share_hex = HexEncode(file.share.bytes.View(SecretAccess::Get()));
  std::string body = ShareBody(file, share_hex);
  SecureZero(share_hex.data(), share_hex.size());
  auto checksum = Checksum(body);
  if (!checksum) return std::unexpected(checksum.error());
  std::string text =
      "# CreditVault root key share " + std::to_string(file.share.number) + " of " +
      std::to_string(file.custodians) + " (any " + std::to_string(file.threshold) +
      " unseal). Keep it offline, apart from the data directory and the other shares.\n" + body +
      "checksum: " + *checksum + "\n";
  SecureZero(body.data(), body.size());
  Secret out(text);
  SecureZero(text.data(), text.size());
  return out;
}

namespace {

// The fields of a parsed share file, without checking the checksum.
Result<ShareFile> ShareFields(const KeyFile& kf, std::string& share_hex) {
  CV_ASSIGN_OR_RETURN(const std::string magic, kf.Get(kShareMagic));
  if (magic != kFormatVersion) {
    return Fail(ErrorCode::kMalformed, "unknown share file version " + magic);
  }
  ShareFile f;
  CV_ASSIGN_OR_RETURN(f.data_dir_id, kf.Get("data-dir-id"));
  CV_ASSIGN_OR_RETURN(const std::string suite_name, kf.Get("suite"));
  CV_ASSIGN_OR_RETURN(f.suite, ParseSuite(suite_name));
  CV_ASSIGN_OR_RETURN(f.threshold, kf.GetInt("threshold", 2, 255));
  CV_ASSIGN_OR_RETURN(f.custodians, kf.GetInt("custodians", 2, 255));
  CV_ASSIGN_OR_RETURN(const int number, kf.GetInt("share-number", 1, 255));
  if (f.threshold > f.custodians || number > f.custodians) {
    return Fail(ErrorCode::kMalformed, "inconsistent share numbers");
  }
  CV_ASSIGN_OR_RETURN(share_hex, kf.Get("share"));
  auto bytes = HexDecode(share_hex);
  if (!bytes) return Fail(ErrorCode::kMalformed, "share is not hex");
  f.share = Share{static_cast<std::uint8_t>(number), Secret(*bytes)};
  SecureZero(bytes->data(), bytes->size());
  return f;
}

}  // namespace

Result<ShareFile> ParseShareFile(const Secret& text, std::string_view origin) {
  auto in_file = [&](const Error& e) {
    return std::unexpected(Error(ErrorCode::kMalformed, e.message(),
                                 Position{std::string(origin), e.position().line, ""}));
  };
  auto kf = KeyFile::Parse(text.View(SecretAccess::Get()), origin,
                           {kShareMagic, "data-dir-id", "suite", "threshold", "custodians",
                            "share-number", "share", "checksum"});
  if (!kf) return std::unexpected(kf.error());
  std::string share_hex;
  auto file = ShareFields(*kf, share_hex);
  auto checksum = kf->Get("checksum");
  if (!file) return in_file(file.error());
  if (!checksum) return in_file(checksum.error());
  std::string body = ShareBody(*file, share_hex);
  SecureZero(share_hex.data(), share_hex.size());
  auto expected = Checksum(body);
  SecureZero(body.data(), body.size());
  if (!expected) return std::unexpected(expected.error());
  if (*expected != *checksum) {
    return in_file(
        Error(ErrorCode::kMalformed, "checksum mismatch: the share file is damaged or mistyped"));
  }
  return file;
}

Result<std::string> SealWithPassphrase(const Secret& root, const Secret& passphrase, Suite suite,
                                       std::string_view data_dir_id, const KdfParams& kdf) {
  if (passphrase.size() < kMinPassphraseBytes) {
    return Fail(ErrorCode::kInvalidArgument,
                "passphrase must be at least " + std::to_string(kMinPassphraseBytes) + " bytes");
  }
  if (kdf.memory_kib < kMinKdfMemoryKib || kdf.iterations < 2) {
    return Fail(ErrorCode::kInvalidArgument, "Argon2id cost below the floor (t >= 2, m >= 19 MiB)");
  }
  auto salt = RandomString(kSaltSize);
  if (!salt) return std::unexpected(salt.error());
  auto key = DeriveKey(passphrase, *salt, suite, kdf);
  if (!key) return std::unexpected(key.error());
  auto aead = NewAead(suite, *key);
  if (!aead) return std::unexpected(aead.error());
  auto sealed = (*aead)->Encrypt(root.View(SecretAccess::Get()), SealedAd(data_dir_id));
  if (!sealed) return std::unexpected(sealed.error());
  return "# CreditVault sealed root key (passphrase mode). Useless without the passphrase.\n" +
         std::string(kSealedMagic) + ": " + std::string(kFormatVersion) + "\n" +
         "data-dir-id: " + std::string(data_dir_id) + "\n" +
         "suite: " + std::string(SuiteName(suite)) + "\n" + "kdf: argon2id\n" +
         "kdf-iterations: " + std::to_string(kdf.iterations) + "\n" +
         "kdf-memory-kib: " + std::to_string(kdf.memory_kib) + "\n" + "salt: " + HexEncode(*salt) +
         "\n" + "sealed: " + HexEncode(*sealed) + "\n";
}

Result<Secret> UnsealWithPassphrase(std::string_view file_text, const Secret& passphrase,
                                    std::string_view data_dir_id) {
  auto kf = KeyFile::Parse(file_text, "root.sealed",
                           {kSealedMagic, "data-dir-id", "suite", "kdf", "kdf-iterations",
                            "kdf-memory-kib", "salt", "sealed"});
  if (!kf) return std::unexpected(kf.error());
  auto magic = kf->Get(kSealedMagic);
  auto suite_name = kf->Get("suite");
  auto kdf_name = kf->Get("kdf");
  auto iterations = kf->GetInt("kdf-iterations", 1, 1 << 20);
  auto memory = kf->GetInt("kdf-memory-kib", 8, 1 << 30);
  auto salt_hex = kf->Get("salt");
  auto sealed_hex = kf->Get("sealed");
  if (!magic || *magic != kFormatVersion || !suite_name || !kdf_name || *kdf_name != "argon2id" ||
      !iterations || !memory || !salt_hex || !sealed_hex) {
    return Fail(ErrorCode::kMalformed, "root.sealed is not a v1 sealed-root file");
  }
  auto suite = ParseSuite(*suite_name);
  auto salt = HexDecode(*salt_hex);
  auto sealed = HexDecode(*sealed_hex);
  if (!suite || !salt || salt->size() != kSaltSize || !sealed) {
    return Fail(ErrorCode::kMalformed, "root.sealed has a bad suite, salt or sealed value");
  }
  KdfParams kdf{static_cast<std::uint64_t>(*iterations), static_cast<std::uint64_t>(*memory)};
  auto key = DeriveKey(passphrase, *salt, *suite, kdf);
  if (!key) return std::unexpected(key.error());
  auto aead = NewAead(*suite, *key);
  if (!aead) return std::unexpected(aead.error());
  auto root = (*aead)->DecryptSecret(*sealed, SealedAd(data_dir_id));
  if (!root) {
    return Fail(ErrorCode::kPermissionDenied, "passphrase does not unseal this data directory");
  }
  return std::move(*root);
}

}  // namespace cv::crypto::keyring
