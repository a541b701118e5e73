// Tests for TableReader: reading back a database built here, refusals, early stop, read-only.
#include "store/sqlite/table_reader.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

namespace cv::store::sqlite {
namespace {

namespace fs = std::filesystem;

// A row as the test sees it: nullopt for NULL, "<blob>" for a BLOB, else the text.
using Row = std::vector<std::optional<std::string>>;

constexpr const char* kQuotedTable = "odd \"name\" t";

// Builds a small database with sqlite3 itself. The quoted table name and the Chinese column
// names exercise identifier quoting; the BLOB and NULL cells the Cell flags.
void BuildDatabase(const std::string& path) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
  const char* sql =
      "PRAGMA synchronous = OFF; BEGIN;"
      "CREATE TABLE customers(\"姓名\" TEXT, \"身份证号\" TEXT, age INTEGER, score REAL, photo "
      "BLOB);"
      "INSERT INTO customers VALUES('张三', '110101199003077777', 30, 2.5, x'00ff10');"
      "INSERT INTO customers VALUES('李四', NULL, NULL, NULL, NULL);"
      "INSERT INTO customers VALUES('王五', '', 41, -1.25, x'');"
      "CREATE TABLE \"odd \"\"name\"\" t\"(\"a b\" TEXT, \"c\"\"d\" INTEGER);"
      "INSERT INTO \"odd \"\"name\"\" t\" VALUES('x', 1);"
      "CREATE TABLE keyed(k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;"
      "INSERT INTO keyed VALUES('b', '2'), ('a', '1');"
      "CREATE TABLE empty(x TEXT);"
      "CREATE TABLE seq(id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);"
      "CREATE VIEW people AS SELECT \"姓名\" FROM customers;"
      "COMMIT;";
  char* err = nullptr;
  ASSERT_EQ(sqlite3_exec(db.get(), sql, nullptr, nullptr, &err), SQLITE_OK) << err;
  sqlite3_free(err);
}

// Opens `path` read-write with sqlite3 and runs `sql`; the connection is returned still open.
std::unique_ptr<sqlite3, decltype(&sqlite3_close)> Exec(const std::string& path, const char* sql) {
  sqlite3* raw = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db.get(), sql, nullptr, nullptr, &err), SQLITE_OK) << err;
  sqlite3_free(err);
  return db;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class TableReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "cv_table_reader_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    db_path_ = (dir_ / "credit.db").string();
    BuildDatabase(db_path_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<TableReader> OpenOk(const std::string& path) {
    auto reader = TableReader::Open(path);
    EXPECT_TRUE(reader) << reader.error().ToString();
    return reader ? std::move(*reader) : nullptr;
  }

  // Every row of `table`.
  std::vector<Row> ReadAll(const TableReader& reader, const std::string& table) {
    std::vector<Row> rows;
    auto status = reader.ForEachRow(table, [&rows](std::span<const Cell> cells) {
      Row row;
      for (const Cell& c : cells) {
        if (c.is_null) {
          row.emplace_back(std::nullopt);
        } else if (c.is_blob) {
          EXPECT_TRUE(c.text.empty());
          row.emplace_back("<blob>");
        } else {
          row.emplace_back(std::string(c.text));
        }
      }
      rows.push_back(std::move(row));
      return true;
    });
    EXPECT_TRUE(status) << status.error().ToString();
    return rows;
  }

  fs::path dir_;
  std::string db_path_;
};

TEST_F(TableReaderTest, ListsUserTablesInNameOrder) {
  auto reader = OpenOk(db_path_);
  ASSERT_TRUE(reader);
  auto tables = reader->Tables();
  ASSERT_TRUE(tables);
  // Views and sqlite_sequence are not listed.
  EXPECT_EQ(*tables,
            (std::vector<std::string>{"customers", "empty", "keyed", kQuotedTable, "seq"}));
}

TEST_F(TableReaderTest, ColumnsWithChineseNames) {
  auto reader = OpenOk(db_path_);
  ASSERT_TRUE(reader);
  auto columns = reader->Columns("customers");
  ASSERT_TRUE(columns) << columns.error().ToString();
  EXPECT_EQ(*columns, (std::vector<std::string>{"姓名", "身份证号", "age", "score", "photo"}));
}

TEST_F(TableReaderTest, ColumnsOfAnEmptyTable) {
  auto reader = OpenOk(db_path_);
  ASSERT_TRUE(reader);
  auto columns = reader->Columns("empty");
  ASSERT_TRUE(columns);
  EXPECT_EQ(*columns, (std::vector<std::string>{"x"}));
  EXPECT_TRUE(ReadAll(*reader, "empty").empty());
}

TEST_F(TableReaderTest, RowsAsTextWithNullAndBlob) {
  auto reader = OpenOk(db_path_);
  ASSERT_TRUE(reader);
  EXPECT_EQ(ReadAll(*reader, "customers"),
            (std::vector<Row>{
                {"张三", "110101199003077777", "30", "2.5", "<blob>"},
                {"李四", std::nullopt, std::nullopt, std::nullopt, std::nullopt},
                {"王五", "", "41", "-1.25", "<blob>"},
            }));
}

TEST_F(TableReaderTest, TableNameWithQuoteAndSpace) {
  auto reader = OpenOk(db_path_);
  ASSERT_TRUE(reader);
  auto columns = reader->Columns(kQuotedTable);
  ASSERT_TRUE(columns) << columns.error().ToString();
  EXPECT_EQ(*columns, (std::vector<std::string>{"a b", "c\"d"}));
  EXPECT_EQ(ReadAll(*reader, kQuotedTable), (std::vector<Row>{{"x", "1"}}));
}

TEST_F(TableReaderTest, WithoutRowidTableIsReadable) {
  auto reader = OpenOk(db_path_);
  ASSERT_TRUE(reader);
  EXPECT_EQ(ReadAll(*reader, "keyed"), (std::vector<Row>{{"a", "1"}, {"b", "2"}}));
}

TEST_F(TableReaderTest, UnknownTableIsNotFoundAndNamed) {
  auto reader = OpenOk(db_path_);
  ASSERT_TRUE(reader);
  auto status = reader->ForEachRow("missing", [](std::span<const Cell>) { return true; });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(status.error().message().find("\"missing\""), std::string::npos);
  EXPECT_NE(status.error().message().find("\"customers\""), std::string::npos);
  auto columns = reader->Columns("missing");
  ASSERT_FALSE(columns);
  EXPECT_EQ(columns.error().code(), ErrorCode::kNotFound);
}

TEST_F(TableReaderTest, ViewsAndInternalTablesAreNotTables) {
  auto reader = OpenOk(db_path_);
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->Columns("people").error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(reader->Columns("sqlite_master").error().code(), ErrorCode::kNotFound);
}

// An injection attempt is just an unknown (quoted) name.
TEST_F(TableReaderTest, InjectionInTableNameIsNotExecuted) {
  auto reader = OpenOk(db_path_);
  ASSERT_TRUE(reader);
  auto status = reader->ForEachRow("customers\"; DROP TABLE customers; --",
                                   [](std::span<const Cell>) { return true; });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(ReadAll(*reader, "customers").size(), 3u);
}

TEST_F(TableReaderTest, StopsEarlyWhenCallbackSaysSo) {
  auto reader = OpenOk(db_path_);
  ASSERT_TRUE(reader);
  int calls = 0;
  auto status = reader->ForEachRow("customers", [&calls](std::span<const Cell>) {
    ++calls;
    return false;
  });
  EXPECT_TRUE(status);
  EXPECT_EQ(calls, 1);
}

TEST_F(TableReaderTest, MissingFileIsUnreadableAndNotCreated) {
  const std::string path = (dir_ / "nope.db").string();
  auto reader = TableReader::Open(path);
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error().code(), ErrorCode::kUnreadable);
  EXPECT_FALSE(fs::exists(path));
}

TEST_F(TableReaderTest, TextFileIsNotADatabase) {
  const std::string path = (dir_ / "notes.db").string();
  std::ofstream(path) << "name,id\n张三,110101199003077777\n" << std::string(4096, 'x') << "\n";
  const std::string before = ReadBytes(path);
  auto reader = TableReader::Open(path);
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error().code(), ErrorCode::kUnreadable);
  EXPECT_NE(reader.error().message().find("not an SQLite database"), std::string::npos)
      << reader.error().message();
  EXPECT_EQ(reader.error().message().find("110101"), std::string::npos);
  EXPECT_EQ(ReadBytes(path), before);
}

TEST_F(TableReaderTest, ShortTextFileIsNotADatabase) {
  const std::string path = (dir_ / "short.db").string();
  std::ofstream(path) << "hello";
  auto reader = TableReader::Open(path);
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error().code(), ErrorCode::kUnreadable);
}

TEST_F(TableReaderTest, DirectoryIsUnreadable) {
  auto reader = TableReader::Open(dir_.string());
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error().code(), ErrorCode::kUnreadable);
}

// The reader never writes: same bytes afterwards, and no journal or WAL file appears.
TEST_F(TableReaderTest, ReadingLeavesTheFileUnchanged) {
  const std::string before = ReadBytes(db_path_);
  const auto mtime = fs::last_write_time(db_path_);
  {
    auto reader = OpenOk(db_path_);
    ASSERT_TRUE(reader);
    auto tables = reader->Tables();
    ASSERT_TRUE(tables);
    for (const auto& table : *tables) ReadAll(*reader, table);
    for (const char* suffix : {"-journal", "-wal", "-shm"}) {
      EXPECT_FALSE(fs::exists(db_path_ + suffix)) << suffix << " while open";
    }
  }
  EXPECT_EQ(ReadBytes(db_path_), before);
  EXPECT_EQ(fs::last_write_time(db_path_), mtime);
  for (const char* suffix : {"-journal", "-wal", "-shm"}) {
    EXPECT_FALSE(fs::exists(db_path_ + suffix)) << suffix;
  }
}

// A cleanly closed WAL database: a plain read-only open would create -wal and -shm files.
TEST_F(TableReaderTest, WalDatabaseLeavesNoSidecarFiles) {
  const std::string path = (dir_ / "wal #1?.db").string();
  Exec(path, "PRAGMA journal_mode = WAL; CREATE TABLE t(a); INSERT INTO t VALUES ('v');");
  ASSERT_FALSE(fs::exists(path + "-wal"));
  const std::string before = ReadBytes(path);
  {
    auto reader = OpenOk(path);
    ASSERT_TRUE(reader);
    EXPECT_EQ(ReadAll(*reader, "t"), (std::vector<Row>{{"v"}}));
  }
  EXPECT_EQ(ReadBytes(path), before);
  EXPECT_FALSE(fs::exists(path + "-wal"));
  EXPECT_FALSE(fs::exists(path + "-shm"));
}

// A WAL database with a live writer: rows still only in the -wal file are read too.
TEST_F(TableReaderTest, WalDatabaseWithLiveWriterIsReadInFull) {
  const std::string path = (dir_ / "live.db").string();
  auto writer = Exec(path,
                     "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
                     "CREATE TABLE t(a); INSERT INTO t VALUES ('1'), ('2');");
  ASSERT_TRUE(fs::exists(path + "-wal"));
  auto reader = OpenOk(path);
  ASSERT_TRUE(reader);
  EXPECT_EQ(ReadAll(*reader, "t"), (std::vector<Row>{{"1"}, {"2"}}));
}

TEST_F(TableReaderTest, ReadOnlyFileCanBeRead) {
  fs::permissions(db_path_, fs::perms::owner_read, fs::perm_options::replace);
  auto reader = OpenOk(db_path_);
  ASSERT_TRUE(reader);
  EXPECT_EQ(ReadAll(*reader, "customers").size(), 3u);
}

}  // namespace
}  // namespace cv::store::sqlite
