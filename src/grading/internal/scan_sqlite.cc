// SQLite scanning: `sqlite:PATH[#table]`, every user table when none is named.
#include <fmt/format.h>

#include "grading/internal/scan_work.h"
#include "store/sqlite/table_reader.h"

namespace cv::grading::internal {
namespace {

Result<SourceScan> ScanTable(const store::sqlite::TableReader& reader, const std::string& path,
                             const std::string& table, const ScanOptions& options,
                             const TextScanner& scanner) {
  auto names = reader.Columns(table);
  if (!names) return std::unexpected(names.error());
  auto workers = MakeWorkers(1, scanner, options);
  if (!workers) return std::unexpected(workers.error());
  WorkerState& w = (*workers)[0];
  w.columns.resize(names->size());
  Status st = reader.ForEachRow(table, [&](std::span<const store::sqlite::Cell> cells) {
    for (std::size_t i = 0; i < cells.size() && i < w.columns.size(); ++i) {
      if (cells[i].is_null) {
        w.columns[i].ObserveEmpty();
      } else if (cells[i].is_blob) {
        w.columns[i].ObserveOpaque();
      } else {
        w.columns[i].Observe(cells[i].text, w.ctx);
      }
    }
    ++w.rows;
    return options.sample_rows == 0 || w.rows < options.sample_rows;
  });
  CV_RETURN_IF_ERROR(st);
  for (ColumnStats& c : w.columns) c.FlushText(w.ctx);
  SourceScan out;
  out.source = fmt::format("sqlite:{}#{}", path, table);
  out.format = "sqlite";
  out.encoding = "utf-8";
  out.names = *names;
  out.columns = std::move(w.columns);
  MergeCounters(*workers, &out);
  out.sampled = options.sample_rows > 0 && out.rows >= options.sample_rows;
  return out;
}

}  // namespace

Result<std::vector<SourceScan>> ScanSqlite(const std::string& spec, const ScanOptions& options,
                                           const TextScanner& scanner) {
  std::string rest = spec.substr(std::string_view("sqlite:").size());
  std::string path = rest, table;
  if (auto hash = rest.rfind('#'); hash != std::string::npos) {
    path = rest.substr(0, hash);
    table = rest.substr(hash + 1);
  }
  auto reader = store::sqlite::TableReader::Open(path);
  if (!reader) {
    const Error& e = reader.error();
    return Fail(e.code(), e.message(), Position{spec, 0, ""});
  }
  std::vector<std::string> tables{table};
  if (table.empty()) {
    auto all = (*reader)->Tables();
    if (!all) return std::unexpected(all.error());
    tables = *all;
  }
  std::vector<SourceScan> scans;
  for (const std::string& t : tables) {
    auto scan = ScanTable(**reader, path, t, options, scanner);
    if (!scan) return std::unexpected(scan.error());
    scans.push_back(std::move(*scan));
  }
  return scans;
}

}  // namespace cv::grading::internal
