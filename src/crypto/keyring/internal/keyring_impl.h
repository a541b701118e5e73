// The keyring's private state and the wrapping formats shared by its files.
#ifndef CV_CRYPTO_KEYRING_INTERNAL_KEYRING_IMPL_H_
#define CV_CRYPTO_KEYRING_INTERNAL_KEYRING_IMPL_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "common/clock.h"
#include "crypto/aead.h"
#include "crypto/keyring/keyring.h"
#include "crypto/mac.h"

namespace cv::crypto::keyring {

// DO NOT CHANGE: these names and formats are stored or authenticated.
inline constexpr std::uint8_t kFormatV1 = 1;
inline constexpr std::string_view kPurposeKek = "kek";
inline constexpr std::string_view kPurposeBlindIndex = "blind_index";
inline constexpr std::string_view kPurposeAuditHash = "audit_hash";
inline constexpr std::string_view kPurposeAuditSigning = "audit_signing";
inline constexpr std::string_view kPurposeTransport = "transport";  // issue #7, created lazily
inline constexpr std::string_view kRootCheckPlaintext = "cvault root check v1";
inline constexpr std::size_t kFieldHeaderSize = 11;   // format, suite, grade, key id (u64 BE)
inline constexpr std::size_t kWrappedHeaderSize = 7;  // format, suite, grade, KEK version (u32 BE)
inline constexpr std::size_t kDataKeyCacheSize = 4096;

inline constexpr KeyGrade kGrades[] = {KeyGrade::kC1, KeyGrade::kC2, KeyGrade::kC3};

// The meta table (data directory id, suite, seal mode, ...).
using Meta = std::map<std::string, std::string, std::less<>>;
Result<Meta> ReadMeta(store::Tx& tx);

struct Keyring::Impl {
  Suite suite = Suite::kGm;
  std::string data_dir_id;
  std::unique_ptr<Aead> root;
  std::unique_ptr<Mac> blind_index;
  std::unique_ptr<Mac> audit_hash;
  std::string ledger_path;
  const Clock* clock = nullptr;

  // The transport key pair (issue #7) and the wrapped row it was unwrapped from: a cached key is
  // used only while a caller's transaction still reads that same row.
  struct TransportKey {
    std::string wrapped;
    Secret private_der;      // PKCS#8
    std::string public_der;  // SubjectPublicKeyInfo
  };

  std::mutex mu;  // Guards everything below.
  std::shared_ptr<const TransportKey> transport;
  std::map<std::pair<KeyGrade, int>, std::shared_ptr<const Aead>> keks;
  std::map<KeyGrade, int> primary;
  // Unwrapped data keys by id; cleared wholesale when full (a simple bound, not an LRU).
  std::unordered_map<std::int64_t, std::shared_ptr<const Aead>> data_keys;

  std::shared_ptr<const Aead> Kek(KeyGrade grade, int version);
};

// The associated data binding a root-wrapped key to its data directory, purpose, grade, version.
std::string RootWrapAd(std::string_view data_dir_id, std::string_view purpose,
                       std::string_view grade, int version);
std::string RootCheckAd(std::string_view data_dir_id);

// Big-endian helpers for the binary headers.
void PutU32(std::string& out, std::uint32_t v);
void PutU64(std::string& out, std::uint64_t v);
std::uint32_t GetU32(std::string_view in);
std::uint64_t GetU64(std::string_view in);

// The wrapped form of a data key: header || KEK.Encrypt(key, header || "|" || subject).
Result<std::string> WrapDataKey(const Aead& kek, Suite suite, KeyGrade grade, int kek_version,
                                std::string_view subject, const Secret& key);
// The KEK version named in a wrapped data key's header; kMalformed if it has none.
Result<int> WrappedKekVersion(std::string_view wrapped);
Result<Secret> UnwrapDataKey(const Aead& kek, std::string_view wrapped, std::string_view subject);

// The destruction ledger (CRY-5), an append-only file of hash-chained lines.
struct LedgerEntry {
  std::string destroyed_at;
  std::int64_t key_id = 0;
  std::string grade;
  std::string subject;
};
Status AppendLedger(const std::string& path, const std::vector<LedgerEntry>& entries);
// All entries; kMalformed naming the line when the chain is broken (an edited ledger).
Result<std::vector<LedgerEntry>> ReadLedger(const std::string& path);

}  // namespace cv::crypto::keyring

#endif  // CV_CRYPTO_KEYRING_INTERNAL_KEYRING_IMPL_H_
