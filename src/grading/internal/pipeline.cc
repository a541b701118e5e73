// Chunked reading and a bounded worker pool.
#include "grading/internal/pipeline.h"

#include <errno.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "grading/internal/csv.h"

namespace cv::grading::internal {
namespace {

// A blocking queue with a capacity (capacity 0: unbounded).
template <typename T>
class BlockingQueue {
 public:
  explicit BlockingQueue(std::size_t capacity) : capacity_(capacity) {}
  void Push(T item) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return capacity_ == 0 || items_.size() < capacity_; });
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }
  // nullopt once closed and drained.
  std::optional<T> Pop() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<T> items_;
  std::size_t capacity_;
  bool closed_ = false;
};

// Reads up to `want` bytes at the end of `buf`; returns bytes read (0 at EOF). The new space is
// not zero-filled first (resize_and_overwrite), which would cost a pass over every byte.
Result<std::size_t> ReadMore(int fd, std::string* buf, std::size_t want, const std::string& file) {
  const std::size_t old = buf->size();
  std::size_t got = 0;
  int error = 0;
  buf->resize_and_overwrite(old + want, [&](char* data, std::size_t) {
    while (got < want) {
      ssize_t n = ::read(fd, data + old + got, want - got);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) error = errno;
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    return old + got;
  });
  if (error != 0) {
    return Fail(ErrorCode::kUnreadable, fmt::format("read failed: {}", std::strerror(error)),
                Position{file, 0, ""});
  }
  return got;
}

// Produces record-aligned chunks in file order.
class ChunkReader {
 public:
  ChunkReader(int fd, const std::string& file, const PipelineOptions& o)
      : fd_(fd), file_(file), o_(o), offset_(o.start_offset), line_(o.start_line) {
    struct stat st;
    total_ = ::fstat(fd, &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
  }

  // Fills `chunk` (reusing its buffer); false at the end of the file.
  Result<bool> Next(Chunk* chunk) {
    chunk->data.swap(carry_);
    carry_.clear();
    std::size_t boundary = 0;
    bool eof = false;
    while (true) {
      std::size_t want = std::max(o_.chunk_bytes, chunk->data.size());
      auto got = ReadMore(fd_, &chunk->data, want, file_);
      if (!got) return std::unexpected(got.error());
      eof = *got == 0;
      if (eof) break;
      boundary = o_.last_record_end(chunk->data);
      if (boundary != 0) break;
      if (chunk->data.size() > o_.max_record_bytes) {
        return Fail(
            ErrorCode::kResourceExhausted,
            fmt::format("a record is longer than the limit of {} bytes", o_.max_record_bytes),
            Position{file_, line_, ""});
      }
    }
    if (chunk->data.empty()) return false;
    if (!eof && boundary < chunk->data.size()) {
      carry_.assign(chunk->data, boundary, std::string::npos);
      chunk->data.resize(boundary);
    }
    chunk->index = index_++;
    chunk->offset = offset_;
    chunk->first_line = line_;
    offset_ += chunk->data.size();
    line_ += CountByte(chunk->data, '\n');
    if (o_.progress) o_.progress(offset_, total_);
    return true;
  }

 private:
  int fd_;
  const std::string& file_;
  const PipelineOptions& o_;
  std::uint64_t offset_;
  std::uint64_t line_;
  std::uint64_t total_ = 0;
  std::size_t index_ = 0;
  std::string carry_;
};

Status Seek(int fd, std::uint64_t offset, const std::string& file) {
  if (::lseek(fd, static_cast<off_t>(offset), SEEK_SET) < 0) {
    return Fail(ErrorCode::kUnreadable, fmt::format("seek failed: {}", std::strerror(errno)),
                Position{file, 0, ""});
  }
  return Ok();
}

Status RunInline(ChunkReader& reader, const PipelineOptions& o,
                 const std::function<void(int, Chunk&)>& process) {
  Chunk chunk;
  while (!o.keep_going || o.keep_going()) {
    auto more = reader.Next(&chunk);
    if (!more) return std::unexpected(more.error());
    if (!*more) break;
    process(0, chunk);
  }
  return Ok();
}

}  // namespace

Status RunPipeline(int fd, const std::string& file_name, const PipelineOptions& o,
                   const std::function<void(int worker, Chunk& chunk)>& process) {
  CV_RETURN_IF_ERROR(Seek(fd, o.start_offset, file_name));
  ChunkReader reader(fd, file_name, o);
  if (o.threads <= 1) return RunInline(reader, o, process);

  const std::size_t slots = static_cast<std::size_t>(o.threads) * 2 + 2;
  BlockingQueue<std::unique_ptr<Chunk>> free_chunks(0), work(0);
  for (std::size_t i = 0; i < slots; ++i) free_chunks.Push(std::make_unique<Chunk>());
  std::vector<std::thread> workers;
  for (int w = 0; w < o.threads; ++w) {
    workers.emplace_back([&, w] {
      while (auto chunk = work.Pop()) {
        process(w, **chunk);
        free_chunks.Push(std::move(*chunk));
      }
    });
  }
  Status status = Ok();
  while (!o.keep_going || o.keep_going()) {
    std::unique_ptr<Chunk> chunk = *free_chunks.Pop();  // blocks: bounds memory
    auto more = reader.Next(chunk.get());
    if (!more) {
      status = std::unexpected(more.error());
      break;
    }
    if (!*more) break;
    work.Push(std::move(chunk));
  }
  work.Close();
  for (auto& t : workers) t.join();
  return status;
}

}  // namespace cv::grading::internal
