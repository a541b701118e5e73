// Shamir sharing: threshold behaviour, refusals, and interoperability with libgfshare's own
// gfsplit/gfcombine tools (an independent use of the same scheme).
#include "crypto/keyring/shamir.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/testing/scoped_temp_dir.h"
#include "crypto/random.h"

namespace cv::crypto::keyring {
namespace {

namespace fs = std::filesystem;

Secret RandomSecret(std::size_t n) { return *RandomKey(n); }

std::vector<Share> Pick(const std::vector<Share>& all, std::initializer_list<int> numbers) {
  std::vector<Share> picked;
  for (int n : numbers) {
    const Share& s = all[static_cast<std::size_t>(n - 1)];
    picked.push_back({s.number, s.bytes.Clone()});
  }
  return picked;
}

TEST(ShamirTest, Cry3EveryThresholdSubsetRebuildsTheSecret) {
  const Secret secret = RandomSecret(32);
  auto shares = SplitSecret(secret, 5, 3);
  ASSERT_TRUE(shares);
  ASSERT_EQ(shares->size(), 5u);
  for (int a = 1; a <= 5; ++a) {
    for (int b = a + 1; b <= 5; ++b) {
      for (int c = b + 1; c <= 5; ++c) {
        auto rebuilt = CombineShares(Pick(*shares, {a, b, c}));
        ASSERT_TRUE(rebuilt);
        EXPECT_TRUE(rebuilt->Equals(secret)) << a << b << c;
      }
    }
  }
}

TEST(ShamirTest, Cry3FewerThanThresholdSharesGiveSomethingElse) {
  const Secret secret = RandomSecret(32);
  auto shares = SplitSecret(secret, 5, 3);
  ASSERT_TRUE(shares);
  auto rebuilt = CombineShares(Pick(*shares, {1, 4}));
  ASSERT_TRUE(rebuilt);
  EXPECT_FALSE(rebuilt->Equals(secret));
}

TEST(ShamirTest, SharesAreNotTheSecretAndDifferBetweenSplits) {
  const Secret secret = RandomSecret(16);
  auto first = SplitSecret(secret, 3, 2);
  auto second = SplitSecret(secret, 3, 2);
  ASSERT_TRUE(first && second);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_FALSE((*first)[i].bytes.Equals(secret));
    EXPECT_FALSE((*first)[i].bytes.Equals((*second)[i].bytes));  // Fresh coefficients each time.
  }
}

TEST(ShamirTest, BadParametersAreRefused) {
  const Secret secret = RandomSecret(16);
  EXPECT_EQ(SplitSecret(secret, 3, 1).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(SplitSecret(secret, 2, 3).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(SplitSecret(secret, 256, 3).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(SplitSecret(Secret(), 3, 2).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(CombineShares({}));
}

TEST(ShamirTest, DuplicateOrMismatchedSharesAreRefused) {
  auto shares = SplitSecret(RandomSecret(16), 3, 2);
  ASSERT_TRUE(shares);
  std::vector<Share> twice = Pick(*shares, {1, 1});
  EXPECT_EQ(CombineShares(twice).error().code(), ErrorCode::kInvalidArgument);
  std::vector<Share> uneven = Pick(*shares, {1, 2});
  uneven[1].bytes = RandomSecret(15);
  EXPECT_EQ(CombineShares(uneven).error().code(), ErrorCode::kInvalidArgument);
}

bool HaveGfshareTools() { return std::system("command -v gfcombine >/dev/null 2>&1") == 0; }

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// gfshare's file format: STEM.NNN holds share NNN's raw bytes.
TEST(ShamirTest, OurSharesCombineWithGfcombine) {
  if (!HaveGfshareTools()) GTEST_SKIP() << "gfcombine (libgfshare-bin) not installed";
  test::ScopedTempDir dir;
  const Secret secret = RandomSecret(32);
  auto shares = SplitSecret(secret, 5, 3);
  ASSERT_TRUE(shares);
  std::string args;
  for (int n : {2, 3, 5}) {
    char name[16];
    std::snprintf(name, sizeof(name), "s.%03d", n);
    std::ofstream(dir.Join(name), std::ios::binary)
        << (*shares)[static_cast<std::size_t>(n - 1)].bytes.View(SecretAccess::Get());
    args += " " + dir.Join(name);
  }
  const std::string out = dir.Join("combined");
  ASSERT_EQ(std::system(("gfcombine -o " + out + args).c_str()), 0);
  EXPECT_EQ(ReadAll(out), secret.View(SecretAccess::Get()));
}

TEST(ShamirTest, GfsplitSharesCombineWithOurs) {
  if (!HaveGfshareTools()) GTEST_SKIP() << "gfsplit (libgfshare-bin) not installed";
  test::ScopedTempDir dir;
  const std::string secret_bytes(RandomSecret(24).View(SecretAccess::Get()));
  std::ofstream(dir.Join("secret"), std::ios::binary) << secret_bytes;
  ASSERT_EQ(std::system(("gfsplit -n 3 -m 5 " + dir.Join("secret") + " " + dir.Join("g")).c_str()),
            0);
  std::vector<Share> shares;
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("g.", 0) != 0 || shares.size() == 3) continue;
    shares.push_back(
        {static_cast<std::uint8_t>(std::stoi(name.substr(2))), Secret(ReadAll(entry.path()))});
  }
  ASSERT_EQ(shares.size(), 3u);
  auto rebuilt = CombineShares(shares);
  ASSERT_TRUE(rebuilt);
  EXPECT_EQ(rebuilt->View(SecretAccess::Get()), secret_bytes);
}

}  // namespace
}  // namespace cv::crypto::keyring
