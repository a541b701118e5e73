// Field checks: the value rules of the batch format (docs/ingest_format.md "Fields"), one per
// FieldRule, each giving the normalized value or the error code and the rule broken.
//
// Thread-safety: pure functions.
// Invariant: a FieldFailure message states the rule only, never the value (RecordError inv. 1).
#ifndef CV_CREDIT_INTERNAL_FIELD_CHECKS_H_
#define CV_CREDIT_INTERNAL_FIELD_CHECKS_H_

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include "credit/ingest_fields.h"
#include "credit/record_error.h"

namespace cv::credit::internal {

struct FieldFailure {
  RecordErrorCode code;
  std::string message;  // the rule, e.g. "must be a date YYYY-MM-DD"
};

template <typename T>
using Checked = std::expected<T, FieldFailure>;

// What checks need beyond the value. today_ymd: e.g. 20240131, injected (no clock read).
struct CheckContext {
  int today_ymd = 0;
  std::string_view id_type;  // the record's id_type, for kIdNumber
};

// 10^13 yuan in fen: the largest amount accepted.
inline constexpr std::int64_t kMaxAmountMinor = 1'000'000'000'000'000;

// The normalized value of `value` under `field`'s rule: ID numbers upper-case, mobile numbers as
// 11 digits, amounts as the decimal integer of minor units; other values unchanged.
// REQUIRES: value is non-empty and trimmed.
Checked<std::string> CheckValue(const IngestField& field, std::string_view value,
                                const CheckContext& context);

// An amount "123.45" as minor units 12345.
Checked<std::int64_t> ParseAmountMinor(std::string_view value);

// A date YYYY-MM-DD as Ymd(), e.g. 20240131; nullopt-like failure when not a real date.
Checked<int> ParseDateYmd(std::string_view value, int today_ymd);

// True when `text` is well-formed UTF-8 (RFC 3629) without C0 control characters or DEL.
bool IsCleanUtf8(std::string_view text);

// The birth date (Ymd) a valid resident ID number encodes; 0 for a passport or other form.
int IdBirthYmd(std::string_view normalized_id_number);

}  // namespace cv::credit::internal

#endif  // CV_CREDIT_INTERNAL_FIELD_CHECKS_H_
