// Tests for StatementCache (hits, LRU eviction, private copies for nested use, cleared bindings)
// and for the SQLite error mapping.
#include "store/sqlite/internal/statement_cache.h"

#include <gtest/gtest.h>

#include "store/sqlite/internal/errors.h"

namespace cv::store::sqlite::internal {
namespace {

class SqliteStatementCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(":memory:", &raw), SQLITE_OK);
    db_.reset(raw);
  }

  // Declared before the caches, so it is closed after them.
  DbPtr db_;
};

TEST_F(SqliteStatementCacheTest, HitReusesTheCompiledStatement) {
  StatementCache cache(4);
  sqlite3_stmt* first = nullptr;
  {
    auto lease = cache.Acquire(db_.get(), "SELECT 1");
    ASSERT_TRUE(lease);
    first = lease->get();
  }
  auto again = cache.Acquire(db_.get(), "SELECT 1");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->get(), first);
  EXPECT_EQ(cache.prepare_count(), 1u);
}

TEST_F(SqliteStatementCacheTest, StatementInUseIsNotSharedWithANestedUser) {
  StatementCache cache(4);
  auto outer = cache.Acquire(db_.get(), "SELECT 1");
  ASSERT_TRUE(outer);
  auto inner = cache.Acquire(db_.get(), "SELECT 1");
  ASSERT_TRUE(inner);
  EXPECT_NE(inner->get(), outer->get());
  EXPECT_EQ(cache.size(), 1u);  // The private copy is not cached.
}

TEST_F(SqliteStatementCacheTest, EvictsTheLeastRecentlyUsed) {
  StatementCache cache(2);
  for (const char* sql : {"SELECT 1", "SELECT 2", "SELECT 1", "SELECT 3"}) {
    ASSERT_TRUE(cache.Acquire(db_.get(), sql));
  }
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.prepare_count(), 3u);
  ASSERT_TRUE(cache.Acquire(db_.get(), "SELECT 1"));  // Used recently: still cached.
  EXPECT_EQ(cache.prepare_count(), 3u);
  ASSERT_TRUE(cache.Acquire(db_.get(), "SELECT 2"));  // Evicted by SELECT 3.
  EXPECT_EQ(cache.prepare_count(), 4u);
}

TEST_F(SqliteStatementCacheTest, LentStatementsAreNotEvicted) {
  StatementCache cache(1);
  auto held = cache.Acquire(db_.get(), "SELECT 1");
  ASSERT_TRUE(held);
  ASSERT_TRUE(cache.Acquire(db_.get(), "SELECT 2"));
  EXPECT_EQ(sqlite3_step(held->get()), SQLITE_ROW);  // Still a live statement.
  EXPECT_EQ(cache.size(), 2u);
}

TEST_F(SqliteStatementCacheTest, ReturnedStatementIsResetWithBindingsCleared) {
  StatementCache cache(4);
  {
    auto lease = cache.Acquire(db_.get(), "SELECT ?1");
    ASSERT_TRUE(lease);
    ASSERT_EQ(sqlite3_bind_text(lease->get(), 1, "personal", -1, SQLITE_STATIC), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(lease->get()), SQLITE_ROW);
  }
  auto lease = cache.Acquire(db_.get(), "SELECT ?1");
  ASSERT_TRUE(lease);
  ASSERT_EQ(sqlite3_step(lease->get()), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_type(lease->get(), 0), SQLITE_NULL);
}

TEST_F(SqliteStatementCacheTest, RefusesWhatTheConventionForbids) {
  StatementCache cache(4);
  EXPECT_EQ(cache.Acquire(db_.get(), "SELECT 1; SELECT 2").error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(cache.Acquire(db_.get(), "SELECT :x").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(cache.Acquire(db_.get(), "").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(cache.Acquire(db_.get(), "SELEKT 1").error().code(), ErrorCode::kInternal);
  EXPECT_EQ(cache.size(), 0u);
}

TEST_F(SqliteStatementCacheTest, ColumnNamesAreKeptUntilTheStatementIsReprepared) {
  ASSERT_EQ(sqlite3_exec(db_.get(), "CREATE TABLE t (a INTEGER)", nullptr, nullptr, nullptr),
            SQLITE_OK);
  StatementCache cache(4);
  ColumnNamesPtr first;
  {
    auto lease = cache.Acquire(db_.get(), "SELECT * FROM t");
    ASSERT_TRUE(lease);
    first = lease->names();
    EXPECT_EQ(*first, std::vector<std::string>{"a"});
    EXPECT_EQ(lease->names(), first);  // The same shared list: nothing rebuilt.
  }
  ASSERT_EQ(sqlite3_exec(db_.get(), "ALTER TABLE t ADD COLUMN b TEXT", nullptr, nullptr, nullptr),
            SQLITE_OK);
  auto lease = cache.Acquire(db_.get(), "SELECT * FROM t");
  ASSERT_TRUE(lease);
  ASSERT_EQ(sqlite3_step(lease->get()), SQLITE_DONE);  // SQLite re-prepares it for the new schema.
  EXPECT_EQ(*lease->names(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(*first, std::vector<std::string>{"a"});  // Rows already returned keep their names.
}

TEST(SqliteErrorsTest, CodesMapAsDocumented) {
  EXPECT_EQ(CodeFor(SQLITE_CONSTRAINT_UNIQUE), ErrorCode::kConflict);
  EXPECT_EQ(CodeFor(SQLITE_CONSTRAINT_FOREIGNKEY), ErrorCode::kConflict);
  EXPECT_EQ(CodeFor(SQLITE_BUSY), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(CodeFor(SQLITE_LOCKED_SHAREDCACHE), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(CodeFor(SQLITE_CORRUPT), ErrorCode::kMalformed);
  EXPECT_EQ(CodeFor(SQLITE_NOTADB), ErrorCode::kMalformed);
  EXPECT_EQ(CodeFor(SQLITE_FULL), ErrorCode::kResourceExhausted);
  EXPECT_EQ(CodeFor(SQLITE_NOMEM), ErrorCode::kResourceExhausted);
  EXPECT_EQ(CodeFor(SQLITE_IOERR_WRITE), ErrorCode::kInternal);
  EXPECT_EQ(CodeFor(SQLITE_ERROR), ErrorCode::kInternal);
}

TEST(SqliteErrorsTest, ExcerptCollapsesWhitespaceAndCutsAt60Bytes) {
  EXPECT_EQ(SqlExcerpt("  SELECT\n\t a  FROM t  "), "SELECT a FROM t");
  const std::string long_sql = "SELECT " + std::string(100, 'x');
  EXPECT_EQ(SqlExcerpt(long_sql), long_sql.substr(0, 60) + "...");
  EXPECT_EQ(SqlExcerpt(long_sql.substr(0, 60)), long_sql.substr(0, 60));
}

TEST(SqliteErrorsTest, ExcerptNeverSplitsAUtf8Character) {
  const std::string sql = std::string(59, 'a') + "表名";  // 59 + 3 + 3 bytes.
  EXPECT_EQ(SqlExcerpt(sql), std::string(59, 'a') + "...");
}

}  // namespace
}  // namespace cv::store::sqlite::internal
