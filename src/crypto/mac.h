// Mac: a keyed message authentication code, HMAC-SM3 or HMAC-SHA256 (RFC 2104). Also the keyed
// hash behind blind indexes and audit-field hashing (CRY-3, AUD-3).
//
// Thread-safety: immutable; safe to share (prepared contexts are pooled).
#ifndef CV_CRYPTO_MAC_H_
#define CV_CRYPTO_MAC_H_

#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/secret.h"
#include "crypto/suite.h"

namespace cv::crypto {

class Mac {
 public:
  virtual ~Mac() = default;

  // The tag of `data` (kDigestSize bytes).
  [[nodiscard]] virtual Result<std::string> Compute(std::string_view data) const = 0;

  // Ok when `tag` is the tag of `data`, compared in constant time; otherwise the one generic
  // kPermissionDenied "MAC verification failed".
  [[nodiscard]] Status Verify(std::string_view tag, std::string_view data) const;
};

// gm: HMAC-SM3; intl: HMAC-SHA256, both on OpenSSL. REQUIRES: key of at least 16 bytes
// (kInvalidArgument otherwise); keys made by the keyring have kMacKeySize bytes.
[[nodiscard]] Result<std::unique_ptr<Mac>> NewMac(Suite suite, const Secret& key);

}  // namespace cv::crypto

#endif  // CV_CRYPTO_MAC_H_
