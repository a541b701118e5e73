// The password policy from [access]: defaults are JR/T 0117 7.5.9's numbers and config may only
// make them stricter (ARCHITECTURE; ACC-3).
#include <gtest/gtest.h>

#include <string>

#include "access/password.h"

namespace cv::access {
namespace {

Result<PasswordPolicy> FromToml(const std::string& text) {
  auto config = Config::Parse(text, "test.toml");
  EXPECT_TRUE(config) << config.error().ToString();
  if (!config) return std::unexpected(config.error());
  return PasswordPolicyFromConfig(*config);
}

TEST(PasswordConfigTest, DefaultsWithoutConfig) {
  auto policy = PasswordPolicyFromConfig(Config());
  ASSERT_TRUE(policy);
  EXPECT_EQ(policy->min_length, 8);
  EXPECT_EQ(policy->min_classes, 3);
  EXPECT_EQ(policy->max_common_run, 2);
  EXPECT_EQ(policy->expiry_days, 180);
  EXPECT_EQ(policy->history, 5);
  EXPECT_EQ(policy->argon2_iterations, 3u);
  EXPECT_EQ(policy->argon2_memory_kib, 65536u);
}

TEST(PasswordConfigTest, StricterValuesAreAccepted) {
  auto policy = FromToml(
      "[access]\npassword_min_length = 12\npassword_min_classes = 4\n"
      "password_max_common_run = 1\npassword_expiry_days = 90\npassword_history = 10\n"
      "password_argon2_iterations = 4\npassword_argon2_memory_kib = 131072\n"
      "other_setting = 1\n");
  ASSERT_TRUE(policy) << policy.error().ToString();
  EXPECT_EQ(policy->min_length, 12);
  EXPECT_EQ(policy->min_classes, 4);
  EXPECT_EQ(policy->max_common_run, 1);
  EXPECT_EQ(policy->expiry_days, 90);
  EXPECT_EQ(policy->history, 10);
  EXPECT_EQ(policy->argon2_iterations, 4u);
  EXPECT_EQ(policy->argon2_memory_kib, 131072u);
}

TEST(PasswordConfigTest, DefaultValuesWrittenOutAreAccepted) {
  auto policy = FromToml("[access]\npassword_min_length = 8\npassword_expiry_days = 180\n");
  ASSERT_TRUE(policy) << policy.error().ToString();
  EXPECT_EQ(policy->min_length, 8);
  EXPECT_EQ(policy->expiry_days, 180);
}

// Each key set one step looser than the standard is refused with an error naming it.
TEST(PasswordConfigTest, LooserValuesAreRefusedNamingTheKey) {
  const std::pair<std::string, int> kLooser[] = {{"password_min_length", 7},
                                                 {"password_min_classes", 2},
                                                 {"password_max_common_run", 3},
                                                 {"password_expiry_days", 181},
                                                 {"password_history", 4},
                                                 {"password_argon2_iterations", 2},
                                                 {"password_argon2_memory_kib", 65535}};
  for (const auto& [key, value] : kLooser) {
    auto policy = FromToml("[access]\n" + key + " = " + std::to_string(value) + "\n");
    ASSERT_FALSE(policy) << key;
    EXPECT_EQ(policy.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(policy.error().message().find("access." + key), std::string::npos);
    EXPECT_NE(policy.error().message().find("loosen"), std::string::npos);
    EXPECT_EQ(policy.error().position().field, "access." + key);
    EXPECT_EQ(policy.error().position().line, 2u);
  }
}

TEST(PasswordConfigTest, ValuesBeyondTheSupportedRangeAreRefused) {
  for (std::string line :
       {"password_min_classes = 5", "password_max_common_run = 0", "password_expiry_days = 0",
        "password_history = 25", "password_min_length = 129", "password_argon2_iterations = 17"}) {
    auto policy = FromToml("[access]\n" + line + "\n");
    ASSERT_FALSE(policy) << line;
    EXPECT_EQ(policy.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(policy.error().message().find("must be between"), std::string::npos);
  }
}

TEST(PasswordConfigTest, UnknownPasswordKeyIsRefused) {
  auto policy = FromToml("[access]\npassword_min_lenght = 10\n");
  ASSERT_FALSE(policy);
  EXPECT_NE(policy.error().message().find("access.password_min_lenght"), std::string::npos);
}

TEST(PasswordConfigTest, NonIntegerIsRefused) {
  auto policy = FromToml("[access]\npassword_history = \"five\"\n");
  ASSERT_FALSE(policy);
  EXPECT_NE(policy.error().message().find("access.password_history"), std::string::npos);
}

TEST(PasswordConfigTest, KeysAreListedForTheSectionCheck) {
  EXPECT_EQ(PasswordConfigKeys().size(), 7u);
  EXPECT_EQ(PasswordConfigKeys().front(), "password_min_length");
}

}  // namespace
}  // namespace cv::access
