// RFC 4648 section 4 base64, strict on decoding.
#include "audit/internal/base64.h"

#include <array>
#include <cstdint>

namespace cv::audit::internal {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// 0..63 for an alphabet character, -1 otherwise.
constexpr std::array<std::int8_t, 256> MakeDecodeTable() {
  std::array<std::int8_t, 256> table{};
  table.fill(-1);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  }
  return table;
}

constexpr std::array<std::int8_t, 256> kDecode = MakeDecodeTable();

std::unexpected<Error> Malformed(std::string what) {
  return Fail(ErrorCode::kMalformed, "invalid base64: " + std::move(what));
}

// The six-bit values of one four-character group; `pad` is how many '=' end it (0..2).
Result<std::uint32_t> DecodeGroup(std::string_view group, int pad) {
  std::uint32_t bits = 0;
  for (int i = 0; i < 4; ++i) {
    const std::int8_t v = i < 4 - pad ? kDecode[static_cast<unsigned char>(group[i])] : 0;
    if (v < 0) return Malformed("character outside the alphabet");
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
  }
  const std::uint32_t unused_mask = pad == 2 ? 0xFFFF : pad == 1 ? 0xFF : 0;
  if ((bits & unused_mask) != 0) return Malformed("non-zero padding bits");
  return bits;
}

// How many '=' end `text` (a non-empty multiple of four); -1 when '=' appears elsewhere.
int PaddingOf(std::string_view text) {
  const int pad = text.ends_with("==") ? 2 : text.ends_with('=') ? 1 : 0;
  const std::size_t pos = text.find('=');
  return pos == std::string_view::npos || pos == text.size() - pad ? pad : -1;
}

}  // namespace

std::string Base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t bits = 0;
    for (std::size_t j = 0; j < 3; ++j) {
      bits = (bits << 8) | (j < n ? static_cast<unsigned char>(bytes[i + j]) : 0u);
    }
    for (std::size_t j = 0; j < 4; ++j) {
      out.push_back(j <= n ? kAlphabet[(bits >> (18 - 6 * j)) & 63] : '=');
    }
  }
  return out;
}

Result<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return Malformed("length is not a multiple of 4");
  const int pad = text.empty() ? 0 : PaddingOf(text);
  if (pad < 0) return Malformed("misplaced padding");
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const int group_pad = i + 4 == text.size() ? pad : 0;
    CV_ASSIGN_OR_RETURN(const std::uint32_t bits, DecodeGroup(text.substr(i, 4), group_pad));
    for (int j = 0; j < 3 - group_pad; ++j) out.push_back(static_cast<char>(bits >> (16 - 8 * j)));
  }
  return out;
}

}  // namespace cv::audit::internal
