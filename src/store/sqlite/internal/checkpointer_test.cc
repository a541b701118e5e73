// Checkpointer: the WAL hook wakes the thread once enough frames are committed, and the thread's
// PASSIVE checkpoint copies them into the database file while the writer goes on.
#include "store/sqlite/internal/checkpointer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>

#include "common/testing/scoped_temp_dir.h"
#include "store/sqlite/internal/open.h"

namespace cv::store::sqlite::internal {
namespace {

long FileSize(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<long>(st.st_size) : -1;
}

void Exec(sqlite3* db, const char* sql) {
  ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
}

class CheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.path() + "/t.db";
    ASSERT_TRUE(PrepareDatabaseFile(path_, true));
    auto writer = OpenDatabase(path_);
    ASSERT_TRUE(writer) << writer.error().ToString();
    writer_ = std::move(*writer);
    Exec(writer_.get(), "CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)");
  }
  // `n` commits of one 8 KiB row each: at least two WAL frames per commit.
  void Commit(int n) {
    for (int i = 0; i < n; ++i) {
      Exec(writer_.get(), "INSERT INTO t (body) VALUES (zeroblob(8192))");
    }
  }

  test::ScopedTempDir dir_;
  std::string path_;
  DbPtr writer_;
};

TEST_F(CheckpointerTest, CommitsPastTheMarkAreCopiedIntoTheDatabaseFile) {
  sqlite3_wal_autocheckpoint(writer_.get(), 0);  // the frames pile up in the WAL
  Commit(40);
  const long before = FileSize(path_);
  auto own = OpenDatabase(path_);
  ASSERT_TRUE(own);
  Checkpointer checkpointer(std::move(*own), writer_.get(), /*pages=*/20);
  Commit(1);  // the hook sees > 80 frames and wakes the thread
  ASSERT_GE(checkpointer.WaitForRuns(1, std::chrono::seconds(30)), 1u);
  // The 41 rows of 8 KiB were copied into the main file by the thread (no reader held them).
  EXPECT_GT(FileSize(path_), before + 40 * 8192);
}

TEST_F(CheckpointerTest, CommitsBelowTheMarkWakeNothing) {
  auto own = OpenDatabase(path_);
  ASSERT_TRUE(own);
  Checkpointer checkpointer(std::move(*own), writer_.get(), /*pages=*/100000);
  Commit(20);
  EXPECT_EQ(checkpointer.runs(), 0u);
  EXPECT_EQ(checkpointer.WaitForRuns(1, std::chrono::milliseconds(50)), 0u);
}

TEST_F(CheckpointerTest, DetachingRestoresTheWritersOwnCheckpoints) {
  {
    auto own = OpenDatabase(path_);
    ASSERT_TRUE(own);
    Checkpointer checkpointer(std::move(*own), writer_.get(), /*pages=*/20);
  }
  const long before = FileSize(path_);
  Commit(40);  // the writer's automatic checkpoint (every 20 frames) copies them
  EXPECT_GT(FileSize(path_), before + 40 * 8192 / 2);
}

}  // namespace
}  // namespace cv::store::sqlite::internal
