// ACC-5 TOTP: RFC 6238 vectors, verification window, replay refusal and the otpauth URI.
#include "access/totp.h"

#include <gtest/gtest.h>
#include <liboath/oath.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "common/testing/vector_file.h"

namespace cv::access {
namespace {

using cv::testing::ForEachVector;
using cv::testing::FromHex;
using cv::testing::SourcePath;
using cv::testing::VectorBlock;

const Secret& Rfc6238Seed() {
  static const Secret* seed = new Secret("12345678901234567890");
  return *seed;
}

TimePoint At(std::int64_t unix_seconds) { return TimePoint(std::chrono::seconds(unix_seconds)); }

std::string CodeAt(const Secret& seed, std::int64_t unix_seconds) {
  auto code = TotpCode(seed, At(unix_seconds));
  EXPECT_TRUE(code) << code.error().ToString();
  return code.value_or("");
}

std::string View(const Secret& s) { return std::string(s.View(SecretAccess::Get())); }

// TimePoint counts nanoseconds in 64 bits, so it ends in 2262; RFC 6238's last vector (year
// 2603) is checked by step only.
bool FitsTimePoint(std::int64_t unix_seconds) {
  return unix_seconds <
         std::chrono::duration_cast<std::chrono::seconds>(TimePoint::duration::max()).count();
}

// RFC 6238 Appendix B (SHA-1 rows): 8-digit codes, and 6-digit codes as their last 6 digits.
TEST(TotpTest, Rfc6238AppendixBSha1Vectors) {
  int by_time = 0;
  const int n = ForEachVector(
      SourcePath("src/access/testdata/totp_rfc6238_vectors.txt"), [&](VectorBlock& v) {
        const Secret seed(FromHex(v.Get("Seed")));
        const std::int64_t seconds = std::stoll(v.Get("Time"));
        const std::int64_t step = std::stoll(v.Get("Step"));
        const std::string totp = v.Get("Totp");
        EXPECT_EQ(TotpCodeForStep(seed, step, 8).value_or(""), totp);
        EXPECT_EQ(TotpCodeForStep(seed, step).value_or(""), totp.substr(2));
        if (!FitsTimePoint(seconds)) return;
        ++by_time;
        const TimePoint t = At(seconds);
        EXPECT_EQ(TotpStep(t), step);
        EXPECT_EQ(TotpCode(seed, t, 8).value_or(""), totp);
        EXPECT_EQ(TotpCode(seed, t).value_or(""), totp.substr(2));
        EXPECT_EQ(VerifyTotp(seed, totp.substr(2), t, 0, -1).value_or(-1), step);
      });
  EXPECT_EQ(n, 6);
  EXPECT_EQ(by_time, 5);
}

TEST(TotpTest, SixDigitsByDefault) {
  const std::string code = CodeAt(Rfc6238Seed(), 1'700'000'000);
  EXPECT_EQ(code.size(), 6u);
  EXPECT_EQ(code.find_first_not_of("0123456789"), std::string::npos);
}

TEST(TotpTest, WindowAcceptsOneStepEitherSide) {
  const Secret& seed = Rfc6238Seed();
  const std::int64_t now = 1'700'000'010;  // step 56666667
  const std::int64_t step = TotpStep(At(now));
  for (int d : {-1, 0, 1}) {
    auto got = VerifyTotp(seed, CodeAt(seed, now + 30 * d), At(now), kTotpDefaultWindow, -1);
    ASSERT_TRUE(got) << d;
    EXPECT_EQ(*got, step + d);
  }
  for (int d : {-2, 2}) {
    const std::string code = CodeAt(seed, now + 30 * d);
    EXPECT_FALSE(VerifyTotp(seed, code, At(now), 1, -1)) << d;
    EXPECT_EQ(VerifyTotp(seed, code, At(now), 2, -1).value_or(-1), step + d);
  }
  EXPECT_FALSE(VerifyTotp(seed, CodeAt(seed, now + 30), At(now), 0, -1));
}

// ACC-5: "Replayed codes are refused."
TEST(TotpTest, Acc5ReplayedCodeIsRefused) {
  const Secret& seed = Rfc6238Seed();
  FakeClock clock(At(1'700'000'010));
  const std::string code = CodeAt(seed, 1'700'000'010);
  auto first = VerifyTotp(seed, code, clock.Now(), 1, -1);
  ASSERT_TRUE(first);
  auto again = VerifyTotp(seed, code, clock.Now(), 1, *first);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(again.error().message(), "invalid code: already used");
  auto older = VerifyTotp(seed, CodeAt(seed, 1'700'000'010 - 30), clock.Now(), 1, *first);
  EXPECT_FALSE(older);
  clock.Advance(std::chrono::seconds(30));
  const std::string next = CodeAt(seed, 1'700'000'040);
  EXPECT_EQ(VerifyTotp(seed, next, clock.Now(), 1, *first).value_or(-1), *first + 1);
}

TEST(TotpTest, WrongCodeIsRefusedGenerically) {
  const Secret& seed = Rfc6238Seed();
  const std::int64_t now = 1'700'000'010;
  std::string wrong = "000000";
  while (wrong == CodeAt(seed, now - 30) || wrong == CodeAt(seed, now) ||
         wrong == CodeAt(seed, now + 30)) {
    wrong[5]++;
  }
  auto got = VerifyTotp(seed, wrong, At(now), 1, -1);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(got.error().message(), "invalid code");
}

TEST(TotpTest, MalformedCodesAreRefused) {
  const Secret& seed = Rfc6238Seed();
  const std::string good = CodeAt(seed, 1'700'000'010);
  for (const std::string& bad : {std::string(""), good.substr(1), good + "0", std::string("12a456"),
                                 " " + good, std::string("94287082")}) {
    auto got = VerifyTotp(seed, bad, At(1'700'000'010), 1, -1);
    ASSERT_FALSE(got) << bad;
    EXPECT_EQ(got.error().message(), "invalid code");
  }
}

TEST(TotpTest, BadArgumentsAreRefused) {
  const Secret& seed = Rfc6238Seed();
  const std::string code = CodeAt(seed, 1'700'000'010);
  EXPECT_EQ(VerifyTotp(seed, code, At(1'700'000'010), -1, -1).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(VerifyTotp(seed, code, At(1'700'000'010), kTotpMaxWindow + 1, -1).error().code(),
            ErrorCode::kInvalidArgument);
  const Secret short_seed("123456789012345");  // 120 bits
  EXPECT_EQ(TotpCode(short_seed, At(59)).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(VerifyTotp(short_seed, code, At(59), 1, -1).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_FALSE(TotpCode(seed, At(59), 5));
  EXPECT_FALSE(TotpCode(seed, At(59), 9));
  EXPECT_FALSE(TotpCode(seed, At(-1)));
  EXPECT_FALSE(TotpCodeForStep(seed, -1));
}

TEST(TotpTest, NewSeedsAreTwentyRandomBytes) {
  auto a = NewTotpSeed();
  auto b = NewTotpSeed();
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->size(), kTotpSeedBytes);
  EXPECT_FALSE(a->Equals(*b));
  EXPECT_TRUE(TotpCode(*a, At(1'700'000'000)));
}

TEST(TotpTest, OtpauthUriFormatIsExact) {
  const Secret uri = OtpauthUri("CreditVault", "zhangwei", Rfc6238Seed());
  EXPECT_EQ(View(uri),
            "otpauth://totp/CreditVault:zhangwei?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=CreditVault&algorithm=SHA1&digits=6&period=30");
}

TEST(TotpTest, OtpauthUriPercentEncodesIssuerAndAccount) {
  const Secret uri = OtpauthUri("Bank of China", "\xe5\xbc\xa0\xe4\xbc\x9f@x:y", Rfc6238Seed());
  EXPECT_EQ(View(uri),
            "otpauth://totp/Bank%20of%20China:%E5%BC%A0%E4%BC%9F%40x%3Ay"
            "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank%20of%20China"
            "&algorithm=SHA1&digits=6&period=30");
}

// The secret parameter is unpadded base32 that liboath decodes back to the seed.
TEST(TotpTest, OtpauthUriSecretDecodesToTheSeed) {
  const Secret seed("0123456789abcdef");  // 16 bytes: 26 characters, padded to 32
  const std::string uri = View(OtpauthUri("CV", "a", seed));
  const std::size_t from = uri.find("secret=") + 7;
  const std::string b32 = uri.substr(from, uri.find('&') - from);
  EXPECT_EQ(b32.size(), 26u);
  EXPECT_EQ(b32.find('='), std::string::npos);
  char* out = nullptr;
  std::size_t out_len = 0;
  ASSERT_EQ(oath_base32_decode(b32.data(), b32.size(), &out, &out_len), OATH_OK);
  EXPECT_EQ(std::string(out, out_len), "0123456789abcdef");
  std::free(out);
}

}  // namespace
}  // namespace cv::access
