// GradingReport: the result of grading one dataset — per-column type, category, level,
// confidence, counts and the protections the policy demands — and its JSON/HTML/text renderings.
//
// Thread-safety: plain data; renderers are pure functions.
// Invariant: no field holds a sensitive value in clear; examples are masked per QRY-6 before they
// are stored here.
#ifndef CV_GRADING_REPORT_H_
#define CV_GRADING_REPORT_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "grading/catalog.h"
#include "policy/policy.h"

namespace cv::grading {

struct ColumnReport {
  int index = 0;
  std::string name;
  ItemType type = ItemType::kNone;
  Category category = Category::kNone;
  int level = 1;
  double confidence = 0;
  std::uint64_t matched = 0;  // non-empty cells that validate as `type`
  std::uint64_t invalid = 0;  // cells shaped like `type` that fail its validation
  std::uint64_t empty = 0;
  std::uint64_t non_empty = 0;
  std::string header_evidence;  // the item the header named, "" if none
  std::string example;          // one value, masked by the column's rule; "" if none
  // For free_text (and any column): identifiers found inside cells, per type.
  std::array<std::uint64_t, kItemTypeCount> embedded{};
  std::array<std::uint64_t, kItemTypeCount> embedded_invalid{};
  policy::Protection protection;
};

// A prohibited item (GRD-4) found in the dataset.
struct ProhibitedFinding {
  int column = 0;
  std::string column_name;
  ItemType type = ItemType::kNone;
  std::string reason;  // why: header or values, with the clause
};

// A recoverable problem in the input, with its position.
struct ScanWarning {
  std::uint64_t line = 0;
  std::string code;  // "ragged_row", "undecodable_bytes", "record_too_large", ...
  std::string message;
};

struct GradingReport {
  std::string source;
  std::string format;    // "csv" | "jsonl" | "sqlite"
  std::string encoding;  // "utf-8" | "utf-8-bom" | "gb18030"
  char delimiter = ',';
  std::uint64_t rows = 0;
  std::uint64_t bytes = 0;
  bool sampled = false;  // true when --sample stopped early
  double seconds = 0;
  int dataset_level = 1;
  std::string dataset_level_reason;
  std::vector<ColumnReport> columns;
  std::vector<ProhibitedFinding> findings_prohibited;
  std::uint64_t ragged_rows = 0;
  std::uint64_t undecodable_bytes = 0;
  std::uint64_t warning_count = 0;
  std::vector<ScanWarning> warnings;  // the first kMaxWarnings, in line order
  static constexpr std::size_t kMaxWarnings = 100;
};

// JSON object per the `cvault scan` interface (issue #2). Compact, one line.
std::string RenderJson(const GradingReport& report);
// One self-contained HTML page for all reports (summary, per-column table, SVG chart, actions).
std::string RenderHtml(const std::vector<GradingReport>& reports);
// The same, stamped with `generated_at` instead of the system clock's now (for tests).
std::string RenderHtml(const std::vector<GradingReport>& reports, TimePoint generated_at);
// A terminal table.
std::string RenderText(const std::vector<GradingReport>& reports);

}  // namespace cv::grading

#endif  // CV_GRADING_REPORT_H_
