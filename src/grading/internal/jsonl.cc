// JsonlFlattener: a SAX handler over nlohmann::json that turns one JSON object into (path, text)
// pairs without building a DOM.
#include "grading/internal/jsonl.h"

#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace cv::grading::internal {
namespace {

using json = nlohmann::json;

// Why a line was refused; the message never contains input text (it may hold personal data).
enum class Failure : std::uint8_t { kNone, kNotObject, kTooDeep, kSyntax };

// Flattens one line into `on_value`, using the caller's scratch buffers. Invariants:
//  1. `path` is the path of the value the parser delivers next: an object member's path is the
//     object's path + '.' + key (no '.' at the top level); an array element's is the array's +
//     "[]".
//  2. `frames` holds, per open object or array (outermost first), the length of that container's
//     own path; frames.size() is the nesting depth.
//  3. Once `failure_` is set every callback has returned false, so the parser has stopped.
class Handler final : public nlohmann::json_sax<json> {
 public:
  Handler(const JsonlFlattener::OnValue& on_value, std::string& path,
          std::vector<std::size_t>& frames)
      : on_value_(on_value), path_(path), frames_(frames) {
    path_.clear();
    frames_.clear();
  }

  Failure failure() const { return failure_; }
  std::size_t error_column() const { return error_column_; }
  bool top_closed() const { return top_closed_; }

  bool null() override { return Scalar({}); }
  bool boolean(bool val) override { return Scalar(val ? "true" : "false"); }
  bool number_integer(number_integer_t val) override { return Integer(val); }
  bool number_unsigned(number_unsigned_t val) override { return Integer(val); }
  // `s` is the number as written in the source, e.g. "-2.50" or "1e3".
  bool number_float(number_float_t /*val*/, const string_t& s) override { return Scalar(s); }
  bool string(string_t& val) override { return Scalar(val); }
  bool binary(binary_t& /*val*/) override { return Scalar({}); }  // JSON text has no binary.

  bool start_object(std::size_t /*elements*/) override { return Open(/*is_array=*/false); }
  bool start_array(std::size_t /*elements*/) override { return Open(/*is_array=*/true); }
  bool end_object() override { return Close(); }
  bool end_array() override { return Close(); }

  bool key(string_t& val) override {
    const std::size_t base = frames_.back();
    path_.resize(base);
    if (frames_.size() > 1) path_.push_back('.');
    path_.append(val);
    return true;
  }

  // `position` counts the bytes read, so it is the 1-based column of the offending byte.
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& /*ex*/) override {
    // Neither `last_token` nor ex.what() may be copied: both can quote the input.
    error_column_ = position;
    return Fail(Failure::kSyntax);
  }

 private:
  // Delivers one scalar at the current path; a scalar at the top level is refused.
  bool Scalar(std::string_view text) {
    if (frames_.empty()) return Fail(Failure::kNotObject);
    on_value_(path_, text);
    return true;
  }

  template <typename Int>
  bool Integer(Int val) {
    const auto res = std::to_chars(digits_, digits_ + sizeof(digits_), val);
    return Scalar(std::string_view(digits_, static_cast<std::size_t>(res.ptr - digits_)));
  }

  // Enters an object or array; the outermost value must be an object.
  bool Open(bool is_array) {
    if (frames_.empty() && is_array) return Fail(Failure::kNotObject);
    if (frames_.size() >= static_cast<std::size_t>(JsonlFlattener::kMaxDepth)) {
      return Fail(Failure::kTooDeep);
    }
    frames_.push_back(path_.size());
    if (is_array) path_.append("[]");
    return true;
  }

  // Leaves the innermost container and restores the path to the container's own path.
  bool Close() {
    path_.resize(frames_.back());
    frames_.pop_back();
    if (frames_.empty()) top_closed_ = true;
    return true;
  }

  bool Fail(Failure failure) {
    failure_ = failure;
    return false;
  }

  const JsonlFlattener::OnValue& on_value_;
  std::string& path_;
  std::vector<std::size_t>& frames_;
  char digits_[24];  // Room for any 64-bit integer with its sign.
  std::size_t error_column_ = 0;
  Failure failure_ = Failure::kNone;
  bool top_closed_ = false;
};

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The message for a syntax error: the 1-based byte column and a reason chosen from parser state
// alone, never from the input text.
std::string SyntaxMessage(const Handler& handler, std::size_t line_size) {
  const std::size_t column = handler.error_column();
  std::string_view reason = "syntax error";
  if (handler.top_closed()) {
    reason = "unexpected characters after the object";
  } else if (column > line_size) {
    reason = "unexpected end of line";
  }
  return "malformed JSON at column " + std::to_string(column) + ": " + std::string(reason);
}

}  // namespace

Status JsonlFlattener::ParseLine(std::string_view line, const OnValue& on_value) {
  if (IsBlank(line)) return Ok();
  Handler handler(on_value, path_, frames_);
  const char* begin = line.data();
  if (json::sax_parse(begin, begin + line.size(), &handler)) return Ok();
  switch (handler.failure()) {
    case Failure::kNotObject:
      return Fail(ErrorCode::kMalformed, "line is not a JSON object");
    case Failure::kTooDeep:
      return Fail(ErrorCode::kMalformed,
                  "JSON nested deeper than " + std::to_string(kMaxDepth) + " levels");
    case Failure::kNone:
    case Failure::kSyntax:
      break;
  }
  return Fail(ErrorCode::kMalformed, SyntaxMessage(handler, line.size()));
}

}  // namespace cv::grading::internal
