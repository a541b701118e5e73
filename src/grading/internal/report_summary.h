// Report summary: counts and number formatting shared by the HTML and text renderers, so the two
// renderings of one GradingReport always agree.
//
// Thread-safety: pure functions.
#ifndef CV_GRADING_INTERNAL_REPORT_SUMMARY_H_
#define CV_GRADING_INTERNAL_REPORT_SUMMARY_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "grading/catalog.h"
#include "grading/report.h"

namespace cv::grading::internal {

inline constexpr int kMinLevel = 1;
inline constexpr int kMaxLevel = 5;

struct ColumnCounts {
  // Indexed by static_cast<int>(Category): none, C1, C2, C3.
  std::array<int, 4> by_category{};
  // Indexed by level 1..5 (index 0 unused); out-of-range levels are clamped.
  std::array<int, kMaxLevel + 1> by_level{};
  int prohibited = 0;  // columns whose item is prohibited (GRD-4)
};
ColumnCounts CountColumns(const GradingReport& report);

// `level` clamped to 1..5 (GRD-2 has no other levels).
int ClampLevel(int level);

// The catalog item for `type`, or nullptr when `type` is out of the catalog's range.
const DataItem* FindItem(ItemType type);
// The item's id ("cn_resident_id"), or "unknown" when out of range.
std::string_view TypeId(ItemType type);
// The item's prohibited flag (GRD-4); false when out of range.
bool IsProhibited(ItemType type);

// The item's Chinese and English names; "未知" / "unknown" when out of range.
std::string_view ItemNameZh(ItemType type);
std::string_view ItemNameEn(ItemType type);

// "12,345".
std::string GroupThousands(std::uint64_t n);
// "512 B", "1.2 KiB", "3.4 MiB", "5.6 GiB".
std::string FormatBytes(std::uint64_t bytes);
// 0.9984 -> "99.8%".
std::string FormatPercent(double fraction);
// "," -> ",", '\t' -> "tab", other bytes as "0xNN" when not printable ASCII.
std::string DelimiterName(char delimiter);

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_REPORT_SUMMARY_H_
