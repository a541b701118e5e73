// The provider-specific constructors behind the public factories (aead.h, mac.h, hasher.h,
// signer.h). Each backend file is named for its provider, as Tink's.
#ifndef CV_CRYPTO_INTERNAL_BACKENDS_H_
#define CV_CRYPTO_INTERNAL_BACKENDS_H_

#include <memory>

#include "common/result.h"
#include "common/secret.h"
#include "crypto/aead.h"

namespace cv::crypto::internal {

// SM4-GCM (GB/T 32907 + NIST SP 800-38D) on libgcrypt. REQUIRES: 16-byte key.
Result<std::unique_ptr<Aead>> NewSm4GcmGcrypt(const Secret& key);

// AES-256-GCM on OpenSSL. REQUIRES: 32-byte key.
Result<std::unique_ptr<Aead>> NewAesGcmOpenssl(const Secret& key);

}  // namespace cv::crypto::internal

#endif  // CV_CRYPTO_INTERNAL_BACKENDS_H_
