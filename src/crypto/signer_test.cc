// Properties of Signer and Verifier on both suites (CRY-2): round trips, tampering failing with
// the one generic error, and keys of the wrong kind refused.
#include "crypto/signer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace cv::crypto {
namespace {

Suite OtherSuite(Suite suite) { return suite == Suite::kGm ? Suite::kIntl : Suite::kGm; }

void ExpectGenericFailure(const Status& status) {
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(status.error().message(), "signature verification failed");
}

class SignerTest : public ::testing::TestWithParam<Suite> {
 protected:
  void SetUp() override {
    auto pair = GenerateSigningKey(GetParam());
    ASSERT_TRUE(pair) << pair.error().ToString();
    pair_ = std::move(*pair);
    auto signer = NewSigner(GetParam(), pair_.private_key_der);
    ASSERT_TRUE(signer) << signer.error().ToString();
    signer_ = std::move(*signer);
    auto verifier = NewVerifier(GetParam(), pair_.public_key_der);
    ASSERT_TRUE(verifier) << verifier.error().ToString();
    verifier_ = std::move(*verifier);
  }

  std::string Sign(std::string_view message) {
    auto signature = signer_->Sign(message);
    EXPECT_TRUE(signature) << signature.error().ToString();
    return signature.value_or("");
  }

  SigningKeyPair pair_;
  std::unique_ptr<Signer> signer_;
  std::unique_ptr<Verifier> verifier_;
};

INSTANTIATE_TEST_SUITE_P(Cry2, SignerTest, ::testing::Values(Suite::kGm, Suite::kIntl),
                         [](const auto& info) { return std::string(SuiteName(info.param)); });

TEST_P(SignerTest, SignVerifyRoundTrips) {
  for (const std::string& message :
       {std::string(), std::string("audit record 1"), std::string(100000, 'r')}) {
    EXPECT_TRUE(verifier_->Verify(Sign(message), message)) << message.size();
  }
}

TEST_P(SignerTest, SignatureIsDerSequence) {
  const std::string signature = Sign("audit record");
  ASSERT_GE(signature.size(), 8u);
  EXPECT_LE(signature.size(), 72u);
  EXPECT_EQ(signature[0], '\x30');
  EXPECT_EQ(static_cast<std::size_t>(signature[1]), signature.size() - 2);
}

TEST_P(SignerTest, SignaturesAreRandomizedAndBothVerify) {
  const std::string a = Sign("audit record");
  const std::string b = Sign("audit record");
  EXPECT_NE(a, b);
  EXPECT_TRUE(verifier_->Verify(a, "audit record"));
  EXPECT_TRUE(verifier_->Verify(b, "audit record"));
}

TEST_P(SignerTest, WrongMessageFailsGenerically) {
  const std::string signature = Sign("audit record 1");
  ExpectGenericFailure(verifier_->Verify(signature, "audit record 2"));
  ExpectGenericFailure(verifier_->Verify(signature, ""));
}

TEST_P(SignerTest, FlippedSignatureByteFailsGenerically) {
  const std::string signature = Sign("audit record");
  for (std::size_t i = 0; i < signature.size(); ++i) {
    for (int mask : {0x01, 0x80}) {
      std::string bad = signature;
      bad[i] = static_cast<char>(bad[i] ^ mask);
      SCOPED_TRACE(i);
      ExpectGenericFailure(verifier_->Verify(bad, "audit record"));
    }
  }
}

TEST_P(SignerTest, TruncatedOrEmptySignatureFailsGenerically) {
  const std::string signature = Sign("audit record");
  for (std::size_t n = 0; n < signature.size(); ++n) {
    ExpectGenericFailure(verifier_->Verify(signature.substr(0, n), "audit record"));
  }
}

TEST_P(SignerTest, OtherKeyFailsGenerically) {
  auto other = GenerateSigningKey(GetParam());
  ASSERT_TRUE(other);
  auto verifier = NewVerifier(GetParam(), other->public_key_der);
  ASSERT_TRUE(verifier);
  ExpectGenericFailure((*verifier)->Verify(Sign("audit record"), "audit record"));
}

TEST_P(SignerTest, NewSignerRefusesAKeyOfTheOtherSuitesCurve) {
  auto other = GenerateSigningKey(OtherSuite(GetParam()));
  ASSERT_TRUE(other);
  auto signer = NewSigner(GetParam(), other->private_key_der);
  ASSERT_FALSE(signer);
  EXPECT_EQ(signer.error().code(), ErrorCode::kInvalidArgument);
  auto verifier = NewVerifier(GetParam(), other->public_key_der);
  ASSERT_FALSE(verifier);
  EXPECT_EQ(verifier.error().code(), ErrorCode::kInvalidArgument);
}

TEST_P(SignerTest, NewSignerRefusesGarbageDer) {
  std::mt19937_64 rng(11);
  const std::string der(pair_.private_key_der.View(SecretAccess::Get()));
  std::vector<std::string> garbage = {"", "\x30", "not DER at all", der.substr(0, der.size() / 2),
                                      pair_.public_key_der};
  std::string noise(der.size(), '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  garbage.push_back(noise);
  for (const std::string& bytes : garbage) {
    auto signer = NewSigner(GetParam(), Secret(bytes));
    ASSERT_FALSE(signer) << bytes.size();
    EXPECT_EQ(signer.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(signer.error().message(), "private key is not PKCS#8 DER");
  }
}

TEST_P(SignerTest, NewVerifierRefusesGarbageDer) {
  for (const std::string& bytes :
       {std::string(), std::string("\x30\x03", 2), pair_.public_key_der.substr(0, 40)}) {
    auto verifier = NewVerifier(GetParam(), bytes);
    ASSERT_FALSE(verifier);
    EXPECT_EQ(verifier.error().code(), ErrorCode::kInvalidArgument);
  }
}

TEST_P(SignerTest, NewVerifierFromPointRefusesAPointOffTheCurve) {
  std::string point = "\x04" + std::string(64, '\x01');
  EXPECT_FALSE(NewVerifierFromPoint(GetParam(), point));
  EXPECT_FALSE(NewVerifierFromPoint(GetParam(), ""));
}

TEST_P(SignerTest, PublicKeyPemGivesAPem) {
  auto pem = PublicKeyPem(pair_.public_key_der);
  ASSERT_TRUE(pem) << pem.error().ToString();
  EXPECT_TRUE(pem->starts_with("-----BEGIN PUBLIC KEY-----\n")) << *pem;
  EXPECT_TRUE(pem->ends_with("-----END PUBLIC KEY-----\n")) << *pem;
  EXPECT_GT(pem->size(), 100u);
}

TEST_P(SignerTest, PublicKeyPemRefusesGarbage) {
  auto pem = PublicKeyPem("garbage");
  ASSERT_FALSE(pem);
  EXPECT_EQ(pem.error().code(), ErrorCode::kInvalidArgument);
}

// An institution's batch-signing key arrives as PEM (issue #5): it names its suite.
TEST_P(SignerTest, ParsePublicKeyPemRoundTripsAndNamesTheSuite) {
  auto pem = PublicKeyPem(pair_.public_key_der);
  ASSERT_TRUE(pem);
  auto parsed = ParsePublicKeyPem(*pem);
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  EXPECT_EQ(parsed->suite, GetParam());
  EXPECT_EQ(parsed->der, pair_.public_key_der);
  auto verifier = NewVerifier(parsed->suite, parsed->der);
  ASSERT_TRUE(verifier);
  EXPECT_TRUE((*verifier)->Verify(Sign("batch"), "batch"));
}

// Keys of other curves and algorithms (openssl genpkey ... | openssl pkey -pubout).
constexpr char kP384Pem[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9kZy/0e2ioSFfjzwpnN45nncdu2AQ3Ay\n"
    "km+jfAoL/m+gGc+OcP2q1FC+32QpMT/l3btCzAsaKMxGCYSHJD8Byx7/cUJ9WSdV\n"
    "xpQgmmzNiLp8Q+S7RnBSuwe0I4xrefb4\n"
    "-----END PUBLIC KEY-----\n";
constexpr char kEd25519Pem[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAwQeGjOyJg/nMJD6f36EiQVd8oKJLrLuGvub9nHIHRmw=\n"
    "-----END PUBLIC KEY-----\n";
constexpr char kRsaPem[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDFZKGrNz7J2I32jy84DoywWyPZ\n"
    "Gd/JSySg6oU7UvtIkW+c3vZNmXoW4TuElrzkDe+wpvQGxU3xQkIm0EyyzaIaLbAd\n"
    "XRHu7WtauGLmPKsR4eC1g6mqbbhSUJ2KVK1jxisk4DqekSoZu/tmHnpo/FrxWQSI\n"
    "rykIN6OEeGsYgS/cPQIDAQAB\n"
    "-----END PUBLIC KEY-----\n";

TEST(ParsePublicKeyPemTest, RefusesOtherCurvesAndAlgorithms) {
  for (const char* pem : {kP384Pem, kEd25519Pem, kRsaPem}) {
    auto parsed = ParsePublicKeyPem(pem);
    ASSERT_FALSE(parsed) << pem;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(parsed.error().message(), "public key is neither SM2 nor EC P-256");
  }
}

TEST(ParsePublicKeyPemTest, RefusesGarbageTruncationAndOversize) {
  EXPECT_FALSE(ParsePublicKeyPem(""));
  EXPECT_FALSE(ParsePublicKeyPem("garbage"));
  const std::string pem = kP384Pem;
  EXPECT_FALSE(ParsePublicKeyPem(pem.substr(0, pem.size() / 2)));
  auto big = ParsePublicKeyPem(std::string(kMaxPublicKeyPemBytes + 1, 'A'));
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().message(), "public key PEM is too long");
}

}  // namespace
}  // namespace cv::crypto
