// Reported facts <-> their JSON bodies.
#include "credit/internal/fact_json.h"

#include <nlohmann/json.hpp>

namespace cv::credit::internal {
namespace {

using nlohmann::json;

void PutOptional(json& j, const char* key, const std::optional<std::string>& v) {
  if (v) j[key] = *v;
}

std::optional<std::string> GetOptional(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

template <typename T, typename Fill>
Result<T> ParseBody(std::string_view body, const Fill& fill) {
  json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Fail(ErrorCode::kInternal, "stored fact body is not a JSON object");
  try {
    T r;
    fill(j, r);
    return r;
  } catch (const json::exception&) {
    return Fail(ErrorCode::kInternal, "stored fact body lacks a field");
  }
}

}  // namespace

std::string AccountBody(const AccountRecord& r) {
  json j = {{"account_id", r.account_id},
            {"kind", r.kind},
            {"open_date", r.open_date},
            {"currency", r.currency},
            {"limit", r.limit},
            {"balance", r.balance},
            {"status", r.status},
            {"repayment_24m", r.repayment_24m},
            {"overdue_amount", r.overdue_amount},
            {"as_of", r.as_of}};
  PutOptional(j, "close_date", r.close_date);
  return j.dump();
}

std::string RepaymentBody(const RepaymentRecord& r) {
  return json({{"account_id", r.account_id},
               {"month", r.month},
               {"status", r.status},
               {"balance", r.balance},
               {"overdue_amount", r.overdue_amount}})
      .dump();
}

std::string AdverseBody(const AdverseRecord& r) {
  json j = {{"event_id", r.event_id},
            {"kind", r.kind},
            {"amount", r.amount},
            {"start_date", r.start_date}};
  PutOptional(j, "account_id", r.account_id);
  PutOptional(j, "end_date", r.end_date);
  return j.dump();
}

Result<AccountRecord> ParseAccountBody(std::string_view body) {
  return ParseBody<AccountRecord>(body, [](const json& j, AccountRecord& r) {
    r.account_id = j.at("account_id").get<std::string>();
    r.kind = j.at("kind").get<std::string>();
    r.open_date = j.at("open_date").get<std::string>();
    r.close_date = GetOptional(j, "close_date");
    r.currency = j.at("currency").get<std::string>();
    r.limit = j.at("limit").get<std::int64_t>();
    r.balance = j.at("balance").get<std::int64_t>();
    r.status = j.at("status").get<std::string>();
    r.repayment_24m = j.at("repayment_24m").get<std::string>();
    r.overdue_amount = j.at("overdue_amount").get<std::int64_t>();
    r.as_of = j.at("as_of").get<std::string>();
  });
}

Result<RepaymentRecord> ParseRepaymentBody(std::string_view body) {
  return ParseBody<RepaymentRecord>(body, [](const json& j, RepaymentRecord& r) {
    r.account_id = j.at("account_id").get<std::string>();
    r.month = j.at("month").get<std::string>();
    r.status = j.at("status").get<std::string>();
    r.balance = j.at("balance").get<std::int64_t>();
    r.overdue_amount = j.at("overdue_amount").get<std::int64_t>();
  });
}

Result<AdverseRecord> ParseAdverseBody(std::string_view body) {
  return ParseBody<AdverseRecord>(body, [](const json& j, AdverseRecord& r) {
    r.event_id = j.at("event_id").get<std::string>();
    r.kind = j.at("kind").get<std::string>();
    r.account_id = GetOptional(j, "account_id");
    r.amount = j.at("amount").get<std::int64_t>();
    r.start_date = j.at("start_date").get<std::string>();
    r.end_date = GetOptional(j, "end_date");
  });
}

std::string FactAd(std::string_view table, std::string_view subject_ref, std::string_view key,
                   std::int64_t version) {
  std::string ad;
  ad.reserve(table.size() + subject_ref.size() + key.size() + 24);
  ad.append(table).append("|").append(subject_ref).append("|").append(key).append("|");
  ad.append(std::to_string(version));
  return ad;
}

}  // namespace cv::credit::internal
