// X.509 helpers for the server's TLS setup: owning pointers, PEM parsing and writing, EC P-256
// keys, certificate issuance and SHA-256 fingerprints.
//
// Thread-safety: free functions without shared state; safe to call from any thread.
// Invariant: error messages name the file or the step and OpenSSL's reason, never key bytes.
// ARCHITECTURE says only crypto/ includes OpenSSL; TLS termination is the exception the server
// needs (Boost.Asio's ssl::context is an OpenSSL SSL_CTX), kept to src/server/tls*.cc and here.
#ifndef CV_SERVER_INTERNAL_X509_H_
#define CV_SERVER_INTERNAL_X509_H_

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "common/secret.h"

namespace cv::server::internal {

template <typename T, void (*Free)(T*)>
struct SslDeleter {
  void operator()(T* p) const { Free(p); }
};
template <typename T, void (*Free)(T*)>
using SslPtr = std::unique_ptr<T, SslDeleter<T, Free>>;

using BioPtr = SslPtr<BIO, BIO_free_all>;
using PkeyPtr = SslPtr<EVP_PKEY, EVP_PKEY_free>;
using X509Ptr = SslPtr<X509, X509_free>;
using SslCtxPtr = SslPtr<SSL_CTX, SSL_CTX_free>;
using SslConnPtr = SslPtr<SSL, SSL_free>;

// An Error (`code`) whose message is `what` followed by the OpenSSL error queue's reasons; the
// queue is cleared. OpenSSL reasons never contain key bytes.
Error SslError(const std::string& what, ErrorCode code = ErrorCode::kInternal);

// All certificates in the PEM text `pem` (at least one), in file order.
// `name` (a path) is used only in error messages.
Result<std::vector<X509Ptr>> ParseCertificates(std::string_view pem, const std::string& name);

// The single unencrypted private key in the PEM text `pem`. Encrypted keys are refused
// (kUnsupported) rather than prompting on a terminal.
Result<PkeyPtr> ParsePrivateKey(const Secret& pem, const std::string& name);

// A fresh EC P-256 key pair.
Result<PkeyPtr> GenerateP256Key();

// What an issued certificate says about its subject.
struct CertificateSpec {
  std::string common_name;
  std::vector<std::string> dns_names;     // subjectAltName DNS entries
  std::vector<std::string> ip_addresses;  // subjectAltName IP entries
  bool is_ca = false;                     // basicConstraints CA:TRUE, keyUsage keyCertSign,cRLSign
  bool server_auth = true;                // extendedKeyUsage serverAuth (else clientAuth)
  std::chrono::hours validity = std::chrono::hours(24 * 365);
};

// An X.509 v3 certificate for `subject_key` signed with ECDSA/SHA-256 by `issuer_key`, issued by
// `issuer` or self-signed when `issuer` is null. Serial: 128 random bits; notBefore = now.
Result<X509Ptr> IssueCertificate(const CertificateSpec& spec, EVP_PKEY* subject_key,
                                 const X509* issuer, EVP_PKEY* issuer_key, const Clock& clock);

// PEM encodings. The key's PEM is unencrypted PKCS#8 and lives in zeroizing memory.
Result<std::string> CertificateToPem(X509* cert);
Result<Secret> PrivateKeyToPem(EVP_PKEY* key);

// SHA-256 of the DER certificate as upper-case hex bytes joined by ':' (what
// `openssl x509 -noout -fingerprint -sha256` prints after "=").
Result<std::string> FingerprintSha256(const X509* cert);

}  // namespace cv::server::internal

#endif  // CV_SERVER_INTERNAL_X509_H_
