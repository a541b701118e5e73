// CreditReport assembly and masking.
#include "credit/report.h"

#include "audit/event.h"
#include "credit/reasons.h"
#include "grading/catalog.h"
#include "policy/policy.h"

namespace cv::credit {
namespace {

using nlohmann::json;

// Labels of the identity items in the report, in display order.
constexpr std::pair<std::string_view, std::string_view> kIdentityLabels[] = {
    {"person_name", "name"}, {"cn_resident_id", "id_number"}, {"passport", "id_number"},
    {"gender", "gender"},    {"birth_date", "birth_date"},    {"cn_mobile", "mobile"},
    {"address", "address"},  {"employer", "employer"},        {"marital_status", "marital_status"},
};

std::string Rfc3339(TimePoint t) { return FormatRfc3339(t); }

json IdentitySection(const SubjectFile& file) {
  json out = json::array();
  for (const auto& [item, label] : kIdentityLabels) {
    auto it = file.identity.find(std::string(item));
    if (it == file.identity.end()) continue;
    const grading::DataItem* d = grading::Catalog::Default().FindById(item);
    out.push_back({{"field", label},
                   {"item", item},
                   {"category", std::string(grading::CategoryName(d->category))},
                   {"level", d->level},
                   {"value", MaskedValue(item, it->second.value)},
                   {"reported_by", it->second.institution},
                   {"reported_at", Rfc3339(it->second.reported_at)}});
  }
  return out;
}

json AccountJson(const StoredAccount& a) {
  const AccountRecord& f = a.facts;
  json months = json::array();
  for (const auto& [month, r] : a.months) {
    months.push_back({{"month", month},
                      {"status", r.status},
                      {"balance", FormatAmount(r.balance)},
                      {"overdue_amount", FormatAmount(r.overdue_amount)}});
  }
  while (months.size() > 24) months.erase(months.begin());
  return {{"institution", a.institution},
          {"account_id", MaskedValue("payment_account", f.account_id)},
          {"kind", f.kind},
          {"open_date", f.open_date},
          {"close_date", f.close_date.value_or("")},
          {"currency", f.currency},
          {"limit", FormatAmount(f.limit)},
          {"balance", FormatAmount(f.balance)},
          {"status", f.status},
          {"overdue_amount", FormatAmount(f.overdue_amount)},
          {"repayment_24m", f.repayment_24m},
          {"months", months},
          {"as_of", f.as_of},
          {"reported_at", Rfc3339(a.reported_at)}};
}

json AdverseJson(const StoredAdverse& a) {
  const AdverseRecord& f = a.facts;
  return {{"institution", a.institution},
          {"kind", f.kind},
          {"account_id", f.account_id ? MaskedValue("payment_account", *f.account_id) : ""},
          {"amount", FormatAmount(f.amount)},
          {"start_date", f.start_date},
          {"end_date", f.end_date.value_or("")},
          {"reported_at", Rfc3339(a.reported_at)}};
}

json HistoryJson(const std::vector<QueryHistoryEntry>& history) {
  json out = json::array();
  for (const QueryHistoryEntry& q : history) {
    const QueryReason* r = FindQueryReason(q.reason);
    out.push_back({{"institution", q.institution},
                   {"date", Rfc3339(q.time).substr(0, 10)},
                   {"reason", q.reason},
                   {"reason_name", r ? std::string(r->name) : std::string()}});
  }
  return out;
}

}  // namespace

std::string FormatAmount(std::int64_t minor) {
  const bool negative = minor < 0;
  const std::uint64_t v = negative ? 0 - static_cast<std::uint64_t>(minor) : minor;
  std::string cents = std::to_string(v % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return (negative ? "-" : "") + std::to_string(v / 100) + "." + cents;
}

std::string MaskedValue(std::string_view item_id, std::string_view value) {
  const grading::DataItem* d = grading::Catalog::Default().FindById(item_id);
  // Invariant 1: an unknown item or a C3 item is hidden whole.
  if (d == nullptr || d->category == grading::Category::kC3) {
    return policy::Mask(value, policy::MaskRule::kHideAll);
  }
  return policy::Mask(value, d->mask);
}

json BuildReport(const ReportHeader& header, const SubjectFile* file,
                 const std::vector<QueryHistoryEntry>& history) {
  const QueryReason* reason = FindQueryReason(header.reason);
  json report = {
      {"report_id", header.report_id},
      {"format_version", 1},
      {"issued_at", Rfc3339(header.issued_at)},
      {"issued_to", {{"institution", header.institution}, {"user", header.user}}},
      {"reason",
       {{"code", header.reason}, {"name", reason ? std::string(reason->name) : std::string()}}},
      {"masking", "server-side by grade (QRY-6); C3 never shown"}};
  json accounts = json::array(), adverse = json::array();
  json identity = json::array();
  bool shredded = file != nullptr && file->subject.shredded;
  if (file != nullptr && !shredded) {
    identity = IdentitySection(*file);
    for (const StoredAccount& a : file->accounts) accounts.push_back(AccountJson(a));
    for (const StoredAdverse& a : file->adverse) adverse.push_back(AdverseJson(a));
  }
  report["subject"] = {{"found", header.subject_found}, {"shredded", shredded}};
  if (shredded) {
    report["notice"] =
        "this subject's data was destroyed (crypto-shredding, CRY-5) and can no longer be read";
  } else if (!header.subject_found) {
    report["notice"] = "no credit record is held on this subject";
  }
  report["identity"] = identity;
  report["accounts"] = accounts;
  report["adverse"] = adverse;
  report["queries"] = shredded ? json::array() : HistoryJson(history);
  report["disputes"] = json::array();    // dispute marks (DSP-1), when present
  report["statements"] = json::array();  // personal statements (DSP-3), when present
  return report;
}

}  // namespace cv::credit
