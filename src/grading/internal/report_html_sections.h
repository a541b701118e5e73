// The per-dataset sections of the HTML report: prohibited-item alert, level/category
// distribution, per-column table, actions and input warnings. Each appends escaped HTML to `out`.
//
// Thread-safety: pure functions.
#ifndef CV_GRADING_INTERNAL_REPORT_HTML_SECTIONS_H_
#define CV_GRADING_INTERNAL_REPORT_HTML_SECTIONS_H_

#include <string>

#include "grading/report.h"

namespace cv::grading::internal {

// <span class="cat cat-C2">C2</span>.
std::string CategoryChip(Category c);
// <span class="badge lv3">L3</span>.
std::string LevelBadge(int level);

// Nothing when the report has no prohibited findings (GRD-4).
void AppendProhibitedAlert(const GradingReport& r, std::string& out);
// SVG bar chart of columns per level, and the columns per category with their meaning.
void AppendDistribution(const GradingReport& r, std::string& out);
// One row per column.
void AppendColumnTable(const GradingReport& r, std::string& out);
// "What to do": the protections each column needs, one card per group of columns needing the
// same handling, most sensitive first (report_html_actions.cc).
void AppendActions(const GradingReport& r, std::string& out);
// Input warnings (ragged rows, undecodable bytes, ...), or a line saying there were none.
void AppendWarnings(const GradingReport& r, std::string& out);

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_REPORT_HTML_SECTIONS_H_
