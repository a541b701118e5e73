// Tests for the check digit algorithms (GB 11643 MOD 11-2, ISO/IEC 7812 Luhn, GB 32100 MOD 31)
// against the vector files in testdata/ and the public vectors in /work/shared/vectors (GRD-3).
#include "grading/check_digits.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "grading/testdata/vector_file.h"

namespace cv::grading {
namespace {

using testing::ForEachVector;
using testing::LoadSharedVectors;
using testing::TestDataPath;
using testing::VectorBlock;

// GRD-3: the GB 11643-1999 Annex A example's check character is X.
TEST(CheckDigitsTest, ResidentIdStandardExampleIsX) {
  EXPECT_EQ(ResidentIdCheckChar("11010519491231002"), 'X');
}

TEST(CheckDigitsTest, ResidentIdCheckCharOfPublishedIds) {
  EXPECT_EQ(ResidentIdCheckChar("23540719510611274"), '5');
  EXPECT_EQ(ResidentIdCheckChar("21020319750310272"), '1');
  EXPECT_EQ(ResidentIdCheckChar("52032319780605885"), '6');
}

TEST(CheckDigitsTest, ResidentIdCheckCharRejectsWrongLengthOrNonDigit) {
  EXPECT_EQ(ResidentIdCheckChar("1101051949123100"), std::nullopt);
  EXPECT_EQ(ResidentIdCheckChar("110105194912310021"), std::nullopt);
  EXPECT_EQ(ResidentIdCheckChar("1101051949123100X"), std::nullopt);
  EXPECT_EQ(ResidentIdCheckChar(""), std::nullopt);
}

// GB 11643-1999 6.2: MOD 11-2 catches every single-digit substitution, so changing any one of
// the 17 digits of the example changes the check character.
TEST(CheckDigitsTest, ResidentIdCheckCharDetectsEverySingleDigitChange) {
  const std::string base = "11010519491231002";
  for (std::size_t i = 0; i < base.size(); ++i) {
    for (char d = '0'; d <= '9'; ++d) {
      if (d == base[i]) continue;
      std::string changed = base;
      changed[i] = d;
      EXPECT_NE(ResidentIdCheckChar(changed), 'X') << changed;
    }
  }
}

TEST(CheckDigitsTest, LuhnVectors) {
  int n = ForEachVector(TestDataPath("luhn_vectors.txt"), [](VectorBlock& b) {
    const std::string number = b.Get("Number");
    const bool valid = b.Get("Valid") == "true";
    EXPECT_EQ(LuhnValid(number), valid) << number;
    const auto check = LuhnCheckDigit(number.substr(0, number.size() - 1));
    ASSERT_TRUE(check.has_value()) << number;
    EXPECT_EQ(*check == number.back(), valid) << number;
  });
  EXPECT_GE(n, 15);
}

TEST(CheckDigitsTest, LuhnRejectsNonDigitsAndShortInput) {
  EXPECT_EQ(LuhnCheckDigit("7992739871a"), std::nullopt);
  EXPECT_EQ(LuhnCheckDigit("7992 7398 71"), std::nullopt);
  EXPECT_FALSE(LuhnValid("0"));
  EXPECT_FALSE(LuhnValid(""));
  EXPECT_FALSE(LuhnValid("4111 1111 1111 1111"));
}

TEST(CheckDigitsTest, LuhnCheckDigitOfEmptyPayloadIsZero) { EXPECT_EQ(LuhnCheckDigit(""), '0'); }

// GB 32100-2015 4.3 on the example code and on the 200 codes python-stdnum's tests call valid.
TEST(CheckDigitsTest, UsccCheckCharOfPublishedCodes) {
  EXPECT_EQ(UsccCheckChar("91350100M000100Y4"), '3');
  EXPECT_EQ(UsccCheckChar("91310110666007217"), 'T');
  const nlohmann::json v = LoadSharedVectors("uscc_published_examples.json");
  ASSERT_EQ(v["valid"].size(), 200u);
  for (const auto& code : v["valid"]) {
    const std::string s = code.get<std::string>();
    EXPECT_EQ(UsccCheckChar(std::string_view(s).substr(0, 17)), s[17]) << s;
  }
}

// GB 11714: positions 9-16 of every published USCC are an organisation code body whose check
// character stands in position 17 (the detector's fused loop checks the same rule).
TEST(CheckDigitsTest, OrgCodeCheckCharOfPublishedCodes) {
  const nlohmann::json v = LoadSharedVectors("uscc_published_examples.json");
  int checked = 0;
  for (const auto& code : v["valid"]) {
    const std::string s = code.get<std::string>();
    EXPECT_EQ(OrgCodeCheckChar(std::string_view(s).substr(8, 8)), s[16]) << s;
    ++checked;
  }
  EXPECT_EQ(checked, 200);
  EXPECT_EQ(OrgCodeCheckChar("1234567"), std::nullopt);
  EXPECT_EQ(OrgCodeCheckChar("1234567a"), std::nullopt);
}

// The check character is 0 when the weighted sum is a multiple of 31, not "31".
TEST(CheckDigitsTest, UsccCheckCharWrapsToZero) {
  const nlohmann::json v = LoadSharedVectors("uscc_published_examples.json");
  int zeros = 0;
  for (const auto& code : v["valid"]) {
    const std::string s = code.get<std::string>();
    if (s[17] != '0') continue;
    ++zeros;
    EXPECT_EQ(UsccCheckChar(s.substr(0, 17)), '0') << s;
  }
  EXPECT_GT(zeros, 0) << "the published list should include a code with check character 0";
}

TEST(CheckDigitsTest, UsccCheckCharRejectsCharactersOutsideAlphabet) {
  for (char bad : {'I', 'O', 'S', 'V', 'Z', 'a', '-', ' '}) {
    std::string s = "91350100M000100Y4";
    s[9] = bad;
    EXPECT_EQ(UsccCheckChar(s), std::nullopt) << s;
  }
  EXPECT_EQ(UsccCheckChar("91350100M000100Y"), std::nullopt);
}

}  // namespace
}  // namespace cv::grading
