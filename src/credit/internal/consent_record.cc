// The stored form of a consent.
#include "credit/internal/consent_record.h"

#include <nlohmann/json.hpp>

#include "credit/internal/fact_json.h"

namespace cv::credit::internal {
namespace {

using nlohmann::json;

constexpr std::string_view kSelectConsent =
    "SELECT id, subject_ref, institution, body, reasons, valid_from, valid_until, signature, "
    "recorded_by, recorded_us, revoked_us, retain_until FROM credit_consents";

Result<ConsentRow> RowOf(const store::Row& r) {
  ConsentRow c;
  CV_ASSIGN_OR_RETURN(c.id, r.Text(0));
  CV_ASSIGN_OR_RETURN(c.subject_ref, r.Text(1));
  CV_ASSIGN_OR_RETURN(c.institution, r.Text(2));
  CV_ASSIGN_OR_RETURN(c.body, r.Blob(3));
  CV_ASSIGN_OR_RETURN(c.reasons, r.Text(4));
  CV_ASSIGN_OR_RETURN(c.valid_from, r.Text(5));
  CV_ASSIGN_OR_RETURN(c.valid_until, r.Text(6));
  CV_ASSIGN_OR_RETURN(c.signature, r.Blob(7));
  CV_ASSIGN_OR_RETURN(c.recorded_by, r.Int(8));
  CV_ASSIGN_OR_RETURN(c.recorded_us, r.Int(9));
  CV_ASSIGN_OR_RETURN(c.revoked_us, r.Int(10));
  CV_ASSIGN_OR_RETURN(c.retain_until, r.Text(11));
  return c;
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// The string at `key` of object `j`, "" when absent or not a string.
std::string Str(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> Strings(const json& j, const char* key) {
  std::vector<std::string> out;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const json& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace

bool IsConsentId(std::string_view id) {
  if (id.size() != 28 || id.substr(0, 4) != "cst_") return false;
  for (char c : id.substr(4)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Result<std::optional<ConsentRow>> LoadConsentRow(store::Tx& tx, std::string_view id) {
  CV_ASSIGN_OR_RETURN(
      const std::optional<store::Row> row,
      tx.QueryOne(std::string(kSelectConsent) + " WHERE id = ?1", {store::Text(id)}));
  if (!row) return std::optional<ConsentRow>();
  CV_ASSIGN_OR_RETURN(ConsentRow c, RowOf(*row));
  return std::optional<ConsentRow>(std::move(c));
}

Result<std::vector<ConsentRow>> LoadConsentRows(store::Tx& tx, std::string_view institution,
                                                int limit) {
  CV_ASSIGN_OR_RETURN(const std::vector<store::Row> rows,
                      tx.Query(std::string(kSelectConsent) +
                                   " WHERE institution = ?1 ORDER BY recorded_us DESC, id DESC "
                                   "LIMIT ?2",
                               {store::Text(institution), store::Int(limit)}));
  std::vector<ConsentRow> out;
  for (const store::Row& r : rows) {
    CV_ASSIGN_OR_RETURN(ConsentRow c, RowOf(r));
    out.push_back(std::move(c));
  }
  return out;
}

std::string EncodeConsentBody(const ConsentBody& b) {
  const ConsentRequest& r = b.request;
  json j = {
      {"v", 1},
      {"subject",
       {{"id_type", r.subject.id_type}, {"id_number", r.subject.id_number}, {"name", r.name}}},
      {"reasons", r.reasons},
      {"scope", r.scope},
      {"valid_from", r.valid_from},
      {"valid_until", r.valid_until},
      {"agreement", {{"version", r.agreement_version}, {"sm3", r.agreement_sm3}}},
      {"verification", r.verification},
      {"signature", {{"value", r.subject_signature}, {"key_id", r.signing_key_id}}},
      {"signed_at", r.signed_at},
      {"channel", r.channel},
      {"device", r.device},
      {"recorded_by", b.recorded_by},
      {"recorded_at", b.recorded_at}};
  return Dump(j);
}

Result<ConsentBody> DecodeConsentBody(std::string_view text) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("v") || j["v"] != 1) {
    return Fail(ErrorCode::kMalformed, "not a consent body");
  }
  const json subject = j.value("subject", json::object());
  const json agreement = j.value("agreement", json::object());
  const json signature = j.value("signature", json::object());
  ConsentBody b;
  ConsentRequest& r = b.request;
  r.subject = {Str(subject, "id_type"), Str(subject, "id_number")};
  r.name = Str(subject, "name");
  r.reasons = Strings(j, "reasons");
  r.scope = Str(j, "scope");
  r.valid_from = Str(j, "valid_from");
  r.valid_until = Str(j, "valid_until");
  r.agreement_version = Str(agreement, "version");
  r.agreement_sm3 = Str(agreement, "sm3");
  r.verification = Strings(j, "verification");
  r.subject_signature = Str(signature, "value");
  r.signing_key_id = Str(signature, "key_id");
  r.signed_at = Str(j, "signed_at");
  r.channel = Str(j, "channel");
  r.device = Str(j, "device");
  b.recorded_by = Str(j, "recorded_by");
  b.recorded_at = Str(j, "recorded_at");
  return b;
}

std::string ConsentBodyAd(std::string_view subject_ref, std::string_view id) {
  return FactAd("credit_consents", subject_ref, id, 1);
}

std::string CanonicalConsent(const ConsentRow& row, std::string_view body_json) {
  const json j = {{"v", 1},
                  {"id", row.id},
                  {"subject_ref", row.subject_ref},
                  {"institution", row.institution},
                  {"reasons", row.reasons},
                  {"valid_from", row.valid_from},
                  {"valid_until", row.valid_until},
                  {"recorded_by", row.recorded_by},
                  {"recorded_us", row.recorded_us},
                  {"retain_until", row.retain_until},
                  {"body", std::string(body_json)}};
  return Dump(j);
}

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::vector<std::string> SplitCodes(std::string_view csv) {
  std::vector<std::string> out;
  while (!csv.empty()) {
    const std::size_t comma = csv.find(',');
    out.emplace_back(csv.substr(0, comma));
    if (comma == std::string_view::npos) break;
    csv.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace cv::credit::internal
