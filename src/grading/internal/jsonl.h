// JSON Lines flattening: one JSON object per line becomes (dotted path, scalar text) pairs, the
// way the scanner sees columns: {"a": {"b": 1}} -> ("a.b", "1"); arrays -> "a[]" for every element.
//
// Thread-safety: a Flattener keeps per-line scratch state; one per thread.
#ifndef CV_GRADING_INTERNAL_JSONL_H_
#define CV_GRADING_INTERNAL_JSONL_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace cv::grading::internal {

class JsonlFlattener {
 public:
  // Called once per scalar: `path` is the dotted key path; `value` is the scalar as text (strings
  // unescaped, numbers as written, true/false; null -> empty string). Views are valid only during
  // the call.
  using OnValue = std::function<void(std::string_view path, std::string_view value)>;

  // Parses one line (without its newline). Blank lines are Ok with no values. A line that is not
  // a JSON object, or is malformed, is kMalformed with the byte column in the message; values
  // already delivered for that line stay delivered (callers count such a line as a warning).
  // Nesting deeper than `max_depth` is kMalformed.
  Status ParseLine(std::string_view line, const OnValue& on_value);

  static constexpr int kMaxDepth = 64;

 private:
  // Scratch reused from line to line so that steady-state parsing does not allocate for paths.
  std::string path_;                 // Path of the value being parsed.
  std::vector<std::size_t> frames_;  // Path length of each open object/array, outermost first.
};

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_JSONL_H_
