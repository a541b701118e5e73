// The per-dataset sections of the HTML report: prohibited-item alert, level/category
// distribution, per-column table, actions and input warnings. Each appends escaped HTML to `out`.
//
// Thread-safety: pure functions.
#ifndef CV_GRADING_INTERNAL_REPORT_HTML_SECTIONS_H_
#define CV_GRADING_INTERNAL_REPORT_HTML_SECTIONS_H_

#include <string>

#include "grading/report.h"

namespace cv::grading::internal {

// Nothing when the report has no prohibited findings (GRD-4).
void AppendProhibitedAlert(const GradingReport& r, std::string& out);
// SVG bar chart of columns per level, and the columns per category with their meaning.
void AppendDistribution(const GradingReport& r, std::string& out);
// One row per column.
void AppendColumnTable(const GradingReport& r, std::string& out);
// "What to do": one card per column that needs protection, most sensitive first.
void AppendActions(const GradingReport& r, std::string& out);
// Input warnings (ragged rows, undecodable bytes, ...), or a line saying there were none.
void AppendWarnings(const GradingReport& r, std::string& out);

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_REPORT_HTML_SECTIONS_H_
