// UTF-8 decoding (RFC 3629 section 3).
#include "grading/internal/utf8.h"

namespace cv::grading::internal {
namespace {

bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Length of the sequence led by `b` and the payload bits of the lead byte; 0 for a bad lead.
int SequenceLength(unsigned char b, char32_t* bits) {
  if (b < 0x80) return *bits = b, 1;
  if (b >= 0xC2 && b <= 0xDF) return *bits = b & 0x1F, 2;
  if (b >= 0xE0 && b <= 0xEF) return *bits = b & 0x0F, 3;
  if (b >= 0xF0 && b <= 0xF4) return *bits = b & 0x07, 4;
  return 0;
}

}  // namespace

char32_t NextCodePoint(std::string_view s, std::size_t* pos) {
  char32_t c = 0;
  const int n = SequenceLength(static_cast<unsigned char>(s[*pos]), &c);
  if (n == 0 || *pos + n > s.size()) return ++*pos, kBadCodePoint;
  for (int i = 1; i < n; ++i) {
    const auto b = static_cast<unsigned char>(s[*pos + i]);
    if (!IsContinuation(b)) return ++*pos, kBadCodePoint;
    c = (c << 6) | (b & 0x3F);
  }
  // RFC 3629: reject overlong forms and surrogates.
  static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (c < kMin[n] || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) return ++*pos, kBadCodePoint;
  *pos += n;
  return c;
}

}  // namespace cv::grading::internal
