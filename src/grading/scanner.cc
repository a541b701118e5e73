// Scan(): open and sniff an input, scan it, decide every column and grade the dataset.
#include "grading/scanner.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

#include "grading/column_decision.h"
#include "grading/internal/scan_work.h"

namespace cv::grading {
namespace {

using internal::SourceScan;

constexpr std::size_t kHeadBytes = 1u << 20;

// Closes a file descriptor on scope exit.
struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

bool IsJsonl(const std::string& path, std::string_view head) {
  if (path.ends_with(".jsonl") || path.ends_with(".ndjson")) return true;
  std::size_t first = head.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && head[first] == '{';
}

// Identifiers and credit facts that make a bulk credit dataset (GRD-2 default: level >= 4).
bool IsIdentifier(ItemType t) {
  return t == ItemType::kResidentId || t == ItemType::kResidentId15 || t == ItemType::kPassport ||
         t == ItemType::kMobile || t == ItemType::kBankCard || t == ItemType::kPersonName ||
         t == ItemType::kPaymentAccount;
}
bool IsCreditFact(ItemType t) {
  return t == ItemType::kLoanAmount || t == ItemType::kOverdueAmount ||
         t == ItemType::kRepaymentStatus || t == ItemType::kBalance ||
         t == ItemType::kTransactionRecord;
}

// Header evidence for a column name. A JSON path is judged by its last key first
// ("loan.overdue_amount"), then as a whole.
std::vector<HeaderMatch> MatchColumnName(std::string_view name) {
  std::string_view last = name;
  if (auto dot = name.rfind('.'); dot != std::string_view::npos) last = name.substr(dot + 1);
  while (last.ends_with("[]")) last.remove_suffix(2);
  auto header = Catalog::Default().MatchHeader(last);
  if (header.empty() && last.size() != name.size()) header = Catalog::Default().MatchHeader(name);
  return header;
}

// Category and level of a column of `type`; prose takes its most sensitive embedded item.
void GradeColumn(const internal::ColumnStats& s, ColumnReport* col) {
  const Catalog& catalog = Catalog::Default();
  const DataItem& item = catalog.Get(col->type);
  col->category = item.category;
  col->level = item.level;
  if (col->type != ItemType::kFreeText) return;
  for (int t = 0; t < kItemTypeCount; ++t) {
    if (s.embedded[t] == 0) continue;
    const DataItem& inner = catalog.Get(static_cast<ItemType>(t));
    col->category = std::max(col->category, inner.category);
    col->level = std::max(col->level, inner.level);
  }
}

policy::MaskRule ColumnMask(const ColumnReport& col) {
  if (col.category == Category::kC3) return policy::MaskRule::kHideAll;
  if (col.type == ItemType::kFreeText) return policy::MaskRule::kRedactValue;
  return Catalog::Default().Get(col.type).mask;
}

ColumnReport DecideAndGrade(const SourceScan& scan, std::size_t i, const policy::Policy& policy) {
  const internal::ColumnStats& s = scan.columns[i];
  ColumnReport col;
  col.index = static_cast<int>(i);
  col.name = scan.names[i];
  std::vector<HeaderMatch> header;
  if (scan.has_header) header = MatchColumnName(col.name);
  ColumnDecision d = DecideColumn(header, s);
  col.type = d.type;
  col.confidence = d.confidence;
  if (d.header_named) col.header_evidence = std::string(Catalog::Default().Get(d.header_type).id);
  ItemType proxy = ValueProxy(d.type);
  col.matched = MatchedCount(d.type, s);
  col.invalid = s.invalid[static_cast<int>(proxy)];
  col.empty = s.empty;
  col.non_empty = s.non_empty;
  col.embedded = s.embedded;
  col.embedded_invalid = s.embedded_invalid;
  GradeColumn(s, &col);
  if (d.type != ItemType::kNone && col.category != Category::kC3)
    col.example = s.examples[static_cast<int>(proxy)];
  col.protection = policy.For(CategoryName(col.category), col.level, ColumnMask(col),
                              Catalog::Default().Get(col.type).adverse);
  return col;
}

void GradeDataset(const ScanOptions& options, GradingReport* r) {
  bool identifier = false, credit = false;
  r->dataset_level = 1;
  std::string top;
  for (const ColumnReport& c : r->columns) {
    identifier |= IsIdentifier(c.type);
    credit |= IsCreditFact(c.type);
    if (c.level > r->dataset_level) {
      r->dataset_level = c.level;
      top = c.name;
    }
  }
  r->dataset_level_reason =
      top.empty() ? "no personal data item found; level 1 (JR/T 0197)"
                  : fmt::format(
                        "highest column level, column '{}' (JR/T 0197: a dataset takes the "
                        "highest level of its items)",
                        top);
  if (identifier && credit && r->rows >= options.bulk_rows &&
      r->dataset_level < options.bulk_level) {
    r->dataset_level = options.bulk_level;
    r->dataset_level_reason = fmt::format(
        "bulk personal credit dataset: {} rows with identifiers and credit data are at least "
        "level {} (GRD-2 default, JR/T 0197)",
        r->rows, options.bulk_level);
  }
}

void ListProhibited(GradingReport* r) {
  for (const ColumnReport& c : r->columns) {
    const DataItem& item = Catalog::Default().Get(c.type);
    if (!item.prohibited) continue;
    r->findings_prohibited.push_back(ProhibitedFinding{
        c.index, c.name, c.type,
        fmt::format("{} ({}) must not be collected (征信业管理条例 Art.14; GRD-4)", item.name_en,
                    item.name_zh)});
  }
}

GradingReport Assemble(SourceScan& scan, const ScanOptions& options, const policy::Policy& policy) {
  GradingReport r;
  r.source = scan.source;
  r.format = scan.format;
  r.encoding = scan.encoding;
  r.delimiter = scan.delimiter;
  r.rows = scan.rows;
  r.bytes = scan.bytes;
  r.sampled = scan.sampled;
  for (std::size_t i = 0; i < scan.columns.size(); ++i) {
    r.columns.push_back(DecideAndGrade(scan, i, policy));
  }
  GradeDataset(options, &r);
  ListProhibited(&r);
  r.ragged_rows = scan.ragged_rows;
  r.undecodable_bytes = scan.undecodable_bytes;
  r.warning_count = scan.warning_count;
  r.warnings = std::move(scan.warnings);
  for (std::size_t i = 0; i < scan.columns.size(); ++i) {
    if (scan.columns[i].text_scan_errors == 0) continue;
    ++r.warning_count;
    r.warnings.push_back(
        ScanWarning{0, "text_search_failed",
                    fmt::format("column '{}': the identifier search failed {} time(s); "
                                "embedded counts may be short",
                                scan.names[i], scan.columns[i].text_scan_errors)});
  }
  return r;
}

Result<std::vector<SourceScan>> ScanFile(const std::string& path, const ScanOptions& options,
                                         const TextScanner& scanner) {
  internal::TextInput in;
  in.path = path;
  auto fd = internal::OpenInput(path, &in.size);
  if (!fd) return std::unexpected(fd.error());
  in.fd = *fd;
  FdCloser closer{in.fd};
  in.head.resize(std::min<std::uint64_t>(kHeadBytes, in.size));
  ssize_t n = ::pread(in.fd, in.head.data(), in.head.size(), 0);
  if (n < 0) return Fail(ErrorCode::kUnreadable, "cannot read", Position{path, 0, ""});
  in.head.resize(static_cast<std::size_t>(n));
  if (in.head.empty()) {
    SourceScan empty;
    empty.source = path;
    empty.format = "csv";
    empty.encoding = "utf-8";
    empty.warning_count = 1;
    empty.warnings.push_back(ScanWarning{0, "empty_input", "the file is empty"});
    return std::vector<SourceScan>{std::move(empty)};
  }
  auto sniffed = internal::SniffEncoding(in.head, in.head.size() == in.size, options.encoding);
  if (!sniffed) {
    Error e = sniffed.error();
    return Fail(e.code(), e.message(), Position{path, 1, ""});
  }
  in.sniffed = *sniffed;
  auto scan = IsJsonl(path, in.head) ? internal::ScanJsonl(in, options, scanner)
                                     : internal::ScanCsv(in, options, scanner);
  if (!scan) return std::unexpected(scan.error());
  return std::vector<SourceScan>{std::move(*scan)};
}

// The Vectorscan database is immutable and thread-safe; it is loaded once per process, not once
// per scanned path (the prebuilt one in microseconds; compiling it, the fallback, costs ~35 ms).
const Result<std::unique_ptr<TextScanner>>& SharedTextScanner() {
  static const Result<std::unique_ptr<TextScanner>> scanner = TextScanner::Create();
  return scanner;
}

}  // namespace

Result<std::vector<GradingReport>> Scan(const std::string& spec, const ScanOptions& options,
                                        const policy::Policy& policy) {
  auto started = std::chrono::steady_clock::now();
  const auto& scanner = SharedTextScanner();
  if (!scanner) return std::unexpected(scanner.error());
  auto scans = spec.starts_with("sqlite:") ? internal::ScanSqlite(spec, options, **scanner)
                                           : ScanFile(spec, options, **scanner);
  if (!scans) return std::unexpected(scans.error());
  std::vector<GradingReport> reports;
  for (SourceScan& scan : *scans) reports.push_back(Assemble(scan, options, policy));
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (GradingReport& r : reports) r.seconds = seconds;
  return reports;
}

}  // namespace cv::grading
