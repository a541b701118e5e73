// Strict base64: RFC 4648 section 10 test vectors, round trips, and the non-canonical forms the
// decoder must refuse.
#include "audit/internal/base64.h"

#include <gtest/gtest.h>

#include <random>

namespace cv::audit::internal {
namespace {

struct Rfc4648Vector {
  std::string_view bytes;
  std::string_view base64;
};

// RFC 4648 section 10, "Test Vectors" (BASE64).
constexpr Rfc4648Vector kRfc4648Section10[] = {
    {"", ""},
    {"f", "Zg=="},
    {"fo", "Zm8="},
    {"foo", "Zm9v"},
    {"foob", "Zm9vYg=="},
    {"fooba", "Zm9vYmE="},
    {"foobar", "Zm9vYmFy"},
};

TEST(Base64Test, EncodesRfc4648Section10Vectors) {
  for (const auto& v : kRfc4648Section10) EXPECT_EQ(Base64Encode(v.bytes), v.base64) << v.bytes;
}

TEST(Base64Test, DecodesRfc4648Section10Vectors) {
  for (const auto& v : kRfc4648Section10) {
    auto bytes = Base64Decode(v.base64);
    ASSERT_TRUE(bytes) << v.base64 << ": " << bytes.error().ToString();
    EXPECT_EQ(*bytes, v.bytes);
  }
}

TEST(Base64Test, RoundTripsEveryByteValueAndLength) {
  std::mt19937 rng(4648);
  for (std::size_t n = 0; n < 200; ++n) {
    std::string bytes(n, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    auto back = Base64Decode(Base64Encode(bytes));
    ASSERT_TRUE(back) << n;
    EXPECT_EQ(*back, bytes) << n;
  }
}

TEST(Base64Test, UsesTheStandardAlphabetNotUrlSafe) {
  EXPECT_EQ(Base64Encode("\xfb\xff\xbf"), "+/+/");
  EXPECT_FALSE(Base64Decode("-_-_"));
}

TEST(Base64Test, RefusesNonCanonicalText) {
  for (std::string_view bad : {
           "Zg",         // missing padding
           "Zg=",        // short padding
           "Zh==",       // non-zero padding bits ("Zg==" is canonical)
           "Zm9=",       // non-zero padding bits ("Zm8=" is canonical)
           "Zg==Zg==",   // padding in the middle
           "Z===",       // three padding characters
           "=Zg=",       // padding first
           "Zm9v\n",     // line break
           "Zm 9v",      // space
           "Zm9v!A==",   // outside the alphabet
           "Zm9vYmFy=",  // length not a multiple of four
       }) {
    auto bytes = Base64Decode(bad);
    ASSERT_FALSE(bytes) << bad;
    EXPECT_EQ(bytes.error().code(), ErrorCode::kMalformed) << bad;
  }
}

}  // namespace
}  // namespace cv::audit::internal
