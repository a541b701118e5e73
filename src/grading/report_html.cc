// RenderHtml: one self-contained page for people (a compliance officer, a data-security team):
// a summary per dataset, prohibited-item alerts (GRD-4), a per-level chart, the per-column grades
// (GRD-1, GRD-2) with masked examples (QRY-6), and what to do about each column.
//
// Security: the page carries a CSP that forbids scripts and every fetch; all interpolated text goes
// through HtmlEscape (column names, examples and reasons come from untrusted input).
#include <fmt/format.h>

#include <string>

#include "grading/internal/html_escape.h"
#include "grading/internal/level_chart.h"
#include "grading/internal/report_css.h"
#include "grading/internal/report_html_sections.h"
#include "grading/internal/report_summary.h"
#include "grading/report.h"

namespace cv::grading {
namespace {

using internal::HtmlEscape;

void AppendHead(std::string& out) {
  out += R"(<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>数据安全分级报告 · Data Security Grading Report</title>
<style>)";
  out += internal::kReportCss;
  out += "</style>\n</head>\n<body>\n";
}

int HighestLevel(const std::vector<GradingReport>& reports) {
  int level = internal::kMinLevel;
  for (const GradingReport& r : reports) level = std::max(level, r.dataset_level);
  return internal::ClampLevel(level);
}

void AppendPageHeader(const std::vector<GradingReport>& reports, TimePoint generated_at,
                      std::string& out) {
  out += R"(<header class="page"><div class="kicker">CreditVault · cvault scan</div>)";
  out += R"(<h1>数据安全分级报告<span class="en">Data Security Grading Report</span></h1>)";
  out += R"(<div class="meta">)";
  out += fmt::format("<span>生成时间 Generated: <b>{}</b></span>",
                     HtmlEscape(FormatRfc3339(generated_at)));
  out += fmt::format("<span>数据集 Datasets: <b>{}</b></span>", reports.size());
  if (!reports.empty()) {
    const int level = HighestLevel(reports);
    out += fmt::format(
        R"(<span>最高级别 Highest level: <span class="badge lv{}">{}级 · Level {}</span></span>)",
        level, level, level);
  }
  out += "</div></header>\n<main>\n";
}

void AppendOverview(const std::vector<GradingReport>& reports, std::string& out) {
  out +=
      R"(<div class="card"><h2><span class="label">总览 OVERVIEW</span>数据集一览 Datasets</h2>)";
  out +=
      "<table><thead><tr><th>数据集<span class=\"en\">Source</span></th>"
      "<th>格式<span class=\"en\">Format</span></th>"
      "<th class=\"num\">行数<span class=\"en\">Rows</span></th>"
      "<th class=\"num\">列数<span class=\"en\">Columns</span></th>"
      "<th>级别<span class=\"en\">Level</span></th>"
      "<th class=\"num\">禁止项<span class=\"en\">Prohibited</span></th></tr></thead><tbody>";
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const GradingReport& r = reports[i];
    const int level = internal::ClampLevel(r.dataset_level);
    out += fmt::format(
        R"(<tr><td class="name"><a href="#src-{}">{}</a></td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td><span class="badge lv{}">L{}</span></td><td class="num">{}</td></tr>)",
        i + 1, HtmlEscape(r.source), HtmlEscape(r.format), internal::GroupThousands(r.rows),
        r.columns.size(), level, r.dataset_level, r.findings_prohibited.size());
  }
  out += "</tbody></table></div>\n";
}

void AppendFact(std::string_view label, std::string_view value, std::string& out) {
  out += fmt::format("<dt>{}</dt><dd>{}</dd>", label, value);
}

void AppendFacts(const GradingReport& r, std::string& out) {
  out += R"(<dl class="facts">)";
  AppendFact("格式 Format", HtmlEscape(r.format), out);
  AppendFact("编码 Encoding", HtmlEscape(r.encoding), out);
  AppendFact("数据行 Rows", internal::GroupThousands(r.rows), out);
  AppendFact("列数 Columns", std::to_string(r.columns.size()), out);
  AppendFact("大小 Size", HtmlEscape(internal::FormatBytes(r.bytes)), out);
  AppendFact("耗时 Scan time", fmt::format("{:.2f} s", r.seconds), out);
  if (r.format == "csv") {
    AppendFact("分隔符 Delimiter",
               fmt::format(R"(<span class="mono">{}</span>)",
                           HtmlEscape(internal::DelimiterName(r.delimiter))),
               out);
  }
  AppendFact("范围 Coverage",
             r.sampled ? "抽样 Sampled — counts cover the sample only" : "全量 Full pass", out);
  out += "</dl>";
}

void AppendSummary(const GradingReport& r, std::string& out) {
  const int level = internal::ClampLevel(r.dataset_level);
  out += R"(<div class="summary">)";
  out += fmt::format(
      R"(<div class="level-card lv{}"><div class="n">{}</div><div class="t">数据集级别<br>Dataset level</div></div>)",
      level, r.dataset_level);
  out += "<div>";
  AppendFacts(r, out);
  out += fmt::format(R"(<div class="reason"><b>定级依据 Why this level:</b> {}</div>)",
                     HtmlEscape(r.dataset_level_reason));
  out += "</div></div>\n";
}

void AppendSource(const GradingReport& r, std::size_t ordinal, std::string& out) {
  out += fmt::format(R"(<section class="card source" id="src-{}">)", ordinal);
  out += fmt::format(R"(<h2><span class="label">数据集 DATASET {}</span><bdi>{}</bdi></h2>)",
                     ordinal, HtmlEscape(r.source));
  AppendSummary(r, out);
  internal::AppendProhibitedAlert(r, out);
  internal::AppendDistribution(r, out);
  internal::AppendColumnTable(r, out);
  internal::AppendActions(r, out);
  internal::AppendWarnings(r, out);
  out += "</section>\n";
}

void AppendFooter(std::string& out) {
  out += R"(</main>
<footer>
<p><b>依据标准 Standards.</b></p>
<ol>
<li>JR/T 0171-2020《个人金融信息保护技术规范》 Personal financial information protection technical specification — categories C3 / C2 / C1 (§4.2).</li>
<li>JR/T 0197-2020《金融数据安全 数据安全分级指南》 Financial data security — Guidelines for data security classification — levels 1–5; a dataset takes the highest level of its items.</li>
<li>《征信业管理条例》第十四条 Regulation on the Administration of the Credit Reporting Industry, Art. 14 — items that must not be collected.</li>
</ol>
<p>本报告中的示例值均已按级别脱敏，不含任何明文敏感信息。 Example values are masked by grade (QRY-6); this report holds no sensitive value in clear. Matched, invalid and empty count cells; confidence is how strongly header and value evidence support the detected type.</p>
</footer>
</body>
</html>
)";
}

}  // namespace

std::string RenderHtml(const std::vector<GradingReport>& reports, TimePoint generated_at) {
  std::string out;
  AppendHead(out);
  AppendPageHeader(reports, generated_at, out);
  if (reports.size() > 1) AppendOverview(reports, out);
  if (reports.empty()) {
    out +=
        R"(<div class="card"><p class="note">未扫描任何数据集。 No dataset was scanned.</p></div>)";
  }
  for (std::size_t i = 0; i < reports.size(); ++i) AppendSource(reports[i], i + 1, out);
  AppendFooter(out);
  return out;
}

std::string RenderHtml(const std::vector<GradingReport>& reports) {
  return RenderHtml(reports, SystemClock::Get().Now());
}

}  // namespace cv::grading
