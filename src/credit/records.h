// Records: the credit facts a provider reports, as typed values after validation — a subject's
// identity, an account, one month's repayment and an adverse event (docs/ingest_format.md,
// docs/credit_model.md). Amounts are integers in the currency's minor unit (fen for CNY).
//
// Thread-safety: value types.
#ifndef CV_CREDIT_RECORDS_H_
#define CV_CREDIT_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cv::credit {

// How a subject is identified. DO NOT CHANGE the names: part of the ingest and query interfaces.
// "resident_id" (GB 11643, 18 chars or the legacy 15 digits), "passport".
struct SubjectKey {
  std::string id_type;    // "resident_id" | "passport"
  std::string id_number;  // normalized: upper-case check char, no spaces
  friend bool operator==(const SubjectKey&, const SubjectKey&) = default;
};

// Identity facts (JR/T 0171 C2 mostly). Empty optional: not reported in this record.
struct IdentityRecord {
  SubjectKey subject;
  std::string name;                       // required
  std::optional<std::string> gender;      // "M" | "F"
  std::optional<std::string> birth_date;  // YYYY-MM-DD
  std::optional<std::string> mobile;      // 11 digits, no +86
  std::optional<std::string> address;
  std::optional<std::string> employer;
  std::optional<std::string> marital_status;  // "single" | "married" | "divorced" | "widowed"
};

// DO NOT CHANGE the names: part of the ingest interface.
// kind: "loan" | "credit_card" | "guarantee".
// status: "active" | "closed" | "overdue" | "written_off" | "transferred".
struct AccountRecord {
  SubjectKey subject;
  std::string account_id;  // the provider's own id; unique per institution
  std::string kind;
  std::string open_date;                  // YYYY-MM-DD
  std::optional<std::string> close_date;  // YYYY-MM-DD
  std::string currency;                   // ISO 4217, e.g. "CNY"
  std::int64_t limit = 0;                 // credit limit (cards) or principal (loans), minor unit
  std::int64_t balance = 0;
  std::string status;
  // The last 24 months, oldest first, one char each (docs/ingest_format.md): 'N' paid on time,
  // '1'..'7' months overdue, '*' no payment due, '#' unknown, 'C' closed, 'G' settled by guarantor,
  // 'D' written off. Shorter strings are allowed for accounts younger than 24 months.
  std::string repayment_24m;
  std::int64_t overdue_amount = 0;
  std::string as_of;  // YYYY-MM-DD the facts are reported as of
};

// One month of one account. The account must exist (reported earlier or on an earlier line).
struct RepaymentRecord {
  std::string account_id;
  std::string month;   // YYYY-MM
  std::string status;  // one char of the repayment_24m alphabet
  std::int64_t balance = 0;
  std::int64_t overdue_amount = 0;
};

// kind: "overdue" | "write_off" | "guarantee_claim" | "debt_transfer" | "court_judgment".
struct AdverseRecord {
  SubjectKey subject;
  std::string event_id;  // the provider's id for the event; unique per institution
  std::string kind;
  std::optional<std::string> account_id;
  std::int64_t amount = 0;
  std::string start_date;               // YYYY-MM-DD
  std::optional<std::string> end_date;  // YYYY-MM-DD the adverse behaviour ended (LIF-1)
};

using Record = std::variant<IdentityRecord, AccountRecord, RepaymentRecord, AdverseRecord>;

// "identity" | "account" | "repayment" | "adverse".
std::string_view RecordTypeName(const Record& record);

}  // namespace cv::credit

#endif  // CV_CREDIT_RECORDS_H_
