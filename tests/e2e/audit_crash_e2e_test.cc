// Crash test of the audit log (issue #4; AUD-1, AUD-2): a writer process appending in batches is
// killed with SIGKILL in the middle of its bursts; afterwards the log must verify and hold every
// event the writer had acknowledged (printed after its commit returned). Drives the
// tests/tools/audit_writer tool on a data directory made by the real `cvault init`.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "e2e_helpers.h"

namespace cv::e2e {
namespace {

using Clock = std::chrono::steady_clock;

// A running `audit_writer append` with its stdout on a pipe, read line by line.
class WriterProcess {
 public:
  WriterProcess(const fs::path& cwd, const std::vector<std::string>& args) {
    std::vector<std::string> argv_store{CV_AUDIT_WRITER};
    argv_store.insert(argv_store.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_store) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) return;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, (cwd / ".writer_stderr").c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_addchdir_np(&fa, cwd.c_str());
    if (::posix_spawn(&pid_, CV_AUDIT_WRITER, &fa, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&fa);
    ::close(out[1]);
    fd_ = out[0];
  }
  ~WriterProcess() {
    if (pid_ > 0) Kill();
    if (fd_ >= 0) ::close(fd_);
  }

  bool started() const { return pid_ > 0 && fd_ >= 0; }
  // The highest seq acknowledged so far.
  std::optional<std::uint64_t> last_acked() const { return last_; }

  // Reads acknowledgements until one reaches `seq`; false on EOF (the writer died) or timeout.
  bool WaitForAck(std::uint64_t seq, Clock::duration timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!last_ || *last_ < seq) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      const int rc = ::poll(&p, 1, static_cast<int>(left));
      if (rc < 0 && errno == EINTR) continue;
      if (rc <= 0 || !ReadSome()) return false;
    }
    return true;
  }

  // SIGKILL, reap, then take the acknowledgements the writer had already written to the pipe.
  void Kill() {
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    while (ReadSome()) {
    }
  }

 private:
  // Reads what the pipe holds and parses the complete lines; false at EOF.
  bool ReadSome() {
    char chunk[4096];
    const ssize_t n = ::read(fd_, chunk, sizeof chunk);
    if (n <= 0) return n < 0 && errno == EINTR;
    pending_.append(chunk, static_cast<std::size_t>(n));
    for (std::size_t nl; (nl = pending_.find('\n')) != std::string::npos;) {
      const std::uint64_t seq = std::stoull(pending_.substr(0, nl));
      EXPECT_TRUE(!last_ || seq > *last_) << "acknowledgements must increase";
      last_ = seq;
      pending_.erase(0, nl + 1);
    }
    return true;
  }

  pid_t pid_ = -1;
  int fd_ = -1;
  std::string pending_;  // an incomplete line
  std::optional<std::uint64_t> last_;
};

class AuditCrashTest : public CvaultTest {
 protected:
  void SetUp() override {
    CvaultTest::SetUp();
    RunResult r = Run({"init", "--data", "data", "--custodians", "3", "--threshold", "2",
                       "--shares-out", "shares"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  std::vector<std::string> AppendArgs(std::uint64_t batch, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"append", "data", std::to_string(batch)};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back("shares/custodian-1-of-3.share");
    args.push_back("shares/custodian-3-of-3.share");
    return args;
  }

  // `audit_writer verify data`: expects success and returns the log's size.
  std::uint64_t VerifiedSize() {
    RunResult v = RunProgram(CV_AUDIT_WRITER, {"verify", "data"}, dir_, std::chrono::seconds(120));
    EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
    const std::size_t at = v.out.find("ok size=");
    if (at == std::string::npos) return 0;
    return std::stoull(v.out.substr(at + 8));
  }

  std::string WriterErrors() { return ReadFile(Path(".writer_stderr")); }
};

// Three kills at different moments: commits of 7 events (the kill lands between many small
// transactions), of 100, and of 1000 (the kill lands inside a large transaction, or while a
// checkpoint is being signed). Each writer resumes from what the last one left behind.
TEST_F(AuditCrashTest, Aud1EveryAcknowledgedEventSurvivesSigkill) {
  struct Round {
    std::uint64_t batch;
    std::uint64_t more;  // acknowledgements to wait for beyond the size at the start
  };
  std::uint64_t size = 0;
  for (const Round round : {Round{7, 3000}, Round{100, 5000}, Round{1000, 5000}}) {
    SCOPED_TRACE("batch " + std::to_string(round.batch));
    WriterProcess writer(dir_, AppendArgs(round.batch));
    ASSERT_TRUE(writer.started());
    ASSERT_TRUE(writer.WaitForAck(size + round.more - 1, std::chrono::seconds(120)))
        << WriterErrors();
    writer.Kill();  // SIGKILL while the next batch is being written.
    const std::uint64_t acked = *writer.last_acked();
    size = VerifiedSize();
    EXPECT_GT(size, acked) << "an acknowledged event was lost";
    EXPECT_LE(size, acked + 1 + round.batch) << "more than the batch in flight appeared";
  }
  // The log takes appends again after the crashes, and they verify.
  RunResult more =
      RunProgram(CV_AUDIT_WRITER, AppendArgs(50, {"--max", "500"}), dir_, std::chrono::seconds(60));
  ASSERT_EQ(more.exit_code, 0) << more.err;
  EXPECT_EQ(VerifiedSize(), size + 500);
}

}  // namespace
}  // namespace cv::e2e
