// Single-query latency in process (issue #7): QueryService::Single, each query in its own write
// transaction committed as the server does, over the demo data set; p50/p99 reported as counters.
// BM_QuerySequential10k runs 10,000 queries one after another, each committed; BM_BulkQuery10k
// the same 10,000 subjects as one bulk request file (QRY-5).
//   cvault_bench --benchmark_filter='BM_Query'
// The data: by default a fresh directory loaded with 10,000 demo subjects (`cvault demo load`'s
// loader). To measure a large load made once with the CLI, set
//   CV_BENCH_QUERY_DATA=DIR (made by `cvault demo` + `cvault demo load`, unsealed with
//   DIR.passphrase) CV_BENCH_QUERY_SUBJECTS=FILE (its --subjects-out file)
// Queries use reason 01 (post-loan management: every demo subject has a DEMO_BANK account).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "cli/demo_seeder.h"
#include "credit/bulk_query.h"
#include "credit/consents.h"
#include "credit/query_service.h"
#include "credit_bench_env.h"

namespace cv::credit {
namespace {

using bench::Check;

constexpr std::uint64_t kDefaultSubjects = 10'000;

// The queried institution's querier over one data set, built once per process.
struct QueryFixture {
  std::unique_ptr<bench::CreditBenchEnv> env;  // a fresh directory, or
  std::unique_ptr<cli::Vault> vault;           // the CV_BENCH_QUERY_DATA directory
  store::Store* store = nullptr;
  std::unique_ptr<CreditStore> credit;
  std::unique_ptr<Consents> consents;
  std::unique_ptr<QueryService> queries;
  access::Actor querier;
  std::vector<QueryRequest> requests;
};

std::vector<QueryRequest> ReadSubjects(std::istream& in) {
  std::vector<QueryRequest> out;
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    out.push_back({{j["id_type"], j["id_number"]}, j["name"], "01", ""});
  }
  return out;
}

void OpenDataDir(QueryFixture& f, const std::string& dir, const std::string& subjects) {
  auto v = cli::OpenAndUnseal(dir, cli::UnsealFlags{{}, dir + ".passphrase"});
  Check(static_cast<bool>(v), "OpenAndUnseal " + dir);
  f.vault = std::make_unique<cli::Vault>(std::move(*v));
  f.store = f.vault->store.get();
  f.credit = std::make_unique<CreditStore>(*f.vault->keyring);
  auto hasher = crypto::NewHasher(f.vault->keyring->suite());
  Check(static_cast<bool>(hasher), "NewHasher");
  cli::Seeder seeder(*f.vault, std::move(*hasher));
  auto tx = f.store->Begin(store::TxMode::kRead);
  auto querier = seeder.ActorFor(**tx, "bank_querier");
  Check(static_cast<bool>(querier), "bank_querier");
  f.querier = *querier;
  std::ifstream in(subjects);
  f.requests = ReadSubjects(in);
}

void LoadFresh(QueryFixture& f) {
  f.env = std::make_unique<bench::CreditBenchEnv>();
  f.store = f.env->vault().store.get();
  cli::DemoLoadOptions o;
  o.subjects = kDefaultSubjects;
  std::ostringstream out;
  auto loaded = cli::LoadDemoData(f.env->Target(), o, out);
  Check(loaded && loaded->rejected == 0, "LoadDemoData");
  f.credit = std::make_unique<CreditStore>(*f.env->vault().keyring);
  f.querier = f.env->querier();
  std::istringstream in(out.str());
  f.requests = ReadSubjects(in);
}

QueryFixture& Fixture() {
  static QueryFixture* f = [] {
    auto* made = new QueryFixture;
    const char* dir = std::getenv("CV_BENCH_QUERY_DATA");
    const char* subjects = std::getenv("CV_BENCH_QUERY_SUBJECTS");
    if (dir != nullptr && subjects != nullptr) {
      OpenDataDir(*made, dir, subjects);
    } else {
      LoadFresh(*made);
    }
    audit::AuditLog& log = made->env ? *made->env->vault().log : *made->vault->audit;
    made->consents = std::make_unique<Consents>(*made->credit, log, SystemClock::Get());
    made->queries =
        std::make_unique<QueryService>(*made->credit, *made->consents, log, SystemClock::Get());
    Check(!made->requests.empty(), "subjects");
    return made;
  }();
  return *f;
}

// One query in its own transaction, committed; aborts unless the report was issued.
void QueryOnce(QueryFixture& f, const QueryRequest& r) {
  auto tx = f.store->Begin();
  Check(static_cast<bool>(tx), "Begin");
  auto out = f.queries->Single(**tx, f.querier, r);
  Check(out && out->allowed, "Single");
  Check(static_cast<bool>((*tx)->Commit()), "Commit");
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

void BM_QuerySingle(benchmark::State& state) {
  QueryFixture& f = Fixture();
  std::vector<double> micros;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    QueryOnce(f, f.requests[(i++ * 7919) % f.requests.size()]);
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
  }
  state.counters["p50_us"] = Percentile(micros, 0.50);
  state.counters["p99_us"] = Percentile(micros, 0.99);
  state.counters["subjects"] = static_cast<double>(f.requests.size());
}
BENCHMARK(BM_QuerySingle)->Iterations(2000)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_QuerySequential10k(benchmark::State& state) {
  QueryFixture& f = Fixture();
  for (auto _ : state) {
    for (std::size_t i = 0; i < 10'000; ++i) QueryOnce(f, f.requests[i % f.requests.size()]);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * 10'000));
}
BENCHMARK(BM_QuerySequential10k)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

// QRY-5: one bulk request file of 10,000 subjects through BulkQueries (100 subjects per
// transaction, one checkpoint for the job, the result sealed to DEMO_BANK's key).
void BM_BulkQuery10k(benchmark::State& state) {
  QueryFixture& f = Fixture();
  audit::AuditLog& log = f.env ? *f.env->vault().log : *f.vault->audit;
  BulkQueries bulk(*f.store, *f.queries, log, SystemClock::Get());
  BulkRequest request{f.querier.institution,
                      f.querier.login,
                      "2026-11-22T08:00:00+08:00",
                      "01",
                      "credit_report",
                      10'000,
                      {}};
  for (std::size_t i = 0; i < 10'000; ++i) {
    request.subjects.push_back(f.requests[(i * 7919) % f.requests.size()]);
  }
  for (auto _ : state) {
    auto job = bulk.Run(f.querier, request, "bench request");
    Check(job && job->state == "done" && job->done == 10'000, "BulkQueries::Run");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * 10'000));
}
BENCHMARK(BM_BulkQuery10k)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace
}  // namespace cv::credit
