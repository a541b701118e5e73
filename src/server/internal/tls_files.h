// Reading the server's PEM files: certificates and the private key, with errors naming the file.
//
// Thread-safety: free functions without shared state.
#ifndef CV_SERVER_INTERNAL_TLS_FILES_H_
#define CV_SERVER_INTERNAL_TLS_FILES_H_

#include <string>
#include <vector>

#include "common/result.h"
#include "server/internal/x509.h"

namespace cv::server::internal {

// Certificates and keys are small; a larger file is not one of ours.
inline constexpr std::size_t kMaxPemBytes = 1 << 20;

// All certificates of the PEM file `path` (at least one).
Result<std::vector<X509Ptr>> LoadCertificates(const std::string& path);

// The unencrypted private key of the PEM file `path`; the file's bytes are wiped after parsing.
Result<PkeyPtr> LoadPrivateKey(const std::string& path);

}  // namespace cv::server::internal

#endif  // CV_SERVER_INTERNAL_TLS_FILES_H_
