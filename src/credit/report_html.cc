// The printable HTML form of a credit report (every text escaped; no script, no external asset).
#include <string>

#include "credit/report.h"
#include "grading/internal/html_escape.h"

namespace cv::credit {
namespace {

using grading::internal::HtmlEscape;
using nlohmann::json;

std::string Text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// One table of `rows` with the given columns (keys of each row object).
std::string Table(const json& rows, std::initializer_list<const char*> columns) {
  if (!rows.is_array() || rows.empty()) return "<p class=\"none\">none</p>\n";
  std::string out = "<table><tr>";
  for (const char* c : columns) out += "<th>" + HtmlEscape(c) + "</th>";
  out += "</tr>\n";
  for (const json& row : rows) {
    out += "<tr>";
    for (const char* c : columns) {
      out += "<td>" + HtmlEscape(row.contains(c) ? Text(row.at(c)) : "") + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

}  // namespace

std::string ReportHtml(const json& answer) {
  const json& r = answer.contains("report") ? answer.at("report") : answer;
  std::string out =
      "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<title>Credit report</title><style>body{font-family:sans-serif;margin:2em}"
      "table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #999;"
      "padding:2px 6px;font-size:90%}</style></head><body>\n";
  out += "<h1>Personal credit report 个人信用报告</h1>\n<p>Report " +
         HtmlEscape(Text(r.value("report_id", json(""))));
  out += " issued " + HtmlEscape(Text(r.value("issued_at", json("")))) + "</p>\n";
  if (r.contains("notice"))
    out += "<p><strong>" + HtmlEscape(Text(r["notice"])) + "</strong></p>\n";
  out += "<h2>Identity</h2>\n" +
         Table(r.value("identity", json::array()), {"field", "value", "category", "reported_by"});
  out += "<h2>Accounts</h2>\n" +
         Table(r.value("accounts", json::array()),
               {"institution", "account_id", "kind", "open_date", "currency", "limit", "balance",
                "status", "overdue_amount", "repayment_24m", "as_of"});
  out += "<h2>Adverse records</h2>\n" +
         Table(r.value("adverse", json::array()),
               {"institution", "kind", "amount", "start_date", "end_date"});
  out += "<h2>Query history (2 years)</h2>\n" +
         Table(r.value("queries", json::array()), {"date", "institution", "reason", "reason_name"});
  if (answer.contains("audit")) {
    out += "<h2>Audit anchor (QRY-7)</h2>\n<p>Leaf " +
           HtmlEscape(Text(answer["audit"].value("leaf_index", json(0)))) + "</p>\n<pre>" +
           HtmlEscape(Text(answer["audit"].value("checkpoint", json("")))) + "</pre>\n";
  }
  return out + "</body></html>\n";
}

}  // namespace cv::credit
