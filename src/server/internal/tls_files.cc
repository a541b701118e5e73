// Reading the server's PEM files.
#include "server/internal/tls_files.h"

#include <utility>

#include "common/file.h"
#include "common/secret.h"

namespace cv::server::internal {

Result<std::vector<X509Ptr>> LoadCertificates(const std::string& path) {
  CV_ASSIGN_OR_RETURN(std::string pem, ReadSmallFile(path, kMaxPemBytes));
  return ParseCertificates(pem, path);
}

Result<PkeyPtr> LoadPrivateKey(const std::string& path) {
  CV_ASSIGN_OR_RETURN(std::string pem, ReadSmallFile(path, kMaxPemBytes));
  Secret secret(pem);
  SecureZero(pem.data(), pem.size());
  return ParsePrivateKey(secret, path);
}

}  // namespace cv::server::internal
