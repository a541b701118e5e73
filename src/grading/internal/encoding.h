// Text encodings of scanned files: sniffing (UTF-8 with or without BOM, GB18030/GBK, binary),
// in-place UTF-8 repair, and GB18030 -> UTF-8 conversion through iconv.
//
// Thread-safety: functions are pure; a Gb18030Decoder holds an iconv handle, one per thread.
#ifndef CV_GRADING_INTERNAL_ENCODING_H_
#define CV_GRADING_INTERNAL_ENCODING_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "common/result.h"

namespace cv::grading::internal {

enum class Encoding : std::uint8_t { kUtf8, kUtf8Bom, kGb18030 };

// "utf-8" | "utf-8-bom" | "gb18030". DO NOT CHANGE: reported in scan JSON.
std::string_view EncodingName(Encoding e);

struct Sniffed {
  Encoding encoding = Encoding::kUtf8;
  std::size_t bom_bytes = 0;  // bytes to skip at the start of the file
};

// Decides the encoding from the first bytes of a file. `forced` is "auto", "utf-8", "gb18030"
// or "gbk" (an alias of gb18030). `at_eof` says `head` is the whole file.
// Errors: kMalformed for binary content (NUL bytes), kUnsupported for UTF-16/UTF-32 (by BOM or
// by NUL pattern) and for an unknown `forced` name.
Result<Sniffed> SniffEncoding(std::string_view head, bool at_eof, std::string_view forced);

// Number of invalid UTF-8 sequences in `text`. A sequence cut off by the end of `text` counts
// only when `at_eof`.
std::size_t CountInvalidUtf8(std::string_view text, bool at_eof);

// Replaces every byte that is not part of a valid UTF-8 sequence by '?', in place, and calls
// `on_invalid(offset)` for each. Returns the number replaced. All-ASCII input costs one fast pass.
// The longest prefix of `text` of at most `max_bytes` that does not split a UTF-8 sequence.
inline std::string_view TruncateUtf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

template <typename OnInvalid>
std::size_t RepairUtf8(char* data, std::size_t size, OnInvalid&& on_invalid);

// Converts GB18030 (and so GBK and GB2312) to UTF-8.
class Gb18030Decoder {
 public:
  static Result<std::unique_ptr<Gb18030Decoder>> Create();
  ~Gb18030Decoder();

  // Appends the UTF-8 form of `in` to `out`. Each undecodable byte becomes '?'; returns how many.
  std::size_t Convert(std::string_view in, std::string* out);
  // Offset in the last Convert() input of the first undecodable byte, or npos.
  std::size_t first_invalid() const { return first_invalid_; }

 private:
  explicit Gb18030Decoder(void* cd) : cd_(cd) {}
  void* cd_;
  std::size_t first_invalid_ = std::string_view::npos;
};

// Length of the valid UTF-8 sequence at `p` (1-4), or 0 when invalid or cut off before `end`
// (RFC 3629 section 4: no overlongs, no surrogates, nothing above U+10FFFF).
inline std::size_t Utf8SequenceLength(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = *p;
  if (c < 0x80) return 1;
  const std::size_t left = static_cast<std::size_t>(end - p);
  if (c >= 0xE1 && c <= 0xEC && left >= 3) {  // the common case: CJK and most BMP text
    return ((p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) ? 3 : 0;
  }
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (left < n || p[1] < lo || p[1] > hi) return 0;
  for (std::size_t i = 2; i < n; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
  }
  return n;
}

// Bytes from `p` up to the first non-ASCII byte (or `end`), 16 at a time with SSE2.
inline const unsigned char* SkipAscii(const unsigned char* p, const unsigned char* end) {
#if defined(__SSE2__)
  while (end - p >= 16) {
    int mask = _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < end && *p < 0x80) ++p;
  return p;
}

template <typename OnInvalid>
std::size_t RepairUtf8(char* data, std::size_t size, OnInvalid&& on_invalid) {
  auto* const base = reinterpret_cast<unsigned char*>(data);
  auto* p = base;
  auto* const end = p + size;
  std::size_t replaced = 0;
  while ((p = const_cast<unsigned char*>(SkipAscii(p, end))) < end) {
    // A run of multi-byte characters (CJK text) is walked without going back to the ASCII scan.
    while (p < end && *p >= 0x80) {
      std::size_t n = Utf8SequenceLength(p, end);
      if (n == 0) {
        on_invalid(static_cast<std::size_t>(p - base));
        *p++ = '?';
        ++replaced;
      } else {
        p += n;
      }
    }
  }
  return replaced;
}

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_ENCODING_H_
