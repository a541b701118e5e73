// A constant set of CJK ideographs (U+4E00..U+9FFF) as a bitset, built at compile time from a
// string of the characters: one shift and one load per lookup.
//
// Thread-safety: immutable.
#ifndef CV_GRADING_INTERNAL_CJK_SET_H_
#define CV_GRADING_INTERNAL_CJK_SET_H_

#include <array>
#include <cstdint>
#include <string_view>

namespace cv::grading::internal {

class CjkSet {
 public:
  static constexpr char32_t kFirst = 0x4E00;
  static constexpr char32_t kLast = 0x9FFF;

  // REQUIRES: every character of `chars` is in [kFirst, kLast] (else compilation fails).
  constexpr explicit CjkSet(std::u32string_view chars) {
    for (char32_t c : chars) {
      if (c < kFirst || c > kLast) throw "CjkSet: character outside U+4E00..U+9FFF";
      bits_[(c - kFirst) / 64] |= std::uint64_t{1} << ((c - kFirst) % 64);
    }
  }

  constexpr bool contains(char32_t c) const {
    if (c < kFirst || c > kLast) return false;
    return (bits_[(c - kFirst) / 64] >> ((c - kFirst) % 64)) & 1;
  }

 private:
  std::array<std::uint64_t, (kLast - kFirst + 64) / 64> bits_{};
};

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_CJK_SET_H_
