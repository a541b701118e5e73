// ParsedLines: a producer thread over a BatchReader, a consumer that waits per line.
#include "credit/internal/parsed_lines.h"

#include <utility>
#include <variant>

namespace cv::credit::internal {
namespace {

// Lines published at a time: the consumer is woken once per group, not per line.
constexpr std::size_t kPublishEvery = 64;

}  // namespace

ParsedLines::ParsedLines(std::vector<ParsedLine> lines)
    : count_(lines.size()), lines_(std::move(lines)), ready_(count_) {}

ParsedLines::ParsedLines(BatchReader reader, std::size_t count,
                         std::function<LinePrep(const Record&)> prepare)
    : count_(count), prepare_(std::move(prepare)) {
  lines_.reserve(count_);
  if (prepare_) preps_.reserve(count_);
  parser_ = std::thread([this, r = std::move(reader)]() mutable { Parse(std::move(r)); });
}

ParsedLines::~ParsedLines() {
  stop_.store(true);
  if (parser_.joinable()) parser_.join();
}

void ParsedLines::Parse(BatchReader reader) {
  while (lines_.size() < count_ && !stop_.load(std::memory_order_relaxed)) {
    std::optional<ParsedLine> line = reader.Next();
    if (!line) break;  // fewer than counted: cannot happen (CountJsonl); At() reports it
    if (prepare_) {
      const Record* record = std::get_if<Record>(&line->result);
      preps_.push_back(record != nullptr ? prepare_(*record) : LinePrep());
    }
    lines_.push_back(std::move(*line));  // within the reserved capacity (invariant 1)
    if (lines_.size() % kPublishEvery == 0 || lines_.size() == count_) {
      std::lock_guard lock(mu_);
      ready_.store(lines_.size(), std::memory_order_release);
      published_.notify_one();
    }
  }
  std::lock_guard lock(mu_);
  ready_.store(lines_.size(), std::memory_order_release);
  stop_.store(true);  // finished: At() no longer waits for more
  published_.notify_one();
}

const ParsedLine& ParsedLines::At(std::size_t i) {
  if (i >= ready_.load(std::memory_order_acquire)) {
    std::unique_lock lock(mu_);
    published_.wait(lock, [&] { return i < ready_.load() || stop_.load(); });
    if (i >= ready_.load()) std::abort();  // the reader gave fewer lines than it counted
  }
  return lines_[i];
}

LinePrep* ParsedLines::PrepAt(std::size_t i) {
  // capacity(), not size(): the parser may be appending (invariant 1; reserved once).
  if (!prepare_ || i >= preps_.capacity()) return nullptr;
  if (!std::holds_alternative<Record>(lines_[i].result)) return nullptr;
  return &preps_[i];
}

}  // namespace cv::credit::internal
