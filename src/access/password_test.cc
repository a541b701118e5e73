// ACC-3 password rules (JR/T 0117 7.5.9), one case per rule, and password expiry.
#include "access/password.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace cv::access {
namespace {

Status Check(std::string_view username, std::string_view password,
             const PasswordPolicy& policy = PasswordPolicy()) {
  return CheckPasswordRules(policy, username, Secret(password));
}

// The rule tag of a refusal ("min_length", ...), or "" when accepted.
std::string BrokenRule(std::string_view username, std::string_view password,
                       const PasswordPolicy& policy = PasswordPolicy()) {
  Status status = Check(username, password, policy);
  if (status) return "";
  EXPECT_EQ(status.error().code(), ErrorCode::kInvalidArgument);
  const std::string& message = status.error().message();
  const std::size_t open = message.find('\'');
  const std::size_t close = message.find('\'', open + 1);
  if (open == std::string::npos || close == std::string::npos) return message;
  return message.substr(open + 1, close - open - 1);
}

// The issue's example: "zha" of the username appears, capitalised, in the password.
TEST(PasswordRulesTest, Acc3ZhangweiCannotUseZhang2024x) {
  EXPECT_EQ(BrokenRule("zhangwei", "Zhang#2024x"), "username_run");
  EXPECT_EQ(BrokenRule("zhangwei", "Qiuyu#2024x"), "");
}

TEST(PasswordRulesTest, TooShort) {
  EXPECT_EQ(BrokenRule("zhangwei", "Ab1#xyz"), "min_length");  // 7 characters, 4 classes
  EXPECT_EQ(BrokenRule("zhangwei", ""), "min_length");
  EXPECT_EQ(BrokenRule("zhangwei", "Ab1#xyzq"), "");
}

TEST(PasswordRulesTest, ExactlyEightWithThreeClassesPasses) {
  EXPECT_EQ(BrokenRule("zhangwei", "Qwerty12"), "");  // upper, lower, digit
  EXPECT_EQ(BrokenRule("zhangwei", "qwerty1!"), "");  // lower, digit, special
  EXPECT_EQ(BrokenRule("zhangwei", "QWERTY1!"), "");  // upper, digit, special
  EXPECT_EQ(BrokenRule("zhangwei", "Qwerty!!"), "");  // upper, lower, special
}

TEST(PasswordRulesTest, TwoClassesOnly) {
  EXPECT_EQ(BrokenRule("zhangwei", "qwertyuiop12"), "min_classes");  // lower, digit
  EXPECT_EQ(BrokenRule("zhangwei", "QWERTYUIOP!!"), "min_classes");  // upper, special
  EXPECT_EQ(BrokenRule("zhangwei", "QwertyUiop"), "min_classes");    // upper, lower
  EXPECT_EQ(BrokenRule("zhangwei", "12345678#$"), "min_classes");    // digit, special
  EXPECT_EQ(BrokenRule("zhangwei", "qwertyuiop12!"), "");
}

TEST(PasswordRulesTest, OneClassOnly) {
  EXPECT_EQ(BrokenRule("zhangwei", "qwertyuiopas"), "min_classes");
  EXPECT_EQ(BrokenRule("zhangwei", "1234567890"), "min_classes");
}

TEST(PasswordRulesTest, SpaceAndPunctuationAreSpecial) {
  EXPECT_EQ(BrokenRule("zhangwei", "qwert yu1"), "");
  EXPECT_EQ(BrokenRule("zhangwei", "qwertyu~1"), "");
  EXPECT_EQ(BrokenRule("zhangwei", "qwertyuio1"), "min_classes");
}

TEST(PasswordRulesTest, RunFromUsernameCaseInsensitive) {
  EXPECT_EQ(BrokenRule("zhangwei", "xWEI#2024a"), "username_run");  // upper-case in password
  EXPECT_EQ(BrokenRule("ZhangWei", "xwei#2024A"), "username_run");  // upper-case in username
  EXPECT_EQ(BrokenRule("ZHANGWEI", "Pa$$gwe12"), "username_run");   // from the middle
}

TEST(PasswordRulesTest, RunOfTwoFromUsernameIsAllowed) {
  EXPECT_EQ(BrokenRule("zhangwei", "Zh#2024Wex"), "");  // "zh" and "we": runs of 2 only
  EXPECT_EQ(BrokenRule("zhangwei", "Ahz#2024x"), "");   // reversed order is not a run
}

TEST(PasswordRulesTest, UsernameShorterThanThreeHasNoRun) {
  EXPECT_EQ(BrokenRule("li", "Li#12345"), "");
  EXPECT_EQ(BrokenRule("", "Li#12345"), "");
}

// Decision (docs/access.md): only printable ASCII; non-ASCII and control characters are refused.
TEST(PasswordRulesTest, NonAsciiAndControlCharactersAreRefused) {
  const std::string umlaut = "P\xc3\xa4ssw0rd!";                                    // "Pässw0rd!"
  const std::string chinese = std::string("\xe5\xaf\x86\xe7\xa0\x81") + "Ab12345";  // 密码
  const std::string nul = "Abc" + std::string(1, '\0') + "12345";
  const std::string del = "Abc" + std::string(1, '\x7f') + "12345";
  for (const std::string& pw : {umlaut, chinese, nul, del, std::string("Abc\t12345")}) {
    EXPECT_EQ(BrokenRule("zhangwei", pw), "charset");
  }
}

TEST(PasswordRulesTest, LongerThanTheLimitIsRefused) {
  const std::string ok = "Ab1#" + std::string(kMaxPasswordLength - 4, 'x');
  EXPECT_EQ(BrokenRule("zhangwei", ok), "");
  EXPECT_EQ(BrokenRule("zhangwei", ok + "x"), "max_length");
}

TEST(PasswordRulesTest, StricterPolicyIsApplied) {
  PasswordPolicy strict;
  strict.min_length = 12;
  EXPECT_EQ(BrokenRule("zhangwei", "Qwerty12", strict), "min_length");
  strict = PasswordPolicy();
  strict.min_classes = 4;
  EXPECT_EQ(BrokenRule("zhangwei", "Qwerty12", strict), "min_classes");
  EXPECT_EQ(BrokenRule("zhangwei", "Qwerty1!", strict), "");
  strict = PasswordPolicy();
  strict.max_common_run = 1;
  EXPECT_EQ(BrokenRule("zhangwei", "Qwzh#12345", strict), "username_run");
}

// Invariant 1 of password.h: a refusal never contains the password or the part that broke a rule.
TEST(PasswordRulesTest, ErrorsNeverEchoThePassword) {
  for (std::string_view pw : {"Zhang#2024x", "Ab1#xyz", "qwertyuiop12", "P\xc3\xa4ssw0rd!"}) {
    Status status = Check("zhangwei", pw);
    ASSERT_FALSE(status) << "expected a refusal";
    EXPECT_EQ(status.error().ToString().find(pw), std::string::npos);
    EXPECT_EQ(status.error().ToString().find("ang"), std::string::npos);
  }
}

TEST(PasswordExpiryTest, ExpiresAtDay180) {
  FakeClock clock(TimePoint(std::chrono::seconds(1'700'000'000)));
  const TimePoint changed_at = clock.Now();
  const PasswordPolicy policy;
  clock.Advance(std::chrono::days(180) - std::chrono::seconds(1));
  EXPECT_FALSE(PasswordExpired(changed_at, clock.Now(), policy));
  clock.Advance(std::chrono::seconds(1));
  EXPECT_TRUE(PasswordExpired(changed_at, clock.Now(), policy));
  clock.Advance(std::chrono::days(1));
  EXPECT_TRUE(PasswordExpired(changed_at, clock.Now(), policy));
}

TEST(PasswordExpiryTest, StricterExpiryIsApplied) {
  FakeClock clock(TimePoint(std::chrono::seconds(1'700'000'000)));
  const TimePoint changed_at = clock.Now();
  PasswordPolicy policy;
  policy.expiry_days = 90;
  clock.Advance(std::chrono::days(89));
  EXPECT_FALSE(PasswordExpired(changed_at, clock.Now(), policy));
  clock.Advance(std::chrono::days(1));
  EXPECT_TRUE(PasswordExpired(changed_at, clock.Now(), policy));
  EXPECT_FALSE(PasswordExpired(changed_at, clock.Now(), PasswordPolicy()));
}

}  // namespace
}  // namespace cv::access
