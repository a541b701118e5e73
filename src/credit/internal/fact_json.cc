// Reported facts <-> their JSON bodies.
#include "credit/internal/fact_json.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

namespace cv::credit::internal {
namespace {

using nlohmann::json;

// Writes one flat JSON object straight into a string: the bodies are written once per reported
// fact, on the ingest path, where building an nlohmann::json tree first cost more than sealing
// it. Strings are escaped per RFC 8259 7 (quote, backslash, controls); the values are clean UTF-8
// already (field_checks.h), which passes through unchanged, as nlohmann's dump would write it.
class ObjectWriter {
 public:
  ObjectWriter() { out_.reserve(256); }
  ObjectWriter& Str(std::string_view key, std::string_view value) {
    Key(key);
    Quoted(value);
    return *this;
  }
  ObjectWriter& Opt(std::string_view key, const std::optional<std::string>& value) {
    return value ? Str(key, *value) : *this;
  }
  ObjectWriter& Int(std::string_view key, std::int64_t value) {
    Key(key);
    out_.append(std::to_string(value));
    return *this;
  }
  // The object; the writer is left empty.
  std::string Done() {
    if (out_.empty()) out_.push_back('{');
    out_.push_back('}');
    return std::move(out_);
  }

 private:
  void Key(std::string_view key) {
    out_.push_back(out_.empty() ? '{' : ',');
    Quoted(key);
    out_.push_back(':');
  }
  void Quoted(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_.push_back('"');
    for (const char c : s) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out_.push_back('\\');
        out_.push_back(c);
      } else if (u < 0x20) {
        out_.append("\\u00");
        out_.push_back(kHex[u >> 4]);
        out_.push_back(kHex[u & 0xf]);
      } else {
        out_.push_back(c);
      }
    }
    out_.push_back('"');
  }

  std::string out_;
};

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
  return ObjectWriter()
      .Str("account_id", r.account_id)
      .Str("kind", r.kind)
      .Str("open_date", r.open_date)
      .Opt("close_date", r.close_date)
      .Str("currency", r.currency)
      .Int("limit", r.limit)
      .Int("balance", r.balance)
      .Str("status", r.status)
      .Str("repayment_24m", r.repayment_24m)
      .Int("overdue_amount", r.overdue_amount)
      .Str("as_of", r.as_of)
      .Done();
}

std::string RepaymentBody(const RepaymentRecord& r) {
  return ObjectWriter()
      .Str("account_id", r.account_id)
      .Str("month", r.month)
      .Str("status", r.status)
      .Int("balance", r.balance)
      .Int("overdue_amount", r.overdue_amount)
      .Done();
}

std::string AdverseBody(const AdverseRecord& r) {
  return ObjectWriter()
      .Str("event_id", r.event_id)
      .Str("kind", r.kind)
      .Int("amount", r.amount)
      .Str("start_date", r.start_date)
      .Opt("account_id", r.account_id)
      .Opt("end_date", r.end_date)
      .Done();
}

std::string FieldsBody(const std::vector<std::pair<std::string, std::string>>& fields) {
  ObjectWriter w;
  for (const auto& [key, value] : fields) w.Str(key, value);
  return w.Done();
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
