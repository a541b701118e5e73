// libgcrypt initialisation.
#include "crypto/internal/gcrypt_util.h"

#include <mutex>

namespace cv::crypto::internal {
namespace {

constexpr const char* kMinGcryptVersion = "1.10.0";

bool InitialiseOnce() {
  if (gcry_check_version(kMinGcryptVersion) == nullptr) return false;
  gcry_control(GCRYCTL_DISABLE_SECMEM, 0);
  gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
  return true;
}

}  // namespace

Status EnsureGcrypt() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] { ok = InitialiseOnce(); });
  if (!ok) {
    return Fail(ErrorCode::kInternal,
                std::string("libgcrypt older than ") + kMinGcryptVersion + " or not initialisable");
  }
  return Ok();
}

Error GcryptError(const std::string& what, gcry_error_t err) {
  return Error(ErrorCode::kInternal, what + ": " + gcry_strerror(err));
}

}  // namespace cv::crypto::internal
