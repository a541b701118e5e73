// Benchmarks of the whole scanner on a generated dataset, in process (bytes/s per thread count).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "grading/sample_gen.h"
#include "grading/scanner.h"

namespace cv::grading {
namespace {

// A ~30 MB default-columns CSV (50,000 rows), written once per process and removed at exit.
struct Dataset {
  Dataset() : path("/tmp/cvault_scan_bench_" + std::to_string(::getpid()) + ".csv") {
    SampleOptions o;
    o.rows = 50000;
    o.seed = 42;
    std::ofstream out(path, std::ios::binary);
    if (!GenerateSample(o, out, nullptr)) std::abort();
  }
  ~Dataset() { std::remove(path.c_str()); }
  std::string path;
};

const std::string& DatasetPath() {
  static const Dataset dataset;
  return dataset.path;
}

void BM_ScanCsv(benchmark::State& state) {
  const std::string& path = DatasetPath();
  ScanOptions options;
  options.threads = static_cast<int>(state.range(0));
  const policy::Policy policy = policy::Policy::Defaults();
  std::uint64_t bytes = 0;
  for (auto _ : state) {
    auto reports = Scan(path, options, policy);
    if (!reports) state.SkipWithError(reports.error().ToString().c_str());
    bytes += reports ? (*reports)[0].bytes : 0;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_ScanCsv)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace cv::grading
