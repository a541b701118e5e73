// The "what to do" section of the HTML report: the protections the policy demands, most sensitive
// first. Columns of one grade whose protections differ only in the display mask share a card: the
// actions common to all of them are listed once, then what is specific to each column.
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "grading/internal/html_escape.h"
#include "grading/internal/report_html_sections.h"
#include "grading/internal/report_summary.h"

namespace cv::grading::internal {
namespace {

using ColumnGroup = std::vector<const ColumnReport*>;

bool NeedsAction(const ColumnReport& c) {
  return c.level > 1 || !c.protection.actions.empty() || IsProhibited(c.type) ||
         c.category != Category::kNone;
}

// Equal in everything but the display mask and the action texts (which name the mask).
bool SameProtection(const policy::Protection& a, const policy::Protection& b) {
  return a.level == b.level && a.category == b.category && a.encrypt_at_rest == b.encrypt_at_rest &&
         a.cipher == b.cipher && a.encrypt_in_transit == b.encrypt_in_transit &&
         a.clear_view == b.clear_view && a.export_rule == b.export_rule &&
         a.audit_detail == b.audit_detail && a.retention_days == b.retention_days;
}

bool SameHandling(const ColumnReport& a, const ColumnReport& b) {
  return a.level == b.level && a.category == b.category &&
         IsProhibited(a.type) == IsProhibited(b.type) && SameProtection(a.protection, b.protection);
}

// Prohibited first, then the highest level, then file order.
ColumnGroup ActionOrder(const GradingReport& r) {
  ColumnGroup out;
  for (const ColumnReport& c : r.columns) {
    if (NeedsAction(c)) out.push_back(&c);
  }
  std::stable_sort(out.begin(), out.end(), [](const ColumnReport* a, const ColumnReport* b) {
    if (IsProhibited(a->type) != IsProhibited(b->type)) return IsProhibited(a->type);
    return a->level > b->level;
  });
  return out;
}

// Columns needing the same handling (SameHandling) share a card; groups keep ActionOrder.
std::vector<ColumnGroup> GroupByHandling(const ColumnGroup& order) {
  std::vector<ColumnGroup> groups;
  for (const ColumnReport* c : order) {
    auto it = std::find_if(groups.begin(), groups.end(),
                           [c](const ColumnGroup& g) { return SameHandling(*g.front(), *c); });
    if (it == groups.end()) {
      groups.push_back({c});
    } else {
      it->push_back(c);
    }
  }
  return groups;
}

std::string YesNo(bool yes) { return yes ? "是 yes" : "否 no"; }

std::string Retention(int days) {
  return days > 0 ? fmt::format("{} 天 days", days) : "本规则无期限 no limit from this rule";
}

bool SameMask(const ColumnGroup& group) {
  return std::all_of(group.begin(), group.end(), [&group](const ColumnReport* c) {
    return c->protection.mask == group.front()->protection.mask;
  });
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// The first column's actions that every column of the group has, in the first column's order.
std::vector<std::string> CommonActions(const ColumnGroup& group) {
  std::vector<std::string> common;
  for (const std::string& action : group.front()->protection.actions) {
    const bool everywhere = std::all_of(
        group.begin(), group.end(),
        [&action](const ColumnReport* c) { return Contains(c->protection.actions, action); });
    if (everywhere) common.push_back(action);
  }
  return common;
}

std::string MaskName(policy::MaskRule mask) {
  return fmt::format(R"(<span class="mono">{}</span>)", HtmlEscape(policy::MaskRuleName(mask)));
}

void AppendProtectionFacts(const policy::Protection& p, bool same_mask, std::string& out) {
  const auto fact = [&out](std::string_view label, const std::string& value) {
    out += fmt::format("<dt>{}</dt><dd>{}</dd>", label, value);
  };
  out += "<dl>";
  std::string at_rest = YesNo(p.encrypt_at_rest);
  if (p.encrypt_at_rest && !p.cipher.empty()) at_rest += " — " + HtmlEscape(p.cipher);
  fact("存储加密 Encrypt at rest", at_rest);
  fact("传输加密 Encrypt in transit", p.encrypt_in_transit ? "是 yes — TLS ≥ 1.2" : "否 no");
  fact("展示脱敏 Display mask", same_mask ? MaskName(p.mask) : "逐列见上 per column, above");
  fact("明文查看 Clear view", HtmlEscape(p.clear_view));
  fact("导出 Export", HtmlEscape(p.export_rule));
  fact("审计内容 Audit detail", HtmlEscape(p.audit_detail));
  fact("保留期限 Retention", Retention(p.retention_days));
  out += "</dl>";
}

// The group's columns, two to a line: "#3 身份证号", the item's name when the header differs from
// it, and the column's mask when the group's masks differ.
void AppendAppliesTo(const ColumnGroup& group, bool same_mask, std::string& out) {
  out += R"(<div class="muted">适用列 Applies to</div><ul class="applies">)";
  for (const ColumnReport* c : group) {
    out += fmt::format(R"(<li><span class="applies-col">#{} <bdi>{}</bdi></span>)", c->index,
                       HtmlEscape(c->name));
    const std::string_view item = ItemNameZh(c->type);
    if (item != c->name) out += fmt::format(R"( <span class="muted">{}</span>)", HtmlEscape(item));
    if (!same_mask) out += " · " + MaskName(c->protection.mask);
    out += "</li>";
  }
  out += "</ul>";
}

void AppendActionList(const std::vector<std::string>& actions, std::string& out) {
  if (actions.empty()) return;
  out += "<ol>";
  for (const std::string& action : actions) out += fmt::format("<li>{}</li>", HtmlEscape(action));
  out += "</ol>";
}

// What only some columns of the group need, per column.
void AppendColumnSpecificActions(const ColumnGroup& group, const std::vector<std::string>& common,
                                 std::string& out) {
  std::string items;
  for (const ColumnReport* c : group) {
    for (const std::string& action : c->protection.actions) {
      if (Contains(common, action)) continue;
      items += fmt::format(R"(<li><span class="applies-col">#{} <bdi>{}</bdi></span>: {}</li>)",
                           c->index, HtmlEscape(c->name), HtmlEscape(action));
    }
  }
  if (items.empty()) return;
  out += R"(<p class="sub">逐列要求 For each column:</p><ul class="percol">)" + items + "</ul>";
}

void AppendActionCard(const ColumnGroup& group, std::string& out) {
  const ColumnReport& first = *group.front();
  const bool same_mask = SameMask(group);
  out += fmt::format(
      R"(<div class="action b-lv{}"><h4>{} {} <span class="muted">{} 列 column{}</span></h4>)",
      ClampLevel(first.level), LevelBadge(first.level), CategoryChip(first.category), group.size(),
      group.size() == 1 ? "" : "s");
  AppendAppliesTo(group, same_mask, out);
  if (IsProhibited(first.type)) {
    out +=
        R"(<p class="stop">禁止采集：删除该列并清除已采集的数据（《征信业管理条例》第十四条）。)"
        R"( Do not collect: drop the column and purge the collected values (Art. 14, GRD-4).</p>)";
  }
  AppendProtectionFacts(first.protection, same_mask, out);
  const std::vector<std::string> common = CommonActions(group);
  AppendActionList(common, out);
  AppendColumnSpecificActions(group, common, out);
  out += "</div>";
}

// Level-1 columns with nothing to do, listed by name on one line.
void AppendNoActionColumns(const GradingReport& r, std::string& out) {
  std::string names;
  for (const ColumnReport& c : r.columns) {
    if (NeedsAction(c)) continue;
    if (!names.empty()) names += "、";
    names += fmt::format("#{} <bdi>{}</bdi>", c.index, HtmlEscape(c.name));
  }
  if (names.empty()) return;
  out += fmt::format(
      R"(<p class="note">无需额外保护（1级公开数据） No additional protection required (level 1): {}</p>)",
      names);
}

}  // namespace

void AppendActions(const GradingReport& r, std::string& out) {
  out += R"(<h3>处置要求<span class="en">What to do, most sensitive first</span></h3>)";
  const std::vector<ColumnGroup> groups = GroupByHandling(ActionOrder(r));
  if (!groups.empty()) {
    out += R"(<div class="actions">)";
    for (const ColumnGroup& group : groups) AppendActionCard(group, out);
    out += "</div>";
  }
  AppendNoActionColumns(r, out);
  out += "\n";
}

}  // namespace cv::grading::internal
