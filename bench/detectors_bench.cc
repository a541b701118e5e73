// Micro-benchmarks of the detectors (GRD-3): ClassifyCell on a mix of table cells, and
// TextScanner::Scan on a ~1 KB Chinese remark with embedded identifiers.
// Run: cmake --build build --target cvault_bench && ./build/cvault_bench --benchmark_filter=Detect
//
// Figures (2026-11-21, RelWithDebInfo -O2, g++ 12, a shared 2-vCPU VM under load; CPU time,
// median of 5):
//   BM_DetectClassifyCell            832 ns / 18 cells = 46 ns/cell, 295 MB/s
//   BM_DetectClassifyNumericCell     115 ns / 6 cells  = 19 ns/cell (cells of 1-8 bytes)
//   BM_DetectTextScannerScan         4.2 us / 1.0 KB   = 242 MB/s, 8 findings
//   BM_DetectTextScannerScanNoHits   2.6 us / 1.0 KB   = 391 MB/s
//   BM_DetectTextScannerCreate       35 ms (Hyperscan compile, once per process); 2026-11-22 with
//                                    the database embedded at build time: 0.04 ms (compiled: 34 ms)
// Start of match: HS_FLAG_SOM_LEFTMOST on the variable-length patterns only measured 242 MB/s;
// on every pattern, 220 MB/s.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "grading/detectors.h"

namespace cv::grading {
namespace {

// One row of a typical credit customer table, cell by cell, plus some free text.
const std::vector<std::string_view>& CellMix() {
  static const std::vector<std::string_view> cells = {
      "100234",                                   // sequence number
      "张三",                                     // name
      "11010519491231002X",                       // resident ID
      "13812345678",                              // mobile
      "男",                                       // gender
      "1985-06-15",                               // birth date
      "北京市朝阳区建国路88号",                   // address
      "已婚",                                     // marital status
      "本科",                                     // education
      "6222021234567890128",                      // bank card
      "12,345.67",                                // balance
      "NNNNNN1NNNNN",                             // repayment status
      "正常",                                     // account status
      "zhang.san@example.com",                    // email
      "2023-01-05 12:30:00",                      // timestamp
      "0.0435",                                   // rate
      "91350100M000100Y43",                       // USCC
      "客户来电称卡号6222021234567890128已挂失",  // remark
  };
  return cells;
}

void BM_DetectClassifyCell(benchmark::State& state) {
  const auto& cells = CellMix();
  std::size_t bytes = 0;
  for (std::string_view c : cells) bytes += c.size();
  CellFindings f;
  for (auto _ : state) {
    for (std::string_view c : cells) {
      ClassifyCell(c, &f);
      benchmark::DoNotOptimize(f);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cells.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_DetectClassifyCell);

// Digits-only cells (sequence numbers, amounts): the commonest column kind in credit tables.
void BM_DetectClassifyNumericCell(benchmark::State& state) {
  const std::vector<std::string_view> cells = {"1", "42", "100234", "12345.67", "0.0435", "-88.00"};
  std::size_t bytes = 0;
  for (std::string_view c : cells) bytes += c.size();
  CellFindings f;
  for (auto _ : state) {
    for (std::string_view c : cells) {
      ClassifyCell(c, &f);
      benchmark::DoNotOptimize(f);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cells.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_DetectClassifyNumericCell);

// A ~1 KB remark with identifiers: IDs, a mobile, a card, an email, and an invalid ID.
std::string Remark() {
  std::string text =
      "2023年5月12日客户张三（身份证号11010519491231002X）来电，称其尾号5678的手机"
      "13812345678已停用，新号码为+86 139-8765-4321。客户名下借记卡6222021234567890128"
      "于上月挂失，补办后新卡号为6200 0000 0000 0005。经核实，客户配偶李四身份证号"
      "110105194912310021与系统登记不一致，已通知网点复核。客户邮箱zhang.san@example.com，"
      "单位统一社会信用代码91350100M000100Y43，单位地址北京市朝阳区建国路88号。";
  while (text.size() < 1024) {
    text += "客户表示近期收入稳定，可按期还款，无其他异议，登记人员王五，复核人员赵六。";
  }
  return text;
}

void BM_DetectTextScannerScan(benchmark::State& state) {
  auto scanner = TextScanner::Create();
  if (!scanner) return state.SkipWithError(scanner.error().ToString().c_str());
  auto scratch = (*scanner)->NewScratch();
  if (!scratch) return state.SkipWithError(scratch.error().ToString().c_str());
  const std::string text = Remark();
  int found = 0;
  for (auto _ : state) {
    auto status = (*scanner)->Scan(text, scratch->get(), [&](const TextFinding&) { ++found; });
    if (!status) return state.SkipWithError(status.error().ToString().c_str());
  }
  state.counters["findings"] = static_cast<double>(found) / static_cast<double>(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_DetectTextScannerScan);

// The same length of text without identifiers: the cost of scanning prose that holds none.
void BM_DetectTextScannerScanNoHits(benchmark::State& state) {
  auto scanner = TextScanner::Create();
  if (!scanner) return state.SkipWithError(scanner.error().ToString().c_str());
  auto scratch = (*scanner)->NewScratch();
  if (!scratch) return state.SkipWithError(scratch.error().ToString().c_str());
  std::string text;
  while (text.size() < 1024)
    text += "客户表示近期收入稳定，可按期还款，无其他异议，登记于2023年5月12日。";
  for (auto _ : state) {
    auto status = (*scanner)->Scan(text, scratch->get(), [](const TextFinding&) {});
    if (!status) return state.SkipWithError(status.error().ToString().c_str());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_DetectTextScannerScanNoHits);

// Loading the database embedded at build time (the default), and compiling it (the fallback).
void BM_DetectTextScannerCreate(benchmark::State& state) {
  for (auto _ : state) {
    auto scanner = TextScanner::Create();
    benchmark::DoNotOptimize(scanner);
  }
}
BENCHMARK(BM_DetectTextScannerCreate)->Unit(benchmark::kMillisecond);

void BM_DetectTextScannerCreateCompiled(benchmark::State& state) {
  for (auto _ : state) {
    auto scanner = TextScanner::Create(TextScanner::Database::kCompiled);
    benchmark::DoNotOptimize(scanner);
  }
}
BENCHMARK(BM_DetectTextScannerCreateCompiled)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
}  // namespace cv::grading
