// Encoding sniffing and conversion.
#include "grading/internal/encoding.h"

#include <errno.h>
#include <iconv.h>

#include <algorithm>
#include <cstring>

namespace cv::grading::internal {

std::string_view EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return "utf-8";
    case Encoding::kUtf8Bom:
      return "utf-8-bom";
    case Encoding::kGb18030:
      return "gb18030";
  }
  return "utf-8";
}

std::size_t CountInvalidUtf8(std::string_view text, bool at_eof) {
  auto* p = reinterpret_cast<const unsigned char*>(text.data());
  auto* end = p + text.size();
  std::size_t invalid = 0;
  while (p < end) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    std::size_t n = Utf8SequenceLength(p, end);
    if (n == 0) {
      // A lead byte whose sequence is cut off by the end of the window is not evidence.
      if (!at_eof && end - p < 4 && *p >= 0xC2 && *p <= 0xF4) break;
      ++invalid;
      ++p;
    } else {
      p += n;
    }
  }
  return invalid;
}

namespace {

bool HasNulByte(std::string_view head) { return head.find('\0') != std::string_view::npos; }

// UTF-16/32 text without a BOM shows as NUL bytes beside ASCII; report it as such rather than as
// generic binary, so the operator knows to convert it.
bool LooksLikeUtf16(std::string_view head) {
  std::size_t zeros_odd = 0, zeros_even = 0, n = std::min<std::size_t>(head.size(), 4096);
  for (std::size_t i = 0; i < n; ++i) {
    if (head[i] == '\0') ++(i % 2 ? zeros_odd : zeros_even);
  }
  return n >= 16 && (zeros_odd > n * 2 / 5 || zeros_even > n * 2 / 5);
}

// Bytes of `head` that do not decode as GB18030.
std::size_t InvalidGb18030(std::string_view head, bool at_eof) {
  auto decoder = Gb18030Decoder::Create();
  if (!decoder) return head.size();
  std::string out;
  // Drop up to 3 trailing bytes that may be a cut-off multi-byte character.
  std::string_view body = head;
  if (!at_eof) {
    std::size_t cut = 0;
    while (cut < 3 && cut < body.size() &&
           static_cast<unsigned char>(body[body.size() - 1 - cut]) >= 0x30) {
      ++cut;
    }
    if (cut < 3) body.remove_suffix(cut);
  }
  return (*decoder)->Convert(body, &out);
}

}  // namespace

Result<Sniffed> SniffEncoding(std::string_view head, bool at_eof, std::string_view forced) {
  static constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF") ||
      head.starts_with(std::string_view("\x00\x00\xFE\xFF", 4))) {
    return Fail(
        ErrorCode::kUnsupported,
        "UTF-16/UTF-32 text is not supported; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)");
  }
  if (HasNulByte(head)) {
    if (LooksLikeUtf16(head)) {
      return Fail(ErrorCode::kUnsupported,
                  "the file looks like UTF-16 without a byte-order mark; convert it to UTF-8");
    }
    return Fail(ErrorCode::kMalformed, "the file is binary (NUL bytes), not a text dataset");
  }
  if (forced == "gb18030" || forced == "gbk") return Sniffed{Encoding::kGb18030, 0};
  if (head.starts_with(kUtf8Bom)) return Sniffed{Encoding::kUtf8Bom, kUtf8Bom.size()};
  if (forced == "utf-8") return Sniffed{Encoding::kUtf8, 0};
  if (forced != "auto") {
    return Fail(ErrorCode::kInvalidArgument, "unknown encoding (use auto, utf-8, gb18030 or gbk)");
  }
  std::size_t bad_utf8 = CountInvalidUtf8(head, at_eof);
  if (bad_utf8 == 0) return Sniffed{Encoding::kUtf8, 0};
  // Whichever reading leaves fewer undecodable bytes wins: a GBK export with one damaged byte is
  // still GBK, and a UTF-8 file with one damaged byte is still UTF-8. The rest are warned about.
  if (InvalidGb18030(head, at_eof) < bad_utf8) return Sniffed{Encoding::kGb18030, 0};
  return Sniffed{Encoding::kUtf8, 0};
}

Result<std::unique_ptr<Gb18030Decoder>> Gb18030Decoder::Create() {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return Fail(ErrorCode::kInternal, "iconv cannot convert GB18030 to UTF-8 on this system");
  }
  return std::unique_ptr<Gb18030Decoder>(new Gb18030Decoder(cd));
}

Gb18030Decoder::~Gb18030Decoder() { iconv_close(static_cast<iconv_t>(cd_)); }

std::size_t Gb18030Decoder::Convert(std::string_view in, std::string* out) {
  iconv(static_cast<iconv_t>(cd_), nullptr, nullptr, nullptr, nullptr);  // reset shift state
  first_invalid_ = std::string_view::npos;
  std::size_t invalid = 0;
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  std::size_t base = out->size();
  out->resize(base + in.size() * 2 + 16);  // GB18030 -> UTF-8 grows at most 3/2 (2 -> 3 bytes)
  char* dst = out->data() + base;
  std::size_t dst_left = out->size() - base;
  while (src_left > 0) {
    std::size_t rc = iconv(static_cast<iconv_t>(cd_), &src, &src_left, &dst, &dst_left);
    if (rc != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      std::size_t used = static_cast<std::size_t>(dst - out->data());
      out->resize(out->size() * 2);
      dst = out->data() + used;
      dst_left = out->size() - used;
      continue;
    }
    // EILSEQ or EINVAL (cut-off sequence at the end): replace one byte and go on.
    if (first_invalid_ == std::string_view::npos) first_invalid_ = in.size() - src_left;
    ++invalid;
    ++src;
    --src_left;
    if (dst_left == 0) {
      std::size_t used = static_cast<std::size_t>(dst - out->data());
      out->resize(out->size() * 2);
      dst = out->data() + used;
      dst_left = out->size() - used;
    }
    *dst++ = '?';
    --dst_left;
  }
  out->resize(static_cast<std::size_t>(dst - out->data()));
  return invalid;
}

}  // namespace cv::grading::internal
