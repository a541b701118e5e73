// The self-signed certificate a fresh installation serves until the operator installs one.
#include <openssl/err.h>
#include <sys/stat.h>

#include "common/file.h"
#include "server/internal/tls_files.h"
#include "server/internal/x509.h"
#include "server/tls.h"

namespace cv::server {
namespace {

using internal::PkeyPtr;
using internal::X509Ptr;

bool Exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

internal::CertificateSpec LocalhostSpec() {
  internal::CertificateSpec spec;
  spec.common_name = "localhost";
  spec.dns_names = {"localhost"};
  spec.ip_addresses = {"127.0.0.1"};
  spec.server_auth = true;
  spec.validity = std::chrono::hours(24 * 365);
  return spec;
}

// Order: the key first, then the certificate, each atomically. A crash in between leaves a key
// without a certificate, which the next start reports rather than overwrites.
Status Generate(const SelfSigned& paths, const Clock& clock) {
  CV_ASSIGN_OR_RETURN(PkeyPtr key, internal::GenerateP256Key());
  CV_ASSIGN_OR_RETURN(X509Ptr cert, internal::IssueCertificate(LocalhostSpec(), key.get(), nullptr,
                                                               key.get(), clock));
  CV_ASSIGN_OR_RETURN(Secret key_pem, internal::PrivateKeyToPem(key.get()));
  CV_ASSIGN_OR_RETURN(std::string cert_pem, internal::CertificateToPem(cert.get()));
  CV_RETURN_IF_ERROR(WriteFileAtomic(paths.key_path, key_pem.View(SecretAccess::Get()), 0600));
  CV_RETURN_IF_ERROR(WriteFileAtomic(paths.cert_path, cert_pem, 0600));
  return Ok();
}

}  // namespace

Result<SelfSigned> EnsureSelfSignedCertificate(const std::string& dir, const Clock& clock) {
  const std::string tls_dir = dir + "/tls";
  SelfSigned result;
  result.cert_path = tls_dir + "/server.crt";
  result.key_path = tls_dir + "/server.key";
  bool have_cert = Exists(result.cert_path);
  bool have_key = Exists(result.key_path);
  if (have_cert != have_key) {
    return Fail(ErrorCode::kFailedPrecondition,
                "found " + (have_cert ? result.cert_path : result.key_path) + " but not " +
                    (have_cert ? result.key_path : result.cert_path) +
                    "; supply both files or remove the one present");
  }
  if (!have_cert) {
    CV_RETURN_IF_ERROR(CreateDirectories(tls_dir, 0700));
    CV_RETURN_IF_ERROR(Generate(result, clock));
    result.created = true;
  }
  // Loading through the server context proves the pair is usable and matches.
  CV_RETURN_IF_ERROR(MakeServerTlsContext({result.cert_path, result.key_path, ""}));
  CV_ASSIGN_OR_RETURN(result.fingerprint_sha256, CertificateFingerprintSha256(result.cert_path));
  return result;
}

Result<std::string> CertificateFingerprintSha256(const std::string& cert_pem_path) {
  CV_ASSIGN_OR_RETURN(std::vector<X509Ptr> certs, internal::LoadCertificates(cert_pem_path));
  return internal::FingerprintSha256(certs.front().get());
}

}  // namespace cv::server
