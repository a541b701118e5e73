// Report summary: counts and number formatting.
#include "grading/internal/report_summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cv::grading::internal {

int ClampLevel(int level) { return std::clamp(level, kMinLevel, kMaxLevel); }

ColumnCounts CountColumns(const GradingReport& report) {
  ColumnCounts counts;
  for (const ColumnReport& column : report.columns) {
    const auto category = static_cast<std::size_t>(column.category);
    if (category < counts.by_category.size()) ++counts.by_category[category];
    ++counts.by_level[ClampLevel(column.level)];
    if (IsProhibited(column.type)) ++counts.prohibited;
  }
  return counts;
}

const DataItem* FindItem(ItemType type) {
  const auto items = Catalog::Default().items();
  const auto index = static_cast<std::size_t>(type);
  return index < items.size() ? &items[index] : nullptr;
}

std::string_view TypeId(ItemType type) {
  const DataItem* item = FindItem(type);
  return item != nullptr ? item->id : std::string_view("unknown");
}

bool IsProhibited(ItemType type) {
  const DataItem* item = FindItem(type);
  return item != nullptr && item->prohibited;
}

std::string_view ItemNameZh(ItemType t) {
  const DataItem* item = FindItem(t);
  return item != nullptr ? item->name_zh : std::string_view("未知");
}

std::string_view ItemNameEn(ItemType t) {
  const DataItem* item = FindItem(t);
  return item != nullptr ? item->name_en : std::string_view("unknown");
}

std::string GroupThousands(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string FormatBytes(std::uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes) / 1024;
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, kUnits[unit]);
}

std::string FormatPercent(double fraction) {
  if (!std::isfinite(fraction)) return "–";
  return fmt::format("{:.1f}%", std::clamp(fraction, 0.0, 1.0) * 100);
}

std::string DelimiterName(char delimiter) {
  if (delimiter == '\t') return "tab";
  if (delimiter == ' ') return "space";
  const auto b = static_cast<unsigned char>(delimiter);
  if (b > 0x20 && b < 0x7F) return std::string(1, delimiter);
  return fmt::format("0x{:02X}", static_cast<unsigned>(b));
}

}  // namespace cv::grading::internal
