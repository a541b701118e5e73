// IngestFields: every field of the provider batch format (docs/ingest_format.md), per record type,
// with the rule its value must follow and the catalog item that grades it (GRD-1, GRD-2).
//
// Thread-safety: constants and pure functions.
// Invariants:
//  1. The table is grouped by record type, in RecordType order, each group in document order.
//  2. No field name maps to a prohibited catalog item (batch_parse_test checks it).
//  3. Field names are snake_case names of records.h members. DO NOT CHANGE: the wire format.
#ifndef CV_CREDIT_INGEST_FIELDS_H_
#define CV_CREDIT_INGEST_FIELDS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "grading/catalog.h"

namespace cv::credit {

// DO NOT CHANGE the order: it indexes the field table.
enum class RecordType : std::uint8_t { kIdentity, kAccount, kRepayment, kAdverse };

// "identity" | "account" | "repayment" | "adverse".
std::string_view RecordTypeWireName(RecordType type);
std::optional<RecordType> ParseRecordType(std::string_view name);

// The check a field's value goes through (internal/field_checks.h implements each).
enum class FieldRule : std::uint8_t {
  kIdType,         // "resident_id" | "passport"
  kIdNumber,       // GB 11643 (18, or legacy 15) or passport [A-Z0-9]{5,17}
  kText,           // UTF-8 without control characters, at most max_bytes
  kGender,         // "M" | "F"
  kMaritalStatus,  // "single" | "married" | "divorced" | "widowed"
  kMobile,         // 1[3-9]\d{9}, optional +86 / 0086 prefix
  kDate,           // YYYY-MM-DD, 1900..today
  kMonth,          // YYYY-MM, 1900-01..this month
  kAmount,         // decimal, <= 2 decimals, 0..10^13 yuan
  kCurrency,       // ISO 4217 alphabetic: three capitals
  kAccountKind,    // "loan" | "credit_card" | "guarantee"
  kAccountStatus,  // "active" | "closed" | "overdue" | "written_off" | "transferred"
  kRepaymentChar,  // one of kRepaymentAlphabet
  kRepayment24m,   // up to 24 of kRepaymentAlphabet
  kAdverseKind,    // "overdue" | "write_off" | "guarantee_claim" | "debt_transfer" | ...
};

// The repayment status alphabet of records.h AccountRecord::repayment_24m. DO NOT CHANGE: stored.
inline constexpr std::string_view kRepaymentAlphabet = "N1234567*#CGD";

struct IngestField {
  RecordType type;
  std::string_view name;   // DO NOT CHANGE: the wire name
  grading::ItemType item;  // the catalog item grading the value (kNone: not personal alone)
  bool required;
  FieldRule rule;
  std::size_t max_bytes;  // the longest accepted value, in bytes
};

// clang-format off
inline constexpr IngestField kIngestFields[] = {
    {RecordType::kIdentity, "id_type", grading::ItemType::kNone, true, FieldRule::kIdType, 16},
    {RecordType::kIdentity, "id_number", grading::ItemType::kResidentId, true, FieldRule::kIdNumber, 32},
    {RecordType::kIdentity, "name", grading::ItemType::kPersonName, true, FieldRule::kText, 100},
    {RecordType::kIdentity, "gender", grading::ItemType::kGender, false, FieldRule::kGender, 1},
    {RecordType::kIdentity, "birth_date", grading::ItemType::kBirthDate, false, FieldRule::kDate, 10},
    {RecordType::kIdentity, "mobile", grading::ItemType::kMobile, false, FieldRule::kMobile, 32},
    {RecordType::kIdentity, "address", grading::ItemType::kAddress, false, FieldRule::kText, 200},
    {RecordType::kIdentity, "employer", grading::ItemType::kEmployer, false, FieldRule::kText, 200},
    {RecordType::kIdentity, "marital_status", grading::ItemType::kMaritalStatus, false,
     FieldRule::kMaritalStatus, 16},
    {RecordType::kAccount, "id_type", grading::ItemType::kNone, true, FieldRule::kIdType, 16},
    {RecordType::kAccount, "id_number", grading::ItemType::kResidentId, true, FieldRule::kIdNumber, 32},
    {RecordType::kAccount, "account_id", grading::ItemType::kPaymentAccount, true, FieldRule::kText, 64},
    {RecordType::kAccount, "kind", grading::ItemType::kNone, true, FieldRule::kAccountKind, 16},
    {RecordType::kAccount, "open_date", grading::ItemType::kAccountOpenDate, true, FieldRule::kDate, 10},
    {RecordType::kAccount, "close_date", grading::ItemType::kAccountOpenDate, false, FieldRule::kDate, 10},
    {RecordType::kAccount, "currency", grading::ItemType::kNone, true, FieldRule::kCurrency, 3},
    {RecordType::kAccount, "limit", grading::ItemType::kLoanAmount, true, FieldRule::kAmount, 32},
    {RecordType::kAccount, "balance", grading::ItemType::kBalance, true, FieldRule::kAmount, 32},
    {RecordType::kAccount, "status", grading::ItemType::kRepaymentStatus, true, FieldRule::kAccountStatus,
     16},
    {RecordType::kAccount, "repayment_24m", grading::ItemType::kRepaymentStatus, false,
     FieldRule::kRepayment24m, 24},
    {RecordType::kAccount, "overdue_amount", grading::ItemType::kOverdueAmount, false, FieldRule::kAmount,
     32},
    {RecordType::kAccount, "as_of", grading::ItemType::kNone, true, FieldRule::kDate, 10},
    {RecordType::kRepayment, "account_id", grading::ItemType::kPaymentAccount, true, FieldRule::kText, 64},
    {RecordType::kRepayment, "month", grading::ItemType::kNone, true, FieldRule::kMonth, 7},
    {RecordType::kRepayment, "status", grading::ItemType::kRepaymentStatus, true, FieldRule::kRepaymentChar,
     1},
    {RecordType::kRepayment, "balance", grading::ItemType::kBalance, true, FieldRule::kAmount, 32},
    {RecordType::kRepayment, "overdue_amount", grading::ItemType::kOverdueAmount, false, FieldRule::kAmount,
     32},
    {RecordType::kAdverse, "id_type", grading::ItemType::kNone, true, FieldRule::kIdType, 16},
    {RecordType::kAdverse, "id_number", grading::ItemType::kResidentId, true, FieldRule::kIdNumber, 32},
    {RecordType::kAdverse, "event_id", grading::ItemType::kNone, true, FieldRule::kText, 64},
    {RecordType::kAdverse, "kind", grading::ItemType::kRepaymentStatus, true, FieldRule::kAdverseKind, 16},
    {RecordType::kAdverse, "account_id", grading::ItemType::kPaymentAccount, false, FieldRule::kText, 64},
    {RecordType::kAdverse, "amount", grading::ItemType::kOverdueAmount, true, FieldRule::kAmount, 32},
    {RecordType::kAdverse, "start_date", grading::ItemType::kNone, true, FieldRule::kDate, 10},
    {RecordType::kAdverse, "end_date", grading::ItemType::kNone, false, FieldRule::kDate, 10},
};
// clang-format on

// The fields of `type`, in table order.
std::span<const IngestField> FieldsOf(RecordType type);
// The field `name` of `type`; nullptr when that type has no such field.
const IngestField* FindField(RecordType type, std::string_view name);
// True when some record type has a field `name` (the CSV header is their union).
bool IsIngestFieldName(std::string_view name);

// The catalog item grading `field` of `type`: id_number is cn_resident_id, cn_resident_id_15 (15
// characters) or passport by `id_type`; kNone for an unknown field.
grading::ItemType FieldItem(RecordType type, std::string_view field, std::string_view id_type = "",
                            std::size_t id_number_size = 18);

// The catalog entry of FieldItem(...): its category (JR/T 0171) and minimum level (JR/T 0197).
const grading::DataItem& FieldGrade(RecordType type, std::string_view field,
                                    std::string_view id_type = "", std::size_t id_number_size = 18);

// The prohibited catalog item a field name denotes (GRD-4, Reg Art.14), e.g. "blood_type"; nullptr
// when the name matches none. Uses grading::Catalog::MatchHeader, so "客户血型" matches too.
const grading::DataItem* ProhibitedItemFor(std::string_view name);

}  // namespace cv::credit

#endif  // CV_CREDIT_INGEST_FIELDS_H_
