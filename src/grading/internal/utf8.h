// Minimal UTF-8 decoding for the CJK detectors (names, addresses).
//
// Thread-safety: pure functions.
#ifndef CV_GRADING_INTERNAL_UTF8_H_
#define CV_GRADING_INTERNAL_UTF8_H_

#include <cstddef>
#include <string_view>

namespace cv::grading::internal {

inline constexpr char32_t kBadCodePoint = 0xFFFD;

namespace utf8_detail {

inline bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Length of the sequence led by `b` and the payload bits of the lead byte; 0 for a bad lead.
inline int SequenceLength(unsigned char b, char32_t* bits) {
  if (b < 0x80) return *bits = b, 1;
  if (b >= 0xC2 && b <= 0xDF) return *bits = b & 0x1F, 2;
  if (b >= 0xE0 && b <= 0xEF) return *bits = b & 0x0F, 3;
  if (b >= 0xF0 && b <= 0xF4) return *bits = b & 0x07, 4;
  return 0;
}

}  // namespace utf8_detail

// Decodes the code point at `*pos` (RFC 3629 section 3) and advances `*pos` past it. A
// malformed sequence (bad lead, truncated, overlong, surrogate) yields kBadCodePoint and
// advances one byte. Inline: it runs per character of CJK cells.
// REQUIRES: *pos < s.size().
inline char32_t NextCodePoint(std::string_view s, std::size_t* pos) {
  char32_t c = 0;
  const int n = utf8_detail::SequenceLength(static_cast<unsigned char>(s[*pos]), &c);
  if (n == 0 || *pos + n > s.size()) return ++*pos, kBadCodePoint;
  for (int i = 1; i < n; ++i) {
    const auto b = static_cast<unsigned char>(s[*pos + i]);
    if (!utf8_detail::IsContinuation(b)) return ++*pos, kBadCodePoint;
    c = (c << 6) | (b & 0x3F);
  }
  static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};  // shorter forms: overlong
  if (c < kMin[n] || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) return ++*pos, kBadCodePoint;
  *pos += n;
  return c;
}

// NextCodePoint with the three-byte sequences of CJK text decoded inline; the same result and
// the same advance as NextCodePoint for every input (malformed ones included).
// REQUIRES: *pos < s.size().
inline char32_t NextCodePointFast(std::string_view s, std::size_t* pos) {
  const std::size_t p = *pos;
  const auto b0 = static_cast<unsigned char>(s[p]);
  if (b0 < 0x80) return ++*pos, b0;
  if ((b0 & 0xF0) == 0xE0 && p + 2 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[p + 1]);
    const auto b2 = static_cast<unsigned char>(s[p + 2]);
    if (utf8_detail::IsContinuation(b1) && utf8_detail::IsContinuation(b2)) {
      const char32_t c = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) return *pos += 3, c;
    }
  }
  return NextCodePoint(s, pos);
}

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
