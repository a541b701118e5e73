// The per-dataset sections of the HTML report.
#include "grading/internal/report_html_sections.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "grading/internal/html_escape.h"
#include "grading/internal/level_chart.h"
#include "grading/internal/report_summary.h"

namespace cv::grading::internal {
namespace {

// JR/T 0171-2020 4.2: what each category holds.
struct CategoryInfo {
  Category category;
  std::string_view zh;
  std::string_view en;
};
constexpr CategoryInfo kCategories[] = {
    {Category::kC3, "用户鉴别信息", "authentication data: PINs, passwords, CVN, track data"},
    {Category::kC2, "可识别特定个人金融信息主体身份与金融状况的信息",
     "identifies the person or their finances: ID and card numbers, mobile, balances, loans"},
    {Category::kC1, "机构内部使用的个人金融信息",
     "internal personal financial information: open dates, branches, tokens"},
    {Category::kNone, "非个人金融信息", "not personal financial information"},
};

void AppendCategoryTable(const ColumnCounts& counts, std::string& out) {
  out +=
      "<table><thead><tr><th>类别<span class=\"en\">Category</span></th>"
      "<th>含义<span class=\"en\">Meaning (JR/T 0171-2020 §4.2)</span></th>"
      "<th class=\"num\">列数<span class=\"en\">Columns</span></th></tr></thead><tbody>";
  for (const CategoryInfo& info : kCategories) {
    out += fmt::format(
        R"(<tr><td>{}</td><td>{}<div class="muted">{}</div></td><td class="num">{}</td></tr>)",
        CategoryChip(info.category), HtmlEscape(info.zh), HtmlEscape(info.en),
        counts.by_category[static_cast<int>(info.category)]);
  }
  out += "</tbody></table>";
}

// "居民身份证号 ×3, 手机号 ×1" for the non-zero counts; "" when all are zero.
std::string EmbeddedList(const std::array<std::uint64_t, kItemTypeCount>& counts) {
  std::string out;
  for (int i = 0; i < kItemTypeCount; ++i) {
    if (counts[i] == 0) continue;
    if (!out.empty()) out += ", ";
    out += fmt::format("{} ×{}", HtmlEscape(ItemNameZh(static_cast<ItemType>(i))),
                       GroupThousands(counts[i]));
  }
  return out;
}

std::string TypeCell(const ColumnReport& c) {
  std::string out = fmt::format(R"({}<div class="muted">{} · <span class="mono">{}</span></div>)",
                                HtmlEscape(ItemNameZh(c.type)), HtmlEscape(ItemNameEn(c.type)),
                                HtmlEscape(TypeId(c.type)));
  if (IsProhibited(c.type)) out += R"(<span class="tag">禁止采集 PROHIBITED</span>)";
  const std::string embedded = EmbeddedList(c.embedded);
  if (!embedded.empty())
    out += fmt::format(R"(<div class="muted">内含 contains: {}</div>)", embedded);
  const std::string embedded_invalid = EmbeddedList(c.embedded_invalid);
  if (!embedded_invalid.empty()) {
    out +=
        fmt::format(R"(<div class="muted">校验失败 failed validation: {}</div>)", embedded_invalid);
  }
  return out;
}

std::string NameCell(const ColumnReport& c) {
  std::string out = fmt::format("<bdi>{}</bdi>", HtmlEscape(c.name));
  if (!c.header_evidence.empty()) {
    out += fmt::format(R"(<div class="muted">表头 header → <span class="mono">{}</span></div>)",
                       HtmlEscape(c.header_evidence));
  }
  return out;
}

std::string ConfidenceCell(double confidence) {
  const double pct = std::isfinite(confidence) ? std::clamp(confidence, 0.0, 1.0) * 100 : 0;
  return fmt::format(R"({}<span class="confbar"><i style="width:{:.0f}%"></i></span>)",
                     HtmlEscape(FormatPercent(confidence)), pct);
}

std::string ExampleCell(const std::string& example) {
  if (example.empty()) return R"(<span class="muted">—</span>)";
  return fmt::format(R"(<span class="mono">{}</span>)", HtmlEscape(example));
}

void AppendColumnRow(const ColumnReport& c, std::string& out) {
  out += IsProhibited(c.type) ? R"(<tr class="prohibited">)" : "<tr>";
  out += fmt::format(R"(<td class="num">{}</td><td class="name">{}</td><td>{}</td>)", c.index,
                     NameCell(c), TypeCell(c));
  out += fmt::format("<td>{}</td><td>{}</td>", CategoryChip(c.category), LevelBadge(c.level));
  out += fmt::format(R"(<td class="num conf">{}</td>)", ConfidenceCell(c.confidence));
  out += fmt::format(R"(<td class="num">{}</td><td class="num">{}</td><td class="num">{}</td>)",
                     GroupThousands(c.matched), GroupThousands(c.invalid), GroupThousands(c.empty));
  out += fmt::format(R"(<td>{}</td><td><span class="mono">{}</span></td></tr>)",
                     ExampleCell(c.example), HtmlEscape(policy::MaskRuleName(c.protection.mask)));
}

}  // namespace

std::string CategoryChip(Category c) {
  const std::string name = HtmlEscape(CategoryName(c));
  return fmt::format(R"(<span class="cat cat-{}">{}</span>)", name, name);
}

std::string LevelBadge(int level) {
  return fmt::format(R"(<span class="badge lv{}">L{}</span>)", ClampLevel(level), level);
}

void AppendProhibitedAlert(const GradingReport& r, std::string& out) {
  if (r.findings_prohibited.empty()) return;
  out +=
      R"(<div class="alert" role="alert"><h3>⚠ 发现禁止采集的信息 · Prohibited items found (GRD-4)</h3><ul>)";
  for (const ProhibitedFinding& f : r.findings_prohibited) {
    out += fmt::format(
        R"(<li><b>#{} <bdi>{}</bdi></b> — {} <span class="muted">{} · <span class="mono">{}</span></span><br>{}</li>)",
        f.column, HtmlEscape(f.column_name), HtmlEscape(ItemNameZh(f.type)),
        HtmlEscape(ItemNameEn(f.type)), HtmlEscape(TypeId(f.type)), HtmlEscape(f.reason));
  }
  out += "</ul>";
  out +=
      R"(<div class="law">《征信业管理条例》第十四条：禁止征信机构采集个人的宗教信仰、基因、指纹、血型、疾病和病史信息以及法律、行政法规规定禁止采集的其他个人信息。)"
      R"( Regulation on the Administration of the Credit Reporting Industry, Art. 14: an individual's religious belief, genes, fingerprints, blood type, diseases and medical history must not be collected. Remove these columns and purge the values already collected.</div></div>)";
}

void AppendDistribution(const GradingReport& r, std::string& out) {
  const ColumnCounts counts = CountColumns(r);
  out += R"(<h3>分级分布<span class="en">Distribution of columns</span></h3><div class="dist">)";
  out += "<figure>" + LevelChartSvg(counts.by_level);
  out += "<figcaption>各级别列数 Columns per level (JR/T 0197-2020)</figcaption></figure><div>";
  AppendCategoryTable(counts, out);
  out += "</div></div>\n";
}

void AppendColumnTable(const GradingReport& r, std::string& out) {
  out +=
      R"(<h3>逐列定级<span class="en">Columns</span></h3><table class="cols"><thead><tr>)"
      R"(<th class="num">#</th><th>列名<span class="en">Column</span></th>)"
      R"(<th>类型<span class="en">Type</span></th><th>类别<span class="en">Category</span></th>)"
      R"(<th>级别<span class="en">Level</span></th><th class="num">置信度<span class="en">Confidence</span></th>)"
      R"(<th class="num">匹配<span class="en">Matched</span></th><th class="num">无效<span class="en">Invalid</span></th>)"
      R"(<th class="num">空值<span class="en">Empty</span></th><th>示例（已脱敏）<span class="en">Example (masked)</span></th>)"
      R"(<th>脱敏规则<span class="en">Mask</span></th></tr></thead><tbody>)";
  for (const ColumnReport& c : r.columns) AppendColumnRow(c, out);
  out += "</tbody></table>\n";
}

void AppendWarnings(const GradingReport& r, std::string& out) {
  out += R"(<h3>输入警告<span class="en">Input warnings</span></h3>)";
  if (r.warning_count == 0 && r.ragged_rows == 0 && r.undecodable_bytes == 0) {
    out += R"(<p class="note">无 None.</p>)";
    return;
  }
  out += fmt::format(
      R"(<p class="note">共 {} 条 warnings · 列数不一致的行 ragged rows: {} · 无法解码的字节 undecodable bytes: {})",
      GroupThousands(r.warning_count), GroupThousands(r.ragged_rows),
      GroupThousands(r.undecodable_bytes));
  if (r.warnings.size() < r.warning_count) {
    out += fmt::format(" · 仅列出前 {} 条 first {} shown", r.warnings.size(), r.warnings.size());
  }
  out += "</p>";
  if (r.warnings.empty()) return;
  out +=
      "<table><thead><tr><th class=\"num\">行<span class=\"en\">Line</span></th>"
      "<th>代码<span class=\"en\">Code</span></th><th>说明<span class=\"en\">Message</span></th>"
      "</tr></thead><tbody>";
  for (const ScanWarning& w : r.warnings) {
    out += fmt::format(R"(<tr><td class="num">{}</td><td class="mono">{}</td><td>{}</td></tr>)",
                       w.line, HtmlEscape(w.code), HtmlEscape(w.message));
  }
  out += "</tbody></table>\n";
}

}  // namespace cv::grading::internal
