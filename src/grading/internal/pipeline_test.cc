// Tests for the chunked reader and worker pool.
#include "grading/internal/pipeline.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <set>

#include "grading/internal/csv.h"

namespace cv::grading::internal {
namespace {

class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    char name[] = "/tmp/cv_pipeline_XXXXXX";
    fd_ = ::mkstemp(name);
    path_ = name;
    EXPECT_EQ(::write(fd_, content.data(), content.size()), static_cast<ssize_t>(content.size()));
  }
  ~TempFile() {
    ::close(fd_);
    std::remove(path_.c_str());
  }
  int fd() const { return fd_; }
  const std::string& path() const { return path_; }

 private:
  int fd_;
  std::string path_;
};

std::string Records(int n) {
  std::string text;
  for (int i = 0; i < n; ++i) {
    text += std::to_string(i) + ",\"v\n" + std::to_string(i) + "\"\n";  // 2 lines per record
  }
  return text;
}

// Every record arrives exactly once, whole, with the right line numbers, on any thread count.
class PipelineThreadsTest : public ::testing::TestWithParam<int> {};

TEST_P(PipelineThreadsTest, EveryRecordOnceWithLines) {
  const int n = 20000;
  TempFile file(Records(n));
  PipelineOptions o;
  o.threads = GetParam();
  o.chunk_bytes = 4096;  // many chunks
  o.last_record_end = LastRecordEnd;
  std::mutex mu;
  std::set<int> seen;
  std::atomic<bool> lines_ok{true};
  Status st = RunPipeline(file.fd(), file.path(), o, [&](int, Chunk& chunk) {
    CsvRecordParser parser(',');
    std::vector<std::string_view> fields;
    std::size_t pos = 0;
    std::uint32_t nl = 0;
    bool open = false;
    std::uint64_t line = chunk.first_line;
    while (parser.Next(chunk.data.data(), chunk.data.size(), &pos, &fields, &nl, &open)) {
      int id = std::stoi(std::string(fields[0]));
      if (line != static_cast<std::uint64_t>(2 * id + 1) || open) lines_ok = false;
      std::lock_guard lock(mu);
      seen.insert(id);
      line += nl;
    }
  });
  ASSERT_TRUE(st) << st.error().ToString();
  EXPECT_TRUE(lines_ok);
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(n));
}

INSTANTIATE_TEST_SUITE_P(Threads, PipelineThreadsTest, ::testing::Values(1, 2, 4));

TEST(PipelineTest, RecordLongerThanLimitIsResourceExhausted) {
  TempFile file("a,b\n\"" + std::string(100000, 'x') + "\"\n");
  PipelineOptions o;
  o.chunk_bytes = 1024;
  o.max_record_bytes = 10000;
  o.last_record_end = LastRecordEnd;
  Status st = RunPipeline(file.fd(), file.path(), o, [](int, Chunk&) {});
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(st.error().position().line, 2u);
}

TEST(PipelineTest, LastRecordWithoutNewline) {
  TempFile file("1\n2\n3");
  PipelineOptions o;
  o.last_record_end = LastRecordEnd;
  std::string all;
  ASSERT_TRUE(RunPipeline(file.fd(), file.path(), o, [&](int, Chunk& c) { all += c.data; }));
  EXPECT_EQ(all, "1\n2\n3");
}

TEST(PipelineTest, StartOffsetAndKeepGoing) {
  TempFile file(Records(1000));
  PipelineOptions o;
  o.chunk_bytes = 512;
  o.start_offset = 8;  // the first record, "0,\"v\n0\"\n", is 8 bytes
  o.start_line = 3;
  o.last_record_end = LastRecordEnd;
  int chunks = 0;
  o.keep_going = [&] { return chunks < 2; };
  std::uint64_t first_line = 0;
  ASSERT_TRUE(RunPipeline(file.fd(), file.path(), o, [&](int, Chunk& c) {
    if (chunks++ == 0) {
      first_line = c.first_line;
      EXPECT_EQ(c.data.substr(0, 2), "1,");
    }
  }));
  EXPECT_EQ(chunks, 2);
  EXPECT_EQ(first_line, 3u);
}

}  // namespace
}  // namespace cv::grading::internal
