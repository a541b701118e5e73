// CrossCheck: rules between fields of one record (record_builder.h step 5).
#include <string>

#include "credit/internal/record_builder.h"

namespace cv::credit::internal {
namespace {

// Dates here already passed CheckDate, so plain string order is date order.
std::optional<FieldError> NotBefore(const FieldValues& v, std::string_view later,
                                    std::string_view earlier) {
  const std::string* a = v.Get(later);
  const std::string* b = v.Get(earlier);
  if (a == nullptr || b == nullptr || *a >= *b) return std::nullopt;
  return FieldError{
      RecordErrorCode::kInvalidDate, std::string(later),
      "field \"" + std::string(later) + "\" must not be before " + std::string(earlier)};
}

// GB 11643-1999 5.2: the birth date inside a resident ID must agree with birth_date.
std::optional<FieldError> BirthMatchesId(const FieldValues& v) {
  const std::string* id_type = v.Get("id_type");
  const std::string* id = v.Get("id_number");
  const std::string* birth = v.Get("birth_date");
  if (id_type == nullptr || *id_type != "resident_id" || id == nullptr || birth == nullptr) {
    return std::nullopt;
  }
  const std::string compact = birth->substr(0, 4) + birth->substr(5, 2) + birth->substr(8, 2);
  if (std::to_string(IdBirthYmd(*id)) == compact) return std::nullopt;
  return FieldError{RecordErrorCode::kIdBirthMismatch, "birth_date",
                    "field \"birth_date\" must equal the birth date in id_number"};
}

}  // namespace

std::optional<FieldError> CrossCheck(const FieldValues& v) {
  switch (v.type) {
    case RecordType::kIdentity:
      return BirthMatchesId(v);
    case RecordType::kAccount:
      if (auto e = NotBefore(v, "close_date", "open_date")) return e;
      return NotBefore(v, "as_of", "open_date");
    case RecordType::kRepayment:
      return std::nullopt;
    case RecordType::kAdverse:
      return NotBefore(v, "end_date", "start_date");
  }
  return std::nullopt;
}

}  // namespace cv::credit::internal
