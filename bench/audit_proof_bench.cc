// Proof generation and full verification of the audit log over the SQLite store (issue #4):
//   BM_AuditProveInclusion/<n>     AuditReader::ProveInclusion(random index, head) on an n-event
//   log BM_AuditProveConsistency/<n>   AuditReader::ProveConsistency(random 0 < a <= b <= n)
//   BM_AuditVerify/<n>             AuditReader::Verify of the whole n-event log (items: events)
// n is 1,000,000; with CV_BENCH_LARGE=1 the proof benchmarks also run at 10,000,000.
//
// The logs are built once, by AppendAll in batches of 20,000 events (one write transaction each),
// into <cvault_bench's directory>/bench-data/<kDatasetVersion>-<n>/ (or $CV_BENCH_DATA/...), and
// reused by later runs; a build only starts when a benchmark that needs it is selected. The 1M log
// (557 MB) takes under a minute; the 10M log (5.5 GB) took 22 minutes on the 2-vCPU machine
// while other builds ran, hence CV_BENCH_LARGE. Proofs run in one read transaction after a
// warm-up of 20,000 proofs; "Time" is wall time per proof (it includes page-cache misses, which
// on a VM whose memory is reclaimed behind it become disk reads) and "CPU" the process's CPU time.
// Run: CV_BENCH_LARGE=1 cvault_bench --benchmark_filter=AuditProve (figures in README.md).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "audit/audit_reader.h"
#include "audit_bench_env.h"

namespace cv::audit::bench {
namespace {

namespace fs = std::filesystem;

// Names the cached logs; change it whenever the stored format or the generated events change.
constexpr std::string_view kDatasetVersion = "audit-v1-gm";
constexpr std::size_t kBuildBatch = 20'000;
constexpr std::uint64_t kWarmUpProofs = 20'000;

bool LargeEnabled() {
  const char* large = std::getenv("CV_BENCH_LARGE");
  return large != nullptr && std::string_view(large) == "1";
}

fs::path CacheDir() {
  if (const char* dir = std::getenv("CV_BENCH_DATA"); dir != nullptr && *dir != '\0') return dir;
  return fs::read_symlink("/proc/self/exe").parent_path() / "bench-data";
}

// Builds an n-event log at `path` (through a temporary name, so an interrupted build leaves no
// half-built cache behind).
void BuildLog(const fs::path& path, std::uint64_t n) {
  const fs::path building = path.string() + ".building";
  fs::remove_all(building);
  fs::create_directories(path.parent_path());
  std::fprintf(stderr, "audit_bench: building a %llu-event log in %s (once) ...\n",
               static_cast<unsigned long long>(n), path.c_str());
  const auto start = std::chrono::steady_clock::now();
  {
    auto vault = BenchVault::Create(building.string());
    for (std::uint64_t first = 0; first < n; first += kBuildBatch) {
      const auto events = MakeBenchEvents(first, std::min<std::uint64_t>(kBuildBatch, n - first));
      Must(vault->AppendBatch(events), "append");
      if ((first + kBuildBatch) % 1'000'000 == 0) {
        std::fprintf(stderr, "audit_bench:   %llu events\n",
                     static_cast<unsigned long long>(first + kBuildBatch));
      }
    }
    Must(vault->store().Flush(), "flush");
    vault->keep();
  }
  fs::rename(building, path);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::fprintf(stderr, "audit_bench: built in %.0f s (%.0f events/s)\n", took.count(),
               static_cast<double>(n) / took.count());
}

// An n-event log opened for reading: store, one read transaction and a reader over it.
struct OpenLog {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<store::Tx> tx;
  std::unique_ptr<AuditReader> reader;
  std::uint64_t size = 0;
  bool warm = false;
};

OpenLog& Log(std::uint64_t n) {
  static std::map<std::uint64_t, OpenLog> logs;
  OpenLog& log = logs[n];
  if (log.reader) return log;
  const fs::path path = CacheDir() / (std::string(kDatasetVersion) + "-" + std::to_string(n));
  if (!fs::exists(path / "cvault.db")) BuildLog(path, n);
  store::StoreOptions options;
  options.url = "sqlite:" + (path / "cvault.db").string();
  log.store = Must(store::OpenStore(options), "open " + path.string());
  log.tx = Must(log.store->Begin(store::TxMode::kRead), "begin");
  log.reader = Must(AuditReader::Open(*log.tx), "open reader");
  log.size = Must(log.reader->Head(), "head").size;
  if (log.size != n) Die("cached log " + path.string(), Error(ErrorCode::kInternal, "wrong size"));
  return log;
}

// Proves inclusion of kWarmUpProofs random leaves, so the timed runs see a warm page cache.
void WarmUp(OpenLog& log) {
  if (log.warm) return;
  std::mt19937_64 rng(7);
  for (std::uint64_t i = 0; i < kWarmUpProofs; ++i) {
    Must(log.reader->ProveInclusion(rng() % log.size, std::nullopt), "warm-up proof");
  }
  log.warm = true;
}

void BM_AuditProveInclusion(benchmark::State& state) {
  OpenLog& log = Log(static_cast<std::uint64_t>(state.range(0)));
  WarmUp(log);
  std::mt19937_64 rng(42);
  for (auto _ : state) {
    auto proof = log.reader->ProveInclusion(rng() % log.size, std::nullopt);
    if (!proof) {
      state.SkipWithError(proof.error().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(proof);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_AuditProveConsistency(benchmark::State& state) {
  OpenLog& log = Log(static_cast<std::uint64_t>(state.range(0)));
  WarmUp(log);
  std::mt19937_64 rng(43);
  for (auto _ : state) {
    const std::uint64_t second = rng() % log.size + 1;
    const std::uint64_t first = rng() % second + 1;
    auto proof = log.reader->ProveConsistency(first, second);
    if (!proof) {
      state.SkipWithError(proof.error().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(proof);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_AuditVerify(benchmark::State& state) {
  OpenLog& log = Log(static_cast<std::uint64_t>(state.range(0)));
  std::uint64_t checked = 0;
  for (auto _ : state) {
    auto report = log.reader->Verify();
    if (!report || !report->ok) {
      state.SkipWithError(report ? report->problem.c_str() : report.error().ToString().c_str());
      return;
    }
    checked += report->events_checked;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(checked));
}

int Register() {
  std::vector<std::int64_t> sizes = {1'000'000};
  if (LargeEnabled()) sizes.push_back(10'000'000);
  auto* inclusion = benchmark::RegisterBenchmark("BM_AuditProveInclusion", BM_AuditProveInclusion);
  auto* consistency =
      benchmark::RegisterBenchmark("BM_AuditProveConsistency", BM_AuditProveConsistency);
  for (std::int64_t n : sizes) {
    inclusion->Arg(n)->Unit(benchmark::kMicrosecond);
    consistency->Arg(n)->Unit(benchmark::kMicrosecond);
  }
  benchmark::RegisterBenchmark("BM_AuditVerify", BM_AuditVerify)
      ->Arg(1'000'000)
      ->Iterations(1)
      ->UseRealTime()
      ->Unit(benchmark::kSecond);
  return 0;
}
[[maybe_unused]] const int kRegistered = Register();

}  // namespace
}  // namespace cv::audit::bench
