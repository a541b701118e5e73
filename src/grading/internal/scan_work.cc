// Shared pieces of the source scanners.
#include "grading/internal/scan_work.h"

#include <errno.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <thread>

#include "grading/internal/utf8_validate.h"

namespace cv::grading::internal {

void WorkerState::Warn(std::uint64_t line, std::string code, std::string message) {
  ++warning_count;
  if (warnings.size() < GradingReport::kMaxWarnings) {
    warnings.push_back(ScanWarning{line, std::move(code), std::move(message)});
  }
}

Result<std::vector<WorkerState>> MakeWorkers(int n, const TextScanner& scanner,
                                             const ScanOptions& options, Encoding encoding) {
  std::vector<WorkerState> workers(static_cast<std::size_t>(n));
  for (WorkerState& w : workers) {
    w.encoding = encoding;
    if (encoding == Encoding::kGb18030) {
      auto decoder = Gb18030Decoder::Create();
      if (!decoder) return std::unexpected(decoder.error());
      w.decoder = std::move(*decoder);
    }
    auto scratch = scanner.NewScratch();
    if (!scratch) return std::unexpected(scratch.error());
    w.scratch = std::move(*scratch);
    w.ctx = CellContext{&scanner, w.scratch.get(), !options.exhaustive};
  }
  return workers;
}

void MergeCounters(std::vector<WorkerState>& workers, SourceScan* out) {
  for (WorkerState& w : workers) {
    out->rows += w.rows;
    out->ragged_rows += w.ragged_rows;
    out->undecodable_bytes += w.undecodable_bytes;
    out->warning_count += w.warning_count;
    out->warnings.insert(out->warnings.end(), w.warnings.begin(), w.warnings.end());
  }
  std::stable_sort(out->warnings.begin(), out->warnings.end(),
                   [](const ScanWarning& a, const ScanWarning& b) { return a.line < b.line; });
  if (out->warnings.size() > GradingReport::kMaxWarnings) {
    out->warnings.resize(GradingReport::kMaxWarnings);
  }
}

Result<int> OpenInput(const std::string& path, std::uint64_t* size) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Fail(ErrorCode::kUnreadable, fmt::format("cannot open: {}", std::strerror(errno)),
                Position{path, 0, ""});
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Fail(ErrorCode::kUnreadable, "is a directory, not a dataset file",
                Position{path, 0, ""});
  }
  *size = static_cast<std::uint64_t>(st.st_size);
  return fd;
}

int EffectiveThreads(const ScanOptions& options) {
  if (options.sample_rows > 0) return 1;
  if (options.threads > 0) return options.threads;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

namespace {

std::uint64_t LineAt(std::string_view text, std::size_t offset, std::uint64_t first_line) {
  return first_line + static_cast<std::uint64_t>(
                          std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

}  // namespace

PipelineOptions TextPipelineOptions(const ScanOptions& options, int threads,
                                    const std::vector<WorkerState>& workers) {
  PipelineOptions po;
  po.threads = threads;
  po.max_record_bytes = options.max_record_bytes;
  po.progress = options.progress;
  if (options.sample_rows > 0) {
    po.keep_going = [&workers, limit = options.sample_rows] { return workers[0].rows < limit; };
  }
  return po;
}

std::string* WorkerState::Decode(std::string* chunk_data, std::uint64_t first_line) {
  if (encoding == Encoding::kGb18030) {
    decoded.clear();
    std::size_t bad = decoder->Convert(*chunk_data, &decoded);
    if (bad > 0) {
      undecodable_bytes += bad;
      Warn(LineAt(*chunk_data, decoder->first_invalid(), first_line), "undecodable_bytes",
           fmt::format("{} byte(s) in this chunk are not valid GB18030; replaced by '?'", bad));
    }
    return &decoded;
  }
  // Most chunks are valid UTF-8: one vector pass proves it and nothing needs repair.
  if (IsValidUtf8(*chunk_data)) return chunk_data;
  std::size_t first_bad = std::string::npos;
  std::size_t bad = RepairUtf8(chunk_data->data(), chunk_data->size(), [&](std::size_t off) {
    if (first_bad == std::string::npos) first_bad = off;
  });
  if (bad > 0) {
    undecodable_bytes += bad;
    Warn(LineAt(*chunk_data, first_bad, first_line), "undecodable_bytes",
         fmt::format("{} byte(s) in this chunk are not valid UTF-8; replaced by '?'", bad));
  }
  return chunk_data;
}

}  // namespace cv::grading::internal
