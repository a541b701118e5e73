// End-to-end tests of the `cvault` command table: usage, help and unknown commands.
#include <gtest/gtest.h>

#include <string>

#include "e2e_helpers.h"

namespace cv::e2e {
namespace {

using CliTest = CvaultTest;

TEST_F(CliTest, NoCommandPrintsUsageAndExits2) {
  RunResult r = Run({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("usage: cvault"), std::string::npos) << r.err;
}

TEST_F(CliTest, HelpListsTheCommandsOnStdoutAndExits0) {
  RunResult r = Run({"--help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("usage: cvault"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("scan"), std::string::npos);
  EXPECT_NE(r.out.find("gen-sample"), std::string::npos);
}

TEST_F(CliTest, UnknownCommandIsNamedAndExits2) {
  RunResult r = Run({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("frobnicate"), std::string::npos) << r.err;
}

TEST_F(CliTest, ScanHelpDescribesItsOptionsAndExits0) {
  RunResult r = Run({"scan", "--help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* flag : {"--format", "--out", "--sample", "--threads", "--encoding"}) {
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
  }
}

}  // namespace
}  // namespace cv::e2e

namespace cv::e2e {
namespace {

TEST_F(CvaultTest, AccessMatrixListsRolesAndActions) {
  RunResult r = Run({"access", "matrix"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* word :
       {"security_officer", "inst_admin", "querier", "credit.query", "audit.read", "user.create"}) {
    EXPECT_NE(r.out.find(word), std::string::npos) << word;
  }
  RunResult j = Run({"access", "matrix", "--json"});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  EXPECT_TRUE(nlohmann::json::parse(j.out).contains("actions"));
}

}  // namespace
}  // namespace cv::e2e
