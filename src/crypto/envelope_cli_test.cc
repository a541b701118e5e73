// Envelope interoperability with the `openssl` command line (OpenSSL 3.0 CLI, a separate consumer
// of the standards): the payload key of our envelopes is recovered by `openssl pkeyutl -decrypt`
// (gm, SM2) or `openssl pkeyutl -derive` + `openssl kdf HKDF` (intl), and an SM4 key wrapped by
// `openssl pkeyutl -encrypt` opens here. Keys made by `openssl genpkey` seal and open. Skipped only
// when no openssl binary is installed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "common/testing/scoped_temp_dir.h"
#include "common/testing/vector_file.h"
#include "crypto/aead.h"
#include "crypto/envelope.h"
#include "crypto/random.h"
#include "crypto/signer.h"

namespace cv::crypto {
namespace {

using cv::testing::FromHex;
using cv::testing::ToHex;

constexpr std::string_view kPayload = "bulk query result B0001 #77: 3 subjects, 12 accounts\n";
constexpr std::string_view kAd = "query:Q-77";
// SubjectPublicKeyInfo DER up to the point, for a P-256 key (id-ecPublicKey, prime256v1).
constexpr std::string_view kP256SpkiPrefix = "3059301306072A8648CE3D020106082A8648CE3D030107034200";

class EnvelopeCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v openssl >/dev/null 2>&1") != 0) {
      GTEST_SKIP() << "no openssl binary on PATH";
    }
  }

  std::string Path(const std::string& name) const { return dir_.Join(name); }

  // Runs `openssl <args>` in the test directory; returns its exit code (output in .out).
  int Openssl(const std::string& args) {
    const std::string cmd = "cd '" + dir_.path() + "' && openssl " + args + " >.out 2>&1";
    const int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  }
  std::string Output() const { return Read(".out"); }

  std::string Read(const std::string& name) const {
    std::ifstream in(Path(name), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  void Write(const std::string& name, std::string_view bytes) const {
    std::ofstream out(Path(name), std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }

  // An `openssl genpkey` key: key.pem, key.der (PKCS#8), pub.der, pub.pem.
  void GenerateWithOpenssl(Suite suite) {
    const std::string alg = suite == Suite::kGm ? "SM2" : "EC -pkeyopt ec_paramgen_curve:P-256";
    ASSERT_EQ(Openssl("genpkey -algorithm " + alg + " -out key.pem"), 0) << Output();
    ASSERT_EQ(Openssl("pkcs8 -topk8 -nocrypt -in key.pem -outform DER -out key.der"), 0);
    ASSERT_EQ(Openssl("pkey -in key.pem -pubout -outform DER -out pub.der"), 0);
    ASSERT_EQ(Openssl("pkey -in key.pem -pubout -out pub.pem"), 0);
  }

  static std::size_t HeaderSize(std::string_view sealed) {
    return kEnvelopeFixedHeaderSize + (static_cast<std::uint8_t>(sealed[13]) << 8) +
           static_cast<std::uint8_t>(sealed[14]);
  }

  // The payload of `sealed` opened with a payload key recovered outside our code.
  static Result<std::string> OpenBody(Suite suite, std::string_view key, std::string_view sealed) {
    CV_ASSIGN_OR_RETURN(auto aead, NewAead(suite, Secret(key)));
    const std::size_t h = HeaderSize(sealed);
    return aead->Decrypt(sealed.substr(h), std::string(sealed.substr(0, h)) + std::string(kAd));
  }

  test::ScopedTempDir dir_;
};

// Issue #7: our SM2-wrapped SM4 key decrypts with `openssl pkeyutl -decrypt`.
TEST_F(EnvelopeCliTest, GmKeyBlockDecryptsWithOpensslPkeyutl) {
  auto pair = GenerateSigningKey(Suite::kGm);
  ASSERT_TRUE(pair);
  Write("key.der", pair->private_key_der.View(SecretAccess::Get()));
  ASSERT_EQ(Openssl("pkey -inform DER -in key.der -out key.pem"), 0) << Output();
  auto sealed = SealToPublicKey(pair->public_key_der, kPayload, kAd);
  ASSERT_TRUE(sealed) << sealed.error().ToString();
  Write("kb.bin",
        sealed->substr(kEnvelopeFixedHeaderSize, HeaderSize(*sealed) - kEnvelopeFixedHeaderSize));
  ASSERT_EQ(Openssl("pkeyutl -decrypt -inkey key.pem -in kb.bin -out k.bin"), 0) << Output();
  const std::string key = Read("k.bin");
  ASSERT_EQ(key.size(), 16u);
  auto body = OpenBody(Suite::kGm, key, *sealed);
  ASSERT_TRUE(body) << body.error().ToString();
  EXPECT_EQ(*body, kPayload);
}

// Issue #7: an SM4 key wrapped by `openssl pkeyutl -encrypt` to our public key opens here.
TEST_F(EnvelopeCliTest, GmKeyWrappedByOpensslOpensHere) {
  auto pair = GenerateSigningKey(Suite::kGm);
  ASSERT_TRUE(pair);
  Write("pub.pem", PublicKeyPem(pair->public_key_der).value_or(""));
  auto key = RandomKey(16);
  ASSERT_TRUE(key);
  Write("k.bin", key->View(SecretAccess::Get()));
  ASSERT_EQ(Openssl("pkeyutl -encrypt -pubin -inkey pub.pem -in k.bin -out kb.bin"), 0) << Output();
  const std::string block = Read("kb.bin");
  std::string sealed = "CVE\x01\x01" + RecipientKeyId(pair->public_key_der).value_or("");
  sealed += static_cast<char>(block.size() >> 8);
  sealed += static_cast<char>(block.size() & 0xff);
  sealed += block;
  auto aead = NewAead(Suite::kGm, *key);
  ASSERT_TRUE(aead);
  auto body = (*aead)->Encrypt(kPayload, sealed + std::string(kAd));
  ASSERT_TRUE(body);
  sealed += *body;
  auto opened = OpenSealed(pair->private_key_der, sealed, kAd);
  ASSERT_TRUE(opened) << opened.error().ToString();
  EXPECT_EQ(*opened, kPayload);
}

// Issue #7: the intl payload key is reproduced by `openssl pkeyutl -derive` (ECDH with the
// ephemeral point) and `openssl kdf HKDF` (SHA-256, info as docs/crypto.md specifies).
TEST_F(EnvelopeCliTest, IntlPayloadKeyReproducedByOpensslDeriveAndKdf) {
  GenerateWithOpenssl(Suite::kIntl);
  const std::string pub = Read("pub.der");
  auto sealed = SealToPublicKey(pub, kPayload, kAd);
  ASSERT_TRUE(sealed) << sealed.error().ToString();
  const std::string point = sealed->substr(kEnvelopeFixedHeaderSize, 65);
  Write("eph.der", FromHex(kP256SpkiPrefix) + point);
  ASSERT_EQ(Openssl("pkey -pubin -inform DER -in eph.der -out eph.pem"), 0) << Output();
  ASSERT_EQ(Openssl("pkeyutl -derive -inkey key.pem -peerkey eph.pem -out ss.bin"), 0) << Output();
  const std::string info = std::string(kEnvelopeHkdfLabel) + point + pub;
  ASSERT_EQ(Openssl("kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt hexkey:" + ToHex(Read("ss.bin")) +
                    " -kdfopt hexinfo:" + ToHex(info) + " -binary -out k.bin HKDF"),
            0)
      << Output();
  auto body = OpenBody(Suite::kIntl, Read("k.bin"), *sealed);
  ASSERT_TRUE(body) << body.error().ToString();
  EXPECT_EQ(*body, kPayload);
}

// Keys made by `openssl genpkey` (what institutions register) seal and open on both suites.
TEST_F(EnvelopeCliTest, OpensslGeneratedKeysSealAndOpen) {
  for (Suite suite : {Suite::kGm, Suite::kIntl}) {
    GenerateWithOpenssl(suite);
    auto parsed = ParsePublicKeyPem(Read("pub.pem"));
    ASSERT_TRUE(parsed) << parsed.error().ToString();
    EXPECT_EQ(parsed->suite, suite);
    auto sealed = SealToPublicKey(parsed->der, kPayload, kAd);
    ASSERT_TRUE(sealed) << sealed.error().ToString();
    EXPECT_EQ((*sealed)[4], static_cast<char>(suite));
    auto opened = OpenSealed(Secret(Read("key.der")), *sealed, kAd);
    ASSERT_TRUE(opened) << opened.error().ToString();
    EXPECT_EQ(*opened, kPayload);
  }
}

}  // namespace
}  // namespace cv::crypto
