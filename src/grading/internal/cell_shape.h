// Cell shape: one pass over a cell's bytes with a 256-entry class table, so that ClassifyCell
// calls only the detectors whose alphabet and length the cell fits.
//
// Thread-safety: constant tables and pure functions.
#ifndef CV_GRADING_INTERNAL_CELL_SHAPE_H_
#define CV_GRADING_INTERNAL_CELL_SHAPE_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

  bool Has(std::uint32_t c) const { return (classes & c) != 0; }
  // True when every byte is in one of the classes of `allowed`.
  bool Within(std::uint32_t allowed) const { return (classes & ~allowed) == 0; }
};

#if defined(__SSE2__)
// ComputeShape over whole 16-byte blocks from *p (advanced past them), SSE2 being part of
// x86-64. Digits, hex letters, other letters and bytes >= 0x80 are told by range compares; the
// rest (punctuation, spaces, controls: few in most cells) by kCharClass, so `classes` is the
// same OR as the byte-by-byte loop. Digit hits are summed in byte counters, folded every 255
// blocks before they could wrap.
inline void ShapeOfBlocks(const unsigned char** p, const unsigned char* end, CellShape* s) {
  const __m128i zero = _mm_setzero_si128();
  const __m128i case_bit = _mm_set1_epi8(0x20);
  const auto bound = [](char c) { return _mm_set1_epi8(c); };
  unsigned any_digit = 0, any_hex = 0, any_alpha = 0, any_high = 0;
  const unsigned char* q = *p;
  while (end - q >= 16) {
    const std::size_t blocks = std::min<std::size_t>(static_cast<std::size_t>(end - q) / 16, 255);
    const unsigned char* const stop = q + blocks * 16;
    __m128i digit_count = zero;
    for (; q < stop; q += 16) {
      // Signed compares: bytes >= 0x80 are negative, below every bound.
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
      const __m128i digit =
          _mm_and_si128(_mm_cmpgt_epi8(v, bound('0' - 1)), _mm_cmplt_epi8(v, bound('9' + 1)));
      const __m128i lower = _mm_or_si128(v, case_bit);  // only A-Z and a-z land in a-z
      const __m128i hex =
          _mm_and_si128(_mm_cmpgt_epi8(lower, bound('a' - 1)), _mm_cmplt_epi8(lower, bound('g')));
      const __m128i alpha =
          _mm_and_si128(_mm_cmpgt_epi8(lower, bound('f')), _mm_cmplt_epi8(lower, bound('z' + 1)));
      const unsigned dm = static_cast<unsigned>(_mm_movemask_epi8(digit));
      const unsigned hm = static_cast<unsigned>(_mm_movemask_epi8(hex));
      const unsigned am = static_cast<unsigned>(_mm_movemask_epi8(alpha));
      const unsigned high = static_cast<unsigned>(_mm_movemask_epi8(v));
      any_digit |= dm, any_hex |= hm, any_alpha |= am, any_high |= high;
      digit_count = _mm_sub_epi8(digit_count, digit);
      for (unsigned rest = ~(dm | hm | am | high) & 0xFFFFu; rest != 0; rest &= rest - 1) {
        s->classes |= kCharClass[q[__builtin_ctz(rest)]];
      }
    }
    const __m128i sums = _mm_sad_epu8(digit_count, zero);
    s->digits += static_cast<std::uint32_t>(_mm_cvtsi128_si32(sums)) +
                 static_cast<std::uint32_t>(_mm_extract_epi16(sums, 4));
  }
  s->classes |= (any_digit != 0 ? kDigit : 0u) | (any_hex != 0 ? kHexAlpha : 0u) |
                (any_alpha != 0 ? kAlpha : 0u) | (any_high != 0 ? kHigh : 0u);
  *p = q;
}
#endif

inline CellShape ComputeShape(std::string_view v) {
  CellShape s;
  s.len = static_cast<std::uint32_t>(v.size());
  const auto* p = reinterpret_cast<const unsigned char*>(v.data());
  const auto* const end = p + v.size();
#if defined(__SSE2__)
  ShapeOfBlocks(&p, end, &s);
#endif
  for (; p < end; ++p) {
    const std::uint32_t k = kCharClass[*p];
    s.classes |= k;
    s.digits += k & kDigit;
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
