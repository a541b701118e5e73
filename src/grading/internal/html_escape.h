// HtmlEscape: makes arbitrary bytes safe as HTML text content or a quoted attribute value. Every
// value a renderer interpolates into HTML goes through it (column names come from untrusted files).
//
// Thread-safety: pure function.
#ifndef CV_GRADING_INTERNAL_HTML_ESCAPE_H_
#define CV_GRADING_INTERNAL_HTML_ESCAPE_H_

#include <string>
#include <string_view>

namespace cv::grading::internal {

// Escapes & < > " ' as character references; invalid UTF-8 bytes and unsafe controls (C0 other
// than tab/LF/CR, DEL, C1, bidi overrides: see IsUnsafeControl) become U+FFFD, so the result is
// valid UTF-8 that cannot open a tag, close an attribute or reorder the text around it.
std::string HtmlEscape(std::string_view s);

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_HTML_ESCAPE_H_
