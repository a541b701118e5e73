// UTF-8 validation, AVX2 with a scalar fallback chosen once per process.
#include "grading/internal/utf8_validate.h"

#include <cstdint>
#include <cstring>

#include "grading/internal/encoding.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define CV_UTF8_AVX2 1
#endif

namespace cv::grading::internal {

bool IsValidUtf8Scalar(std::string_view text) {
  auto* p = reinterpret_cast<const unsigned char*>(text.data());
  auto* const end = p + text.size();
  while ((p = SkipAscii(p, end)) < end) {
    while (p < end && *p >= 0x80) {
      const std::size_t n = Utf8SequenceLength(p, end);
      if (n == 0) return false;
      p += n;
    }
  }
  return true;
}

#if defined(CV_UTF8_AVX2)
namespace {

#define CV_AVX2 __attribute__((target("avx2")))

// Error classes of a two-byte window (the byte before, the byte at a position), from the lookup
// algorithm: each table gives, per nibble, the errors that nibble is compatible with; a window
// is bad where all three tables agree.
constexpr std::uint8_t kTooShort = 1 << 0;      // 11______ 0_______ / 11______ 11______
constexpr std::uint8_t kTooLong = 1 << 1;       // 0_______ 10______
constexpr std::uint8_t kOverlong3 = 1 << 2;     // 11100000 100_____
constexpr std::uint8_t kTooLarge = 1 << 3;      // 11110100 1001____ / 11110100 101_____ / 11110101+
constexpr std::uint8_t kSurrogate = 1 << 4;     // 11101101 101_____
constexpr std::uint8_t kOverlong2 = 1 << 5;     // 1100000_ 10______
constexpr std::uint8_t kTooLarge1000 = 1 << 6;  // 11110101+ 1000____
constexpr std::uint8_t kOverlong4 = 1 << 6;     // 11110000 1000____
constexpr std::uint8_t kTwoConts = 1 << 7;      // 10______ 10______
constexpr std::uint8_t kCarry = kTooShort | kTooLong | kTwoConts;

CV_AVX2 inline __m256i Table(std::uint8_t t0, std::uint8_t t1, std::uint8_t t2, std::uint8_t t3,
                             std::uint8_t t4, std::uint8_t t5, std::uint8_t t6, std::uint8_t t7,
                             std::uint8_t t8, std::uint8_t t9, std::uint8_t t10, std::uint8_t t11,
                             std::uint8_t t12, std::uint8_t t13, std::uint8_t t14,
                             std::uint8_t t15) {
  const auto c = [](std::uint8_t v) { return static_cast<char>(v); };
  return _mm256_setr_epi8(c(t0), c(t1), c(t2), c(t3), c(t4), c(t5), c(t6), c(t7), c(t8), c(t9),
                          c(t10), c(t11), c(t12), c(t13), c(t14), c(t15), c(t0), c(t1), c(t2),
                          c(t3), c(t4), c(t5), c(t6), c(t7), c(t8), c(t9), c(t10), c(t11), c(t12),
                          c(t13), c(t14), c(t15));
}

CV_AVX2 inline __m256i HighNibble(__m256i v) {
  return _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0F));
}

// The 32 bytes ending `n` bytes before the end of `input` (the last n of `prev` first).
template <int N>
CV_AVX2 inline __m256i Prev(__m256i input, __m256i prev) {
  return _mm256_alignr_epi8(input, _mm256_permute2x128_si256(prev, input, 0x21), 16 - N);
}

// Errors of the windows (prev1, input) caught by the three nibble tables.
CV_AVX2 inline __m256i SpecialCases(__m256i input, __m256i prev1) {
  const __m256i byte_1_high = _mm256_shuffle_epi8(
      Table(kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,
            kTwoConts, kTwoConts, kTwoConts, kTwoConts, kTooShort | kOverlong2, kTooShort,
            kTooShort | kOverlong3 | kSurrogate,
            kTooShort | kTooLarge | kTooLarge1000 | kOverlong4),
      HighNibble(prev1));
  constexpr std::uint8_t kLarge = kCarry | kTooLarge | kTooLarge1000;
  const __m256i byte_1_low = _mm256_shuffle_epi8(
      Table(kCarry | kOverlong3 | kOverlong2 | kOverlong4, kCarry | kOverlong2, kCarry, kCarry,
            kCarry | kTooLarge, kLarge, kLarge, kLarge, kLarge, kLarge, kLarge, kLarge, kLarge,
            kLarge | kSurrogate, kLarge, kLarge),
      _mm256_and_si256(prev1, _mm256_set1_epi8(0x0F)));
  constexpr std::uint8_t kCont1000 =
      kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4;
  constexpr std::uint8_t kCont1001 = kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge;
  constexpr std::uint8_t kCont101 = kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge;
  const __m256i byte_2_high = _mm256_shuffle_epi8(
      Table(kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,
            kCont1000, kCont1001, kCont101, kCont101, kTooShort, kTooShort, kTooShort, kTooShort),
      HighNibble(input));
  return _mm256_and_si256(_mm256_and_si256(byte_1_high, byte_1_low), byte_2_high);
}

// Errors of one 32-byte block given the block before it: the special cases, plus a third or
// fourth byte of a sequence that is not a continuation (or a continuation where none is due).
CV_AVX2 inline __m256i BlockErrors(__m256i input, __m256i prev) {
  const __m256i special = SpecialCases(input, Prev<1>(input, prev));
  // Only bytes 111_____ (a lead of 3 or 4) stay >= 0x80 after subtracting 0x60; only 1111____
  // after subtracting 0x70.
  const __m256i third = _mm256_subs_epu8(Prev<2>(input, prev), _mm256_set1_epi8(0xE0 - 0x80));
  const __m256i fourth = _mm256_subs_epu8(Prev<3>(input, prev), _mm256_set1_epi8(0xF0 - 0x80));
  const __m256i must_continue =
      _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8(static_cast<char>(0x80)));
  return _mm256_xor_si256(must_continue, special);
}

// Non-zero when the block ends inside a sequence: a lead of 2+ bytes in the last byte, 3+ in the
// second last or 4 in the third last.
CV_AVX2 inline __m256i Incomplete(__m256i input) {
  const __m256i max =
      _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                       -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, static_cast<char>(0xF0 - 1),
                       static_cast<char>(0xE0 - 1), static_cast<char>(0xC0 - 1));
  return _mm256_subs_epu8(input, max);
}

// The running state of a validation: errors so far, the previous block and whether it ended
// inside a sequence.
struct State {
  __m256i error;
  __m256i prev;
  __m256i prev_incomplete;
};

CV_AVX2 inline void Step(__m256i input, State* s) {
  if (_mm256_movemask_epi8(input) == 0) {  // ASCII: only a sequence left open before matters
    s->error = _mm256_or_si256(s->error, s->prev_incomplete);
  } else {
    s->error = _mm256_or_si256(s->error, BlockErrors(input, s->prev));
    s->prev_incomplete = Incomplete(input);
  }
  s->prev = input;
}

CV_AVX2 bool IsValidUtf8Avx2(std::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  State s{_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()};
  for (; end - p >= 32; p += 32) Step(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)), &s);
  // The tail, padded with NUL (ASCII): a sequence cut off by the end meets ASCII and is too short.
  alignas(32) char tail[32] = {};
  if (end > p) std::memcpy(tail, p, static_cast<std::size_t>(end - p));
  Step(_mm256_load_si256(reinterpret_cast<const __m256i*>(tail)), &s);
  const __m256i error = _mm256_or_si256(s.error, s.prev_incomplete);
  return _mm256_testz_si256(error, error) != 0;
}

#undef CV_AVX2

bool HasAvx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}

}  // namespace
#endif  // CV_UTF8_AVX2

bool IsValidUtf8(std::string_view text) {
#if defined(CV_UTF8_AVX2)
  if (HasAvx2()) return IsValidUtf8Avx2(text);
#endif
  return IsValidUtf8Scalar(text);
}

}  // namespace cv::grading::internal
