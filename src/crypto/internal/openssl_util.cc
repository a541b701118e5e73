// OpenSSL error queue → Error.
#include "crypto/internal/openssl_util.h"

#include <openssl/err.h>

namespace cv::crypto::internal {

Error OpensslError(const std::string& what, ErrorCode code) {
  std::string message = what;
  char buffer[256];
  for (unsigned long e = ERR_get_error(); e != 0; e = ERR_get_error()) {
    ERR_error_string_n(e, buffer, sizeof(buffer));
    message += message == what ? ": " : "; ";
    message += buffer;
  }
  return Error(code, message);
}

void ClearOpensslErrors() { ERR_clear_error(); }

}  // namespace cv::crypto::internal
