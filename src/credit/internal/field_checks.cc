// CheckValue: dispatch from a field's rule to its check; code lists and text rules.
#include "credit/internal/field_checks.h"

#include <algorithm>
#include <initializer_list>

#include "credit/internal/value_checks.h"
#include "grading/internal/utf8.h"

namespace cv::credit::internal {
namespace {

// The code a failure of `rule` carries (docs/ingest_format.md "Error codes").
RecordErrorCode RuleCode(FieldRule rule) {
  switch (rule) {
    case FieldRule::kIdNumber:
      return RecordErrorCode::kInvalidIdNumber;
    case FieldRule::kText:
      return RecordErrorCode::kInvalidValue;
    case FieldRule::kMobile:
      return RecordErrorCode::kInvalidMobile;
    case FieldRule::kDate:
    case FieldRule::kMonth:
      return RecordErrorCode::kInvalidDate;
    case FieldRule::kAmount:
      return RecordErrorCode::kInvalidAmount;
    default:
      return RecordErrorCode::kInvalidCode;
  }
}

Checked<std::string> OneOf(std::string_view value, std::initializer_list<std::string_view> codes,
                           std::string_view rule) {
  if (std::find(codes.begin(), codes.end(), value) != codes.end()) return std::string(value);
  return std::unexpected(FieldFailure{RecordErrorCode::kInvalidCode, std::string(rule)});
}

Checked<std::string> RepaymentChars(std::string_view value, std::size_t max,
                                    std::string_view rule) {
  const bool ok =
      value.size() <= max && value.find_first_not_of(kRepaymentAlphabet) == std::string_view::npos;
  if (ok) return std::string(value);
  return std::unexpected(FieldFailure{RecordErrorCode::kInvalidCode, std::string(rule)});
}

Checked<std::string> Currency(std::string_view value) {
  const bool ok = value.size() == 3 && std::all_of(value.begin(), value.end(),
                                                   [](char c) { return c >= 'A' && c <= 'Z'; });
  if (ok) return std::string(value);
  return std::unexpected(FieldFailure{RecordErrorCode::kInvalidCode,
                                      "must be an ISO 4217 code of three capital letters"});
}

// The code-list rules.
Checked<std::string> CheckCode(FieldRule rule, std::string_view v) {
  switch (rule) {
    case FieldRule::kIdType:
      return OneOf(v, {"resident_id", "passport"}, "must be resident_id or passport");
    case FieldRule::kGender:
      return OneOf(v, {"M", "F"}, "must be M or F");
    case FieldRule::kMaritalStatus:
      return OneOf(v, {"single", "married", "divorced", "widowed"},
                   "must be single, married, divorced or widowed");
    case FieldRule::kAccountKind:
      return OneOf(v, {"loan", "credit_card", "guarantee"},
                   "must be loan, credit_card or guarantee");
    case FieldRule::kAccountStatus:
      return OneOf(v, {"active", "closed", "overdue", "written_off", "transferred"},
                   "must be active, closed, overdue, written_off or transferred");
    case FieldRule::kAdverseKind:
      return OneOf(v,
                   {"overdue", "write_off", "guarantee_claim", "debt_transfer", "court_judgment"},
                   "must be overdue, write_off, guarantee_claim, debt_transfer or court_judgment");
    case FieldRule::kRepaymentChar:
      return RepaymentChars(v, 1, "must be one character of N1234567*#CGD");
    case FieldRule::kRepayment24m:
      return RepaymentChars(v, 24, "must be at most 24 characters of N1234567*#CGD");
    default:
      return Currency(v);
  }
}

}  // namespace

bool IsCleanUtf8(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t at = pos;
    const char32_t c = grading::internal::NextCodePoint(text, &pos);
    if (c < 0x20 || c == 0x7F) return false;
    if (c == grading::internal::kBadCodePoint && pos - at != 3) return false;  // not U+FFFD itself
  }
  return true;
}

Checked<std::string> CheckValue(const IngestField& field, std::string_view value,
                                const CheckContext& context) {
  if (!IsCleanUtf8(value)) {
    return std::unexpected(FieldFailure{RecordErrorCode::kInvalidValue,
                                        "must be UTF-8 text without control characters"});
  }
  if (value.size() > field.max_bytes) {
    return std::unexpected(FieldFailure{
        RuleCode(field.rule), "must be at most " + std::to_string(field.max_bytes) + " bytes"});
  }
  switch (field.rule) {
    case FieldRule::kText:
      return std::string(value);
    case FieldRule::kIdNumber:
      return CheckIdNumber(context.id_type, value, context.today_ymd);
    case FieldRule::kMobile:
      return CheckMobile(value);
    case FieldRule::kDate:
      return CheckDate(value, context.today_ymd);
    case FieldRule::kMonth:
      return CheckMonth(value, context.today_ymd);
    case FieldRule::kAmount:
      return CheckAmount(value);
    default:
      return CheckCode(field.rule, value);
  }
}

}  // namespace cv::credit::internal
