// Display text helpers for the report renderers.
#include "grading/internal/display_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace cv::grading::internal {
namespace {

struct Range {
  char32_t lo;
  char32_t hi;
};

// Zero-width: combining marks, zero-width spaces and joiners, variation selectors, BOM.
constexpr std::array kZeroWidth = {
    Range{0x0300, 0x036F},   Range{0x0483, 0x0489}, Range{0x0591, 0x05BD}, Range{0x0610, 0x061A},
    Range{0x064B, 0x065F},   Range{0x1AB0, 0x1AFF}, Range{0x1DC0, 0x1DFF}, Range{0x200B, 0x200F},
    Range{0x202A, 0x202E},   Range{0x2060, 0x206F}, Range{0x20D0, 0x20FF}, Range{0x302A, 0x302D},
    Range{0x3099, 0x309A},   Range{0xFE00, 0xFE0F}, Range{0xFE20, 0xFE2F}, Range{0xFEFF, 0xFEFF},
    Range{0xE0100, 0xE01EF},
};

// East Asian Wide (W) and Fullwidth (F), after Unicode UAX #11, plus the common emoji blocks.
constexpr std::array kWide = {
    Range{0x1100, 0x115F},   Range{0x231A, 0x231B},   Range{0x2329, 0x232A},
    Range{0x2E80, 0x303E},   Range{0x3041, 0x33FF},   Range{0x3400, 0x4DBF},
    Range{0x4E00, 0x9FFF},   Range{0xA000, 0xA4CF},   Range{0xA960, 0xA97F},
    Range{0xAC00, 0xD7A3},   Range{0xF900, 0xFAFF},   Range{0xFE10, 0xFE19},
    Range{0xFE30, 0xFE6F},   Range{0xFF00, 0xFF60},   Range{0xFFE0, 0xFFE6},
    Range{0x1F300, 0x1F64F}, Range{0x1F900, 0x1F9FF}, Range{0x20000, 0x2FFFD},
    Range{0x30000, 0x3FFFD},
};

template <std::size_t N>
bool InRanges(const std::array<Range, N>& ranges, char32_t cp) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [cp](const Range& r) { return cp >= r.lo && cp <= r.hi; });
}

bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

}  // namespace

Utf8Step DecodeUtf8(std::string_view s, std::size_t pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  const Utf8Step invalid{b0, 1, false};
  if (b0 < 0x80) return {b0, 1, true};
  std::size_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
  if (len == 0 || b0 > 0xF4 || pos + len > s.size()) return invalid;
  char32_t cp = b0 & (0x7F >> len);
  for (std::size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if (!IsContinuation(b)) return invalid;
    cp = (cp << 6) | (b & 0x3F);
  }
  const char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return invalid;
  return {cp, len, true};
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int CodePointWidth(char32_t cp) {
  if (InRanges(kZeroWidth, cp)) return 0;
  if (InRanges(kWide, cp)) return 2;
  return 1;
}

int DisplayWidth(std::string_view s) {
  int width = 0;
  for (std::size_t pos = 0; pos < s.size();) {
    const Utf8Step step = DecodeUtf8(s, pos);
    width += step.valid ? CodePointWidth(step.cp) : 1;
    pos += step.length;
  }
  return width;
}

bool IsUnsafeControl(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

std::string TerminalSafe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t pos = 0; pos < s.size();) {
    const Utf8Step step = DecodeUtf8(s, pos);
    if (!step.valid || (step.cp < 0x80 && IsUnsafeControl(step.cp))) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned>(step.cp));
    } else if (IsUnsafeControl(step.cp)) {
      out += fmt::format("\\u{:04X}", static_cast<unsigned>(step.cp));
    } else {
      out.append(s.substr(pos, step.length));
    }
    pos += step.length;
  }
  return out;
}

std::string TruncateToWidth(std::string_view s, int width) {
  if (DisplayWidth(s) <= width) return std::string(s);
  std::string out;
  int used = 0;
  for (std::size_t pos = 0; pos < s.size();) {
    const Utf8Step step = DecodeUtf8(s, pos);
    const int w = step.valid ? CodePointWidth(step.cp) : 1;
    if (used + w > width - 3) break;  // keep three columns for the ellipsis
    out.append(s.substr(pos, step.length));
    used += w;
    pos += step.length;
  }
  return out + "...";
}

std::string PadRight(std::string_view s, int width) {
  std::string out(s);
  out.append(static_cast<std::size_t>(std::max(0, width - DisplayWidth(s))), ' ');
  return out;
}

std::string PadLeft(std::string_view s, int width) {
  std::string out(static_cast<std::size_t>(std::max(0, width - DisplayWidth(s))), ' ');
  return out.append(s);
}

}  // namespace cv::grading::internal
