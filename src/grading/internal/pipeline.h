// Pipeline: reads a file in record-aligned chunks on one thread and processes them on N worker
// threads, in bounded memory (at most `2 * threads + 2` chunks in flight).
//
// Thread-safety: Run() is called from one thread; `process` runs concurrently on workers, each
// call with its own worker index, so per-worker state needs no locks.
#ifndef CV_GRADING_INTERNAL_PIPELINE_H_
#define CV_GRADING_INTERNAL_PIPELINE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace cv::grading::internal {

struct Chunk {
  std::size_t index = 0;         // 0, 1, 2... in file order
  std::uint64_t first_line = 1;  // line number of the chunk's first byte
  std::uint64_t offset = 0;      // byte offset of the chunk in the file
  std::string data;              // whole records only (the last chunk may lack a final newline)
};

struct PipelineOptions {
  int threads = 1;
  // 512 KiB: the passes over a chunk (quote and line counts, UTF-8 check, field splitting) then
  // find it in the core's L2 cache; 4 MiB chunks cost 2-3% more CPU in a full scan.
  std::size_t chunk_bytes = 512u << 10;
  std::size_t max_record_bytes = 64u << 20;
  std::uint64_t start_offset = 0;  // bytes to skip (BOM, header)
  std::uint64_t start_line = 1;
  // Where the last complete record in a block ends (0: none); CSV needs quote awareness.
  std::function<std::size_t(std::string_view)> last_record_end;
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
  // Return false to stop reading early (sampling); checked between chunks.
  std::function<bool()> keep_going;
};

// Reads `fd` from options.start_offset to the end and calls process(worker, chunk) for every
// chunk. With threads == 1 everything runs on the calling thread, in order.
// Errors: kUnreadable on a read error, kResourceExhausted when one record exceeds
// max_record_bytes (with the line where it starts).
Status RunPipeline(int fd, const std::string& file_name, const PipelineOptions& options,
                   const std::function<void(int worker, Chunk& chunk)>& process);

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_PIPELINE_H_
