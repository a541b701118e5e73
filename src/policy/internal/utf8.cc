// UTF-8 splitting (RFC 3629 section 4 well-formedness).
#include "policy/internal/utf8.h"

#include <cstddef>
#include <cstdint>

namespace cv::policy::internal {
namespace {

// The length of the well-formed sequence starting at text[i], or 0 when there is none.
std::size_t SequenceLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(text[k]); };
  const std::uint8_t lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    len = 2, cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    len = 3, cp = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    len = 4, cp = lead & 0x07;
  } else {
    return 0;  // continuation byte, C0/C1 overlong lead, or beyond U+10FFFF
  }
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
  if (overlong || surrogate || cp > 0x10FFFF) return 0;
  return len;
}

}  // namespace

bool SplitUtf8(std::string_view text, std::vector<std::string_view>* out) {
  out->clear();
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = SequenceLength(text, i);
    if (len == 0) return false;
    out->push_back(text.substr(i, len));
    i += len;
  }
  return true;
}

bool IsDigitChar(std::string_view ch) {
  if (ch.size() == 1) return ch[0] >= '0' && ch[0] <= '9';
  // U+FF10..U+FF19 are EF BC 90..99.
  return ch.size() == 3 && ch[0] == '\xEF' && ch[1] == '\xBC' &&
         static_cast<std::uint8_t>(ch[2]) >= 0x90 && static_cast<std::uint8_t>(ch[2]) <= 0x99;
}

}  // namespace cv::policy::internal
