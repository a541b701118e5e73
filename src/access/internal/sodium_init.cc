// libsodium initialisation, once per process.
#include "access/internal/sodium_init.h"

#include <sodium.h>

#include <mutex>

namespace cv::access::internal {

Status EnsureSodium() {
  static std::once_flag once;
  static int rc = -1;
  std::call_once(once, [] { rc = sodium_init(); });
  if (rc < 0) return Fail(ErrorCode::kInternal, "libsodium could not initialise");
  return Ok();
}

}  // namespace cv::access::internal
