// The hardened TLS server context and the mutual-TLS client identity (SEC-1).
#include "server/tls.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <utility>
#include <vector>

#include "common/file.h"
#include "common/secret.h"
#include "server/internal/tls_files.h"
#include "server/internal/x509.h"

namespace cv::server {
namespace {

using internal::PkeyPtr;
using internal::SslCtxPtr;
using internal::SslError;
using internal::X509Ptr;

// Session resumption needs an id context once clients are verified (SSL_CTX_set_verify(3)).
constexpr unsigned char kSessionIdContext[] = "cvault";
constexpr int kClientChainDepth = 4;

// Invariant 1 of tls.h. Options:
// - NO_RENEGOTIATION: renegotiation is a DoS lever and has had attacks (CVE-2009-3555,
//   CVE-2011-1473); no client of ours needs it.
// - NO_COMPRESSION: CRIME (compressed TLS leaks secrets such as session cookies).
// - CIPHER_SERVER_PREFERENCE: our order (AES-256-GCM first) wins over a client's weaker choice.
// - NO_TICKET: stateless session tickets are encrypted under a process-wide key that OpenSSL
//   never rotates, so stealing it would decrypt every recorded session resumed with it and
//   defeat ECDHE's forward secrecy. With the option TLS 1.2 resumes from the server's session-id
//   cache and TLS 1.3 issues stateful tickets (SSL_CTX_set_options(3)): resumption still works,
//   and its state dies with the process.
Status ApplyProtocolPolicy(SSL_CTX* ctx) {
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_max_proto_version(ctx, 0) != 1) {
    return std::unexpected(internal::SslError("TLS protocol versions"));
  }
  if (SSL_CTX_set_cipher_list(ctx, kTls12Ciphers) != 1 ||
      SSL_CTX_set_ciphersuites(ctx, kTls13Ciphersuites) != 1) {
    return std::unexpected(internal::SslError("TLS cipher suites"));
  }
  SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION |
                               SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_TICKET);
  if (SSL_CTX_set_session_id_context(ctx, kSessionIdContext, sizeof(kSessionIdContext) - 1) != 1) {
    return std::unexpected(internal::SslError("TLS session id context"));
  }
  return Ok();
}

Status UseCertificateAndKey(SSL_CTX* ctx, const TlsFiles& files) {
  CV_ASSIGN_OR_RETURN(std::vector<X509Ptr> chain, internal::LoadCertificates(files.cert_pem));
  CV_ASSIGN_OR_RETURN(PkeyPtr key, internal::LoadPrivateKey(files.key_pem));
  if (SSL_CTX_use_certificate(ctx, chain.front().get()) != 1) {
    return std::unexpected(SslError("cannot use certificate " + files.cert_pem));
  }
  for (std::size_t i = 1; i < chain.size(); ++i) {
    if (SSL_CTX_add1_chain_cert(ctx, chain[i].get()) != 1) {
      return std::unexpected(SslError("cannot use chain certificate in " + files.cert_pem));
    }
  }
  if (SSL_CTX_use_PrivateKey(ctx, key.get()) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
    ERR_clear_error();
    return Fail(ErrorCode::kInvalidArgument,
                "private key " + files.key_pem + " does not match certificate " + files.cert_pem);
  }
  return Ok();
}

// Requests a client certificate, verified against the CAs of `ca_path` when sent; sending none is
// allowed (no SSL_VERIFY_FAIL_IF_NO_PEER_CERT) because password login stays possible.
Status RequestClientCertificates(SSL_CTX* ctx, const std::string& ca_path) {
  CV_ASSIGN_OR_RETURN(std::vector<X509Ptr> cas, internal::LoadCertificates(ca_path));
  X509_STORE* store = SSL_CTX_get_cert_store(ctx);
  for (const X509Ptr& ca : cas) {
    if (X509_STORE_add_cert(store, ca.get()) != 1 || SSL_CTX_add_client_CA(ctx, ca.get()) != 1) {
      return std::unexpected(SslError("cannot use client CA " + ca_path));
    }
  }
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  SSL_CTX_set_verify_depth(ctx, kClientChainDepth);
  return Ok();
}

}  // namespace

Result<std::unique_ptr<boost::asio::ssl::context>> MakeServerTlsContext(const TlsFiles& files) {
  SslCtxPtr ctx(SSL_CTX_new(TLS_server_method()));
  if (!ctx) return std::unexpected(SslError("SSL_CTX_new"));
  CV_RETURN_IF_ERROR(ApplyProtocolPolicy(ctx.get()));
  CV_RETURN_IF_ERROR(UseCertificateAndKey(ctx.get(), files));
  if (!files.client_ca_pem.empty()) {
    CV_RETURN_IF_ERROR(RequestClientCertificates(ctx.get(), files.client_ca_pem));
  }
  // The asio context takes ownership of the SSL_CTX (and frees it); it throws only on null.
  return std::make_unique<boost::asio::ssl::context>(ctx.release());
}

Result<std::string> ClientCertificateSubjectCn(const SSL* ssl) {
  if ((SSL_get_verify_mode(ssl) & SSL_VERIFY_PEER) == 0) return std::string();
  X509* peer = SSL_get0_peer_certificate(ssl);
  if (peer == nullptr) return std::string();
  // Defence in depth: with SSL_VERIFY_PEER a failed verification already ends the handshake.
  if (SSL_get_verify_result(ssl) != X509_V_OK) {
    return Fail(ErrorCode::kUnauthenticated, "client certificate not verified");
  }
  const X509_NAME* subject = X509_get_subject_name(peer);
  int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (index < 0 || X509_NAME_get_index_by_NID(subject, NID_commonName, index) >= 0) {
    return Fail(ErrorCode::kUnauthenticated, "client certificate needs exactly one subject CN");
  }
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
  unsigned char* utf8 = nullptr;
  int length = ASN1_STRING_to_UTF8(&utf8, data);
  if (length < 0)
    return std::unexpected(SslError("client certificate CN", ErrorCode::kUnauthenticated));
  std::string cn(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
  OPENSSL_free(utf8);
  // An embedded NUL would let "bank\0.evil" pass as "bank" in C-string comparisons.
  if (cn.empty() || cn.find('\0') != std::string::npos) {
    return Fail(ErrorCode::kUnauthenticated, "client certificate CN is empty or has a NUL");
  }
  return cn;
}

}  // namespace cv::server
