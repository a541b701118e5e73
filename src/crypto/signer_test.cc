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

}  // namespace
}  // namespace cv::crypto
