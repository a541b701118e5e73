// Tests of the TLS context (SEC-1) and the self-signed certificate, with in-memory handshakes.
#include "server/tls.h"

#include <gtest/gtest.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "common/file.h"
#include "common/testing/scoped_temp_dir.h"
#include "server/internal/tls_files.h"
#include "server/internal/x509.h"

namespace cv::server {
namespace {

using internal::PkeyPtr;
using internal::SslConnPtr;
using internal::SslCtxPtr;
using internal::X509Ptr;
using test::ModeOf;
using test::ScopedTempDir;

std::string RunCommand(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  char buffer[512];
  while (std::fgets(buffer, sizeof(buffer), pipe) != nullptr) output += buffer;
  ::pclose(pipe);
  return output;
}

SelfSigned MakeSelfSigned(const ScopedTempDir& dir) {
  Result<SelfSigned> made = EnsureSelfSignedCertificate(dir.path());
  EXPECT_TRUE(made.has_value()) << made.error().ToString();
  return made.value_or(SelfSigned{});
}

X509Ptr LoadCert(const std::string& path) {
  auto certs = internal::LoadCertificates(path);
  EXPECT_TRUE(certs.has_value());
  return certs ? std::move(certs->front()) : X509Ptr();
}

// What happened when a client and the server ran a handshake over a memory BIO pair.
struct Handshake {
  bool client_done = false;
  bool server_done = false;
  bool client_failed = false;
  bool server_failed = false;
  std::string server_error;  // the server's first OpenSSL reason, when it failed
  std::string version;       // negotiated, when both completed
  std::string cipher;
  Result<std::string> client_cn = std::string();
};

// One SSL_do_handshake step; returns true when `ssl` has settled (done or failed).
void Step(SSL* ssl, bool& done, bool& failed, std::string* error) {
  if (done || failed) return;
  int rc = SSL_do_handshake(ssl);
  if (rc == 1) {
    done = true;
    return;
  }
  int e = SSL_get_error(ssl, rc);
  if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) return;
  failed = true;
  if (error != nullptr) {
    char reason[256];
    ERR_error_string_n(ERR_peek_error(), reason, sizeof(reason));
    *error = reason;
  }
  ERR_clear_error();
}

Handshake RunHandshake(SSL_CTX* server_ctx, SSL_CTX* client_ctx) {
  Handshake h;
  SslConnPtr server(SSL_new(server_ctx));
  SslConnPtr client(SSL_new(client_ctx));
  BIO* server_bio = nullptr;
  BIO* client_bio = nullptr;
  if (!server || !client || BIO_new_bio_pair(&server_bio, 0, &client_bio, 0) != 1) {
    ADD_FAILURE() << "cannot set up the handshake";
    return h;
  }
  SSL_set_bio(server.get(), server_bio, server_bio);
  SSL_set_bio(client.get(), client_bio, client_bio);
  SSL_set_accept_state(server.get());
  SSL_set_connect_state(client.get());
  SSL_set1_host(client.get(), "localhost");
  for (int i = 0; i < 50; ++i) {
    Step(client.get(), h.client_done, h.client_failed, nullptr);
    Step(server.get(), h.server_done, h.server_failed, &h.server_error);
    if ((h.client_done || h.client_failed) && (h.server_done || h.server_failed)) break;
  }
  if (h.client_done && h.server_done) {
    h.version = SSL_get_version(server.get());
    h.cipher = SSL_get_cipher_name(server.get());
    h.client_cn = ClientCertificateSubjectCn(server.get());
  }
  return h;
}

// A client that trusts `server_cert` and checks the name "localhost", offering exactly `version`.
SslCtxPtr MakeClient(X509* server_cert, int version) {
  SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
  EXPECT_TRUE(ctx);
  X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx.get()), server_cert);
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
  SSL_CTX_set_min_proto_version(ctx.get(), version);
  SSL_CTX_set_max_proto_version(ctx.get(), version);
  return ctx;
}

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    self_ = MakeSelfSigned(dir_);
    auto ctx = MakeServerTlsContext({self_.cert_path, self_.key_path, ""});
    ASSERT_TRUE(ctx.has_value()) << ctx.error().ToString();
    server_ = std::move(*ctx);
    server_cert_ = LoadCert(self_.cert_path);
  }
  SSL_CTX* server() { return server_->native_handle(); }

  ScopedTempDir dir_;
  SelfSigned self_;
  std::unique_ptr<boost::asio::ssl::context> server_;
  X509Ptr server_cert_;
};

TEST(TlsCertTest, GeneratesPrivateKeyAndCertificate) {
  ScopedTempDir dir;
  SelfSigned self = MakeSelfSigned(dir);
  EXPECT_TRUE(self.created);
  EXPECT_EQ(self.cert_path, dir.path() + "/tls/server.crt");
  EXPECT_EQ(self.key_path, dir.path() + "/tls/server.key");
  EXPECT_EQ(ModeOf(self.cert_path), 0600);
  EXPECT_EQ(ModeOf(self.key_path), 0600);
  EXPECT_EQ(ModeOf(dir.path() + "/tls"), 0700);
  EXPECT_EQ(self.fingerprint_sha256.size(), 32u * 3 - 1);
}

TEST(TlsCertTest, ReloadKeepsTheSameCertificate) {
  ScopedTempDir dir;
  SelfSigned first = MakeSelfSigned(dir);
  SelfSigned second = MakeSelfSigned(dir);
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.fingerprint_sha256, first.fingerprint_sha256);
}

TEST(TlsCertTest, FingerprintMatchesOpensslCommand) {
  ScopedTempDir dir;
  SelfSigned self = MakeSelfSigned(dir);
  std::string out =
      RunCommand("openssl x509 -noout -fingerprint -sha256 -in '" + self.cert_path + "' 2>&1");
  // "sha256 Fingerprint=AB:CD:...\n" (OpenSSL 3) or "SHA256 Fingerprint=..." (1.1).
  std::size_t eq = out.find('=');
  ASSERT_NE(eq, std::string::npos) << out;
  std::string printed = out.substr(eq + 1);
  while (!printed.empty() && (printed.back() == '\n' || printed.back() == '\r')) printed.pop_back();
  EXPECT_EQ(self.fingerprint_sha256, printed);
  auto again = CertificateFingerprintSha256(self.cert_path);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, printed);
}

TEST(TlsCertTest, CertificateSaysLocalhostServerOneYear) {
  ScopedTempDir dir;
  FakeClock clock(std::chrono::system_clock::from_time_t(1'800'000'000));
  auto self = EnsureSelfSignedCertificate(dir.path(), clock);
  ASSERT_TRUE(self.has_value()) << self.error().ToString();
  X509Ptr cert = LoadCert(self->cert_path);
  ASSERT_TRUE(cert);
  EXPECT_EQ(X509_get_version(cert.get()), X509_VERSION_3);
  EXPECT_EQ(X509_check_host(cert.get(), "localhost", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_ip_asc(cert.get(), "127.0.0.1", 0), 1);
  EXPECT_EQ(X509_check_ca(cert.get()), 0);
  EXPECT_TRUE(X509_get_extended_key_usage(cert.get()) & XKU_SSL_SERVER);
  EXPECT_EQ(X509_get_key_usage(cert.get()), static_cast<uint32_t>(KU_DIGITAL_SIGNATURE));
  EXPECT_EQ(EVP_PKEY_get_bits(X509_get0_pubkey(cert.get())), 256);
  time_t start = 1'800'000'000;
  EXPECT_EQ(ASN1_TIME_cmp_time_t(X509_get0_notBefore(cert.get()), start), 0);
  EXPECT_EQ(ASN1_TIME_cmp_time_t(X509_get0_notAfter(cert.get()), start + 365 * 86400), 0);
  // 128 random bits: fewer than 96 significant bits happens with probability 2^-32.
  internal::SslPtr<BIGNUM, BN_free> serial(
      ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.get()), nullptr));
  ASSERT_TRUE(serial);
  EXPECT_GE(BN_num_bits(serial.get()), 96);
  EXPECT_LE(BN_num_bits(serial.get()), 128);
}

TEST(TlsCertTest, HalfPresentPairIsNotOverwritten) {
  ScopedTempDir dir;
  SelfSigned self = MakeSelfSigned(dir);
  auto key_before = ReadSmallFile(self.key_path, 1 << 16);
  ASSERT_TRUE(key_before.has_value());
  std::filesystem::remove(self.cert_path);
  auto again = EnsureSelfSignedCertificate(dir.path());
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(again.error().message().find(self.cert_path), std::string::npos);
  EXPECT_EQ(ReadSmallFile(self.key_path, 1 << 16).value_or(""), *key_before);
}

TEST(TlsContextTest, MismatchedKeyIsRefused) {
  ScopedTempDir a;
  ScopedTempDir b;
  SelfSigned one = MakeSelfSigned(a);
  SelfSigned two = MakeSelfSigned(b);
  auto ctx = MakeServerTlsContext({one.cert_path, two.key_path, ""});
  ASSERT_FALSE(ctx.has_value());
  EXPECT_EQ(ctx.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(ctx.error().message().find(two.key_path), std::string::npos);
  EXPECT_NE(ctx.error().message().find(one.cert_path), std::string::npos);
  EXPECT_EQ(ctx.error().message().find("PRIVATE KEY"), std::string::npos);
}

TEST(TlsContextTest, MissingFilesAreNamed) {
  ScopedTempDir dir;
  SelfSigned self = MakeSelfSigned(dir);
  const std::string missing = dir.Join("nope.pem");
  for (TlsFiles files :
       {TlsFiles{missing, self.key_path, ""}, TlsFiles{self.cert_path, missing, ""},
        TlsFiles{self.cert_path, self.key_path, missing}}) {
    auto ctx = MakeServerTlsContext(files);
    ASSERT_FALSE(ctx.has_value());
    EXPECT_EQ(ctx.error().code(), ErrorCode::kUnreadable);
    EXPECT_NE(ctx.error().message().find(missing), std::string::npos) << ctx.error().ToString();
  }
}

TEST(TlsContextTest, GarbageCertificateIsMalformed) {
  ScopedTempDir dir;
  SelfSigned self = MakeSelfSigned(dir);
  const std::string junk = dir.Join("junk.pem");
  ASSERT_TRUE(
      WriteFileAtomic(junk, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
  auto ctx = MakeServerTlsContext({junk, self.key_path, ""});
  ASSERT_FALSE(ctx.has_value());
  EXPECT_EQ(ctx.error().code(), ErrorCode::kMalformed);
  EXPECT_NE(ctx.error().message().find(junk), std::string::npos);
}

TEST(TlsContextTest, EncryptedKeyIsRefusedWithoutPrompting) {
  ScopedTempDir dir;
  SelfSigned self = MakeSelfSigned(dir);
  auto key = internal::LoadPrivateKey(self.key_path);
  ASSERT_TRUE(key.has_value());
  internal::BioPtr bio(BIO_new(BIO_s_mem()));
  char pass[] = "passphrase";
  ASSERT_EQ(PEM_write_bio_PKCS8PrivateKey(bio.get(), key->get(), EVP_aes_256_cbc(), pass,
                                          sizeof(pass) - 1, nullptr, nullptr),
            1);
  BUF_MEM* mem = nullptr;
  BIO_get_mem_ptr(bio.get(), &mem);
  const std::string encrypted = dir.Join("encrypted.key");
  ASSERT_TRUE(WriteFileAtomic(encrypted, std::string_view(mem->data, mem->length)));
  auto ctx = MakeServerTlsContext({self.cert_path, encrypted, ""});
  ASSERT_FALSE(ctx.has_value());
  EXPECT_EQ(ctx.error().code(), ErrorCode::kUnsupported);
  EXPECT_NE(ctx.error().message().find(encrypted), std::string::npos);
}

TEST_F(TlsTest, ContextAllowsOnlyTls12AndUp) {
  EXPECT_EQ(SSL_CTX_get_min_proto_version(server()), TLS1_2_VERSION);
  EXPECT_TRUE(SSL_CTX_get_options(server()) & SSL_OP_NO_RENEGOTIATION);
  EXPECT_TRUE(SSL_CTX_get_options(server()) & SSL_OP_NO_COMPRESSION);
  EXPECT_TRUE(SSL_CTX_get_options(server()) & SSL_OP_CIPHER_SERVER_PREFERENCE);
  EXPECT_EQ(SSL_CTX_get_verify_mode(server()), SSL_VERIFY_NONE);
}

// SEC-1: a TLS 1.3 client gets the strongest AEAD suite.
TEST_F(TlsTest, Sec1Tls13HandshakeSucceeds) {
  SslCtxPtr client = MakeClient(server_cert_.get(), TLS1_3_VERSION);
  Handshake h = RunHandshake(server(), client.get());
  ASSERT_TRUE(h.client_done && h.server_done) << h.server_error;
  EXPECT_EQ(h.version, "TLSv1.3");
  EXPECT_EQ(h.cipher, "TLS_AES_256_GCM_SHA384");
  ASSERT_TRUE(h.client_cn.has_value());
  EXPECT_EQ(*h.client_cn, "");
}

// SEC-1: a TLS 1.2 client gets ECDHE with AES-GCM, the server's first choice.
TEST_F(TlsTest, Sec1Tls12HandshakeUsesEcdheAead) {
  SslCtxPtr client = MakeClient(server_cert_.get(), TLS1_2_VERSION);
  Handshake h = RunHandshake(server(), client.get());
  ASSERT_TRUE(h.client_done && h.server_done) << h.server_error;
  EXPECT_EQ(h.version, "TLSv1.2");
  EXPECT_EQ(h.cipher, "ECDHE-ECDSA-AES256-GCM-SHA384");
}

// SEC-1: a TLS 1.2 client offering only CBC suites is refused.
TEST_F(TlsTest, Sec1Tls12WithoutAeadIsRefused) {
  SslCtxPtr client = MakeClient(server_cert_.get(), TLS1_2_VERSION);
  ASSERT_EQ(SSL_CTX_set_cipher_list(client.get(),
                                    "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA:AES128-SHA"),
            1);
  Handshake h = RunHandshake(server(), client.get());
  EXPECT_TRUE(h.server_failed);
  EXPECT_FALSE(h.server_done);
  EXPECT_NE(h.server_error.find("no shared cipher"), std::string::npos) << h.server_error;
}

// SEC-1: a TLS 1.1 client is refused by the server. The client is set to security level 0 so
// that it really sends a TLS 1.1 ClientHello (Debian's default would refuse before sending), and
// the test asserts the *server* failed, not that the client gave up.
TEST_F(TlsTest, Sec1Tls11ClientIsRefusedByServer) {
  SslCtxPtr client = MakeClient(server_cert_.get(), TLS1_1_VERSION);
  SSL_CTX_set_security_level(client.get(), 0);
  ASSERT_EQ(SSL_CTX_set_cipher_list(client.get(), "DEFAULT:@SECLEVEL=0"), 1);
  Handshake h = RunHandshake(server(), client.get());
  EXPECT_TRUE(h.server_failed);
  EXPECT_FALSE(h.server_done);
  EXPECT_NE(h.server_error.find("unsupported protocol"), std::string::npos) << h.server_error;
}

// Mutual TLS: a CA, a client certificate it issued, and a stranger's self-signed one.
class TlsMutualTest : public TlsTest {
 protected:
  void SetUp() override {
    TlsTest::SetUp();
    FakeClock clock(std::chrono::system_clock::now() - std::chrono::hours(1));
    ca_key_ = *internal::GenerateP256Key();
    internal::CertificateSpec ca_spec;
    ca_spec.common_name = "CreditVault test CA";
    ca_spec.is_ca = true;
    ca_ = *internal::IssueCertificate(ca_spec, ca_key_.get(), nullptr, ca_key_.get(), clock);
    client_key_ = *internal::GenerateP256Key();
    internal::CertificateSpec client_spec;
    client_spec.common_name = "bank-0042";
    client_spec.server_auth = false;
    client_ = *internal::IssueCertificate(client_spec, client_key_.get(), ca_.get(), ca_key_.get(),
                                          clock);
    stranger_ = *internal::IssueCertificate(client_spec, client_key_.get(), nullptr,
                                            client_key_.get(), clock);
    const std::string ca_path = dir_.Join("clients-ca.pem");
    ASSERT_TRUE(WriteFileAtomic(ca_path, *internal::CertificateToPem(ca_.get())));
    auto ctx = MakeServerTlsContext({self_.cert_path, self_.key_path, ca_path});
    ASSERT_TRUE(ctx.has_value()) << ctx.error().ToString();
    mtls_ = std::move(*ctx);
  }

  SslCtxPtr ClientWith(X509* cert) {
    SslCtxPtr client = MakeClient(server_cert_.get(), TLS1_3_VERSION);
    SSL_CTX_set_max_proto_version(client.get(), 0);
    EXPECT_EQ(SSL_CTX_use_certificate(client.get(), cert), 1);
    EXPECT_EQ(SSL_CTX_use_PrivateKey(client.get(), client_key_.get()), 1);
    return client;
  }

  PkeyPtr ca_key_;
  X509Ptr ca_;
  PkeyPtr client_key_;
  X509Ptr client_;
  X509Ptr stranger_;
  std::unique_ptr<boost::asio::ssl::context> mtls_;
};

TEST_F(TlsMutualTest, Sec1ClientCertificateNamesTheInstitution) {
  EXPECT_EQ(SSL_CTX_get_verify_mode(mtls_->native_handle()), SSL_VERIFY_PEER);
  SslCtxPtr client = ClientWith(client_.get());
  Handshake h = RunHandshake(mtls_->native_handle(), client.get());
  ASSERT_TRUE(h.client_done && h.server_done) << h.server_error;
  ASSERT_TRUE(h.client_cn.has_value()) << h.client_cn.error().ToString();
  EXPECT_EQ(*h.client_cn, "bank-0042");
}

TEST_F(TlsMutualTest, Sec1NoClientCertificateStillConnects) {
  SslCtxPtr client = MakeClient(server_cert_.get(), TLS1_2_VERSION);
  Handshake h = RunHandshake(mtls_->native_handle(), client.get());
  ASSERT_TRUE(h.client_done && h.server_done) << h.server_error;
  ASSERT_TRUE(h.client_cn.has_value());
  EXPECT_EQ(*h.client_cn, "");
}

TEST_F(TlsMutualTest, Sec1UntrustedClientCertificateIsRefused) {
  SslCtxPtr client = ClientWith(stranger_.get());
  Handshake h = RunHandshake(mtls_->native_handle(), client.get());
  EXPECT_TRUE(h.server_failed);
  EXPECT_FALSE(h.server_done);
  EXPECT_NE(h.server_error.find("certificate verify failed"), std::string::npos) << h.server_error;
}

}  // namespace
}  // namespace cv::server
