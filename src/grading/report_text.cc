// RenderText: the terminal rendering of grading reports — one aligned table per dataset (aligned
// by display width: CJK characters take two columns), the dataset level, warnings and prohibited
// findings (GRD-4).
//
// Security: names and values come from untrusted files; TerminalSafe turns control characters
// (ANSI escapes, bidi overrides) and invalid UTF-8 into visible escapes before anything is printed.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "grading/internal/display_text.h"
#include "grading/internal/report_summary.h"
#include "grading/report.h"

namespace cv::grading {
namespace {

using internal::DisplayWidth;
using internal::TerminalSafe;

enum class Align { kLeft, kRight };

struct TextColumn {
  std::string_view header;
  Align align;
  int max_width;  // cells wider than this are cut with "..."
};

constexpr std::string_view kIndent = "  ";
constexpr std::string_view kGap = "  ";
constexpr int kMaxWarningLines = 5;

const std::vector<TextColumn>& ColumnLayout() {
  static const std::vector<TextColumn> kLayout = {
      {"#", Align::kRight, 6},        {"Column", Align::kLeft, 28},   {"Type", Align::kLeft, 30},
      {"Cat", Align::kLeft, 4},       {"Level", Align::kLeft, 5},     {"Conf", Align::kRight, 6},
      {"Matched", Align::kRight, 14}, {"Invalid", Align::kRight, 14}, {"Empty", Align::kRight, 14},
      {"Example", Align::kLeft, 24},  {"Mask", Align::kLeft, 24},
  };
  return kLayout;
}

std::string Cell(std::string_view text, const TextColumn& column) {
  return internal::TruncateToWidth(TerminalSafe(text), column.max_width);
}

std::vector<std::string> ColumnRow(const ColumnReport& c) {
  std::string type(internal::TypeId(c.type));
  if (internal::IsProhibited(c.type)) type += " PROHIBITED";
  const std::vector<std::string> raw = {
      std::to_string(c.index),
      c.name,
      type,
      std::string(CategoryName(c.category)),
      fmt::format("L{}", c.level),
      internal::FormatPercent(c.confidence),
      internal::GroupThousands(c.matched),
      internal::GroupThousands(c.invalid),
      internal::GroupThousands(c.empty),
      c.example.empty() ? "-" : c.example,
      std::string(policy::MaskRuleName(c.protection.mask)),
  };
  std::vector<std::string> row;
  for (std::size_t i = 0; i < raw.size(); ++i) row.push_back(Cell(raw[i], ColumnLayout()[i]));
  return row;
}

std::string TableLine(const std::vector<std::string>& cells, const std::vector<int>& widths) {
  std::string line(kIndent);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += kGap;
    line += ColumnLayout()[i].align == Align::kRight ? internal::PadLeft(cells[i], widths[i])
                                                     : internal::PadRight(cells[i], widths[i]);
  }
  line.erase(line.find_last_not_of(' ') + 1);
  return line + "\n";
}

void AppendTable(const GradingReport& r, std::string& out) {
  const auto& layout = ColumnLayout();
  std::vector<std::string> header;
  std::vector<int> widths;
  for (const TextColumn& column : layout) {
    header.emplace_back(column.header);
    widths.push_back(DisplayWidth(column.header));
  }
  std::vector<std::vector<std::string>> rows;
  for (const ColumnReport& c : r.columns) rows.push_back(ColumnRow(c));
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i)
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  out += TableLine(header, widths);
  std::vector<std::string> rule;
  for (int w : widths) rule.emplace_back(static_cast<std::size_t>(w), '-');
  out += TableLine(rule, widths);
  for (const auto& row : rows) out += TableLine(row, widths);
}

void AppendHeading(const GradingReport& r, std::string& out) {
  out += TerminalSafe(r.source) + "\n";
  std::string facts = fmt::format("{}format {}", kIndent, TerminalSafe(r.format));
  if (r.format == "csv")
    facts += fmt::format(", delimiter \"{}\"", internal::DelimiterName(r.delimiter));
  facts += fmt::format(", encoding {}, {} rows, {} columns, {}, {:.2f} s", TerminalSafe(r.encoding),
                       internal::GroupThousands(r.rows), r.columns.size(),
                       internal::FormatBytes(r.bytes), r.seconds);
  if (r.sampled) facts += ", SAMPLED (counts cover the sample only)";
  out += facts + "\n";
  out += fmt::format("{}Dataset level: {} (JR/T 0197) - {}\n\n", kIndent, r.dataset_level,
                     TerminalSafe(r.dataset_level_reason));
}

void AppendCategoryCounts(const GradingReport& r, std::string& out) {
  const internal::ColumnCounts counts = internal::CountColumns(r);
  out += fmt::format("\n{}Columns by category (JR/T 0171): C3 {}, C2 {}, C1 {}, none {}\n", kIndent,
                     counts.by_category[3], counts.by_category[2], counts.by_category[1],
                     counts.by_category[0]);
}

std::string EmbeddedList(const std::array<std::uint64_t, kItemTypeCount>& counts) {
  std::string out;
  for (int i = 0; i < kItemTypeCount; ++i) {
    if (counts[i] == 0) continue;
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {}", internal::TypeId(static_cast<ItemType>(i)),
                       internal::GroupThousands(counts[i]));
  }
  return out;
}

void AppendEmbedded(const GradingReport& r, std::string& out) {
  for (const ColumnReport& c : r.columns) {
    const std::string found = EmbeddedList(c.embedded);
    const std::string invalid = EmbeddedList(c.embedded_invalid);
    if (found.empty() && invalid.empty()) continue;
    out += fmt::format("{}Found inside column #{} {}: {}", kIndent, c.index, TerminalSafe(c.name),
                       found.empty() ? "-" : found);
    if (!invalid.empty()) out += fmt::format(" (failed validation: {})", invalid);
    out += "\n";
  }
}

void AppendWarnings(const GradingReport& r, std::string& out) {
  out += fmt::format("{}Warnings: {} (ragged rows {}, undecodable bytes {})\n", kIndent,
                     internal::GroupThousands(r.warning_count),
                     internal::GroupThousands(r.ragged_rows),
                     internal::GroupThousands(r.undecodable_bytes));
  const std::size_t shown = std::min<std::size_t>(r.warnings.size(), kMaxWarningLines);
  for (std::size_t i = 0; i < shown; ++i) {
    const ScanWarning& w = r.warnings[i];
    out += fmt::format("{}{}line {} {}: {}\n", kIndent, kIndent, w.line, TerminalSafe(w.code),
                       TerminalSafe(w.message));
  }
  if (r.warning_count > shown && shown > 0) {
    out += fmt::format("{}{}... {} more (see the JSON or HTML report)\n", kIndent, kIndent,
                       internal::GroupThousands(r.warning_count - shown));
  }
}

void AppendProhibited(const GradingReport& r, std::string& out) {
  if (r.findings_prohibited.empty()) return;
  out += fmt::format("{}PROHIBITED items (GRD-4; 征信业管理条例 Art.14: must not be collected):\n",
                     kIndent);
  for (const ProhibitedFinding& f : r.findings_prohibited) {
    out +=
        fmt::format("{}{}column #{} {}: {} - {}\n", kIndent, kIndent, f.column,
                    TerminalSafe(f.column_name), internal::TypeId(f.type), TerminalSafe(f.reason));
  }
}

void AppendReport(const GradingReport& r, std::string& out) {
  AppendHeading(r, out);
  AppendTable(r, out);
  AppendCategoryCounts(r, out);
  AppendEmbedded(r, out);
  AppendWarnings(r, out);
  AppendProhibited(r, out);
}

}  // namespace

std::string RenderText(const std::vector<GradingReport>& reports) {
  if (reports.empty()) return "No dataset scanned.\n";
  std::string out;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    if (i > 0) out += "\n";
    AppendReport(reports[i], out);
  }
  return out;
}

}  // namespace cv::grading
