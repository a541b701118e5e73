// How the root key is kept sealed outside the process (CRY-3): custodian share files (k of n,
// each file carries the data directory's id and a checksum) or one passphrase-sealed file
// (Argon2id, RFC 9106). File formats are in docs/crypto.md. DO NOT CHANGE: files are stored.
//
// Thread-safety: free functions without shared state.
#ifndef CV_CRYPTO_KEYRING_SEALING_H_
#define CV_CRYPTO_KEYRING_SEALING_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/hex.h"
#include "common/result.h"
#include "common/secret.h"
#include "crypto/keyring/shamir.h"
#include "crypto/suite.h"

namespace cv::crypto::keyring {

// A share file's content.
struct ShareFile {
  std::string data_dir_id;  // hex; the init this share belongs to
  Suite suite = Suite::kGm;
  int threshold = 0;
  int custodians = 0;
  Share share;
};

// The file text (it holds the share, so it is a Secret).
[[nodiscard]] Result<Secret> FormatShareFile(const ShareFile& file);

// Parses a share file. kMalformed (naming `origin` and the line) for a bad line, an unknown or
// missing field, or a checksum that does not match (a damaged or mistyped share).
[[nodiscard]] Result<ShareFile> ParseShareFile(const Secret& text, std::string_view origin);

// Argon2id cost. Defaults follow RFC 9106 section 4's second recommended option (t=3, m=64 MiB).
struct KdfParams {
  std::uint64_t iterations = 3;
  std::uint64_t memory_kib = 64 * 1024;
};
inline constexpr std::uint64_t kMinKdfMemoryKib = 19 * 1024;  // OWASP's Argon2id floor.
inline constexpr std::size_t kMinPassphraseBytes = 12;

// The sealed-root file text: the root encrypted under Argon2id(passphrase, random salt).
// kInvalidArgument for a passphrase shorter than kMinPassphraseBytes or a weaker KDF than the
// floor.
[[nodiscard]] Result<std::string> SealWithPassphrase(const Secret& root, const Secret& passphrase,
                                                     Suite suite, std::string_view data_dir_id,
                                                     const KdfParams& kdf);

// The root from a sealed-root file. A wrong passphrase (or a file of another data directory)
// fails with kPermissionDenied "passphrase does not unseal this data directory".
[[nodiscard]] Result<Secret> UnsealWithPassphrase(std::string_view file_text,
                                                  const Secret& passphrase,
                                                  std::string_view data_dir_id);

// Hex helpers shared by the key files: the common lower-case ones (common/hex.h).
using cv::HexEncode;
[[nodiscard]] inline Result<std::string> HexDecode(std::string_view hex) {
  return HexDecodeLower(hex);
}

}  // namespace cv::crypto::keyring

#endif  // CV_CRYPTO_KEYRING_SEALING_H_
