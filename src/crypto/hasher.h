// Hasher: a collision-resistant digest, SM3 (GB/T 32905) or SHA-256 (FIPS 180-4).
//
// Thread-safety: immutable; safe to share.
#ifndef CV_CRYPTO_HASHER_H_
#define CV_CRYPTO_HASHER_H_

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "crypto/suite.h"

namespace cv::crypto {

class Hasher {
 public:
  virtual ~Hasher() = default;

  // The digest of `data` (kDigestSize bytes).
  [[nodiscard]] virtual Result<std::string> Hash(std::string_view data) const = 0;
  // The digest of the concatenation of `parts`, without building it.
  [[nodiscard]] virtual Result<std::string> HashParts(
      std::initializer_list<std::string_view> parts) const = 0;

  virtual std::string_view name() const = 0;  // "SM3" or "SHA256"
};

// gm: SM3; intl: SHA-256. Both on OpenSSL.
[[nodiscard]] Result<std::unique_ptr<Hasher>> NewHasher(Suite suite);

}  // namespace cv::crypto

#endif  // CV_CRYPTO_HASHER_H_
