// Fuzzes encoding sniffing and decoding (grading/internal/encoding.h, utf8.h) with a reference
// UTF-8 validator written from RFC 3629 section 4.
//
// Invariants checked:
//  1. CountInvalidUtf8(text, at_eof=true) equals the reference count (one per byte that starts
//     no valid sequence, skipping valid sequences whole); with at_eof=false it is at most that
//     and at least that minus 3 (only a cut-off tail is forgiven).
//  2. NextCodePoint decodes exactly the reference's sequences (else U+FFFD, advancing one byte),
//     and NextCodePointFast gives the same code point and advance at every offset.
//  3. RepairUtf8 replaces exactly the invalid bytes, reported in increasing order, by '?' and
//     leaves valid UTF-8; SkipAscii stops at the first non-ASCII byte; IsValidUtf8 (vector and
//     scalar) is true exactly when nothing is replaced.
//  4. TruncateUtf8 returns a prefix within the limit that keeps valid text valid.
//  5. SniffEncoding follows its contract for every `forced` value (UTF-16/32 BOMs and NUL bytes
//     refused, BOM length reported, unknown names refused).
//  6. Gb18030Decoder appends valid UTF-8, counts undecodable bytes consistently with
//     first_invalid(), and gives the same output when run twice (its state is reset).
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "grading/internal/encoding.h"
#include "grading/internal/utf8.h"
#include "grading/internal/utf8_validate.h"
#include "tests/fuzz/fuzz_support.h"

namespace cv::grading::internal {
namespace {

// RFC 3629 section 4: the length of the valid sequence at s[i] and its code point, or 0.
std::size_t ReferenceSequence(std::string_view s, std::size_t i, char32_t* code_point) {
  const auto lead = static_cast<unsigned char>(s[i]);
  const std::size_t n = lead < 0x80   ? 1
                        : lead < 0xC0 ? 0
                        : lead < 0xE0 ? 2
                        : lead < 0xF0 ? 3
                        : lead < 0xF8 ? 4
                                      : 0;
  if (n == 0 || s.size() - i < n) return 0;
  char32_t c = n == 1 ? lead : lead & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    c = (c << 6) | (b & 0x3F);
  }
  constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (c < kMin[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  *code_point = c;
  return n;
}

std::size_t ReferenceInvalid(std::string_view s) {
  std::size_t invalid = 0;
  char32_t c;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = ReferenceSequence(s, i, &c);
    invalid += n == 0;
    i += n == 0 ? 1 : n;
  }
  return invalid;
}

void CheckCodePoints(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    char32_t want = 0;
    const std::size_t n = ReferenceSequence(s, i, &want);
    std::size_t pos = i, fast_pos = i;
    const char32_t got = NextCodePoint(s, &pos);
    FUZZ_CHECK(got == (n == 0 ? kBadCodePoint : want) && pos == i + (n == 0 ? 1 : n));
    FUZZ_CHECK(NextCodePointFast(s, &fast_pos) == got && fast_pos == pos);
    const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
    FUZZ_CHECK(Utf8SequenceLength(p, p + (s.size() - i)) == n);
  }
}

void CheckRepair(std::string_view text, std::size_t invalid) {
  auto buf = std::make_unique<char[]>(text.size());
  std::memcpy(buf.get(), text.data(), text.size());
  std::vector<std::size_t> offsets;
  const std::size_t replaced =
      RepairUtf8(buf.get(), text.size(), [&](std::size_t offset) { offsets.push_back(offset); });
  FUZZ_CHECK(replaced == invalid && offsets.size() == invalid);
  const std::string_view repaired(buf.get(), text.size());
  FUZZ_CHECK(CountInvalidUtf8(repaired, true) == 0);
  std::size_t next = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool was_invalid = next < offsets.size() && offsets[next] == i;
    FUZZ_CHECK(repaired[i] == (was_invalid ? '?' : text[i]));
    next += was_invalid;
  }
  FUZZ_CHECK(next == offsets.size());
  FUZZ_CHECK(IsValidUtf8(text) == (invalid == 0));
  FUZZ_CHECK(IsValidUtf8Scalar(text) == (invalid == 0));
  const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* stop = SkipAscii(begin, begin + text.size());
  FUZZ_CHECK(stop <= begin + text.size() && (stop == begin + text.size() || *stop >= 0x80));
  for (const unsigned char* p = begin; p < stop; ++p) FUZZ_CHECK(*p < 0x80);
}

void CheckTruncate(std::string_view text, bool valid) {
  for (std::size_t limit : {text.size() / 2, text.size() - text.size() / 8, std::size_t{3}}) {
    const std::string_view cut = TruncateUtf8(text, limit);
    FUZZ_CHECK(cut.size() <= limit || cut.size() == text.size());
    FUZZ_CHECK(cut.size() <= text.size() && cut.data() == text.data());
    FUZZ_CHECK(!valid || CountInvalidUtf8(cut, true) == 0);
  }
}

void CheckSniff(std::string_view head) {
  const bool wide_bom = head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF") ||
                        head.starts_with(std::string_view("\x00\x00\xFE\xFF", 4));
  const bool nul = head.find('\0') != std::string_view::npos;
  const bool bom = head.starts_with("\xEF\xBB\xBF");
  for (std::string_view forced : {"auto", "utf-8", "gb18030", "gbk", "latin1"}) {
    for (bool at_eof : {true, false}) {
      const auto sniffed = SniffEncoding(head, at_eof, forced);
      if (wide_bom || nul) {
        FUZZ_CHECK(!sniffed && (sniffed.error().code() == ErrorCode::kUnsupported ||
                                sniffed.error().code() == ErrorCode::kMalformed));
        FUZZ_CHECK(!wide_bom || sniffed.error().code() == ErrorCode::kUnsupported);
        continue;
      }
      if (forced == "gb18030" || forced == "gbk") {
        FUZZ_CHECK(sniffed && sniffed->encoding == Encoding::kGb18030 && sniffed->bom_bytes == 0);
      } else if (bom) {
        FUZZ_CHECK(sniffed && sniffed->encoding == Encoding::kUtf8Bom && sniffed->bom_bytes == 3);
      } else if (forced == "latin1") {
        FUZZ_CHECK(!sniffed && sniffed.error().code() == ErrorCode::kInvalidArgument);
      } else {
        FUZZ_CHECK(sniffed && sniffed->bom_bytes == 0 && sniffed->encoding != Encoding::kUtf8Bom);
        FUZZ_CHECK(forced == "auto" || sniffed->encoding == Encoding::kUtf8);
        FUZZ_CHECK(CountInvalidUtf8(head, at_eof) != 0 || sniffed->encoding == Encoding::kUtf8);
      }
    }
  }
}

Gb18030Decoder* Decoder() {
  static Gb18030Decoder* const decoder = Gb18030Decoder::Create().value().release();
  return decoder;
}

void CheckGb18030(std::string_view text) {
  std::string out = "pre";
  const std::size_t invalid = Decoder()->Convert(text, &out);
  FUZZ_CHECK(out.starts_with("pre") && invalid <= text.size());
  FUZZ_CHECK(CountInvalidUtf8(std::string_view(out).substr(3), true) == 0);
  const std::size_t first = Decoder()->first_invalid();
  FUZZ_CHECK((invalid == 0) == (first == std::string_view::npos));
  FUZZ_CHECK(invalid == 0 || first < text.size());
  std::string again;
  FUZZ_CHECK(Decoder()->Convert(text, &again) == invalid && again == out.substr(3));
}

}  // namespace
}  // namespace cv::grading::internal

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cv::grading::internal;
  const std::string_view text = cv::fuzz::AsText(data, size);
  const std::size_t invalid = ReferenceInvalid(text);
  FUZZ_CHECK(CountInvalidUtf8(text, true) == invalid);
  const std::size_t lenient = CountInvalidUtf8(text, false);
  FUZZ_CHECK(lenient <= invalid && lenient + 3 >= invalid);
  CheckCodePoints(text);
  CheckRepair(text, invalid);
  CheckTruncate(text, invalid == 0);
  CheckSniff(text);
  CheckGb18030(text);
  return 0;
}
