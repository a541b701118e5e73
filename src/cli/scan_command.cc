// cvault scan PATH... [--format json|html|text] [--out FILE] [--sample N] [--threads N]
// Grades datasets by JR/T 0171 and JR/T 0197 (issue #2 interface; DO NOT CHANGE flags or exit
// codes).
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>

#include "cli/commands.h"
#include "common/config.h"
#include "common/log.h"
#include "grading/scanner.h"
#include "policy/policy.h"

namespace cv::cli {
namespace {

struct ScanArgs {
  std::vector<std::string> paths;
  std::string format;
  std::string out;
  std::uint64_t sample = 0;
  int threads = 0;
  std::string encoding = "auto";
  std::string config;
  bool quiet = false;
};

// A progress bar on stderr, redrawn at most every 200 ms.
class ProgressBar {
 public:
  explicit ProgressBar(std::string label) : label_(std::move(label)) {}
  ~ProgressBar() {
    if (drawn_) std::fputs("\r\033[K", stderr);
  }
  void Update(std::uint64_t done, std::uint64_t total) {
    auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    drawn_ = true;
    double secs = std::chrono::duration<double>(now - start_).count();
    double pct =
        total == 0 ? 100.0 : 100.0 * static_cast<double>(done) / static_cast<double>(total);
    int filled = static_cast<int>(pct / 5);
    std::fprintf(stderr, "\r%s [%-20s] %5.1f%%  %.0f MB/s", label_.c_str(),
                 std::string(std::max(0, std::min(20, filled)), '#').c_str(), pct,
                 secs > 0 ? static_cast<double>(done) / 1e6 / secs : 0.0);
  }

 private:
  std::string label_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_;
  bool drawn_ = false;
};

void PrintError(const Error& e) {
  std::string where;
  if (!e.position().file.empty()) where = e.position().file;
  if (e.position().line != 0) where += fmt::format(":{}", e.position().line);
  std::fprintf(stderr, "cvault scan: error: %s%s%s: %s\n", where.c_str(), where.empty() ? "" : ": ",
               std::string(ErrorCodeName(e.code())).c_str(), e.message().c_str());
}

void PrintWarnings(const grading::GradingReport& r) {
  for (const grading::ScanWarning& w : r.warnings) {
    std::string where = w.line == 0 ? r.source : fmt::format("{}:{}", r.source, w.line);
    std::fprintf(stderr, "cvault scan: warning: %s: %s: %s\n", where.c_str(), w.code.c_str(),
                 w.message.c_str());
  }
  if (r.warning_count > r.warnings.size()) {
    std::fprintf(stderr, "cvault scan: warning: %s: %llu more warnings not shown\n",
                 r.source.c_str(),
                 static_cast<unsigned long long>(r.warning_count - r.warnings.size()));
  }
}

std::string Render(const std::vector<grading::GradingReport>& reports, const std::string& format) {
  if (format == "html") return grading::RenderHtml(reports);
  if (format == "text") return grading::RenderText(reports);
  std::string out;
  for (const auto& r : reports) out += grading::RenderJson(r) + "\n";
  return out;
}

int Write(const std::string& text, const std::string& path) {
  if (path.empty() || path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) {
    std::fprintf(stderr, "cvault scan: error: %s: cannot write the report\n", path.c_str());
    return kExitFailure;
  }
  return kExitOk;
}

// Reads --config (if any): [log] sets up logging, [policy] may only tighten the defaults.
Result<policy::Policy> LoadPolicy(const std::string& config_path) {
  Config config;
  if (!config_path.empty()) {
    auto loaded = Config::Load(config_path);
    if (!loaded) return std::unexpected(loaded.error());
    config = std::move(*loaded);
  }
  CV_RETURN_IF_ERROR(log::Init(config));
  return policy::Policy::FromConfig(config);
}

int RunScan(const ScanArgs& args) {
  auto policy = LoadPolicy(args.config);
  if (!policy) {
    PrintError(policy.error());
    return kExitUsage;
  }
  std::vector<grading::GradingReport> reports;
  int exit_code = kExitOk;
  const bool show_progress = !args.quiet && ::isatty(STDERR_FILENO);
  for (const std::string& path : args.paths) {
    grading::ScanOptions options;
    options.sample_rows = args.sample;
    options.threads = args.threads;
    options.encoding = args.encoding;
    std::unique_ptr<ProgressBar> bar;
    if (show_progress) {
      bar = std::make_unique<ProgressBar>(path);
      options.progress = [&bar](std::uint64_t d, std::uint64_t t) { bar->Update(d, t); };
    }
    auto result = grading::Scan(path, options, *policy);
    bar.reset();
    if (!result) {
      PrintError(result.error());
      exit_code = result.error().code() == ErrorCode::kInvalidArgument ? kExitUsage : kExitBadInput;
      continue;
    }
    for (auto& r : *result) {
      PrintWarnings(r);
      reports.push_back(std::move(r));
    }
  }
  if (!reports.empty()) {
    int rc = Write(Render(reports, args.format), args.out);
    if (rc != kExitOk) return rc;
  }
  return exit_code;
}

}  // namespace

int ScanCommand(int argc, char** argv) {
  CLI::App app{"Grade datasets by JR/T 0171 (C1/C2/C3) and JR/T 0197 (levels 1-5)", "cvault scan"};
  ScanArgs args;
  app.add_option("paths", args.paths, "CSV or JSON Lines files, or sqlite:PATH[#table]")
      ->required();
  app.add_option("--format", args.format,
                 "json (default when stdout is not a terminal), html, text")
      ->check(CLI::IsMember({"json", "html", "text"}));
  app.add_option("--out", args.out, "write the report to FILE instead of stdout");
  app.add_option("--sample", args.sample, "grade only the first N rows (fast)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 62));
  app.add_option("--threads", args.threads, "worker threads (default: all cores)")
      ->check(CLI::Range(1, 256));
  app.add_option("--encoding", args.encoding, "auto, utf-8, gb18030 or gbk")
      ->check(CLI::IsMember({"auto", "utf-8", "gb18030", "gbk"}));
  app.add_option("--config", args.config, "TOML settings ([policy] may only tighten defaults)");
  app.add_flag("--quiet,-q", args.quiet, "no progress bar");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  if (args.format.empty())
    args.format = ::isatty(STDOUT_FILENO) && args.out.empty() ? "text" : "json";
  return RunScan(args);
}

}  // namespace cv::cli
