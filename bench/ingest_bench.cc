// Ingest throughput end to end (issue #7): Ingest::Submit of a signed JSON Lines batch of the demo
// data set on a fresh data directory — verify, parse, validate, grade, encrypt under subjects'
// data keys, store versions, feedback and audit — against a plain SQLite insert of the same rows
// (the raw JSON line per row, with similar indexes, same journal settings and the same 1,000 rows
// per transaction) in the same run:
//   cvault_bench --benchmark_filter='BM_Ingest|BM_PlainSqliteInsert'
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "credit/batch_signing.h"
#include "credit/ingest.h"
#include "credit_bench_env.h"

namespace cv::credit {
namespace {

using bench::Check;
using bench::CreditBenchEnv;

constexpr std::size_t kChunk = 5000;  // IngestOptions default

void BM_IngestSubmit(benchmark::State& state) {
  std::uint64_t count = 0;
  const std::string records =
      bench::DemoRecords(static_cast<std::uint64_t>(state.range(0)), &count);
  std::uint64_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto env = std::make_unique<CreditBenchEnv>();
    BatchToSign b{"DEMO_BANK", "bench-" + std::to_string(n++), BatchFormat::kJsonl, count, {}};
    auto manifest = SignedManifest(b, records, crypto::Suite::kGm, env->keys().private_key_der);
    Check(static_cast<bool>(manifest), "SignedManifest");
    Ingest ingest(*env->vault().store, env->credit(), *env->vault().log, SystemClock::Get());
    state.ResumeTiming();
    auto status = ingest.Submit(env->reporter(), {*manifest, records});
    state.PauseTiming();
    Check(status && status->rejected == 0, "Submit");
    env.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * count));
  state.counters["records"] = static_cast<double>(count);
}
BENCHMARK(BM_IngestSubmit)
    ->Arg(20'000)
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// sqlite3 calls checked; the benchmark aborts on any failure.
void Sql(sqlite3* db, const char* sql) {
  Check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK, sql);
}

// The id_number and account_id of a demo line, found by substring (the plain insert parses
// nothing, as a bulk loader of raw JSON would).
std::string_view Member(std::string_view line, std::string_view key) {
  const std::size_t at = line.find(key);
  if (at == std::string_view::npos) return "";  // bound as '', never NULL
  const std::size_t start = at + key.size();
  return line.substr(start, line.find('"', start) - start);
}

void InsertPlain(sqlite3* db, const std::vector<std::string_view>& lines) {
  sqlite3_stmt* stmt = nullptr;
  Check(sqlite3_prepare_v2(db,
                           "INSERT INTO raw_records (batch, line, subject_key, account_key, body) "
                           "VALUES (1, ?1, ?2, ?3, ?4)",
                           -1, &stmt, nullptr) == SQLITE_OK,
        "prepare");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i % kChunk == 0) Sql(db, "BEGIN IMMEDIATE");
    const std::string_view id = Member(lines[i], R"("id_number":")");
    const std::string_view account = Member(lines[i], R"("account_id":")");
    sqlite3_bind_int64(stmt, 1, static_cast<sqlite3_int64>(i + 1));
    sqlite3_bind_text(stmt, 2, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, account.data(), static_cast<int>(account.size()), SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, lines[i].data(), static_cast<int>(lines[i].size()), SQLITE_STATIC);
    Check(sqlite3_step(stmt) == SQLITE_DONE, "step");
    sqlite3_reset(stmt);
    if (i % kChunk == kChunk - 1 || i + 1 == lines.size()) Sql(db, "COMMIT");
  }
  sqlite3_finalize(stmt);
}

void BM_PlainSqliteInsert(benchmark::State& state) {
  std::uint64_t count = 0;
  const std::string records =
      bench::DemoRecords(static_cast<std::uint64_t>(state.range(0)), &count);
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at < records.size();) {
    const std::size_t end = records.find('\n', at);
    lines.push_back(std::string_view(records).substr(at, end - at));
    at = end + 1;
  }
  for (auto _ : state) {
    state.PauseTiming();
    CreditBenchEnv env;  // the same kind of directory; a separate database file in it
    const std::string path = (env.dir() / "plain.db").string();
    sqlite3* db = nullptr;
    Check(sqlite3_open(path.c_str(), &db) == SQLITE_OK, "open");
    Sql(db,
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
        "PRAGMA secure_delete = ON;"
        "CREATE TABLE raw_records (id INTEGER PRIMARY KEY AUTOINCREMENT, batch INTEGER NOT NULL,"
        " line INTEGER NOT NULL, subject_key TEXT NOT NULL, account_key TEXT NOT NULL,"
        " body TEXT NOT NULL, UNIQUE (batch, line)) STRICT;"
        "CREATE INDEX raw_by_subject ON raw_records (subject_key);"
        "CREATE INDEX raw_by_account ON raw_records (account_key);");
    state.ResumeTiming();
    InsertPlain(db, lines);
    state.PauseTiming();
    sqlite3_close(db);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * count));
  state.counters["records"] = static_cast<double>(count);
}
BENCHMARK(BM_PlainSqliteInsert)
    ->Arg(20'000)
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace cv::credit
