// Tests for `cvault gen-sample`: exit codes and the files it writes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace cv::cli {
namespace {

int RunGenSample(std::vector<std::string> args) {
  args.insert(args.begin(), "gen-sample");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  return GenSampleCommand(static_cast<int>(argv.size()), argv.data());
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class GenSampleCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cv_gen_sample_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(GenSampleCommandTest, WritesDataAndLabels) {
  auto data = dir_ / "s.csv", labels = dir_ / "s.json";
  ASSERT_EQ(RunGenSample({"--rows", "20", "--seed", "5", "--out", data, "--labels", labels,
                          "--columns", "cn_resident_id,none", "--headers", "en"}),
            kExitOk);
  std::string csv = ReadFile(data);
  EXPECT_TRUE(csv.starts_with("id_number,seq,"));
  auto j = nlohmann::json::parse(ReadFile(labels));
  EXPECT_EQ(j["rows"], 20);
  EXPECT_EQ(j["seed"], 5);
  EXPECT_EQ(j["columns"][0]["type"], "cn_resident_id");
}

TEST_F(GenSampleCommandTest, SameArgumentsSameFile) {
  auto a = dir_ / "a.csv", b = dir_ / "b.csv";
  ASSERT_EQ(RunGenSample({"--rows", "300", "--seed", "9", "--encoding", "gbk", "--out", a}),
            kExitOk);
  ASSERT_EQ(RunGenSample({"--rows", "300", "--seed", "9", "--encoding", "gbk", "--out", b}),
            kExitOk);
  EXPECT_EQ(ReadFile(a), ReadFile(b));
}

TEST_F(GenSampleCommandTest, UsageErrorsExitTwo) {
  auto out = (dir_ / "x.csv").string();
  EXPECT_EQ(RunGenSample({"--seed", "1", "--out", out}), kExitUsage);  // --rows is required
  EXPECT_EQ(RunGenSample({"--rows", "1", "--seed", "1", "--encoding", "latin1", "--out", out}),
            kExitUsage);
  EXPECT_EQ(RunGenSample({"--rows", "1", "--seed", "1", "--delimiter", ":", "--out", out}),
            kExitUsage);
  EXPECT_EQ(RunGenSample({"--rows", "1", "--seed", "1", "--columns", "shoe_size", "--out", out}),
            kExitUsage);
  EXPECT_EQ(RunGenSample({"--rows", "x", "--seed", "1", "--out", out}), kExitUsage);
}

TEST_F(GenSampleCommandTest, UnwritableOutputIsBadInput) {
  auto out = (dir_ / "missing" / "x.csv").string();
  EXPECT_EQ(RunGenSample({"--rows", "1", "--seed", "1", "--out", out}), kExitBadInput);
}

TEST_F(GenSampleCommandTest, TabDelimiterByName) {
  auto out = dir_ / "t.tsv";
  ASSERT_EQ(RunGenSample({"--rows", "2", "--seed", "1", "--delimiter", "\\t", "--columns",
                          "person_name,cn_mobile", "--out", out}),
            kExitOk);
  EXPECT_TRUE(ReadFile(out).starts_with("姓名\t手机号码\r\n"));
}

}  // namespace
}  // namespace cv::cli
