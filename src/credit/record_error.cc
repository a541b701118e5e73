// Wire names of the record error codes.
#include "credit/record_error.h"

#include "credit/internal/field_checks.h"

namespace cv::credit {

std::string_view RecordErrorCodeName(RecordErrorCode code) {
  switch (code) {
    case RecordErrorCode::kMalformedLine:
      return "malformed_line";
    case RecordErrorCode::kUnknownType:
      return "unknown_type";
    case RecordErrorCode::kMissingField:
      return "missing_field";
    case RecordErrorCode::kUnknownField:
      return "unknown_field";
    case RecordErrorCode::kProhibitedItem:
      return "prohibited_item";
    case RecordErrorCode::kInvalidIdNumber:
      return "invalid_id_number";
    case RecordErrorCode::kInvalidDate:
      return "invalid_date";
    case RecordErrorCode::kInvalidAmount:
      return "invalid_amount";
    case RecordErrorCode::kInvalidCode:
      return "invalid_code";
    case RecordErrorCode::kInvalidMobile:
      return "invalid_mobile";
    case RecordErrorCode::kInvalidValue:
      return "invalid_value";
    case RecordErrorCode::kLineTooLong:
      return "line_too_long";
    case RecordErrorCode::kIdBirthMismatch:
      return "id_birth_mismatch";
  }
  return "malformed_line";
}

std::string ShownFieldName(std::string_view name) {
  if (name.empty() || name.size() > kMaxShownFieldName || !internal::IsCleanUtf8(name)) {
    return "(unshown field name)";
  }
  return std::string(name);
}

}  // namespace cv::credit
