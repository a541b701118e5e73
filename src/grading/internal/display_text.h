// Display text: UTF-8 repair, escaping for terminals, and terminal display width (CJK characters
// take two columns), for the report renderers. Column names come from untrusted files, so every
// function here accepts arbitrary bytes.
//
// Thread-safety: pure functions.
#ifndef CV_GRADING_INTERNAL_DISPLAY_TEXT_H_
#define CV_GRADING_INTERNAL_DISPLAY_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace cv::grading::internal {

// One step of strict UTF-8 decoding at `pos` (REQUIRES: pos < s.size()).
// Invariants: 1. length >= 1. 2. !valid => length == 1 and cp is the raw byte.
struct Utf8Step {
  char32_t cp;
  std::size_t length;
  bool valid;
};
Utf8Step DecodeUtf8(std::string_view s, std::size_t pos);

// Appends `cp` (REQUIRES: a Unicode scalar value) to `out` as UTF-8.
void AppendUtf8(char32_t cp, std::string& out);

// Columns a code point takes in a terminal: 0 for combining and zero-width marks, 2 for East Asian
// wide and fullwidth characters, 1 otherwise.
int CodePointWidth(char32_t cp);

// Display width of UTF-8 text; each invalid byte counts as one column.
int DisplayWidth(std::string_view s);

// True for characters that must not reach a terminal or a page verbatim: C0/C1 controls, DEL, and
// bidirectional formatting characters (they reorder what follows, "Trojan Source").
bool IsUnsafeControl(char32_t cp);

// Text safe to print on a terminal: unsafe controls and invalid bytes become visible escapes
// ("\x1B", "\u202E", "\xFF"); everything else is kept.
std::string TerminalSafe(std::string_view s);

// At most `width` display columns of `s` (which should already be TerminalSafe), ending with "..."
// when cut (ASCII: "…" is East Asian ambiguous width and would break alignment in CJK terminals).
// REQUIRES: width >= 4.
std::string TruncateToWidth(std::string_view s, int width);

// `s` padded with spaces to `width` display columns, on the right (left-aligned) or the left.
std::string PadRight(std::string_view s, int width);
std::string PadLeft(std::string_view s, int width);

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_DISPLAY_TEXT_H_
