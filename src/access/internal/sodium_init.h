// Initialises libsodium once for the access module (crypto_pwhash).
//
// Thread-safety: thread-safe.
#ifndef CV_ACCESS_INTERNAL_SODIUM_INIT_H_
#define CV_ACCESS_INTERNAL_SODIUM_INIT_H_

#include "common/result.h"

namespace cv::access::internal {

// kInternal when sodium_init() failed; every later call returns the same answer.
[[nodiscard]] Status EnsureSodium();

}  // namespace cv::access::internal

#endif  // CV_ACCESS_INTERNAL_SODIUM_INIT_H_
