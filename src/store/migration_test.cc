// Tests for migrations: list validation, checksums, the refusal rules, and the schema of
// migration 1 (the keyring's tables).
#include "store/migration.h"

#include <gtest/gtest.h>

#include <set>

#include "common/testing/scoped_temp_dir.h"
#include "store/store.h"

namespace cv::store {
namespace {

using test::ScopedTempDir;

const std::vector<Migration> kOne = {{1, "a", "CREATE TABLE a (x INTEGER)"}};
const std::vector<Migration> kTwo = {{1, "a", "CREATE TABLE a (x INTEGER)"},
                                     {2, "b", "CREATE TABLE b (y TEXT); INSERT INTO a VALUES (1)"}};

class MigrationTest : public ::testing::Test {
 protected:
  Result<std::unique_ptr<Store>> Open(const std::vector<Migration>& migrations) {
    return OpenStore({.url = "sqlite:" + dir_.Join("cvault.db"),
                      .create_if_missing = true,
                      .migrations = &migrations});
  }

  // Opens with `migrations`, expecting success.
  std::unique_ptr<Store> MustOpen(const std::vector<Migration>& migrations) {
    auto store = Open(migrations);
    EXPECT_TRUE(store) << store.error().ToString();
    return store ? std::move(*store) : nullptr;
  }

  // The names of the tables and indexes in the database.
  std::set<std::string> SchemaObjects(Store& store) {
    std::set<std::string> names;
    auto tx = store.Begin(TxMode::kRead);
    EXPECT_TRUE(tx);
    auto rows = (*tx)->Query("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')");
    EXPECT_TRUE(rows);
    for (const Row& row : *rows) names.insert(*row.Text(0));
    return names;
  }

  ScopedTempDir dir_;
};

TEST(MigrationChecksumTest, IsFnv1a64InHex) {
  // Published FNV-1a 64 test values (Fowler/Noll/Vo reference, "test vectors for FNV-1a").
  EXPECT_EQ(MigrationChecksum(""), "cbf29ce484222325");
  EXPECT_EQ(MigrationChecksum("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(MigrationChecksum("foobar"), "85944171f73967e8");
}

TEST(MigrationChecksumTest, ProjectMigrationsArePinned) {
  // DO NOT CHANGE: if this fails, an applied migration was edited; restore it, add a new one.
  // (Migration 1 was last edited before any release, to make data key ids AUTOINCREMENT.)
  ASSERT_GE(Migrations().size(), 2u);
  EXPECT_EQ(Migrations()[0].name, "keyring");
  EXPECT_EQ(MigrationChecksum(Migrations()[0].sql), "9268ba224c163dbe");
  EXPECT_EQ(Migrations()[1].name, "audit_log");
  EXPECT_EQ(MigrationChecksum(Migrations()[1].sql), "1aed7186adc11356");
  ASSERT_GE(Migrations().size(), 3u);
  EXPECT_EQ(Migrations()[2].name, "access");
  EXPECT_EQ(MigrationChecksum(Migrations()[2].sql), "7355a05f9e5f66bb");
  ASSERT_GE(Migrations().size(), 4u);
  EXPECT_EQ(Migrations()[3].name, "approvals");
  EXPECT_EQ(MigrationChecksum(Migrations()[3].sql), "2f1118d4d148c8d1");
  ASSERT_GE(Migrations().size(), 5u);
  EXPECT_EQ(Migrations()[4].name, "credit");
  EXPECT_EQ(MigrationChecksum(Migrations()[4].sql), "fbf57a473ad8007b");
  ASSERT_GE(Migrations().size(), 6u);
  EXPECT_EQ(Migrations()[5].name, "ingest_layout");
  EXPECT_EQ(MigrationChecksum(Migrations()[5].sql), "88fb06bee6597d81");
}

TEST(MigrationListTest, ProjectListIsValid) { EXPECT_TRUE(ValidateMigrations(Migrations())); }

TEST(MigrationListTest, EmptyListIsValid) { EXPECT_TRUE(ValidateMigrations({})); }

TEST(MigrationListTest, GapIsInvalidArgument) {
  auto valid = ValidateMigrations({{1, "a", "SELECT 1"}, {3, "c", "SELECT 1"}});
  ASSERT_FALSE(valid);
  EXPECT_EQ(valid.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(valid.error().message().find("version 3, expected 2"), std::string::npos);
}

TEST(MigrationListTest, MustStartAtOne) {
  EXPECT_FALSE(ValidateMigrations({{2, "b", "SELECT 1"}}));
  EXPECT_FALSE(ValidateMigrations({{0, "z", "SELECT 1"}}));
}

TEST(MigrationListTest, DuplicateOrDescendingIsInvalid) {
  EXPECT_FALSE(ValidateMigrations({{1, "a", "SELECT 1"}, {1, "b", "SELECT 1"}}));
  EXPECT_FALSE(ValidateMigrations({{2, "b", "SELECT 1"}, {1, "a", "SELECT 1"}}));
}

TEST(MigrationListTest, NameAndSqlAreRequired) {
  EXPECT_FALSE(ValidateMigrations({{1, "", "SELECT 1"}}));
  EXPECT_FALSE(ValidateMigrations({{1, "a", ""}}));
}

TEST_F(MigrationTest, OpenWithABadListIsInvalidArgumentAndChangesNothing) {
  const std::vector<Migration> gap = {{1, "a", "CREATE TABLE a (x)"},
                                      {3, "c", "CREATE TABLE c (x)"}};
  auto store = Open(gap);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kInvalidArgument);
  auto reopened = MustOpen({});
  EXPECT_EQ(SchemaObjects(*reopened).count("a"), 0u);
}

TEST_F(MigrationTest, AppliesEachInOrderAndRecordsIt) {
  auto store = MustOpen(kTwo);
  EXPECT_EQ(*store->SchemaVersion(), 2);
  auto tx = store->Begin(TxMode::kRead);
  auto rows = (*tx)->Query("SELECT version, name, checksum, applied_at FROM schema_migrations");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ(*(*rows)[1].Int(0), 2);
  EXPECT_EQ(*(*rows)[1].Text(1), "b");
  EXPECT_EQ(*(*rows)[1].Text(2), MigrationChecksum(kTwo[1].sql));
  EXPECT_EQ((*rows)[1].Text(3)->size(), std::string("2026-01-01T00:00:00Z").size());
  auto a = (*tx)->QueryOne("SELECT count(*) FROM a");  // Migration 2 ran after migration 1.
  EXPECT_EQ(*(*a)->Int(0), 1);
}

TEST_F(MigrationTest, ReopeningAppliesOnlyTheNewOnes) {
  MustOpen(kOne).reset();
  auto store = MustOpen(kTwo);  // Would fail "table a already exists" if 1 ran again.
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->SchemaVersion(), 2);
}

TEST_F(MigrationTest, ReopeningWithTheSameListIsANoOp) {
  MustOpen(kTwo).reset();
  auto store = MustOpen(kTwo);
  ASSERT_NE(store, nullptr);
  auto tx = store->Begin(TxMode::kRead);
  EXPECT_EQ(*(*(*tx)->QueryOne("SELECT count(*) FROM a"))->Int(0), 1);
}

TEST_F(MigrationTest, ChangedChecksumIsRefused) {
  MustOpen(kOne).reset();
  const std::vector<Migration> edited = {{1, "a", "CREATE TABLE a (x TEXT)"}};
  auto store = Open(edited);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(store.error().message().find("migration 1 changed after it was applied"),
            std::string::npos);
}

TEST_F(MigrationTest, NewerDatabaseIsRefused) {
  MustOpen(kTwo).reset();
  auto store = Open(kOne);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(store.error().message().find("database schema v2 is newer than this cvault (v1)"),
            std::string::npos);
}

TEST_F(MigrationTest, GapInTheDatabaseIsRefused) {
  {
    auto store = MustOpen(kTwo);
    auto tx = store->Begin();
    ASSERT_TRUE((*tx)->Exec("DELETE FROM schema_migrations WHERE version = 1"));
    ASSERT_TRUE((*tx)->Commit());
  }
  auto store = Open(kTwo);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(store.error().message().find("has migration 2 but not migration 1"), std::string::npos);
}

TEST_F(MigrationTest, FailingMigrationLeavesNoTrace) {
  const std::vector<Migration> broken = {
      kOne[0], {2, "broken", "CREATE TABLE b (y); INSERT INTO no_such_table VALUES (1)"}};
  auto store = Open(broken);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message().find("migration 2 (broken) failed"), std::string::npos);
  auto reopened = MustOpen(kOne);
  EXPECT_EQ(*reopened->SchemaVersion(), 1);
  EXPECT_EQ(SchemaObjects(*reopened).count("b"), 0u);
}

TEST_F(MigrationTest, KeyringMigrationCreatesItsTables) {
  auto store = MustOpen(Migrations());
  const auto names = SchemaObjects(*store);
  for (const char* name : {"schema_migrations", "meta", "key_versions", "data_keys",
                           "destroyed_keys", "rewrap_jobs", "data_keys_by_kek"}) {
    EXPECT_EQ(names.count(name), 1u) << name;
  }
}

// Runs `sql` with `params` in its own transaction; returns the error code, or nullopt on success.
std::optional<ErrorCode> TryInsert(Store& store, std::string_view sql,
                                   std::initializer_list<Value> params) {
  auto tx = store.Begin();
  auto done = (*tx)->Exec(sql, params);
  if (!done) return done.error().code();
  EXPECT_TRUE((*tx)->Commit());
  return std::nullopt;
}

TEST_F(MigrationTest, KeyVersionsEnforceStateAndVersion) {
  auto store = MustOpen(Migrations());
  constexpr std::string_view kInsert =
      "INSERT INTO key_versions (purpose, grade, version, state, wrapped, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
  const Value now = Text("2026-01-01T00:00:00Z");
  EXPECT_EQ(
      TryInsert(*store, kInsert, {Text("kek"), Text("C3"), 1, Text("primary"), Blob("w"), now}),
      std::nullopt);
  EXPECT_EQ(TryInsert(*store, kInsert, {Text("kek"), Text("C3"), 2, Text("bogus"), Blob("w"), now}),
            ErrorCode::kConflict);
  EXPECT_EQ(
      TryInsert(*store, kInsert, {Text("kek"), Text("C3"), 0, Text("active"), Blob("w"), now}),
      ErrorCode::kConflict);
  EXPECT_EQ(
      TryInsert(*store, kInsert, {Text("kek"), Text("C3"), 1, Text("active"), Blob("w"), now}),
      ErrorCode::kConflict);  // Primary key (purpose, grade, version).
  EXPECT_EQ(TryInsert(*store, kInsert, {Text("kek"), Text("C2"), 1, Text("retired"), Null(), now}),
            std::nullopt);  // A retired version keeps no wrapped key.
}

TEST_F(MigrationTest, DataKeysEnforceGradeUniquenessAndStrictTypes) {
  auto store = MustOpen(Migrations());
  constexpr std::string_view kInsert =
      "INSERT INTO data_keys (subject, grade, kek_version, wrapped, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)";
  const Value now = Text("2026-01-01T00:00:00Z");
  EXPECT_EQ(TryInsert(*store, kInsert, {Text("s1"), Text("C1"), 1, Blob("w"), now}), std::nullopt);
  EXPECT_EQ(TryInsert(*store, kInsert, {Text("s1"), Text("C1"), 1, Blob("w"), now}),
            ErrorCode::kConflict);  // UNIQUE (subject, grade).
  EXPECT_EQ(TryInsert(*store, kInsert, {Text("s1"), Text("C4"), 1, Blob("w"), now}),
            ErrorCode::kConflict);
  EXPECT_EQ(TryInsert(*store, kInsert, {Text("s2"), Text("C1"), Text("one"), Blob("w"), now}),
            ErrorCode::kConflict);  // STRICT: TEXT in an INTEGER column.
  EXPECT_EQ(TryInsert(*store, kInsert, {Text("s3"), Text("C1"), 1, Null(), now}),
            ErrorCode::kConflict);  // wrapped NOT NULL.
}

// Migration 6 rebuilds data_keys: rows and ids stay, and the id of a key destroyed before the
// upgrade is still never given again (AUTOINCREMENT sequence kept; CRY-5).
TEST_F(MigrationTest, DataKeysRebuildKeepsRowsIdsAndTheSequence) {
  const std::vector<Migration> upto5(Migrations().begin(), Migrations().begin() + 5);
  constexpr std::string_view kInsert =
      "INSERT INTO data_keys (subject, grade, kek_version, wrapped, created_at) "
      "VALUES (?1, ?2, 1, ?3, '2026-01-01T00:00:00Z')";
  {
    auto store = MustOpen(upto5);
    auto tx = store->Begin();
    ASSERT_TRUE(tx);
    for (auto [subject, grade] : {std::pair{"s1", "C1"}, {"s1", "C2"}, {"s2", "C2"}}) {
      ASSERT_TRUE((*tx)->Exec(kInsert, {Text(subject), Text(grade), Blob("w")}));
    }
    ASSERT_TRUE((*tx)->Exec("DELETE FROM data_keys WHERE id = 3"));  // destroyed: 3 is spent
    ASSERT_TRUE((*tx)->Commit());
  }
  auto store = MustOpen(Migrations());
  auto tx = store->Begin();
  ASSERT_TRUE(tx);
  auto rows = (*tx)->Query("SELECT id, subject, grade FROM data_keys ORDER BY id");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ(*(*rows)[1].Int(0), 2);
  EXPECT_EQ(*(*rows)[1].Text(2), "C2");
  auto id = (*tx)->Insert(kInsert, {Text("s3"), Text("C1"), Blob("w")});
  ASSERT_TRUE(id) << id.error().ToString();
  EXPECT_EQ(*id, std::optional<std::int64_t>(4));  // not 3 again
  EXPECT_EQ((*tx)->Exec(kInsert, {Text("s4"), Text("C4"), Blob("w")}).error().code(),
            ErrorCode::kConflict);  // the grade CHECK holds after the rebuild
  tx->reset();
  EXPECT_TRUE(SchemaObjects(*store).contains("data_keys_by_kek"));
  EXPECT_FALSE(SchemaObjects(*store).contains("data_keys_m1"));
}

// A fresh database (no key ever made) gets no sequence row from the rebuild, and its first key
// is id 1.
TEST_F(MigrationTest, DataKeysRebuildOnAnEmptyTable) {
  auto store = MustOpen(Migrations());
  auto tx = store->Begin();
  ASSERT_TRUE(tx);
  auto id = (*tx)->Insert(
      "INSERT INTO data_keys (subject, grade, kek_version, wrapped, created_at) VALUES ('s', "
      "'C1', 1, x'00', 'now')",
      {});
  ASSERT_TRUE(id) << id.error().ToString();
  EXPECT_EQ(*id, std::optional<std::int64_t>(1));
}

TEST_F(MigrationTest, RewrapJobsDefaultTheirCounters) {
  auto store = MustOpen(Migrations());
  auto tx = store->Begin();
  ASSERT_TRUE(
      (*tx)->Exec("INSERT INTO rewrap_jobs (grade, target_version, state, total_count, started_at) "
                  "VALUES ('C2', 2, 'running', 10, '2026-01-01T00:00:00Z')"));
  auto row = (*tx)->QueryOne("SELECT last_key_id, done_count, finished_at FROM rewrap_jobs");
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(*(*row)->Int(0), 0);
  EXPECT_EQ(*(*row)->Int(1), 0);
  EXPECT_TRUE((*row)->IsNull(2));
  EXPECT_EQ((*tx)->Exec("UPDATE rewrap_jobs SET state = 'paused'").error().code(),
            ErrorCode::kConflict);
}

}  // namespace
}  // namespace cv::store
