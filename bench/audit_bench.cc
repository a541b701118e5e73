// Durable append throughput of the audit log (issue #4), beside plain SQLite inserts of the same
// rows in the same run:
//   BM_AuditAppendAll/<batch>            AuditLog::AppendAll of <batch> events in one write
//                                        transaction of the store, committed (WAL,
//                                        synchronous=FULL) before the batch counts: group commit.
//   BM_AuditPlainInsert/<batch>          the same rows (seq, time_us, actor, institution, action,
//                                        result, entry, leaf_hash; the same entry bytes) through
//                                        the raw sqlite3 API and one prepared statement into a
//                                        table with only its primary key, with the PRAGMAs the
//                                        store sets (sqlite_store.h 1-3 and 5).
//   BM_AuditPlainInsertIndexed/<batch>   the same, into a table that also has audit_events' three
//                                        search indexes (time; actor, time; action, time).
// Each benchmark owns a fresh data directory (or database) in the temporary directory, which grows
// over its iterations and is removed at exit. Event times advance from batch to batch, as in a
// live log. items_per_second is acknowledged events per second of wall time; B_written/event is
// what the process passed to write(2) per event (WAL frames plus checkpoint copies).
// Run: cvault_bench --benchmark_filter='AuditAppendAll|AuditPlain' (figures in README.md).
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "audit/merkle.h"
#include "audit_bench_env.h"
#include "crypto/hasher.h"

namespace cv::audit::bench {
namespace {

constexpr std::size_t kMaxBatch = 5000;

// The events every append benchmark writes, batch after batch.
const std::vector<Event>& Events() {
  static const std::vector<Event> events = MakeBenchEvents(0, kMaxBatch);
  return events;
}

// Event times advance by 10 us per event across all batches, as a live log's do, so that the
// time-ordered indexes grow at their end rather than being rewritten in the middle.
TimePoint NextTime() {
  static TimePoint next = TimePoint(std::chrono::seconds(1'790'000'000));
  return next += std::chrono::microseconds(10);
}

// Reports the bytes written (WAL frames and checkpoint copies) per event since `before`.
void SetWrittenPerEvent(benchmark::State& state, std::uint64_t before) {
  const double events = static_cast<double>(state.iterations() * state.range(0));
  state.counters["B_written/event"] = static_cast<double>(BytesWritten() - before) / events;
}

void BM_AuditAppendAll(benchmark::State& state) {
  static std::map<std::int64_t, std::unique_ptr<BenchVault>> vaults;
  auto& vault = vaults[state.range(0)];
  if (!vault) vault = BenchVault::Create(TempPath("append"));
  std::vector<Event> batch(Events().begin(), Events().begin() + state.range(0));
  const std::uint64_t written = BytesWritten();
  for (auto _ : state) {
    for (Event& e : batch) e.time = NextTime();
    auto appended = vault->AppendBatch(batch);
    if (!appended) {
      state.SkipWithError(appended.error().ToString().c_str());
      return;
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  SetWrittenPerEvent(state, written);
}
BENCHMARK(BM_AuditAppendAll)->Arg(10)->Arg(100)->Arg(1000)->Arg(5000)->UseRealTime();

// One audit_events row as AuditLog writes it.
struct PlainRow {
  std::int64_t time_us = 0;
  std::string actor, institution, action, result, entry, leaf_hash;
};

// The rows of Events(), encoded and hashed exactly as AuditLog does (with a real keyring).
const std::vector<PlainRow>& Rows() {
  static const std::vector<PlainRow> rows = [] {
    auto vault = BenchVault::Create(TempPath("rows"));
    auto hasher = Must(crypto::NewHasher(vault->keyring().suite()), "hasher");
    const TreeHasher tree(*hasher);
    std::vector<PlainRow> out;
    for (std::size_t i = 0; i < Events().size(); ++i) {
      const Event& e = Events()[i];
      PlainRow row{UnixMicros(e.time),
                   e.actor_user,
                   e.actor_institution,
                   e.action,
                   std::string(OutcomeName(e.result)),
                   {},
                   {}};
      row.entry =
          Must(EncodeEntry(e, i, [&](std::string_view v) { return vault->keyring().AuditHash(v); }),
               "encode");
      row.leaf_hash = Must(tree.HashLeaf(row.entry), "hash");
      out.push_back(std::move(row));
    }
    return out;
  }();
  return rows;
}

// A plain SQLite database with the store's durability settings and one prepared INSERT.
class PlainTable {
 public:
  PlainTable(const std::string& path, bool indexed) : path_(path) {
    Check(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr));
    // The settings the store applies at every open (sqlite_store.h 1-3 and 5).
    Exec(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
        "PRAGMA secure_delete = ON; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 10000;"
        "CREATE TABLE plain (seq INTEGER PRIMARY KEY, time_us INTEGER NOT NULL, actor TEXT NOT "
        "NULL, institution TEXT NOT NULL, action TEXT NOT NULL, result TEXT NOT NULL, entry BLOB "
        "NOT NULL, leaf_hash BLOB NOT NULL) STRICT;");
    if (indexed) {
      Exec(
          "CREATE INDEX plain_by_time ON plain (time_us); CREATE INDEX plain_by_actor ON plain "
          "(actor, time_us); CREATE INDEX plain_by_action ON plain (action, time_us);");
    }
    Check(sqlite3_prepare_v2(db_,
                             "INSERT INTO plain (seq, time_us, actor, institution, action, result, "
                             "entry, leaf_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                             -1, &insert_, nullptr));
  }
  ~PlainTable() {
    sqlite3_finalize(insert_);
    sqlite3_close_v2(db_);
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
  }

  // Inserts rows[0, n) as seq next_seq_... in one transaction and commits it.
  void InsertBatch(const std::vector<PlainRow>& rows, std::size_t n) {
    Exec("BEGIN IMMEDIATE");
    for (std::size_t i = 0; i < n; ++i) {
      const PlainRow& r = rows[i];
      sqlite3_bind_int64(insert_, 1, next_seq_++);
      sqlite3_bind_int64(insert_, 2, r.time_us);
      BindText(3, r.actor);
      BindText(4, r.institution);
      BindText(5, r.action);
      BindText(6, r.result);
      sqlite3_bind_blob64(insert_, 7, r.entry.data(), r.entry.size(), SQLITE_STATIC);
      sqlite3_bind_blob64(insert_, 8, r.leaf_hash.data(), r.leaf_hash.size(), SQLITE_STATIC);
      if (sqlite3_step(insert_) != SQLITE_DONE) Check(sqlite3_errcode(db_));
      sqlite3_reset(insert_);
    }
    Exec("COMMIT");
  }

 private:
  void BindText(int i, const std::string& s) {
    sqlite3_bind_text64(insert_, i, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
  }
  void Exec(const char* sql) { Check(sqlite3_exec(db_, sql, nullptr, nullptr, nullptr)); }
  void Check(int rc) {
    if (rc == SQLITE_OK) return;
    std::fprintf(stderr, "audit_bench: sqlite: %s\n", sqlite3_errmsg(db_));
    std::abort();
  }

  std::string path_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  std::int64_t next_seq_ = 0;
};

void PlainInsert(benchmark::State& state, bool indexed) {
  static std::map<std::pair<std::int64_t, bool>, std::unique_ptr<PlainTable>> tables;
  auto& table = tables[{state.range(0), indexed}];
  if (!table) table = std::make_unique<PlainTable>(TempPath("plain") + ".db", indexed);
  std::vector<PlainRow> rows = Rows();
  const std::uint64_t written = BytesWritten();
  for (auto _ : state) {
    for (PlainRow& r : rows) r.time_us = UnixMicros(NextTime());
    table->InsertBatch(rows, static_cast<std::size_t>(state.range(0)));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  SetWrittenPerEvent(state, written);
}

void BM_AuditPlainInsert(benchmark::State& state) { PlainInsert(state, false); }
void BM_AuditPlainInsertIndexed(benchmark::State& state) { PlainInsert(state, true); }
BENCHMARK(BM_AuditPlainInsert)->Arg(10)->Arg(100)->Arg(1000)->Arg(5000)->UseRealTime();
BENCHMARK(BM_AuditPlainInsertIndexed)->Arg(10)->Arg(100)->Arg(1000)->Arg(5000)->UseRealTime();

}  // namespace
}  // namespace cv::audit::bench
