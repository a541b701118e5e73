// ParseJsonRecordLine over nlohmann's SAX parser (iterative: no recursion on deep nesting).
#include "credit/internal/jsonl_record.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace cv::credit::internal {
namespace {

using Json = nlohmann::json;

// Collects the top-level members; deeper values only mark their member kOther.
// Invariant: depth_ counts open containers; members are recorded at depth_ == 1.
class TopLevelSax {
 public:
  explicit TopLevelSax(std::vector<RawField>* out) : out_(out) {}

  bool null() { return Scalar(RawKind::kAbsent, {}); }
  bool boolean(bool) { return Scalar(RawKind::kOther, {}); }
  bool number_integer(Json::number_integer_t v) {
    return Scalar(RawKind::kNumber, std::to_string(v));
  }
  bool number_unsigned(Json::number_unsigned_t v) {
    return Scalar(RawKind::kNumber, std::to_string(v));
  }
  bool number_float(Json::number_float_t, const std::string& s) {
    return Scalar(RawKind::kNumber, s);
  }
  bool string(std::string& s) { return Scalar(RawKind::kString, std::move(s)); }
  bool binary(Json::binary_t&) { return Scalar(RawKind::kOther, {}); }
  bool start_object(std::size_t) { return Open(true); }
  bool end_object() { return --depth_, true; }
  bool start_array(std::size_t) { return Open(false); }
  bool end_array() { return --depth_, true; }
  bool key(std::string& k) {
    if (depth_ != 1) return true;
    const bool repeated =
        std::any_of(out_->begin(), out_->end(), [&](const RawField& f) { return f.name == k; });
    if (repeated) return Error("a member name is repeated");
    out_->push_back(RawField{std::move(k), RawKind::kAbsent, {}});
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    return Error("the line is not valid JSON (RFC 8259, UTF-8)");
  }

  const std::string& error() const { return error_; }

 private:
  bool Open(bool object) {
    if (depth_ == 0 && !object) return Error("the line is not a JSON object");
    if (depth_ == 1) out_->back().kind = RawKind::kOther;
    return ++depth_, true;
  }
  bool Scalar(RawKind kind, std::string text) {
    if (depth_ == 0) return Error("the line is not a JSON object");
    if (depth_ == 1) out_->back() = RawField{std::move(out_->back().name), kind, std::move(text)};
    return true;
  }
  bool Error(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }

  std::vector<RawField>* out_;
  int depth_ = 0;
  std::string error_;
};

}  // namespace

std::expected<std::vector<RawField>, std::string> ParseJsonRecordLine(std::string_view line) {
  std::vector<RawField> fields;
  TopLevelSax sax(&fields);
  const bool ok = Json::sax_parse(line.begin(), line.end(), &sax);
  if (!ok || !sax.error().empty()) {
    return std::unexpected(sax.error().empty() ? std::string("the line is not valid JSON")
                                               : sax.error());
  }
  return fields;
}

}  // namespace cv::credit::internal
