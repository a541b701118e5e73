// RenderJson: the machine-readable `cvault scan` result (issue #2). The keys named in report.h's
// interface are fixed — other tools parse them; new keys may be added, none renamed or removed.
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "grading/internal/report_summary.h"
#include "grading/report.h"

namespace cv::grading {
namespace {

// Insertion-ordered, so "source" comes first and the output reads like the interface.
using Json = nlohmann::ordered_json;
using internal::FindItem;
using internal::TypeId;

double Round3(double v) { return std::round(v * 1000.0) / 1000.0; }

// {type_id: count} for the non-zero counts only.
Json CountsByType(const std::array<std::uint64_t, kItemTypeCount>& counts) {
  Json out = Json::object();
  for (int i = 0; i < kItemTypeCount; ++i) {
    if (counts[i] != 0) out[std::string(TypeId(static_cast<ItemType>(i)))] = counts[i];
  }
  return out;
}

Json ProtectionJson(const policy::Protection& p) {
  return Json{
      {"encrypt_at_rest", p.encrypt_at_rest},
      {"cipher", p.cipher},
      {"encrypt_in_transit", p.encrypt_in_transit},
      {"mask", std::string(policy::MaskRuleName(p.mask))},
      {"clear_view", p.clear_view},
      {"export", p.export_rule},
      {"audit_detail", p.audit_detail},
      {"retention_days", p.retention_days},
      {"actions", p.actions},
  };
}

Json ColumnJson(const ColumnReport& c) {
  const DataItem* item = FindItem(c.type);
  return Json{
      {"index", c.index},
      {"name", c.name},
      {"type", std::string(TypeId(c.type))},
      {"category", std::string(CategoryName(c.category))},
      {"level", c.level},
      {"confidence", Round3(c.confidence)},
      {"matched", c.matched},
      {"invalid", c.invalid},
      {"empty", c.empty},
      {"non_empty", c.non_empty},
      {"header_evidence", c.header_evidence},
      {"example", c.example},  // already masked (QRY-6)
      {"embedded", CountsByType(c.embedded)},
      {"embedded_invalid", CountsByType(c.embedded_invalid)},
      {"prohibited", item != nullptr && item->prohibited},
      {"name_zh", item != nullptr ? std::string(item->name_zh) : ""},
      {"name_en", item != nullptr ? std::string(item->name_en) : ""},
      {"protections", ProtectionJson(c.protection)},
  };
}

Json FindingJson(const ProhibitedFinding& f) {
  return Json{
      {"column", f.column},
      {"name", f.column_name},
      {"type", std::string(TypeId(f.type))},
      {"reason", f.reason},
  };
}

Json WarningsJson(const GradingReport& r) {
  Json items = Json::array();
  for (const ScanWarning& w : r.warnings) {
    items.push_back(Json{{"line", w.line}, {"code", w.code}, {"message", w.message}});
  }
  return Json{
      {"count", r.warning_count},
      {"ragged_rows", r.ragged_rows},
      {"undecodable_bytes", r.undecodable_bytes},
      {"items", std::move(items)},
  };
}

}  // namespace

std::string RenderJson(const GradingReport& report) {
  Json j = {
      {"source", report.source},
      {"format", report.format},
      {"rows", report.rows},
      {"encoding", report.encoding},
  };
  if (report.format == "csv") j["delimiter"] = std::string(1, report.delimiter);
  j["bytes"] = report.bytes;
  j["seconds"] = Round3(report.seconds);
  j["sampled"] = report.sampled;
  j["dataset_level"] = report.dataset_level;
  j["dataset_level_reason"] = report.dataset_level_reason;
  Json columns = Json::array();
  for (const ColumnReport& c : report.columns) columns.push_back(ColumnJson(c));
  j["columns"] = std::move(columns);
  Json findings = Json::array();
  for (const ProhibitedFinding& f : report.findings_prohibited) findings.push_back(FindingJson(f));
  j["findings_prohibited"] = std::move(findings);
  j["warnings"] = WarningsJson(report);
  // Names and values come from untrusted files: invalid UTF-8 becomes U+FFFD instead of throwing.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace cv::grading
