// Helpers for the end-to-end tests: run the real `cvault` binary with stdout on a pipe and stderr
// in a file, and give each test its own temporary directory.
//
// Thread-safety: none needed; each test runs one child at a time.
#ifndef CV_TESTS_E2E_E2E_HELPERS_H_
#define CV_TESTS_E2E_E2E_HELPERS_H_

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

extern char** environ;

namespace cv::e2e {

namespace fs = std::filesystem;

// What one run of the binary left behind.
struct RunResult {
  int exit_code = -1;   // -1: killed by a signal or timed out
  std::string out;      // stdout (a pipe, so the binary sees "not a terminal")
  std::string err;      // stderr
  long max_rss_kb = 0;  // peak resident set size of the child (wait4)
  bool timed_out = false;
};

inline std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  ASSERT_TRUE(out.flush()) << "cannot write " << path;
}

// Drains `fd` into `out` until EOF or the deadline; false on timeout.
inline bool Drain(int fd, std::string* out, std::chrono::steady_clock::time_point deadline) {
  char buf[65536];
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    int rc = ::poll(&p, 1, static_cast<int>(left.count()));
    if (rc < 0 && errno == EINTR) continue;
    if (rc <= 0) return false;
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    out->append(buf, static_cast<std::size_t>(n));
  }
}

// Runs `program args...` in `cwd`; stdin is /dev/null. Kills the child after `timeout`.
inline RunResult RunProgram(const std::string& program, const std::vector<std::string>& args,
                            const fs::path& cwd,
                            std::chrono::seconds timeout = std::chrono::seconds(60)) {
  RunResult r;
  std::vector<std::string> argv_store{program};
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_store) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    ADD_FAILURE() << "pipe2 failed";
    return r;
  }
  const fs::path err_path = cwd / ".stderr";
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addchdir_np(&fa, cwd.c_str());
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, program.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(out_pipe[1]);
  if (rc != 0) {
    ::close(out_pipe[0]);
    ADD_FAILURE() << "posix_spawn " << program << " failed: " << rc;
    return r;
  }
  r.timed_out = !Drain(out_pipe[0], &r.out, std::chrono::steady_clock::now() + timeout);
  ::close(out_pipe[0]);
  if (r.timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  r.max_rss_kb = usage.ru_maxrss;
  if (!r.timed_out && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  r.err = ReadFile(err_path);
  fs::remove(err_path);
  return r;
}

// Parses one JSON document per non-empty line of `text`.
inline std::vector<nlohmann::json> JsonLines(const std::string& text) {
  std::vector<nlohmann::json> docs;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    if (nl > pos) docs.push_back(nlohmann::json::parse(text.substr(pos, nl - pos)));
    pos = nl + 1;
  }
  return docs;
}

// A fixture with a fresh temporary directory per test, removed afterwards.
class CvaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "cv_e2e_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  fs::path Path(const std::string& name) const { return dir_ / name; }
  std::string Write(const std::string& name, const std::string& bytes) {
    WriteFile(dir_ / name, bytes);
    return name;
  }
  // Runs `cvault args...` in the test's directory.
  RunResult Run(const std::vector<std::string>& args) { return RunProgram(CV_BINARY, args, dir_); }

  // Runs `cvault gen-sample` into `data` and its labels into `data`.labels.json; returns the
  // labels ({"columns": [{"index", "name", "type"}]}).
  nlohmann::json GenSample(const std::string& data, std::uint64_t rows, std::uint64_t seed,
                           const std::vector<std::string>& extra = {}) {
    const std::string labels = data + ".labels.json";
    std::vector<std::string> args{
        "gen-sample", "--rows", std::to_string(rows), "--seed", std::to_string(seed),
        "--out",      data,     "--labels",           labels};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult r = Run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(ReadFile(Path(labels)));
  }

  // Runs `cvault scan args...`, expects exit 0 and returns the JSON lines.
  std::vector<nlohmann::json> ScanJson(const std::vector<std::string>& args) {
    std::vector<std::string> full{"scan"};
    full.insert(full.end(), args.begin(), args.end());
    RunResult r = Run(full);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return JsonLines(r.out);
  }

  fs::path dir_;
};

}  // namespace cv::e2e

#endif  // CV_TESTS_E2E_E2E_HELPERS_H_
