// The self-test report: a failure is printed as FAIL with its detail and makes exit code 1.
#include "cli/selftest_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/commands.h"

namespace cv::cli {
namespace {

const std::vector<crypto::SelfTestResult> kMixed = {
    {"SM3 known answer (GB/T 32905 A.1)", true, ""},
    {"SM4-GCM known answer (RFC 8998 A.1)", false, "ciphertext or tag differs from the vector"},
};

TEST(SelfTestReportTest, TextHasOneLinePerResultAndASummary) {
  EXPECT_EQ(SelfTestText(kMixed),
            "PASS  SM3 known answer (GB/T 32905 A.1)\n"
            "FAIL  SM4-GCM known answer (RFC 8998 A.1): ciphertext or tag differs from the vector\n"
            "1 of 2 self-tests passed\n");
}

TEST(SelfTestReportTest, AFailureExits1) { EXPECT_EQ(SelfTestExitCode(kMixed), kExitFailure); }

TEST(SelfTestReportTest, AllPassedExits0) {
  EXPECT_EQ(SelfTestExitCode({kMixed[0], kMixed[0]}), kExitOk);
}

TEST(SelfTestReportTest, JsonIsAnArrayOfNamePassedDetailInOrder) {
  const nlohmann::json doc = nlohmann::json::parse(SelfTestJson(kMixed));
  ASSERT_TRUE(doc.is_array());
  ASSERT_EQ(doc.size(), 2u);
  EXPECT_EQ(doc[0], nlohmann::json({{"name", kMixed[0].name}, {"passed", true}, {"detail", ""}}));
  EXPECT_EQ(doc[1]["passed"], false);
  EXPECT_EQ(doc[1]["detail"], "ciphertext or tag differs from the vector");
}

}  // namespace
}  // namespace cv::cli
