// Tests for logging setup.
#include "common/log.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace cv {
namespace {

TEST(LogTest, FileSinkWritesAtConfiguredLevel) {
  std::string path = ::testing::TempDir() + "cv_log_test.log";
  std::remove(path.c_str());
  auto config = Config::Parse("[log]\nlevel = \"info\"\nfile = \"" + path + "\"\n");
  ASSERT_TRUE(config);
  ASSERT_TRUE(log::Init(*config));
  spdlog::info("scan started for {}", "customers.csv");
  spdlog::debug("not at info level");
  spdlog::default_logger()->flush();
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("scan started for customers.csv"), std::string::npos);
  EXPECT_EQ(text.str().find("not at info level"), std::string::npos);
  ASSERT_TRUE(log::Init(Config()));  // back to stderr, and Init can be called again
  std::remove(path.c_str());
}

TEST(LogTest, UnknownLevelRefused) {
  auto config = Config::Parse("[log]\nlevel = \"loud\"\n");
  ASSERT_TRUE(config);
  auto st = log::Init(*config);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code(), ErrorCode::kInvalidArgument);
}

TEST(LogTest, UnknownKeyRefused) {
  auto config = Config::Parse("[log]\nlevle = \"info\"\n");
  ASSERT_TRUE(config);
  EXPECT_FALSE(log::Init(*config));
}

}  // namespace
}  // namespace cv
