// The power-on self-test passes on this build, covers every algorithm of both suites (CRY-2), and
// detects a wrong answer.
#include "crypto/selftest.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/internal/kat.h"

namespace cv::crypto {
namespace {

using internal::AeadKat;
using internal::DigestKat;
using internal::MacKat;
using internal::SignatureKat;

// GB/T 32905-2016 A.1, as in the self-test, and the same with the last digit changed.
constexpr DigestKat kSm3Abc = {"SM3 abc", Suite::kGm, "abc",
                               "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"};

// McGrew and Viega test case 16, as in the self-test.
constexpr AeadKat kAesCase16 = {"AES case 16",
                                Suite::kIntl,
                                "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
                                "cafebabefacedbaddecaf888",
                                "feedfacedeadbeeffeedfacedeadbeefabaddad2",
                                "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                                "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
                                "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                                "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
                                "76fc6ece0f4e1768cddf8853bb2d551b"};

// RFC 6979 A.2.5 "sample" with SHA-256.
constexpr SignatureKat kEcdsaSample = {
    "ECDSA sample",
    Suite::kIntl,
    "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6",
    "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299",
    "sample",
    "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
    "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"};

TEST(SelfTestTest, EverySelfTestPasses) {
  for (const SelfTestResult& r : RunSelfTests()) {
    EXPECT_TRUE(r.passed) << r.name << ": " << r.detail;
    EXPECT_EQ(r.detail, "") << r.name;
  }
}

// CRY-2: every primitive of both suites has a self-test.
TEST(SelfTestTest, Cry2CoversEveryAlgorithmOfBothSuites) {
  std::string names;
  for (const SelfTestResult& r : RunSelfTests()) names += r.name + "\n";
  for (const char* expected :
       {"SM3 known answer (GB/T 32905 A.1)", "SHA-256 known answer (FIPS 180-2 B.1)",
        "SM4-GCM known answer (RFC 8998 A.1)", "AES-256-GCM known answer (GCM spec test case 16)",
        "HMAC-SHA256 known answer (RFC 4231 4.2)", "HMAC-SM3 pairwise (OpenSSL vs libgcrypt)",
        "SM2 verify known answer (GM/T 0003.5 Annex A)", "SM2 sign/verify pairwise consistency",
        "ECDSA P-256 verify known answer (RFC 6979 A.2.5)",
        "ECDSA P-256 sign/verify pairwise consistency",
        "random generator health (two draws differ)"}) {
    EXPECT_NE(names.find(std::string(expected) + "\n"), std::string::npos) << expected;
  }
  EXPECT_EQ(RunSelfTests().size(), 11u);
}

TEST(SelfTestTest, PowerOnSelfTestIsOkOnThisBuild) {
  auto status = PowerOnSelfTest();
  EXPECT_TRUE(status) << status.error().ToString();
}

TEST(SelfTestTest, CorrectDigestKatPasses) { EXPECT_TRUE(internal::RunDigestKat(kSm3Abc).passed); }

TEST(SelfTestTest, WrongDigestIsDetected) {
  DigestKat wrong = kSm3Abc;
  wrong.digest_hex = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e1";
  const SelfTestResult r = internal::RunDigestKat(wrong);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.name, "SM3 abc");
  EXPECT_EQ(r.detail, "digest differs from the vector");
}

TEST(SelfTestTest, CorrectAeadKatPasses) { EXPECT_TRUE(internal::RunAeadKat(kAesCase16).passed); }

TEST(SelfTestTest, WrongAeadTagIsDetected) {
  AeadKat wrong = kAesCase16;
  wrong.tag_hex = "76fc6ece0f4e1768cddf8853bb2d551c";
  const SelfTestResult r = internal::RunAeadKat(wrong);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.detail, "ciphertext or tag differs from the vector");
}

TEST(SelfTestTest, WrongAeadKeySizeIsDetectedWithoutPrintingTheKey) {
  AeadKat wrong = kAesCase16;
  wrong.key_hex = "feffe9928665731c6d6a8f9467308308";  // 16 bytes for AES-256
  const SelfTestResult r = internal::RunAeadKat(wrong);
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.detail.find("NewAead"), std::string::npos) << r.detail;
  EXPECT_EQ(r.detail.find("feffe99"), std::string::npos) << r.detail;
}

TEST(SelfTestTest, WrongHmacTagIsDetected) {
  const MacKat wrong = {"HMAC case 1", Suite::kIntl, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
                        "4869205468657265",
                        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff8"};
  const SelfTestResult r = internal::RunMacKat(wrong);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.detail, "tag differs from the vector");
}

TEST(SelfTestTest, CorrectSignatureKatPasses) {
  EXPECT_TRUE(internal::RunSignatureKat(kEcdsaSample).passed);
}

TEST(SelfTestTest, WrongSignatureIsDetected) {
  SignatureKat wrong = kEcdsaSample;
  wrong.s_hex = "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA9";
  const SelfTestResult r = internal::RunSignatureKat(wrong);
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.detail.find("signature verification failed"), std::string::npos) << r.detail;
}

TEST(SelfTestTest, SignatureKatOfTheOtherSuiteIsDetected) {
  SignatureKat wrong = kEcdsaSample;
  wrong.suite = Suite::kGm;  // the P-256 point is not on the SM2 curve
  EXPECT_FALSE(internal::RunSignatureKat(wrong).passed);
}

TEST(SelfTestTest, FailuresMakeAnInternalStatusNamingThem) {
  const std::vector<SelfTestResult> results = {
      {"A", true, ""}, {"B", false, "x"}, {"C", true, ""}, {"D", false, "y"}};
  auto status = internal::SelfTestStatus(results);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code(), ErrorCode::kInternal);
  EXPECT_EQ(status.error().message(), "crypto self-test failed: B, D");
}

TEST(SelfTestTest, AllPassedMakesOkStatus) {
  EXPECT_TRUE(internal::SelfTestStatus({{"A", true, ""}, {"B", true, ""}}));
}

}  // namespace
}  // namespace cv::crypto
