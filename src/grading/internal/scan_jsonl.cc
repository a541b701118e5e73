// JSON Lines scanning: every line an object; nested keys become dotted column paths, discovered
// as they appear and merged across workers in order of first appearance.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "grading/internal/jsonl.h"
#include "grading/internal/pipeline.h"
#include "grading/internal/scan_work.h"

namespace cv::grading::internal {
namespace {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// A worker's view of the columns it has met.
struct JsonColumns {
  std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>> index;
  std::vector<std::string> names;
  std::vector<std::pair<std::size_t, std::size_t>> first_seen;  // (chunk, order in chunk)
};

std::size_t LastNewlineEnd(std::string_view data) {
  std::size_t nl = data.rfind('\n');
  return nl == std::string_view::npos ? 0 : nl + 1;
}

struct JsonWorker {
  JsonColumns columns;
  JsonlFlattener flattener;
  std::size_t order = 0;
};

std::size_t ColumnFor(std::string_view path, std::size_t chunk, JsonWorker* jw, WorkerState* w) {
  auto it = jw->columns.index.find(path);
  if (it != jw->columns.index.end()) return it->second;
  std::size_t id = jw->columns.names.size();
  jw->columns.index.emplace(std::string(path), id);
  jw->columns.names.emplace_back(TruncateUtf8(path, 256));
  jw->columns.first_seen.emplace_back(chunk, jw->order++);
  w->columns.emplace_back();
  return id;
}

void ProcessJsonChunk(Chunk& chunk, const ScanOptions& options, JsonWorker* jw, WorkerState* w) {
  std::string* text = w->Decode(&chunk.data, chunk.first_line);
  std::string_view rest = *text;
  std::uint64_t line = chunk.first_line;
  while (!rest.empty() && (options.sample_rows == 0 || w->rows < options.sample_rows)) {
    std::size_t nl = rest.find('\n');
    std::string_view record = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (!record.empty() && record.back() == '\r') record.remove_suffix(1);
    bool any = false, dropped = false;
    Status st = jw->flattener.ParseLine(record, [&](std::string_view path, std::string_view value) {
      if (static_cast<int>(jw->columns.names.size()) >= options.max_columns &&
          !jw->columns.index.contains(path)) {
        dropped = true;  // beyond the column limit: warned below
        return;
      }
      w->columns[ColumnFor(path, chunk.index, jw, w)].Observe(value, w->ctx);
      any = true;
    });
    if (!st) {
      w->Warn(line, "malformed_json", st.error().message());
    } else if (any) {
      ++w->rows;
    }
    if (dropped) {
      w->Warn(
          line, "too_many_columns",
          fmt::format("keys beyond the limit of {} columns were not graded", options.max_columns));
    }
    ++line;
  }
  for (ColumnStats& c : w->columns) c.FlushText(w->ctx);
}

}  // namespace

Result<SourceScan> ScanJsonl(const TextInput& in, const ScanOptions& options,
                             const TextScanner& scanner) {
  const int threads = EffectiveThreads(options);
  auto workers = MakeWorkers(threads, scanner, options, in.sniffed.encoding);
  if (!workers) return std::unexpected(workers.error());
  std::vector<JsonWorker> jws(threads);
  std::vector<WorkerState>& ws = *workers;
  PipelineOptions po = TextPipelineOptions(options, threads, ws);
  po.start_offset = in.sniffed.bom_bytes;
  po.last_record_end = LastNewlineEnd;
  CV_RETURN_IF_ERROR(RunPipeline(in.fd, in.path, po, [&](int w, Chunk& chunk) {
    ProcessJsonChunk(chunk, options, &jws[w], &ws[w]);
  }));
  // Global column order: by first appearance (chunk, then order within the worker's chunk).
  std::map<std::string, std::pair<std::size_t, std::size_t>> first;
  for (const JsonWorker& jw : jws) {
    for (std::size_t i = 0; i < jw.columns.names.size(); ++i) {
      auto [it, added] = first.emplace(jw.columns.names[i], jw.columns.first_seen[i]);
      if (!added) it->second = std::min(it->second, jw.columns.first_seen[i]);
    }
  }
  SourceScan out;
  out.source = in.path;
  out.format = "jsonl";
  out.encoding = std::string(EncodingName(in.sniffed.encoding));
  out.bytes = in.size;
  for (auto& [name, seen] : first) out.names.push_back(name);
  std::sort(out.names.begin(), out.names.end(),
            [&](const std::string& a, const std::string& b) { return first[a] < first[b]; });
  std::unordered_map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < out.names.size(); ++i) position[out.names[i]] = i;
  out.columns.resize(out.names.size());
  for (int t = 0; t < threads; ++t) {
    for (std::size_t i = 0; i < jws[t].columns.names.size(); ++i) {
      out.columns[position[jws[t].columns.names[i]]].Merge(ws[t].columns[i]);
    }
  }
  MergeCounters(ws, &out);
  out.sampled = options.sample_rows > 0 && out.rows >= options.sample_rows;
  return out;
}

}  // namespace cv::grading::internal
