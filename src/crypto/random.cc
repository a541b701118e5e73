// Random bytes over RAND_bytes.
#include "crypto/random.h"

#include <openssl/rand.h>

#include <climits>

#include "crypto/internal/openssl_util.h"

namespace cv::crypto {

Status RandomBytes(std::span<std::uint8_t> out) {
  if (out.empty()) return Ok();
  if (out.size() > INT_MAX) return Fail(ErrorCode::kInvalidArgument, "random request too large");
  if (RAND_bytes(out.data(), static_cast<int>(out.size())) != 1) {
    return std::unexpected(internal::OpensslError("RAND_bytes failed"));
  }
  return Ok();
}

Result<Secret> RandomKey(std::size_t size) {
  Secret key = Secret::Zeroed(size);
  CV_RETURN_IF_ERROR(RandomBytes({key.Mutable(SecretAccess::Get()), size}));
  return key;
}

Result<std::string> RandomString(std::size_t size) {
  std::string bytes(size, '\0');
  CV_RETURN_IF_ERROR(RandomBytes({reinterpret_cast<std::uint8_t*>(bytes.data()), size}));
  return bytes;
}

}  // namespace cv::crypto
