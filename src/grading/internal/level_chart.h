// LevelChartSvg: an inline SVG bar chart of how many columns sit at each JR/T 0197 level 1-5, for
// the HTML report (inline, so the page stays self-contained under its CSP).
//
// Thread-safety: pure functions.
#ifndef CV_GRADING_INTERNAL_LEVEL_CHART_H_
#define CV_GRADING_INTERNAL_LEVEL_CHART_H_

#include <array>
#include <string>
#include <string_view>

#include "grading/internal/report_summary.h"

namespace cv::grading::internal {

// The colour of a level's badge and bar ("#rrggbb"); `level` is clamped to 1..5.
std::string_view LevelColor(int level);

// `by_level[l]` is the number of columns at level l (index 0 unused). Bar heights are scaled to
// the largest count; the y axis has integer ticks.
std::string LevelChartSvg(const std::array<int, kMaxLevel + 1>& by_level);

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_LEVEL_CHART_H_
