// Per-source scanning: turns one input (CSV file, JSON Lines file, SQLite table) into column
// names plus merged ColumnStats, and the counters and warnings the report needs.
//
// Thread-safety: each Scan*() runs its own workers; WorkerState is owned by one worker.
#ifndef CV_GRADING_INTERNAL_SCAN_WORK_H_
#define CV_GRADING_INTERNAL_SCAN_WORK_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "grading/detectors.h"
#include "grading/internal/column_stats.h"
#include "grading/internal/encoding.h"
#include "grading/internal/pipeline.h"
#include "grading/report.h"
#include "grading/scanner.h"

namespace cv::grading::internal {

// What a source scan yields before the columns are decided.
struct SourceScan {
  std::string source;
  std::string format;
  std::string encoding;
  char delimiter = ',';
  bool has_header = true;
  std::uint64_t rows = 0;
  std::uint64_t bytes = 0;
  bool sampled = false;
  std::vector<std::string> names;
  std::vector<ColumnStats> columns;
  std::uint64_t ragged_rows = 0;
  std::uint64_t undecodable_bytes = 0;
  std::uint64_t warning_count = 0;
  std::vector<ScanWarning> warnings;  // first GradingReport::kMaxWarnings by line
};

// State one worker thread accumulates.
struct WorkerState {
  std::vector<ColumnStats> columns;
  std::unique_ptr<TextScanner::Scratch> scratch;
  CellContext ctx;
  std::uint64_t rows = 0;
  std::uint64_t ragged_rows = 0;
  std::uint64_t undecodable_bytes = 0;
  std::uint64_t warning_count = 0;
  std::vector<ScanWarning> warnings;
  Encoding encoding = Encoding::kUtf8;
  std::unique_ptr<Gb18030Decoder> decoder;  // set when encoding is GB18030
  std::string decoded;                      // a GB18030 chunk converted to UTF-8

  // Brings a chunk's bytes to valid UTF-8 (converting GB18030, repairing bad UTF-8), warning about
  // undecodable bytes with their line. Returns the text to parse: `chunk_data` itself (repaired in
  // place) or `decoded`.
  std::string* Decode(std::string* chunk_data, std::uint64_t first_line);

  // Records a warning; keeps the first kMaxWarnings (a worker sees its chunks in line order).
  void Warn(std::uint64_t line, std::string code, std::string message);
};

// Creates `n` workers with scratch space for `scanner` and a decoder for `encoding`.
Result<std::vector<WorkerState>> MakeWorkers(int n, const TextScanner& scanner,
                                             const ScanOptions& options,
                                             Encoding encoding = Encoding::kUtf8);

// Adds the workers' counters and warnings (sorted by line, capped) into `out`.
void MergeCounters(std::vector<WorkerState>& workers, SourceScan* out);

// Opens a file for scanning; kUnreadable for a missing file or a directory.
Result<int> OpenInput(const std::string& path, std::uint64_t* size);

// An opened text input, sniffed.
struct TextInput {
  std::string path;
  int fd = -1;
  std::uint64_t size = 0;
  Sniffed sniffed;
  std::string head;  // the first bytes (up to 1 MiB), raw
};

Result<SourceScan> ScanCsv(const TextInput& in, const ScanOptions& options,
                           const TextScanner& scanner);
Result<SourceScan> ScanJsonl(const TextInput& in, const ScanOptions& options,
                             const TextScanner& scanner);

// Threads to use: options.threads, or all cores when 0; 1 when sampling.
int EffectiveThreads(const ScanOptions& options);

// Pipeline options shared by the text formats: threads, limits, progress, and a stop once
// worker 0 has `options.sample_rows` rows (sampling runs on one worker).
PipelineOptions TextPipelineOptions(const ScanOptions& options, int threads,
                                    const std::vector<WorkerState>& workers);
Result<std::vector<SourceScan>> ScanSqlite(const std::string& spec, const ScanOptions& options,
                                           const TextScanner& scanner);

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_SCAN_WORK_H_
