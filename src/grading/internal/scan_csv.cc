// CSV scanning: header, delimiter, then record-aligned chunks on all cores.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>

#include "grading/internal/csv.h"
#include "grading/internal/pipeline.h"
#include "grading/internal/scan_work.h"

namespace cv::grading::internal {
namespace {

// One past the '\n' ending the first record of `text`, 0 if it has none. Resumable: scanning
// starts at *scanned with quote state *in_quote, both updated.
std::size_t FirstRecordEnd(std::string_view text, std::size_t* scanned, bool* in_quote) {
  for (std::size_t i = *scanned; i < text.size(); ++i) {
    if (text[i] == '"') *in_quote = !*in_quote;
    if (text[i] == '\n' && !*in_quote) return i + 1;
  }
  *scanned = text.size();
  return 0;
}

// The raw bytes of the first record (after the BOM), reading past the head if it is long.
Result<std::string> ReadFirstRecord(const TextInput& in, std::size_t max_bytes) {
  std::string raw = in.head.substr(in.sniffed.bom_bytes);
  std::size_t scanned = 0;
  bool in_quote = false;
  std::size_t end = FirstRecordEnd(raw, &scanned, &in_quote);
  std::uint64_t offset = in.head.size();
  while (end == 0 && offset < in.size) {
    if (raw.size() > max_bytes) {
      return Fail(ErrorCode::kResourceExhausted,
                  fmt::format("the first record is longer than the limit of {} bytes", max_bytes),
                  Position{in.path, 1, ""});
    }
    std::string more(1u << 20, '\0');
    ssize_t n = ::pread(in.fd, more.data(), more.size(), static_cast<off_t>(offset));
    if (n <= 0) break;
    more.resize(static_cast<std::size_t>(n));
    offset += more.size();
    raw += more;
    end = FirstRecordEnd(raw, &scanned, &in_quote);
  }
  if (end != 0) raw.resize(end);
  return raw;
}

// Column names longer than this are cut (at a character boundary) before use.
constexpr std::size_t kMaxNameBytes = 256;

// A first row is a header unless most of its cells validate as data. A cell that validates is
// data even when it also contains a header word ("zhang@hotmail.com" contains "mail"): a real
// first data row must never become column names, which would print personal data.
bool LooksLikeHeader(const std::vector<std::string_view>& cells) {
  std::size_t data_like = 0, named = 0, non_empty = 0;
  for (std::string_view raw : cells) {
    std::string_view cell = TrimCell(raw);
    if (cell.empty()) continue;
    ++non_empty;
    CellFindings f;
    ClassifyCell(TruncateUtf8(cell, kMaxNameBytes), &f);
    bool matched = f.numeric;
    for (std::uint8_t i = 0; i < f.size; ++i) matched |= f.items[i].verdict == Verdict::kMatch;
    if (matched) {
      ++data_like;
      continue;
    }
    auto header = Catalog::Default().MatchHeader(TruncateUtf8(cell, kMaxNameBytes));
    named += !header.empty() && header.front().score >= 0.7;
  }
  if (non_empty == 0) return true;
  return data_like * 2 < non_empty || named > data_like;
}

struct CsvLayout {
  std::uint64_t header_undecodable = 0;  // bad bytes in the first record
  char delimiter = ',';
  bool has_header = true;
  std::vector<std::string> names;
  std::uint64_t data_offset = 0;
  std::uint64_t data_line = 1;
};

Result<CsvLayout> ReadLayout(const TextInput& in, const ScanOptions& options) {
  auto raw = ReadFirstRecord(in, options.max_record_bytes);
  if (!raw) return std::unexpected(raw.error());
  std::string text = *raw;
  CsvLayout layout;
  if (in.sniffed.encoding == Encoding::kGb18030) {
    auto decoder = Gb18030Decoder::Create();
    if (!decoder) return std::unexpected(decoder.error());
    text.clear();
    layout.header_undecodable = (*decoder)->Convert(*raw, &text);
  } else {
    layout.header_undecodable = RepairUtf8(text.data(), text.size(), [](std::size_t) {});
  }
  std::string head_text = in.head.substr(in.sniffed.bom_bytes);
  layout.delimiter = SniffDelimiter(in.sniffed.encoding == Encoding::kGb18030 ? text : head_text);
  CsvRecordParser parser(layout.delimiter);
  std::vector<std::string_view> cells;
  std::size_t pos = 0;
  std::uint32_t newlines = 0;
  bool unterminated = false;
  parser.Next(text.data(), text.size(), &pos, &cells, &newlines, &unterminated);
  if (static_cast<int>(cells.size()) > options.max_columns) {
    return Fail(ErrorCode::kResourceExhausted,
                fmt::format("{} columns exceed the limit of {}", cells.size(), options.max_columns),
                Position{in.path, 1, ""});
  }
  layout.has_header = LooksLikeHeader(cells);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    std::string name(TruncateUtf8(TrimCell(cells[i]), kMaxNameBytes));
    layout.names.push_back(layout.has_header && !name.empty() ? name
                                                              : fmt::format("column_{}", i + 1));
  }
  layout.data_offset = in.sniffed.bom_bytes + (layout.has_header ? raw->size() : 0);
  layout.data_line = 1 + (layout.has_header ? newlines : 0);
  return layout;
}

// Rows are graded in batches, column by column: a column's cells then meet the same detector
// code one after another (the same settled check, the same branches taken) instead of the 35
// different ones of a row. Each column still sees its cells in row order, so every count is the
// same as row by row.
constexpr std::size_t kBatchRows = 64;

// Per-thread buffers of ProcessCsvChunk, reused across chunks.
struct CsvBuffers {
  std::vector<std::string_view> fields;  // of one record
  // kBatchRows rows of the header's width; a missing cell of a short row is {nullptr, 0}, which
  // no parsed field is (fields point into the chunk).
  std::vector<std::string_view> batch;
};

void ObserveBatch(const std::vector<std::string_view>& batch, std::size_t rows, WorkerState* w) {
  const std::size_t ncols = w->columns.size();
  for (std::size_t c = 0; c < ncols; ++c) {
    ColumnStats& column = w->columns[c];
    for (std::size_t r = 0; r < rows; ++r) {
      const std::string_view cell = batch[r * ncols + c];
      if (cell.data() != nullptr) column.Observe(cell, w->ctx);
    }
  }
}

void ProcessCsvChunk(Chunk& chunk, const CsvLayout& layout, std::uint64_t row_limit, WorkerState* w,
                     CsvBuffers* buffers) {
  std::string* text = w->Decode(&chunk.data, chunk.first_line);
  CsvRecordParser parser(layout.delimiter);
  std::vector<std::string_view>* fields = &buffers->fields;
  const std::size_t ncols = w->columns.size();
  buffers->batch.resize(kBatchRows * ncols);
  std::size_t batched = 0;
  std::uint64_t line = chunk.first_line;
  std::size_t pos = 0;
  std::uint32_t newlines = 0;
  bool unterminated = false;
  while ((row_limit == 0 || w->rows < row_limit) &&
         parser.Next(text->data(), text->size(), &pos, fields, &newlines, &unterminated)) {
    if (fields->size() == 1 && TrimCell((*fields)[0]).empty()) {  // blank line
      line += newlines;
      continue;
    }
    if (fields->size() != ncols) {
      ++w->ragged_rows;
      w->Warn(line, "ragged_row",
              fmt::format("{} fields where the header has {}", fields->size(), ncols));
    }
    if (unterminated) w->Warn(line, "unterminated_quote", "a quoted field is not closed");
    const std::size_t n = std::min(ncols, fields->size());
    const auto row = buffers->batch.begin() + static_cast<std::ptrdiff_t>(batched * ncols);
    std::copy_n(fields->begin(), n, row);
    std::fill(row + static_cast<std::ptrdiff_t>(n), row + static_cast<std::ptrdiff_t>(ncols),
              std::string_view());
    if (++batched == kBatchRows) {
      ObserveBatch(buffers->batch, batched, w);
      batched = 0;
    }
    ++w->rows;
    line += newlines;
  }
  ObserveBatch(buffers->batch, batched, w);
  for (ColumnStats& c : w->columns) c.FlushText(w->ctx);
}

}  // namespace

Result<SourceScan> ScanCsv(const TextInput& in, const ScanOptions& options,
                           const TextScanner& scanner) {
  auto layout = ReadLayout(in, options);
  if (!layout) return std::unexpected(layout.error());
  const int threads = EffectiveThreads(options);
  auto workers = MakeWorkers(threads, scanner, options, in.sniffed.encoding);
  if (!workers) return std::unexpected(workers.error());
  std::vector<WorkerState>& ws = *workers;
  for (WorkerState& w : ws) w.columns.resize(layout->names.size());
  std::vector<CsvBuffers> buffers(threads);
  PipelineOptions po = TextPipelineOptions(options, threads, ws);
  po.start_offset = layout->data_offset;
  po.start_line = layout->data_line;
  po.last_record_end = LastRecordEnd;
  CV_RETURN_IF_ERROR(RunPipeline(in.fd, in.path, po, [&](int w, Chunk& chunk) {
    ProcessCsvChunk(chunk, *layout, options.sample_rows, &ws[w], &buffers[w]);
  }));
  SourceScan out;
  out.source = in.path;
  out.format = "csv";
  out.encoding = std::string(EncodingName(in.sniffed.encoding));
  out.delimiter = layout->delimiter;
  out.has_header = layout->has_header;
  out.bytes = in.size;
  out.names = layout->names;
  out.columns.resize(out.names.size());
  for (WorkerState& w : ws) {
    for (std::size_t i = 0; i < out.columns.size(); ++i) out.columns[i].Merge(w.columns[i]);
  }
  if (layout->header_undecodable > 0) {
    ws[0].undecodable_bytes += layout->header_undecodable;
    ws[0].warnings.insert(
        ws[0].warnings.begin(),
        ScanWarning{1, "undecodable_bytes",
                    fmt::format("{} byte(s) in the first record are not valid {}; "
                                "replaced by '?'",
                                layout->header_undecodable, EncodingName(in.sniffed.encoding))});
    ++ws[0].warning_count;
  }
  MergeCounters(ws, &out);
  out.sampled = options.sample_rows > 0 && out.rows >= options.sample_rows;
  return out;
}

}  // namespace cv::grading::internal
