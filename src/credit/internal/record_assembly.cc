// AssembleRecord: checked field values to the typed records of records.h.
#include <charconv>

#include "credit/internal/record_builder.h"

namespace cv::credit::internal {
namespace {

std::string Str(const FieldValues& v, std::string_view name) {
  const std::string* s = v.Get(name);
  return s == nullptr ? std::string() : *s;
}

std::optional<std::string> Opt(const FieldValues& v, std::string_view name) {
  const std::string* s = v.Get(name);
  return s == nullptr ? std::nullopt : std::optional<std::string>(*s);
}

// Amounts were normalized to minor units by CheckAmount; absent optional amounts are 0.
std::int64_t Minor(const FieldValues& v, std::string_view name) {
  const std::string* s = v.Get(name);
  std::int64_t out = 0;
  if (s != nullptr) std::from_chars(s->data(), s->data() + s->size(), out);
  return out;
}

SubjectKey Subject(const FieldValues& v) { return {Str(v, "id_type"), Str(v, "id_number")}; }

IdentityRecord Identity(const FieldValues& v) {
  return {Subject(v),       Str(v, "name"),    Opt(v, "gender"),   Opt(v, "birth_date"),
          Opt(v, "mobile"), Opt(v, "address"), Opt(v, "employer"), Opt(v, "marital_status")};
}

AccountRecord Account(const FieldValues& v) {
  AccountRecord r;
  r.subject = Subject(v);
  r.account_id = Str(v, "account_id");
  r.kind = Str(v, "kind");
  r.open_date = Str(v, "open_date");
  r.close_date = Opt(v, "close_date");
  r.currency = Str(v, "currency");
  r.limit = Minor(v, "limit");
  r.balance = Minor(v, "balance");
  r.status = Str(v, "status");
  r.repayment_24m = Str(v, "repayment_24m");
  r.overdue_amount = Minor(v, "overdue_amount");
  r.as_of = Str(v, "as_of");
  return r;
}

RepaymentRecord Repayment(const FieldValues& v) {
  return {Str(v, "account_id"), Str(v, "month"), Str(v, "status"), Minor(v, "balance"),
          Minor(v, "overdue_amount")};
}

AdverseRecord Adverse(const FieldValues& v) {
  return {Subject(v),         Str(v, "event_id"),   Str(v, "kind"),    Opt(v, "account_id"),
          Minor(v, "amount"), Str(v, "start_date"), Opt(v, "end_date")};
}

}  // namespace

Record AssembleRecord(const FieldValues& v) {
  switch (v.type) {
    case RecordType::kIdentity:
      return Identity(v);
    case RecordType::kAccount:
      return Account(v);
    case RecordType::kRepayment:
      return Repayment(v);
    case RecordType::kAdverse:
      return Adverse(v);
  }
  return Identity(v);
}

}  // namespace cv::credit::internal
