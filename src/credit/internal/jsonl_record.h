// JSON Lines record reading: one line holding one flat JSON object becomes the RawFields a
// RecordBuilder takes. Nested objects and arrays are kept as RawKind::kOther (refused by field).
//
// Thread-safety: pure functions.
#ifndef CV_CREDIT_INTERNAL_JSONL_RECORD_H_
#define CV_CREDIT_INTERNAL_JSONL_RECORD_H_

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "credit/internal/record_builder.h"

namespace cv::credit::internal {

// The top-level members of the object on `line`, in document order: strings unescaped, numbers
// as written, null as kAbsent, true/false/objects/arrays as kOther. Fails with a fixed message
// (never quoting the line) when the line is not one JSON object (RFC 8259, UTF-8), or repeats a
// member name (RFC 8259 4: names SHOULD be unique; we require it, so no two readers differ).
std::expected<std::vector<RawField>, std::string> ParseJsonRecordLine(std::string_view line);

}  // namespace cv::credit::internal

#endif  // CV_CREDIT_INTERNAL_JSONL_RECORD_H_
