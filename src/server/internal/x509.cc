// X.509 helpers: PEM parsing and writing, P-256 keys, certificate issuance, fingerprints.
#include "server/internal/x509.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <climits>
#include <cstdio>
#include <ctime>

namespace cv::server::internal {
namespace {

// Never prompt on a terminal for a key passphrase; an encrypted key simply fails to load.
int NoPassphrase(char*, int, int, void*) { return -1; }

Result<BioPtr> MemoryBio(const void* data, std::size_t size, const std::string& name) {
  if (size > static_cast<std::size_t>(INT_MAX)) {
    return Fail(ErrorCode::kResourceExhausted, name + " is too large");
  }
  BioPtr bio(BIO_new_mem_buf(data, static_cast<int>(size)));
  if (!bio) return std::unexpected(SslError("BIO_new_mem_buf"));
  return bio;
}

// True when the last error on the queue is "no more PEM blocks", which ends a read loop.
bool AtEndOfPem() {
  unsigned long e = ERR_peek_last_error();
  return ERR_GET_LIB(e) == ERR_LIB_PEM && ERR_GET_REASON(e) == PEM_R_NO_START_LINE;
}

Status AddExtension(X509* cert, X509V3_CTX* ctx, int nid, const std::string& value) {
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value.c_str());
  if (ext == nullptr) return std::unexpected(SslError("X509 extension " + value));
  int ok = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  if (ok != 1) return std::unexpected(SslError("X509_add_ext"));
  return Ok();
}

// RFC 5280 4.1.2.2: a positive serial of at most 20 octets; 128 random bits, never zero.
Status SetRandomSerial(X509* cert) {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) return std::unexpected(SslError("RAND_bytes"));
  SslPtr<BIGNUM, BN_free> bn(BN_bin2bn(bytes, sizeof(bytes), nullptr));
  if (!bn) return std::unexpected(SslError("BN_bin2bn"));
  if (BN_is_zero(bn.get())) BN_one(bn.get());
  if (BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)) == nullptr) {
    return std::unexpected(SslError("BN_to_ASN1_INTEGER"));
  }
  return Ok();
}

Status SetValidity(X509* cert, std::chrono::hours validity, const Clock& clock) {
  std::time_t now = std::chrono::system_clock::to_time_t(clock.Now());
  long seconds = static_cast<long>(std::chrono::seconds(validity).count());
  if (X509_time_adj_ex(X509_getm_notBefore(cert), 0, 0, &now) == nullptr ||
      X509_time_adj_ex(X509_getm_notAfter(cert), 0, seconds, &now) == nullptr) {
    return std::unexpected(SslError("X509 validity"));
  }
  return Ok();
}

std::string SubjectAltNames(const CertificateSpec& spec) {
  std::string san;
  for (const auto& dns : spec.dns_names) san += (san.empty() ? "DNS:" : ",DNS:") + dns;
  for (const auto& ip : spec.ip_addresses) san += (san.empty() ? "IP:" : ",IP:") + ip;
  return san;
}

Status AddExtensions(const CertificateSpec& spec, X509* cert, X509* issuer) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer != nullptr ? issuer : cert, cert, nullptr, nullptr, 0);
  CV_RETURN_IF_ERROR(AddExtension(cert, &ctx, NID_basic_constraints,
                                  spec.is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE"));
  CV_RETURN_IF_ERROR(
      AddExtension(cert, &ctx, NID_key_usage,
                   spec.is_ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature"));
  if (!spec.is_ca) {
    CV_RETURN_IF_ERROR(AddExtension(cert, &ctx, NID_ext_key_usage,
                                    spec.server_auth ? "serverAuth" : "clientAuth"));
  }
  CV_RETURN_IF_ERROR(AddExtension(cert, &ctx, NID_subject_key_identifier, "hash"));
  CV_RETURN_IF_ERROR(AddExtension(cert, &ctx, NID_authority_key_identifier, "keyid"));
  std::string san = SubjectAltNames(spec);
  if (!san.empty()) CV_RETURN_IF_ERROR(AddExtension(cert, &ctx, NID_subject_alt_name, san));
  return Ok();
}

}  // namespace

Error SslError(const std::string& what, ErrorCode code) {
  std::string message = what;
  char buffer[256];
  for (unsigned long e = ERR_get_error(); e != 0; e = ERR_get_error()) {
    ERR_error_string_n(e, buffer, sizeof(buffer));
    message += message == what ? ": " : "; ";
    message += buffer;
  }
  return Error(code, message);
}

Result<std::vector<X509Ptr>> ParseCertificates(std::string_view pem, const std::string& name) {
  CV_ASSIGN_OR_RETURN(BioPtr bio, MemoryBio(pem.data(), pem.size(), name));
  std::vector<X509Ptr> certs;
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    certs.emplace_back(cert);
  }
  if (certs.empty() || !AtEndOfPem()) {
    return std::unexpected(SslError("no valid PEM certificate in " + name, ErrorCode::kMalformed));
  }
  ERR_clear_error();
  return certs;
}

Result<PkeyPtr> ParsePrivateKey(const Secret& pem, const std::string& name) {
  CV_ASSIGN_OR_RETURN(BioPtr bio, MemoryBio(pem.data(SecretAccess::Get()), pem.size(), name));
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
  if (key) return key;
  if (pem.View(SecretAccess::Get()).find("ENCRYPTED") != std::string_view::npos) {
    ERR_clear_error();
    return Fail(ErrorCode::kUnsupported,
                "private key " + name + " is encrypted; give the server an unencrypted key file");
  }
  return std::unexpected(SslError("no valid PEM private key in " + name, ErrorCode::kMalformed));
}

Result<PkeyPtr> GenerateP256Key() {
  PkeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return std::unexpected(SslError("EC P-256 key generation"));
  return key;
}

Result<X509Ptr> IssueCertificate(const CertificateSpec& spec, EVP_PKEY* subject_key,
                                 const X509* issuer, EVP_PKEY* issuer_key, const Clock& clock) {
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1) {
    return std::unexpected(SslError("X509_new"));
  }
  CV_RETURN_IF_ERROR(SetRandomSerial(cert.get()));
  CV_RETURN_IF_ERROR(SetValidity(cert.get(), spec.validity, clock));
  X509_NAME* subject = X509_get_subject_name(cert.get());
  const auto* cn = reinterpret_cast<const unsigned char*>(spec.common_name.c_str());
  if (X509_set_pubkey(cert.get(), subject_key) != 1 ||
      X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8, cn, -1, -1, 0) != 1 ||
      X509_set_issuer_name(cert.get(),
                           issuer != nullptr ? X509_get_subject_name(issuer) : subject) != 1) {
    return std::unexpected(SslError("X509 subject"));
  }
  CV_RETURN_IF_ERROR(AddExtensions(spec, cert.get(), const_cast<X509*>(issuer)));
  if (X509_sign(cert.get(), issuer_key, EVP_sha256()) <= 0) {
    return std::unexpected(SslError("X509_sign"));
  }
  return cert;
}

Result<std::string> CertificateToPem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) {
    return std::unexpected(SslError("PEM_write_bio_X509"));
  }
  BUF_MEM* mem = nullptr;
  BIO_get_mem_ptr(bio.get(), &mem);
  return std::string(mem->data, mem->length);
}

Result<Secret> PrivateKeyToPem(EVP_PKEY* key) {
  // The memory BIO's buffer is cleansed when freed (BUF_MEM_free uses OPENSSL_clear_free).
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return std::unexpected(SslError("PEM_write_bio_PrivateKey"));
  }
  BUF_MEM* mem = nullptr;
  BIO_get_mem_ptr(bio.get(), &mem);
  return Secret(std::string_view(mem->data, mem->length));
}

Result<std::string> FingerprintSha256(const X509* cert) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(cert, EVP_sha256(), md, &length) != 1) {
    return std::unexpected(SslError("X509_digest"));
  }
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(byte, sizeof(byte), "%02X", md[i]);
    if (i != 0) hex += ':';
    hex += byte;
  }
  return hex;
}

}  // namespace cv::server::internal
