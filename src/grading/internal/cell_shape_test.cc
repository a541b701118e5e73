// Tests for ComputeShape: the vector blocks give the same classes and digit count as a byte-by-byte
// reading of kCharClass, at every length and for every byte value.
#include "grading/internal/cell_shape.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace cv::grading::internal {
namespace {

CellShape ReferenceShape(std::string_view v) {
  CellShape s;
  s.len = static_cast<std::uint32_t>(v.size());
  for (unsigned char c : v) {
    s.classes |= kCharClass[c];
    s.digits += c >= '0' && c <= '9';
  }
  return s;
}

void ExpectSameShape(const std::string& v) {
  const CellShape want = ReferenceShape(v), got = ComputeShape(v);
  EXPECT_EQ(got.classes, want.classes) << testing::PrintToString(v);
  EXPECT_EQ(got.digits, want.digits) << testing::PrintToString(v);
  EXPECT_EQ(got.len, want.len);
}

TEST(ClassifyShapeTest, EveryByteValueInEveryLanePosition) {
  for (int b = 0; b < 256; ++b) {
    for (std::size_t at = 0; at < 40; ++at) {
      std::string v(40, '\x80');  // a neutral background of high bytes
      v[at] = static_cast<char>(b);
      ExpectSameShape(v);
      ExpectSameShape(v.substr(0, at + 1));
    }
  }
}

TEST(ClassifyShapeTest, RandomCellsOfEveryLength) {
  std::mt19937 rng(3);
  const std::string alphabet = "0123456789afAFgzGZ@.-,:/ *#()_+\t\x7f\x01\x80\xe4\xb8\xad`{[";
  for (int i = 0; i < 20000; ++i) {
    std::string v(rng() % 120, ' ');
    for (char& c : v) c = alphabet[rng() % alphabet.size()];
    ExpectSameShape(v);
  }
}

TEST(ClassifyShapeTest, DigitCountsBeyondTheByteCounters) {
  // More than 255 blocks of 16 digits: the byte counters must be folded before they wrap.
  for (std::size_t n : {4079u, 4080u, 4096u, 9000u}) ExpectSameShape(std::string(n, '7'));
}

}  // namespace
}  // namespace cv::grading::internal
