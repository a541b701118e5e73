// Argon2id password hashing, verification, history (ACC-3) and the dummy verification (ACC-4).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "access/password.h"

namespace cv::access {
namespace {

// A cheap Argon2id cost so the tests run fast; production uses PasswordPolicy's defaults.
PasswordPolicy FastPolicy() {
  PasswordPolicy policy;
  policy.argon2_iterations = 2;
  policy.argon2_memory_kib = 256;
  return policy;
}

std::string MustHash(const PasswordPolicy& policy, std::string_view password) {
  auto hash = HashPassword(policy, Secret(password));
  EXPECT_TRUE(hash) << hash.error().ToString();
  return hash.value_or("");
}

TEST(PasswordHashTest, RoundTrip) {
  const std::string hash = MustHash(FastPolicy(), "Qwerty#2024");
  auto ok = VerifyPassword(hash, Secret("Qwerty#2024"));
  ASSERT_TRUE(ok);
  EXPECT_TRUE(*ok);
}

TEST(PasswordHashTest, WrongPasswordDoesNotVerify) {
  const std::string hash = MustHash(FastPolicy(), "Qwerty#2024");
  for (std::string_view wrong : {"qwerty#2024", "Qwerty#2025", "Qwerty#202", ""}) {
    auto ok = VerifyPassword(hash, Secret(wrong));
    ASSERT_TRUE(ok);
    EXPECT_FALSE(*ok) << wrong;
  }
}

TEST(PasswordHashTest, HashIsArgon2idWithTheConfiguredCost) {
  const std::string hash = MustHash(FastPolicy(), "Qwerty#2024");
  EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=256,t=2,p=1$")) << hash;
  EXPECT_EQ(hash.find("Qwerty"), std::string::npos);
}

TEST(PasswordHashTest, DefaultCostIsT3M64MiB) {
  const std::string hash = MustHash(PasswordPolicy(), "Qwerty#2024");
  EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=65536,t=3,p=1$")) << hash;
}

TEST(PasswordHashTest, SaltIsFreshEachTime) {
  const std::string a = MustHash(FastPolicy(), "Qwerty#2024");
  const std::string b = MustHash(FastPolicy(), "Qwerty#2024");
  EXPECT_NE(a, b);
  EXPECT_TRUE(VerifyPassword(b, Secret("Qwerty#2024")).value_or(false));
}

TEST(PasswordHashTest, MalformedStoredHashIsRefused) {
  const std::string good = MustHash(FastPolicy(), "Qwerty#2024");
  for (std::string_view bad : {std::string_view(""), std::string_view("plaintext"),
                               std::string_view("$2y$10$abcdefghijklmnopqrstuv"),
                               std::string_view("$argon2i$v=19$m=256,t=2,p=1$c2FsdA$aGFzaA")}) {
    auto ok = VerifyPassword(bad, Secret("Qwerty#2024"));
    ASSERT_FALSE(ok) << bad;
    EXPECT_EQ(ok.error().code(), ErrorCode::kMalformed);
  }
  EXPECT_FALSE(VerifyPassword(good + std::string(200, 'A'), Secret("Qwerty#2024")));
}

TEST(PasswordHashTest, CostBelowLibsodiumMinimumIsRefused) {
  PasswordPolicy policy = FastPolicy();
  policy.argon2_memory_kib = 1;
  auto hash = HashPassword(policy, Secret("Qwerty#2024"));
  ASSERT_FALSE(hash);
  EXPECT_EQ(hash.error().code(), ErrorCode::kInvalidArgument);
}

TEST(PasswordHashTest, NeedsRehashWhenTheCostChanges) {
  const PasswordPolicy fast = FastPolicy();
  const std::string hash = MustHash(fast, "Qwerty#2024");
  EXPECT_FALSE(NeedsRehash(fast, hash));
  PasswordPolicy stronger = fast;
  stronger.argon2_iterations = 3;
  EXPECT_TRUE(NeedsRehash(stronger, hash));
  stronger = fast;
  stronger.argon2_memory_kib = 512;
  EXPECT_TRUE(NeedsRehash(stronger, hash));
  EXPECT_TRUE(NeedsRehash(fast, "not a hash"));
}

// ACC-3: the last 5 passwords (the current one at [0]) cannot be used again; the 6th can.
TEST(PasswordHistoryTest, Acc3LastFiveRefusedSixthAllowed) {
  const PasswordPolicy policy = FastPolicy();
  std::vector<std::string> last;
  for (int i = 0; i < 6; ++i) last.push_back(MustHash(policy, "Old#pass" + std::to_string(i)));
  for (int i = 0; i < 5; ++i) {
    Status status = CheckNotReused(policy, last, Secret("Old#pass" + std::to_string(i)));
    ASSERT_FALSE(status) << i;
    EXPECT_EQ(status.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(status.error().message().find("'history'"), std::string::npos);
    EXPECT_EQ(status.error().message().find("Old#pass"), std::string::npos);
  }
  EXPECT_TRUE(CheckNotReused(policy, last, Secret("Old#pass5")));
  EXPECT_TRUE(CheckNotReused(policy, last, Secret("New#pass0")));
  EXPECT_TRUE(CheckNotReused(policy, {}, Secret("Old#pass0")));
}

TEST(PasswordHistoryTest, LongerHistoryCoversOlderPasswords) {
  PasswordPolicy policy = FastPolicy();
  policy.history = 6;
  std::vector<std::string> last;
  for (int i = 0; i < 6; ++i) last.push_back(MustHash(policy, "Old#pass" + std::to_string(i)));
  EXPECT_FALSE(CheckNotReused(policy, last, Secret("Old#pass5")));
}

TEST(PasswordHistoryTest, MalformedHistoryEntryIsAnError) {
  const PasswordPolicy policy = FastPolicy();
  Status status = CheckNotReused(policy, {"garbage"}, Secret("New#pass0"));
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code(), ErrorCode::kMalformed);
}

// ACC-4: the dummy verification runs Argon2id at the policy's own cost (same work as a real
// verification), on a hash made once per cost.
TEST(PasswordBurnTest, Acc4DummyHashHasThePolicyCost) {
  const PasswordPolicy fast = FastPolicy();
  const std::string hash = BurnVerifyHashForTesting(fast);
  ASSERT_FALSE(hash.empty());
  EXPECT_FALSE(NeedsRehash(fast, hash));
  EXPECT_EQ(BurnVerifyHashForTesting(fast), hash);  // made once
  PasswordPolicy other = fast;
  other.argon2_iterations = 3;
  const std::string other_hash = BurnVerifyHashForTesting(other);
  EXPECT_FALSE(NeedsRehash(other, other_hash));
  EXPECT_NE(other_hash, hash);
  BurnVerifyTime(fast);
  EXPECT_EQ(BurnVerifyHashForTesting(fast), hash);
}

}  // namespace
}  // namespace cv::access
