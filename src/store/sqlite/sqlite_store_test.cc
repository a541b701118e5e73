// Tests for the SQLite backend: transactions, binding, error mapping, settings, file modes,
// threading, and the shredding guarantees (secure_delete + Flush).
#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <limits>
#include <thread>

#include "common/testing/scoped_temp_dir.h"

namespace cv::store::sqlite {
namespace {

using test::ModeOf;
using test::ScopedTempDir;
using test::ScopedUmask;

// A schema for these tests only.
const std::vector<Migration> kTestSchema = {
    {1, "test",
     "CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, n INTEGER, r REAL, b BLOB);"
     "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
     "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES "
     "parent(id))"},
};

class SqliteStoreTest : public ::testing::Test {
 protected:
  std::string path() const { return dir_.Join("cvault.db"); }

  std::unique_ptr<Store> OpenTestStore() {
    auto store = OpenSqliteStore(path(), {.create_if_missing = true, .migrations = &kTestSchema});
    EXPECT_TRUE(store) << store.error().ToString();
    return store ? std::move(*store) : nullptr;
  }

  std::unique_ptr<Tx> Begin(Store& store, TxMode mode = TxMode::kWrite) {
    auto tx = store.Begin(mode);
    EXPECT_TRUE(tx) << tx.error().ToString();
    return tx ? std::move(*tx) : nullptr;
  }

  // The number of rows in t, read in a fresh transaction.
  std::int64_t CountT(Store& store) {
    auto tx = Begin(store, TxMode::kRead);
    auto row = tx->QueryOne("SELECT count(*) FROM t");
    EXPECT_TRUE(row && *row);
    return *(*row)->Int(0);
  }

  // The text of the one-row, one-column answer to `sql`.
  std::string QueryText(Store& store, std::string_view sql) {
    auto tx = Begin(store);
    auto row = tx->QueryOne(sql);
    EXPECT_TRUE(row && *row) << sql;
    const Value& v = (*row)->value(0);
    if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    return *(*row)->Text(0);
  }

  ScopedTempDir dir_;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_F(SqliteStoreTest, CommitPersistsAcrossReopen) {
  {
    auto store = OpenTestStore();
    auto tx = Begin(*store);
    ASSERT_TRUE(tx->Exec("INSERT INTO t (k) VALUES (?1)", {Text("kept")}));
    ASSERT_TRUE(tx->Commit());
  }
  auto store = OpenTestStore();
  auto tx = Begin(*store, TxMode::kRead);
  auto row = tx->QueryOne("SELECT k FROM t");
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(*(*row)->Text(0), "kept");
}

TEST_F(SqliteStoreTest, DestroyedTxRollsBack) {
  auto store = OpenTestStore();
  {
    auto tx = Begin(*store);
    ASSERT_EQ(*tx->Exec("INSERT INTO t (k) VALUES ('gone')"), 1);
  }
  EXPECT_EQ(CountT(*store), 0);
}

TEST_F(SqliteStoreTest, ConstraintViolationIsConflictAndChangesNothing) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  ASSERT_TRUE(tx->Exec("INSERT INTO t (k, n) VALUES ('a', 1)"));
  auto dup = tx->Exec("INSERT INTO t (k, n) VALUES ('a', 2)");
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code(), ErrorCode::kConflict);
  EXPECT_NE(dup.error().message().find("UNIQUE constraint failed: t.k"), std::string::npos);
  // The Tx stays usable, with the first insert and without the second.
  ASSERT_TRUE(tx->Exec("INSERT INTO t (k, n) VALUES ('b', 3)"));
  ASSERT_TRUE(tx->Commit());
  tx.reset();
  auto read = Begin(*store, TxMode::kRead);
  auto sum = read->QueryOne("SELECT sum(n), count(*) FROM t");
  EXPECT_EQ(*(*sum)->Int(0), 4);
  EXPECT_EQ(*(*sum)->Int(1), 2);
}

TEST_F(SqliteStoreTest, ForeignKeysAreEnforced) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  auto orphan = tx->Exec("INSERT INTO child (parent_id) VALUES (42)");
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code(), ErrorCode::kConflict);
  EXPECT_NE(orphan.error().message().find("FOREIGN KEY"), std::string::npos);
}

TEST_F(SqliteStoreTest, BindsAndReadsBackEveryType) {
  auto store = OpenTestStore();
  const std::string blob("\0\x01\xff\0tail", 8);
  const std::int64_t big = std::numeric_limits<std::int64_t>::min();
  auto tx = Begin(*store);
  ASSERT_TRUE(tx->Exec("INSERT INTO t (id, k, n, r, b) VALUES (?1, ?2, ?3, ?4, ?5)",
                       {1, Text("身份证 \x01"), big, 0.125, Blob(blob)}));
  ASSERT_TRUE(tx->Exec("INSERT INTO t (id, k, n, r, b) VALUES (?1, ?2, ?3, ?4, ?5)",
                       {2, Text(""), Null(), Null(), Blob("")}));
  auto rows = tx->Query("SELECT k, n, r, b FROM t ORDER BY id");
  ASSERT_TRUE(rows) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 2u);
  const Row& full = (*rows)[0];
  EXPECT_EQ(*full.Text(0), "身份证 \x01");
  EXPECT_EQ(*full.Int(1), big);
  EXPECT_EQ(*full.Real(2), 0.125);
  EXPECT_EQ(*full.Blob(3), blob);  // All 8 bytes, NULs included.
  const Row& empty = (*rows)[1];
  EXPECT_EQ(*empty.Text(0), "");
  EXPECT_TRUE(empty.IsNull(1));
  EXPECT_TRUE(empty.IsNull(2));
  ASSERT_FALSE(empty.IsNull(3));  // An empty blob stays a blob, not NULL.
  EXPECT_EQ(*empty.Blob(3), "");
}

TEST_F(SqliteStoreTest, SpanOverloadsTakeAVector) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  const std::vector<Value> params = {Text("v"), 9};
  ASSERT_EQ(*tx->Exec("INSERT INTO t (k, n) VALUES (?1, ?2)", std::span<const Value>(params)), 1);
  const std::vector<Value> key = {Text("v")};
  auto row = tx->QueryOne("SELECT n FROM t WHERE k = ?1", key);
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(*(*row)->Int(0), 9);
}

TEST_F(SqliteStoreTest, ErrorMessagesNeverContainBoundValues) {
  auto store = OpenTestStore();
  constexpr std::string_view kMarker = "MARKER-PII-5c1e9a";
  auto tx = Begin(*store);
  ASSERT_TRUE(tx->Exec("INSERT INTO t (k) VALUES (?1)", {Text(kMarker)}));
  auto dup = tx->Exec("INSERT INTO t (k) VALUES (?1)", {Text(kMarker)});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().message().find(kMarker), std::string::npos) << dup.error().message();
  auto orphan = tx->Exec("INSERT INTO child (parent_id) VALUES (?1)", {Text(kMarker)});
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().message().find(kMarker), std::string::npos) << orphan.error().message();
}

TEST_F(SqliteStoreTest, ErrorMessagesQuoteTheStartOfTheSql) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  auto bad = tx->Exec(
      "INSERT INTO no_such_table (a_rather_long_column_name, another_long_column_name) "
      "VALUES (1, 2)");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), ErrorCode::kInternal);
  EXPECT_NE(bad.error().message().find("no such table: no_such_table"), std::string::npos);
  EXPECT_NE(
      bad.error().message().find("(SQL: INSERT INTO no_such_table (a_rather_long_column_name"),
      std::string::npos);
  EXPECT_EQ(bad.error().message().find("VALUES"), std::string::npos);  // Cut after ~60 chars.
}

TEST_F(SqliteStoreTest, DurabilitySettingsAreInEffect) {
  auto store = OpenTestStore();
  EXPECT_EQ(QueryText(*store, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryText(*store, "PRAGMA synchronous"), "2");  // FULL
  EXPECT_EQ(QueryText(*store, "PRAGMA foreign_keys"), "1");
  EXPECT_EQ(QueryText(*store, "PRAGMA secure_delete"), "1");
  EXPECT_EQ(QueryText(*store, "PRAGMA busy_timeout"), "5000");
}

TEST_F(SqliteStoreTest, NewDatabaseFilesArePrivateWhateverTheUmask) {
  ScopedUmask umask(0);
  auto store = OpenTestStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(ModeOf(path()), 0600);
  EXPECT_EQ(ModeOf(path() + "-wal"), 0600);
  EXPECT_EQ(ModeOf(path() + "-shm"), 0600);
}

TEST_F(SqliteStoreTest, ExistingDatabaseLosesGroupAndOtherPermissions) {
  OpenTestStore().reset();
  ASSERT_EQ(::chmod(path().c_str(), 0644), 0);
  auto store = OpenTestStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(ModeOf(path()), 0600);
}

TEST_F(SqliteStoreTest, NotADatabaseIsMalformed) {
  {
    std::ofstream out(path(), std::ios::binary);
    out << std::string(4096, 'x');
  }
  auto store = OpenSqliteStore(path(), {.migrations = &kTestSchema});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kMalformed);
}

TEST_F(SqliteStoreTest, DirectoryIsNotADatabase) {
  auto store = OpenSqliteStore(dir_.path(), {.create_if_missing = true});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(SqliteStoreTest, MissingParentDirectoryIsNotFound) {
  auto store = OpenSqliteStore(dir_.Join("no/cvault.db"), {.create_if_missing = true});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, NestedBeginOnTheSameThreadIsRefusedNotDeadlocked) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  for (TxMode mode : {TxMode::kWrite, TxMode::kRead}) {
    auto nested = store->Begin(mode);
    ASSERT_FALSE(nested);
    EXPECT_EQ(nested.error().code(), ErrorCode::kFailedPrecondition);
    EXPECT_EQ(nested.error().message(), "transaction already open on this thread");
  }
  EXPECT_EQ(store->SchemaVersion().error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(store->Flush().error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(tx->Exec("INSERT INTO t (k) VALUES ('still usable')"));
}

TEST_F(SqliteStoreTest, BeginSucceedsOnceThePreviousTxIsDestroyed) {
  auto store = OpenTestStore();
  for (int i = 0; i < 3; ++i) {
    auto tx = Begin(*store);
    ASSERT_NE(tx, nullptr);
    ASSERT_TRUE(tx->Commit());
  }
  EXPECT_TRUE(store->SchemaVersion());
}

TEST_F(SqliteStoreTest, CommitReleasesTheConnectionWhileTheTxIsInScope) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  ASSERT_TRUE(tx->Exec("INSERT INTO t (k) VALUES ('a')"));
  ASSERT_TRUE(tx->Commit());
  EXPECT_TRUE(store->Flush());  // The keyring's pattern: commit, then flush, in one scope.
  auto next = store->Begin();
  ASSERT_TRUE(next) << next.error().ToString();
  EXPECT_EQ(*(*(*next)->QueryOne("SELECT count(*) FROM t"))->Int(0), 1);
}

TEST_F(SqliteStoreTest, FailedCommitRollsBackAndReleases) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  ASSERT_TRUE(tx->Exec("PRAGMA defer_foreign_keys = ON"));
  ASSERT_TRUE(tx->Exec("INSERT INTO t (k) VALUES ('lost')"));
  ASSERT_TRUE(tx->Exec("INSERT INTO child (parent_id) VALUES (7)"));  // Checked at COMMIT.
  auto committed = tx->Commit();
  ASSERT_FALSE(committed);
  EXPECT_EQ(committed.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(CountT(*store), 0);  // Rolled back, and the connection is free again.
}

TEST_F(SqliteStoreTest, CommitInsideForEachIsRefused) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  ASSERT_TRUE(tx->Exec("INSERT INTO t (k) VALUES ('a')"));
  std::optional<ErrorCode> inner;
  ASSERT_TRUE(tx->ForEach("SELECT k FROM t", {}, [&](const Row&) -> Result<bool> {
    auto committed = tx->Commit();
    if (!committed) inner = committed.error().code();
    return true;
  }));
  EXPECT_EQ(inner, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(tx->Commit());
}

TEST_F(SqliteStoreTest, TwoThreadsWritingConcurrentlyBothSucceed) {
  auto store = OpenTestStore();
  constexpr int kPerThread = 50;
  std::atomic<int> failures{0};
  auto writer = [&](int thread) {
    for (int i = 0; i < kPerThread; ++i) {
      auto tx = store->Begin();
      bool ok = tx.has_value();
      // Read-modify-write: lost updates would show if transactions interleaved.
      if (ok) ok = (*tx)->Exec("INSERT OR IGNORE INTO t (k, n) VALUES ('counter', 0)").has_value();
      if (ok) ok = (*tx)->Exec("UPDATE t SET n = n + 1 WHERE k = 'counter'").has_value();
      if (ok)
        ok = (*tx)
                 ->Exec("INSERT INTO t (k) VALUES (?1)",
                        {Text(std::to_string(thread) + "-" + std::to_string(i))})
                 .has_value();
      if (ok) ok = (*tx)->Commit().has_value();
      if (!ok) ++failures;
    }
  };
  std::thread a(writer, 1);
  std::thread b(writer, 2);
  a.join();
  b.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(CountT(*store), 2 * kPerThread + 1);
  EXPECT_EQ(QueryText(*store, "SELECT n FROM t WHERE k = 'counter'"),
            std::to_string(2 * kPerThread));
}

TEST_F(SqliteStoreTest, ReaderOnAnotherConnectionSeesTheLastCommitDuringAWrite) {
  auto writer_store = OpenTestStore();
  auto reader_store = OpenTestStore();
  auto writer = Begin(*writer_store);
  ASSERT_TRUE(writer->Exec("INSERT INTO t (k) VALUES ('uncommitted')"));
  EXPECT_EQ(CountT(*reader_store), 0);  // WAL: not blocked, and no dirty read.
  ASSERT_TRUE(writer->Commit());
  writer.reset();
  EXPECT_EQ(CountT(*reader_store), 1);
}

TEST_F(SqliteStoreTest, ReadTxRefusesStatementsThatWrite) {
  auto store = OpenTestStore();
  auto tx = Begin(*store, TxMode::kRead);
  auto write = tx->Exec("INSERT INTO t (k) VALUES ('x')");
  ASSERT_FALSE(write);
  EXPECT_EQ(write.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(tx->ExecScript("CREATE TABLE z (a)").error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(tx->Query("SELECT * FROM t"));
}

TEST_F(SqliteStoreTest, EveryCallAfterCommitIsFailedPrecondition) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  ASSERT_TRUE(tx->Commit());
  EXPECT_EQ(tx->Commit().error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(tx->Exec("SELECT 1").error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(tx->Query("SELECT 1").error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(tx->LastInsertId().error().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(SqliteStoreTest, CommitStatementThroughExecEndsTheTx) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  auto commit = tx->Exec("COMMIT");
  ASSERT_FALSE(commit);
  EXPECT_EQ(commit.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(tx->Exec("SELECT 1").error().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(SqliteStoreTest, ExecReturnsRowsChanged) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  ASSERT_EQ(*tx->Exec("INSERT INTO t (k) VALUES ('a'), ('b'), ('c')"), 3);
  EXPECT_EQ(*tx->Exec("UPDATE t SET n = 1 WHERE k <> 'a'"), 2);
  EXPECT_EQ(*tx->Exec("UPDATE t SET n = 1 WHERE k = 'nobody'"), 0);
  EXPECT_EQ(*tx->Exec("CREATE TABLE u (x)"), 0);
  EXPECT_EQ(*tx->Exec("SELECT * FROM t"), 0);
}

TEST_F(SqliteStoreTest, QueryOneReturnsNothingOneOrRefusesSeveral) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  EXPECT_EQ(*tx->QueryOne("SELECT k FROM t"), std::nullopt);
  ASSERT_TRUE(tx->Exec("INSERT INTO t (k) VALUES ('a'), ('b')"));
  auto one = tx->QueryOne("SELECT k FROM t WHERE k = ?1", {Text("b")});
  ASSERT_TRUE(one && *one);
  EXPECT_EQ(*(*one)->Text(0), "b");
  auto several = tx->QueryOne("SELECT k FROM t");
  ASSERT_FALSE(several);
  EXPECT_EQ(several.error().code(), ErrorCode::kInternal);
}

TEST_F(SqliteStoreTest, ForEachStopsWhenTheCallbackSaysSo) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  ASSERT_TRUE(tx->Exec("INSERT INTO t (n) VALUES (1), (2), (3), (4)"));
  std::vector<std::int64_t> seen;
  ASSERT_TRUE(tx->ForEach("SELECT n FROM t ORDER BY n", {}, [&](const Row& row) -> Result<bool> {
    seen.push_back(*row.Int(0));
    return seen.size() < 2;
  }));
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2}));
}

TEST_F(SqliteStoreTest, ForEachPropagatesTheCallbacksError) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  ASSERT_TRUE(tx->Exec("INSERT INTO t (n) VALUES (1), (2)"));
  int calls = 0;
  auto status = tx->ForEach("SELECT n FROM t", {}, [&](const Row&) -> Result<bool> {
    ++calls;
    return Fail(ErrorCode::kMalformed, "bad row");
  });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code(), ErrorCode::kMalformed);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(tx->Exec("SELECT n FROM t"));  // The statement was given back.
}

TEST_F(SqliteStoreTest, TheSameQueryRunsInsideItsOwnForEach) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  ASSERT_TRUE(tx->Exec("INSERT INTO t (n) VALUES (1), (2)"));
  constexpr std::string_view kSql = "SELECT n FROM t ORDER BY n";
  std::int64_t pairs = 0;
  ASSERT_TRUE(tx->ForEach(kSql, {}, [&](const Row&) -> Result<bool> {
    auto inner = tx->Query(kSql);
    CV_RETURN_IF_ERROR(inner);
    pairs += static_cast<std::int64_t>(inner->size());
    return true;
  }));
  EXPECT_EQ(pairs, 4);
}

TEST_F(SqliteStoreTest, LastInsertIdAndReturningAgree) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  ASSERT_TRUE(tx->Exec("INSERT INTO t (id, k) VALUES (41, 'a')"));
  EXPECT_EQ(*tx->LastInsertId(), 41);
  auto returned = tx->QueryOne("INSERT INTO t (k) VALUES (?1) RETURNING id", {Text("b")});
  ASSERT_TRUE(returned && *returned) << returned.error().ToString();
  EXPECT_EQ(*(*returned)->Int(0), 42);
  EXPECT_EQ(*tx->LastInsertId(), 42);
}

TEST_F(SqliteStoreTest, InsertGivesTheNewIdOrNothingOnConflict) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  auto first =
      tx->Insert("INSERT INTO t (id, k) VALUES (7, ?1) ON CONFLICT (k) DO NOTHING", {Text("a")});
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(*first, std::optional<std::int64_t>(7));
  auto again = tx->Insert("INSERT INTO t (k) VALUES (?1) ON CONFLICT (k) DO NOTHING", {Text("a")});
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->has_value());  // not 7 again: nothing was inserted
  auto next = tx->Insert("INSERT INTO t (k) VALUES (?1)", {Text("b")});
  ASSERT_TRUE(next);
  EXPECT_EQ(*next, std::optional<std::int64_t>(8));
  EXPECT_EQ(tx->Insert("INSERT INTO t (k) VALUES (?1)", {Text("a")}).error().code(),
            ErrorCode::kConflict);
}

TEST_F(SqliteStoreTest, WrongParameterCountIsInvalidArgument) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  EXPECT_EQ(tx->Exec("INSERT INTO t (k, n) VALUES (?1, ?2)", {Text("a")}).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(tx->Exec("INSERT INTO t (k) VALUES (?1)", {Text("a"), 1}).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(*(*tx->QueryOne("SELECT count(*) FROM t"))->Int(0), 0);
}

TEST_F(SqliteStoreTest, OnlyNumberedPlaceholdersAreAccepted) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  for (std::string_view sql :
       {"SELECT ?", "SELECT :name", "SELECT @name", "SELECT $name", "SELECT ?2", "SELECT ?1, ?3"}) {
    auto q = tx->Query(sql, {1, 2, 3});
    ASSERT_FALSE(q) << sql;
    EXPECT_EQ(q.error().code(), ErrorCode::kInvalidArgument) << sql;
  }
  auto reused = tx->QueryOne("SELECT ?1 + ?1", {20});
  ASSERT_TRUE(reused && *reused);
  EXPECT_EQ(*(*reused)->Int(0), 40);
}

TEST_F(SqliteStoreTest, SeveralStatementsInOneCallAreRefused) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  auto two = tx->Exec("INSERT INTO t (k) VALUES ('a'); DELETE FROM t");
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(tx->Exec("SELECT 1; -- a trailing comment is fine"));
  EXPECT_EQ(tx->Exec("  ").error().code(), ErrorCode::kInvalidArgument);
}

TEST_F(SqliteStoreTest, FailingScriptLeavesNothingAndTheTxUsable) {
  auto store = OpenTestStore();
  auto tx = Begin(*store);
  auto script = tx->ExecScript("INSERT INTO t (k) VALUES ('a'); INSERT INTO nope VALUES (1)");
  ASSERT_FALSE(script);
  EXPECT_EQ(*(*tx->QueryOne("SELECT count(*) FROM t"))->Int(0), 0);
  ASSERT_TRUE(tx->ExecScript("INSERT INTO t (k) VALUES ('b'); INSERT INTO t (k) VALUES ('c')"));
  ASSERT_TRUE(tx->Commit());
  tx.reset();
  EXPECT_EQ(CountT(*store), 2);
}

TEST_F(SqliteStoreTest, FlushTruncatesTheWal) {
  auto store = OpenTestStore();
  {
    auto tx = Begin(*store);
    ASSERT_TRUE(tx->Exec("INSERT INTO t (k) VALUES ('x')"));
    ASSERT_TRUE(tx->Commit());
  }
  ASSERT_GT(std::filesystem::file_size(path() + "-wal"), 0u);
  ASSERT_TRUE(store->Flush());
  EXPECT_EQ(std::filesystem::file_size(path() + "-wal"), 0u);
  EXPECT_EQ(CountT(*store), 1);
}

// Crypto-shredding relies on this: after DELETE + Flush, no copy of the deleted bytes remains in
// the database file or its WAL.
TEST_F(SqliteStoreTest, DeletedBytesAreGoneFromTheFilesAfterFlush) {
  auto store = OpenTestStore();
  const std::string marker = "WRAPPED-KEY-MARKER-" + std::string(64, 'k');
  {
    auto tx = Begin(*store);
    ASSERT_TRUE(tx->Exec("INSERT INTO t (k, b) VALUES ('victim', ?1)", {Blob(marker)}));
    ASSERT_TRUE(tx->Exec("INSERT INTO t (k, b) VALUES ('neighbour', ?1)", {Blob("other")}));
    ASSERT_TRUE(tx->Commit());
  }
  ASSERT_TRUE(store->Flush());
  ASSERT_NE(Slurp(path()).find(marker), std::string::npos);  // The check below can fail.
  {
    auto tx = Begin(*store);
    ASSERT_EQ(*tx->Exec("DELETE FROM t WHERE k = 'victim'"), 1);
    ASSERT_TRUE(tx->Commit());
  }
  ASSERT_TRUE(store->Flush());
  EXPECT_EQ(Slurp(path()).find(marker), std::string::npos);
  EXPECT_EQ(Slurp(path() + "-wal").find(marker), std::string::npos);
}

}  // namespace
}  // namespace cv::store::sqlite

namespace cv::store::sqlite {
namespace {

TEST_F(SqliteStoreTest, ReadTransactionsProceedWhileAWriteIsOpen) {
  auto store = OpenTestStore();
  auto write = Begin(*store, TxMode::kWrite);
  ASSERT_TRUE(write->Exec("INSERT INTO t (id, k) VALUES (1, 'uncommitted')"));
  // Another thread reads the last committed state without waiting for the writer.
  std::thread reader([&] {
    auto read = store->Begin(TxMode::kRead);
    ASSERT_TRUE(read);
    auto row = (*read)->QueryOne("SELECT count(*) FROM t");
    ASSERT_TRUE(row);
    EXPECT_EQ((*row)->Int(0).value_or(-1), 0);
  });
  reader.join();
  ASSERT_TRUE(write->Commit());
  auto read = Begin(*store, TxMode::kRead);
  auto row = read->QueryOne("SELECT count(*) FROM t");
  EXPECT_EQ((*row)->Int(0).value_or(-1), 1);  // read after write on the same thread
}

TEST_F(SqliteStoreTest, AThreadHoldingAReadTxCannotBeginAnother) {
  auto store = OpenTestStore();
  auto read = Begin(*store, TxMode::kRead);
  for (TxMode mode : {TxMode::kRead, TxMode::kWrite}) {
    auto second = store->Begin(mode);
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code(), ErrorCode::kFailedPrecondition);
  }
  EXPECT_FALSE(store->Flush());
}

}  // namespace
}  // namespace cv::store::sqlite
