// TLS for the HTTPS server: the hardened server context, mutual-TLS identity, and the self-signed
// certificate a fresh installation starts with (REQUIREMENTS SEC-1; JR/T 0117 8.2).
//
// Thread-safety: free functions without shared state. The returned ssl::context is safe to share
// between connections once built (OpenSSL SSL_CTX rules); do not change it afterwards.
// Invariants:
//  1. Only TLS 1.2 and 1.3 are negotiated; TLS 1.2 suites are ECDHE + AEAD only, TLS 1.3 suites
//     are the AEAD defaults (SEC-1: "TLS 1.2 or newer only, strong AEAD suites").
//  2. Error messages name the file concerned and OpenSSL's reason, never key material.
#ifndef CV_SERVER_TLS_H_
#define CV_SERVER_TLS_H_

#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

#include "common/clock.h"
#include "common/result.h"

namespace cv::server {

// DO NOT CHANGE without a security review: SEC-1 cipher policy.
inline constexpr char kTls12Ciphers[] =
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
    "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256";
inline constexpr char kTls13Ciphersuites[] =
    "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256";

// Paths of the PEM files the server context is built from.
struct TlsFiles {
  std::string cert_pem;       // server certificate, then any intermediates (leaf first)
  std::string key_pem;        // its unencrypted private key
  std::string client_ca_pem;  // optional: CA(s) whose client certificates are accepted (mTLS)
};

// A server context per invariant 1 with the certificate chain and key of `files`.
// With `client_ca_pem` set, a client certificate is requested and, when one is sent, verified
// against those CAs (a bad one fails the handshake); a client may still send none, since
// password login stays possible (SEC-1: mutual TLS for bulk-query clients).
// Errors: kUnreadable for a missing or unreadable file, kMalformed for one that holds no
// certificate or key, kUnsupported for an encrypted key, kInvalidArgument when the key does not
// belong to the certificate; each names the file.
[[nodiscard]] Result<std::unique_ptr<boost::asio::ssl::context>> MakeServerTlsContext(
    const TlsFiles& files);

// The subject common name of the client certificate verified during the handshake of `ssl`,
// or "" when the client sent none or the context does not verify clients. The caller maps it to
// an institution.
// REQUIRES: the handshake of `ssl` has completed.
// Errors: kUnauthenticated when the certificate did not verify or has no single CN.
[[nodiscard]] Result<std::string> ClientCertificateSubjectCn(const SSL* ssl);

// The server's own certificate files under a data directory.
struct SelfSigned {
  std::string cert_path;           // <dir>/tls/server.crt
  std::string key_path;            // <dir>/tls/server.key
  std::string fingerprint_sha256;  // "AB:CD:..." as `openssl x509 -fingerprint -sha256`
  bool created = false;            // true when this call generated them
};

// Uses <dir>/tls/server.crt and server.key when both exist (checking that they match);
// otherwise creates <dir>/tls (0700), an EC P-256 key and a self-signed X.509 v3 certificate for
// CN=localhost (SAN DNS:localhost, IP:127.0.0.1; CA:FALSE; digitalSignature; serverAuth; random
// 128-bit serial; valid one year from `clock`), both written 0600 with WriteFileAtomic.
// Errors: kFailedPrecondition when only one of the two files exists (never overwritten), and
// those of MakeServerTlsContext and WriteFileAtomic.
[[nodiscard]] Result<SelfSigned> EnsureSelfSignedCertificate(
    const std::string& dir, const Clock& clock = SystemClock::Get());

// The SHA-256 fingerprint of the first certificate in the PEM file `cert_pem_path`.
[[nodiscard]] Result<std::string> CertificateFingerprintSha256(const std::string& cert_pem_path);

}  // namespace cv::server

#endif  // CV_SERVER_TLS_H_
