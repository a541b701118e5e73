// RecordBuilder: one line's raw fields (from JSON Lines or CSV) to a typed credit::Record or the
// RecordError refusing it. Both encodings share it, so they accept exactly the same records.
//
// Thread-safety: pure functions.
// Check order (the first failure is the one reported; docs/ingest_format.md "Error codes"):
//  1. a field naming a prohibited item (GRD-4) -> prohibited_item;
//  2. `type` absent -> missing_field; not a record type -> unknown_type;
//  3. a field the type does not have -> unknown_field;
//  4. each field in table order: absent and required -> missing_field; then its rule;
//  5. cross-field checks (CrossCheck).
#ifndef CV_CREDIT_INTERNAL_RECORD_BUILDER_H_
#define CV_CREDIT_INTERNAL_RECORD_BUILDER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "credit/ingest_fields.h"
#include "credit/internal/field_checks.h"
#include "credit/record_error.h"
#include "credit/records.h"

namespace cv::credit::internal {

// A value as the encoding gave it. kAbsent: JSON null or an empty CSV cell.
enum class RawKind : std::uint8_t { kAbsent, kString, kNumber, kOther };

struct RawField {
  std::string name;
  RawKind kind = RawKind::kString;
  std::string text;  // strings unescaped; numbers as written
};

// The checked, normalized values of one record, indexed like FieldsOf(type).
struct FieldValues {
  RecordType type;
  std::vector<std::optional<std::string>> values;

  // The value of field `name`, or nullptr when absent. REQUIRES: `name` is a field of `type`.
  const std::string* Get(std::string_view name) const;
};

// A refusal before the line number and record type are attached.
struct FieldError {
  RecordErrorCode code;
  std::string field;
  std::string message;
};

// The record `fields` describe, or why not. today_ymd: e.g. 20240131 (dates after it are refused).
std::variant<Record, RecordError> BuildRecord(std::uint64_t line,
                                              const std::vector<RawField>& fields, int today_ymd);

// Step 5: close_date >= open_date, as_of >= open_date, end_date >= start_date, birth_date equal
// to the resident ID's birth date (id_birth_mismatch).
std::optional<FieldError> CrossCheck(const FieldValues& values);

// The typed record. REQUIRES: `values` passed steps 1-5.
Record AssembleRecord(const FieldValues& values);

}  // namespace cv::credit::internal

#endif  // CV_CREDIT_INTERNAL_RECORD_BUILDER_H_
