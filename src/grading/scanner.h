// Scanner: reads a dataset (CSV, JSON Lines, SQLite table), runs the detectors over every cell in
// bounded memory on several threads, and decides each column's grade.
//
// Thread-safety: Scan() is reentrant; it starts and joins its own worker threads.
#ifndef CV_GRADING_SCANNER_H_
#define CV_GRADING_SCANNER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/result.h"
#include "grading/report.h"
#include "policy/policy.h"

namespace cv::grading {

struct ScanOptions {
  std::uint64_t sample_rows = 0;                 // 0: full pass; N: stop after N data rows.
  int threads = 0;                               // 0: all cores.
  std::string encoding = "auto";                 // "auto" | "utf-8" | "gb18030" | "gbk"
  std::uint64_t max_record_bytes = 64ull << 20;  // one CSV row / JSON line
  int max_columns = 4096;
  // Run every detector on every cell (no settling; see ColumnStats::Observe). Slower; the same
  // decisions and the same counts for each column's decided item.
  bool exhaustive = false;
  // Called now and then with (bytes done, bytes total); may be empty.
  std::function<void(std::uint64_t, std::uint64_t)> progress;
  // A bulk credit dataset (credit items + identifiers, at least this many rows) is at least
  // level `bulk_level` (GRD-2 default).
  std::uint64_t bulk_rows = 1000;
  int bulk_level = 4;
};

// Scans one input. `spec` is a file path (CSV or JSON Lines, sniffed) or `sqlite:PATH[#table]`
// (every table when none is named, so several reports may come back).
// Errors: kUnreadable (cannot open/read, a directory), kMalformed (binary, beyond recovery),
// kUnsupported (an encoding we do not read), kResourceExhausted (a record or column limit),
// each with file and line.
Result<std::vector<GradingReport>> Scan(const std::string& spec, const ScanOptions& options,
                                        const policy::Policy& policy);

}  // namespace cv::grading

#endif  // CV_GRADING_SCANNER_H_
