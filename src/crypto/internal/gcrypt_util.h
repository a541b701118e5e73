// libgcrypt initialisation and its errors as Error.
//
// libgcrypt must be initialised once per process before use; EnsureGcrypt() does it and is
// thread-safe (std::call_once).
#ifndef CV_CRYPTO_INTERNAL_GCRYPT_UTIL_H_
#define CV_CRYPTO_INTERNAL_GCRYPT_UTIL_H_

#include <gcrypt.h>

#include <string>

#include "common/result.h"

namespace cv::crypto::internal {

// Initialises libgcrypt (version check, no secure-memory pool: keys live in our own zeroized
// buffers). kInternal when the library is older than 1.10 (the first with SM4 bulk GCM paths).
Status EnsureGcrypt();

// `what: <gcry_strerror>`.
Error GcryptError(const std::string& what, gcry_error_t err);

}  // namespace cv::crypto::internal

#endif  // CV_CRYPTO_INTERNAL_GCRYPT_UTIL_H_
