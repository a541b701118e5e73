// Minimal UTF-8 decoding for the CJK detectors (names, addresses, vocabularies).
//
// Thread-safety: pure functions.
#ifndef CV_GRADING_INTERNAL_UTF8_H_
#define CV_GRADING_INTERNAL_UTF8_H_

#include <cstddef>
#include <string_view>

namespace cv::grading::internal {

inline constexpr char32_t kBadCodePoint = 0xFFFD;

// Decodes the code point at `*pos` and advances `*pos` past it. A malformed sequence yields
// kBadCodePoint and advances one byte.
// REQUIRES: *pos < s.size().
char32_t NextCodePoint(std::string_view s, std::size_t* pos);

// CJK unified ideographs: the basic block, extension A, compatibility ideographs and the
// supplementary extensions B-F (rare characters do occur in names).
inline bool IsCjkIdeograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

// The separators of transliterated names: U+00B7 MIDDLE DOT, U+2022 BULLET, U+30FB KATAKANA
// MIDDLE DOT and U+FF0E FULLWIDTH FULL STOP (GB 18030 systems emit each of them for "·").
inline bool IsNameDot(char32_t c) {
  return c == 0x00B7 || c == 0x2022 || c == 0x30FB || c == 0xFF0E;
}

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_UTF8_H_
