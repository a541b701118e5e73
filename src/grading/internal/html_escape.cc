// HtmlEscape.
#include "grading/internal/html_escape.h"

#include "grading/html.h"

#include "grading/internal/display_text.h"

namespace cv::grading::internal {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool KeepsLayout(char32_t cp) { return cp == '\t' || cp == '\n' || cp == '\r'; }

void AppendEscaped(char32_t cp, std::string& out) {
  switch (cp) {
    case '&':
      out += "&amp;";
      return;
    case '<':
      out += "&lt;";
      return;
    case '>':
      out += "&gt;";
      return;
    case '"':
      out += "&quot;";
      return;
    case '\'':
      out += "&#39;";
      return;
    default:
      AppendUtf8(cp, out);
  }
}

}  // namespace

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (std::size_t pos = 0; pos < s.size();) {
    const Utf8Step step = DecodeUtf8(s, pos);
    const bool unsafe = !step.valid || (IsUnsafeControl(step.cp) && !KeepsLayout(step.cp));
    AppendEscaped(unsafe ? kReplacement : step.cp, out);
    pos += step.length;
  }
  return out;
}

}  // namespace cv::grading::internal

namespace cv::grading {

std::string EscapeHtml(std::string_view s) { return internal::HtmlEscape(s); }

}  // namespace cv::grading
