// EscapeHtml: the grading reports' HTML escaping, for other renderers (the audit report): makes
// arbitrary bytes safe as HTML text or a quoted attribute value.
//
// Thread-safety: pure function.
#ifndef CV_GRADING_HTML_H_
#define CV_GRADING_HTML_H_

#include <string>
#include <string_view>

namespace cv::grading {

// See grading/internal/html_escape.h for exactly what is escaped or replaced.
std::string EscapeHtml(std::string_view s);

}  // namespace cv::grading

#endif  // CV_GRADING_HTML_H_
