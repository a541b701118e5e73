// Cell shape: one pass over a cell's bytes with a 256-entry class table, so that ClassifyCell
// calls only the detectors whose alphabet and length the cell fits.
//
// Thread-safety: constant tables and pure functions.
#ifndef CV_GRADING_INTERNAL_CELL_SHAPE_H_
#define CV_GRADING_INTERNAL_CELL_SHAPE_H_

#include <array>
#include <cstdint>
#include <string_view>

namespace cv::grading::internal {

// Byte classes. A byte has exactly one class.
enum CharClass : std::uint32_t {
  kDigit = 1u << 0,        // 0-9
  kHexAlpha = 1u << 1,     // a-f A-F
  kAlpha = 1u << 2,        // the other ASCII letters
  kHigh = 1u << 3,         // a byte >= 0x80: part of a multi-byte UTF-8 character
  kSpace = 1u << 4,        // ' ' and '\t'
  kDash = 1u << 5,         // '-'
  kPlus = 1u << 6,         // '+'
  kDot = 1u << 7,          // '.'
  kComma = 1u << 8,        // ','
  kColon = 1u << 9,        // ':'
  kSlash = 1u << 10,       // '/'
  kAt = 1u << 11,          // '@'
  kStar = 1u << 12,        // '*'
  kHash = 1u << 13,        // '#'
  kParen = 1u << 14,       // '(' and ')'
  kUnderscore = 1u << 15,  // '_'
  kOther = 1u << 16,       // any other ASCII punctuation or control byte
};
inline constexpr std::uint32_t kLetter = kHexAlpha | kAlpha;
inline constexpr std::uint32_t kAlnum = kDigit | kLetter;

// The class of every byte value.
inline constexpr std::array<std::uint32_t, 256> kCharClass = [] {
  std::array<std::uint32_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    std::uint32_t k = kOther;
    if (c >= '0' && c <= '9')
      k = kDigit;
    else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
      k = kHexAlpha;
    else if ((c >= 'g' && c <= 'z') || (c >= 'G' && c <= 'Z'))
      k = kAlpha;
    else if (c >= 0x80)
      k = kHigh;
    t[c] = k;
  }
  t[' '] = t['\t'] = kSpace;
  t['-'] = kDash;
  t['+'] = kPlus;
  t['.'] = kDot;
  t[','] = kComma;
  t[':'] = kColon;
  t['/'] = kSlash;
  t['@'] = kAt;
  t['*'] = kStar;
  t['#'] = kHash;
  t['('] = t[')'] = kParen;
  t['_'] = kUnderscore;
  return t;
}();

// What one pass over a cell learns.
struct CellShape {
  std::uint32_t classes = 0;  // OR of the classes of every byte
  std::uint32_t len = 0;      // bytes
  std::uint32_t digits = 0;
  std::uint32_t letters = 0;  // ASCII letters
  std::uint32_t high = 0;     // bytes >= 0x80

  bool Has(std::uint32_t c) const { return (classes & c) != 0; }
  // True when every byte is in one of the classes of `allowed`.
  bool Within(std::uint32_t allowed) const { return (classes & ~allowed) == 0; }
};

inline CellShape ComputeShape(std::string_view v) {
  CellShape s;
  s.len = static_cast<std::uint32_t>(v.size());
  for (unsigned char c : v) {
    const std::uint32_t k = kCharClass[c];
    s.classes |= k;
    s.digits += k & kDigit;
    s.letters += (k & kLetter) != 0;
    s.high += c >> 7;
  }
  return s;
}

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAlnum(char c) { return (kCharClass[static_cast<unsigned char>(c)] & kAlnum) != 0; }
constexpr char ToUpperAscii(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
}

// True when every byte of `v` is an ASCII digit (and `v` is non-empty).
inline bool AllDigits(std::string_view v) {
  if (v.empty()) return false;
  for (char c : v) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// The value of `v` as a decimal number; -1 when `v` is empty, longer than 9, or has a non-digit.
inline int ParseDigits(std::string_view v) {
  if (v.empty() || v.size() > 9) return -1;
  int n = 0;
  for (char c : v) {
    if (!IsDigit(c)) return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

// Removes `lit` from the front of `*v` when it is there. The first byte is compared inline, so
// most calls never reach memcmp.
inline bool ConsumeLiteral(std::string_view* v, std::string_view lit) {
  if (v->empty() || (*v)[0] != lit[0] || !v->starts_with(lit)) return false;
  v->remove_prefix(lit.size());
  return true;
}

// ASCII case-insensitive equality; other bytes compare exactly.
inline bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ToUpperAscii(a[i]) != ToUpperAscii(b[i])) return false;
  }
  return true;
}

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_CELL_SHAPE_H_
