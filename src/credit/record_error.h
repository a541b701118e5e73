// RecordError: why one line of a provider batch was refused, with a stable code the feedback file
// carries back to the provider (JR/T 0117 9.4.1 c)-d); docs/ingest_format.md "Error codes").
//
// Thread-safety: value types and pure functions.
// Invariants:
//  1. `message` names the field and the rule, never the value reported (it is personal data).
//  2. `code` is never empty: every refusal carries one of the codes below.
#ifndef CV_CREDIT_RECORD_ERROR_H_
#define CV_CREDIT_RECORD_ERROR_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cv::credit {

// DO NOT CHANGE the wire names: providers read them in the feedback file.
enum class RecordErrorCode : std::uint8_t {
  kMalformedLine,    // "malformed_line": not one JSON object / a CSV row of the header's width.
  kUnknownType,      // "unknown_type": `type` is not identity|account|repayment|adverse.
  kMissingField,     // "missing_field": a required field is absent or empty.
  kUnknownField,     // "unknown_field": a field the record type does not have.
  kProhibitedItem,   // "prohibited_item": a field naming an item Reg Art.14 forbids (GRD-4).
  kInvalidIdNumber,  // "invalid_id_number": GB 11643 check char, region, birth date; passport.
  kInvalidDate,      // "invalid_date": not a real YYYY-MM-DD (YYYY-MM), future, or out of order.
  kInvalidAmount,    // "invalid_amount": not a decimal >= 0 with <= 2 decimals, <= 10^13 yuan.
  kInvalidCode,      // "invalid_code": a value outside its code list.
  kInvalidMobile,    // "invalid_mobile": not a mainland mobile number 1[3-9]\d{9}.
  kInvalidValue,     // "invalid_value": too long, not UTF-8, control characters, wrong JSON type.
  kLineTooLong,      // "line_too_long": the line exceeds ParseOptions::max_line_bytes.
  kIdBirthMismatch,  // "id_birth_mismatch": birth_date differs from the ID number's birth date.
};

// The stable wire name, e.g. "missing_field".
std::string_view RecordErrorCodeName(RecordErrorCode code);

// A field name as errors may show it: the name itself when it is 1-64 bytes of UTF-8 without
// control characters, else "(unshown field name)". Names are the provider's own keys and columns;
// the bound keeps a value pasted into a key (or a whole line) out of messages and logs.
inline constexpr std::size_t kMaxShownFieldName = 64;
std::string ShownFieldName(std::string_view name);

struct RecordError {
  std::uint64_t line = 0;   // 1-based line where the record starts
  std::string record_type;  // "identity" ... or "" when unknown
  RecordErrorCode code = RecordErrorCode::kMalformedLine;
  std::string field;    // the field at fault, or "" for the whole line
  std::string message;  // the rule broken; never the value (invariant 1)
};

}  // namespace cv::credit

#endif  // CV_CREDIT_RECORD_ERROR_H_
