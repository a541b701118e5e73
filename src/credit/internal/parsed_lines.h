// ParsedLines: a batch's parsed lines, produced in order by a parser thread while the lines
// already parsed are applied, so parsing runs on the other core (issue #7 ingest rate).
//
// Thread-safety: At() and the parser thread may run concurrently; one consumer thread.
// Invariants:
//  1. Exactly `size()` lines are ever published, in the reader's order; line i is never changed
//     once At(i) can return it.
//  2. The destructor stops the parser and joins it; nothing outlives the ParsedLines.
#ifndef CV_CREDIT_INTERNAL_PARSED_LINES_H_
#define CV_CREDIT_INTERNAL_PARSED_LINES_H_

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "credit/batch_parse.h"
#include "credit/internal/write_cache.h"

namespace cv::credit::internal {

class ParsedLines {
 public:
  // Lines already parsed (CSV, small batches).
  explicit ParsedLines(std::vector<ParsedLine> lines);
  // Parses `count` results of `reader` on a thread of its own, and runs `prepare` (if any) on
  // each record there too. REQUIRES: `count` is what the reader gives (BatchReader::CountJsonl).
  ParsedLines(BatchReader reader, std::size_t count,
              std::function<LinePrep(const Record&)> prepare = {});
  ~ParsedLines();
  ParsedLines(const ParsedLines&) = delete;
  ParsedLines& operator=(const ParsedLines&) = delete;

  std::size_t size() const { return count_; }
  // Line i, once parsed (waits for it). REQUIRES: i < size().
  const ParsedLine& At(std::size_t i);
  // What `prepare` made for line i (nullptr without one, or for a line in error); the caller may
  // move from it. REQUIRES: At(i) returned.
  LinePrep* PrepAt(std::size_t i);

 private:
  void Parse(BatchReader reader);

  const std::size_t count_;
  std::function<LinePrep(const Record&)> prepare_;
  std::vector<ParsedLine> lines_;  // capacity count_ from the start: never reallocated
  std::vector<LinePrep> preps_;    // as lines_, when prepare_ is set
  std::atomic<std::size_t> ready_{0};
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable published_;
  std::thread parser_;
};

}  // namespace cv::credit::internal

#endif  // CV_CREDIT_INTERNAL_PARSED_LINES_H_
