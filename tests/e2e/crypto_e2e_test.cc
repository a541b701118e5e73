// End-to-end tests of `cvault crypto selftest`: the real binary runs every self-test of both
// suites (CRY-2) and reports them as text or JSON.
#include <gtest/gtest.h>

#include <string>

#include "e2e_helpers.h"

namespace cv::e2e {
namespace {

using CryptoTest = CvaultTest;

constexpr std::size_t kSelfTests = 11;

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t pos = text.find(what); pos != std::string::npos;
       pos = text.find(what, pos + 1)) {
    ++n;
  }
  return n;
}

TEST_F(CryptoTest, Cry2SelftestPassesEveryAlgorithmOfBothSuitesAndExits0) {
  RunResult r = Run({"crypto", "selftest"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(Count(r.out, "PASS  "), kSelfTests) << r.out;
  EXPECT_EQ(Count(r.out, "FAIL"), 0u) << r.out;
  for (const char* algorithm :
       {"SM3 ", "SHA-256 ", "SM4-GCM ", "AES-256-GCM ", "HMAC-SM3 ", "HMAC-SHA256 ", "SM2 verify",
        "SM2 sign", "ECDSA P-256 verify", "ECDSA P-256 sign", "random generator"}) {
    EXPECT_NE(r.out.find(std::string("PASS  ") + algorithm), std::string::npos) << algorithm;
  }
  EXPECT_NE(r.out.find("PASS  SM4-GCM known answer (RFC 8998 A.1)\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("11 of 11 self-tests passed\n"), std::string::npos) << r.out;
}

TEST_F(CryptoTest, SelftestJsonIsAnArrayOfNamePassedDetail) {
  RunResult r = Run({"crypto", "selftest", "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  ASSERT_TRUE(doc.is_array());
  ASSERT_EQ(doc.size(), kSelfTests);
  for (const nlohmann::json& result : doc) {
    ASSERT_TRUE(result.at("name").is_string());
    EXPECT_EQ(result.at("passed"), true) << result.dump();
    EXPECT_EQ(result.at("detail"), "") << result.dump();
    EXPECT_EQ(result.size(), 3u) << result.dump();
  }
  EXPECT_EQ(doc[0].at("name"), "SM3 known answer (GB/T 32905 A.1)");
}

TEST_F(CryptoTest, CryptoWithoutSubcommandExits2) {
  RunResult r = Run({"crypto"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out.find("PASS"), std::string::npos) << r.out;
}

TEST_F(CryptoTest, CryptoHelpNamesSelftestAndExits0) {
  RunResult r = Run({"crypto", "--help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("selftest"), std::string::npos) << r.out;
}

TEST_F(CryptoTest, TopLevelHelpListsTheCryptoCommand) {
  RunResult r = Run({"--help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("crypto"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("cryptographic self-tests"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace cv::e2e
