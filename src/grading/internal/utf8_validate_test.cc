// Tests for IsValidUtf8: RFC 3629 cases at every offset of a 32-byte block, and agreement with
// RepairUtf8 on random and mutated text.
#include "grading/internal/utf8_validate.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "grading/internal/encoding.h"

namespace cv::grading::internal {
namespace {

// True when RepairUtf8 replaces nothing: the definition IsValidUtf8 must agree with.
bool RepairKeepsAll(std::string text) {
  return RepairUtf8(text.data(), text.size(), [](std::size_t) {}) == 0;
}

void ExpectAgrees(const std::string& text) {
  const bool want = RepairKeepsAll(text);
  EXPECT_EQ(IsValidUtf8(text), want) << testing::PrintToString(text);
  EXPECT_EQ(IsValidUtf8Scalar(text), want) << testing::PrintToString(text);
}

// RFC 3629 section 4 and Unicode Table 3-7: well-formed sequences at the edges of each range.
const std::vector<std::string> kValid = {"a",
                                         "\xC2\x80",
                                         "\xDF\xBF",
                                         "\xE0\xA0\x80",
                                         "\xE1\x80\x80",
                                         "\xEC\xBF\xBF",
                                         "\xED\x80\x80",
                                         "\xED\x9F\xBF",
                                         "\xEE\x80\x80",
                                         "\xEF\xBF\xBF",
                                         "\xF0\x90\x80\x80",
                                         "\xF1\x80\x80\x80",
                                         "\xF3\xBF\xBF\xBF",
                                         "\xF4\x80\x80\x80",
                                         "\xF4\x8F\xBF\xBF",
                                         "张三",
                                         "北京市朝阳区"};

// Ill-formed: stray continuation, overlong forms, surrogates, above U+10FFFF, bad leads,
// sequences cut short.
const std::vector<std::string> kInvalid = {"\x80",
                                           "\xBF",
                                           "\xC0\x80",
                                           "\xC1\xBF",
                                           "\xE0\x80\x80",
                                           "\xE0\x9F\xBF",
                                           "\xED\xA0\x80",
                                           "\xED\xBF\xBF",
                                           "\xF0\x80\x80\x80",
                                           "\xF0\x8F\xBF\xBF",
                                           "\xF4\x90\x80\x80",
                                           "\xF5\x80\x80\x80",
                                           "\xF8\x88\x80\x80\x80",
                                           "\xFF",
                                           "\xC2",
                                           "\xE4\xB8",
                                           "\xF0\x90\x80",
                                           "\xC2\x41",
                                           "\xE4\x41\x80",
                                           "\xE4\xB8\xAD\x80"};

TEST(ScanUtf8ValidateTest, EmptyIsValid) { EXPECT_TRUE(IsValidUtf8("")); }

TEST(ScanUtf8ValidateTest, KnownCasesAtEveryOffset) {
  for (std::size_t pad = 0; pad < 70; ++pad) {
    for (const std::string& s : kValid) {
      const std::string text = std::string(pad, 'x') + s + std::string(70 - pad, 'y');
      EXPECT_TRUE(IsValidUtf8(text)) << pad << " " << testing::PrintToString(s);
      EXPECT_TRUE(IsValidUtf8(std::string(pad, 'x') + s)) << pad;  // ending the text
    }
    for (const std::string& s : kInvalid) {
      const std::string text = std::string(pad, 'x') + s + std::string(70 - pad, 'y');
      EXPECT_FALSE(IsValidUtf8(text)) << pad << " " << testing::PrintToString(s);
      EXPECT_FALSE(IsValidUtf8(std::string(pad, 'x') + s)) << pad;
    }
  }
}

TEST(ScanUtf8ValidateTest, SequenceCutByTheEndOfTheText) {
  const std::string text = std::string(31, 'a') + "张三";  // a sequence across the 32-byte edge
  EXPECT_TRUE(IsValidUtf8(text));
  for (std::size_t cut = 1; cut < 6; ++cut) {
    const std::string shorter = text.substr(0, text.size() - cut);
    EXPECT_EQ(IsValidUtf8(shorter), cut == 3) << cut;
  }
}

TEST(ScanUtf8ValidateTest, AgreesWithRepairOnRandomBytes) {
  std::mt19937 rng(7);
  for (int i = 0; i < 3000; ++i) {
    std::string text(rng() % 100, '\0');
    for (char& c : text) c = static_cast<char>(rng());
    ExpectAgrees(text);
  }
}

// Valid CJK and ASCII text with one or two bytes changed: mostly near-valid input, where the
// vector checks have to find the single bad window.
TEST(ScanUtf8ValidateTest, AgreesWithRepairOnMutatedText) {
  const std::string base =
      "客户张三,13812345678,北京市朝阳区建国路88号,\xF0\x9F\x98\x80 ok \xC3\xA9t\xC3\xA9,"
      "110105194912310021,备注：已核实\n";
  std::mt19937 rng(11);
  static constexpr unsigned char kBytes[] = {0x00, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1,
                                             0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
  for (int i = 0; i < 20000; ++i) {
    std::string text = base.substr(rng() % 8);
    const int changes = 1 + static_cast<int>(rng() % 2);
    for (int k = 0; k < changes; ++k) {
      text[rng() % text.size()] = static_cast<char>(kBytes[rng() % std::size(kBytes)]);
    }
    if (rng() % 4 == 0) text.resize(rng() % text.size());
    ExpectAgrees(text);
  }
}

}  // namespace
}  // namespace cv::grading::internal
