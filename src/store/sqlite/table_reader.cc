// TableReader over the sqlite3 C API: a read-only connection, quoted identifiers, text cells.
#include "store/sqlite/table_reader.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace cv::store::sqlite {
namespace {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

constexpr int kBusyTimeoutMs = 2000;  // Wait this long for a writer's lock before giving up.

// User tables, excluding SQLite's own (sqlite_sequence, sqlite_stat1, ...).
constexpr const char* kListTablesSql =
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
    "ESCAPE '\\' ORDER BY name";

// `name` as an SQL identifier: in double quotes, with every '"' doubled.
std::string QuoteIdentifier(const std::string& name) {
  std::string quoted = "\"";
  for (char c : name) {
    quoted.push_back(c);
    if (c == '"') quoted.push_back('"');
  }
  quoted.push_back('"');
  return quoted;
}

// The error code for a failed SQLite call: damaged files are malformed, the rest unreadable.
ErrorCode CodeFor(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
      return ErrorCode::kMalformed;
    case SQLITE_NOMEM:
      return ErrorCode::kResourceExhausted;
    default:
      return ErrorCode::kUnreadable;
  }
}

// An Error for a failed call on `db`. SQLite's messages name objects, never cell values.
Error DbError(sqlite3* db, int rc, const std::string& what) {
  return Error(CodeFor(rc), what + ": " + sqlite3_errmsg(db));
}

// Prepares `sql` on `db`.
Result<StmtPtr> Prepare(sqlite3* db, const std::string& sql, const std::string& what) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr);
  StmtPtr stmt(raw);
  if (rc != SQLITE_OK) return std::unexpected(DbError(db, rc, what));
  return stmt;
}

// True when `path` is a WAL-mode database with no -wal file beside it: its data is all in the main
// file, and a plain read-only open would create -wal and -shm files (SQLite >= 3.22).
bool IsQuiescentWal(const std::string& path) {
  constexpr std::string_view kMagic("SQLite format 3\0", 16);  // File format 1.3: the header.
  char header[20] = {};
  std::ifstream in(path, std::ios::binary);
  if (!in.read(header, sizeof(header))) return false;
  if (std::string_view(header, kMagic.size()) != kMagic) return false;
  const bool wal = header[18] == 2 && header[19] == 2;  // Read and write format versions.
  std::error_code ec;
  return wal && !std::filesystem::exists(path + "-wal", ec);
}

// A "file:" URI for `path` with immutable=1: no locks, no -wal/-shm files. `path` is made
// absolute and percent-encoded so that '?', '#' and '%' in it stay part of the path.
std::string ImmutableUri(const std::string& path) {
  std::error_code ec;
  const std::string absolute = std::filesystem::absolute(path, ec).string();
  std::string uri = "file://";
  for (unsigned char c : ec ? path : absolute) {
    if (std::isalnum(c) != 0 ||
        std::string_view("/-._~").find(static_cast<char>(c)) != std::string_view::npos) {
      uri.push_back(static_cast<char>(c));
    } else {
      constexpr char kHex[] = "0123456789ABCDEF";
      uri += {'%', kHex[c >> 4], kHex[c & 0xf]};
    }
  }
  return uri + "?immutable=1";
}

// Opens the connection; SQLITE_OPEN_READONLY never creates the file nor writes to it.
Result<DbPtr> OpenConnection(const std::string& path) {
  int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
  std::string name = path;
  if (IsQuiescentWal(path)) {
    flags |= SQLITE_OPEN_URI;
    name = ImmutableUri(path);
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
  DbPtr db(raw);  // Owned even on failure: sqlite3_open_v2 may allocate a handle regardless.
  if (db == nullptr) return Fail(ErrorCode::kResourceExhausted, "cannot open " + path);
  if (rc != SQLITE_OK) {
    return Fail(ErrorCode::kUnreadable, "cannot open " + path + ": " + sqlite3_errmsg(db.get()));
  }
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  sqlite3_extended_result_codes(db.get(), 1);
  return db;
}

// Reads the schema, which SQLite opens lazily: a file that is not a database fails here.
Status VerifyDatabase(sqlite3* db, const std::string& path) {
  auto stmt = Prepare(db, "SELECT count(*) FROM sqlite_master", "cannot read " + path);
  int rc = stmt ? sqlite3_step(stmt->get()) : sqlite3_extended_errcode(db);
  if (rc == SQLITE_ROW) return Ok();
  if ((rc & 0xff) == SQLITE_NOTADB) {
    return Fail(ErrorCode::kUnreadable, path + " is not an SQLite database");
  }
  return Fail(ErrorCode::kUnreadable, "cannot read " + path + ": " + sqlite3_errmsg(db));
}

// Fills `cells` with the current row of `stmt`; views point into SQLite's row buffer.
void ReadRow(sqlite3_stmt* stmt, std::vector<Cell>& cells) {
  for (int i = 0; i < static_cast<int>(cells.size()); ++i) {
    Cell& cell = cells[static_cast<std::size_t>(i)];
    const int type = sqlite3_column_type(stmt, i);
    cell.is_null = type == SQLITE_NULL;
    cell.is_blob = type == SQLITE_BLOB;
    cell.text = {};
    if (cell.is_null || cell.is_blob) continue;
    // Text first, then bytes: the documented order that keeps the pointer valid.
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
    const int bytes = sqlite3_column_bytes(stmt, i);
    if (text != nullptr) cell.text = std::string_view(text, static_cast<std::size_t>(bytes));
  }
}

}  // namespace

struct TableReader::Impl {
  std::string path;
  DbPtr db;

  // Ok when `table` is a user table; kNotFound naming it (and the tables there are) otherwise.
  Status CheckTable(const std::string& table, const std::vector<std::string>& tables) const {
    if (std::ranges::find(tables, table) != tables.end()) return Ok();
    std::string known;
    for (const auto& name : tables) known += (known.empty() ? "" : ", ") + QuoteIdentifier(name);
    return Fail(ErrorCode::kNotFound, "no table " + QuoteIdentifier(table) + " in " + path +
                                          " (tables: " + (known.empty() ? "none" : known) + ")");
  }

  // SELECT * over `table`, in rowid order unless the table has no rowid.
  Result<StmtPtr> SelectAll(const std::string& table) const {
    const std::string select = "SELECT * FROM " + QuoteIdentifier(table);
    auto ordered = Prepare(db.get(), select + " ORDER BY rowid", "");
    if (ordered) return ordered;  // Fails only for WITHOUT ROWID tables; they have a key order.
    return Prepare(db.get(), select, "cannot read table " + QuoteIdentifier(table));
  }
};

TableReader::~TableReader() = default;

Result<std::unique_ptr<TableReader>> TableReader::Open(const std::string& path) {
  if (path.find('\0') != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "database path contains a NUL byte");
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Fail(ErrorCode::kUnreadable, "cannot open " + path + ": is a directory");
  }
  auto db = OpenConnection(path);
  if (!db) return std::unexpected(db.error());
  CV_RETURN_IF_ERROR(VerifyDatabase(db->get(), path));
  std::unique_ptr<TableReader> reader(new TableReader());
  reader->impl_ = std::make_unique<Impl>(Impl{path, std::move(*db)});
  return reader;
}

Result<std::vector<std::string>> TableReader::Tables() const {
  sqlite3* db = impl_->db.get();
  auto stmt = Prepare(db, kListTablesSql, "cannot list tables of " + impl_->path);
  if (!stmt) return std::unexpected(stmt.error());
  std::vector<std::string> tables;
  int rc;
  while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
    const auto* name = reinterpret_cast<const char*>(sqlite3_column_text(stmt->get(), 0));
    const int bytes = sqlite3_column_bytes(stmt->get(), 0);
    tables.emplace_back(name == nullptr ? "" : std::string(name, static_cast<std::size_t>(bytes)));
  }
  if (rc != SQLITE_DONE)
    return std::unexpected(DbError(db, rc, "cannot list tables of " + impl_->path));
  return tables;
}

Result<std::vector<std::string>> TableReader::Columns(const std::string& table) const {
  auto tables = Tables();
  if (!tables) return std::unexpected(tables.error());
  CV_RETURN_IF_ERROR(impl_->CheckTable(table, *tables));
  auto stmt = impl_->SelectAll(table);
  if (!stmt) return std::unexpected(stmt.error());
  const int count = sqlite3_column_count(stmt->get());
  std::vector<std::string> columns;
  columns.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    const char* name = sqlite3_column_name(stmt->get(), i);
    if (name == nullptr)
      return Fail(ErrorCode::kResourceExhausted, "out of memory reading columns");
    columns.emplace_back(name);
  }
  return columns;
}

Status TableReader::ForEachRow(const std::string& table,
                               const std::function<bool(std::span<const Cell>)>& on_row) const {
  auto tables = Tables();
  if (!tables) return std::unexpected(tables.error());
  CV_RETURN_IF_ERROR(impl_->CheckTable(table, *tables));
  auto stmt = impl_->SelectAll(table);
  if (!stmt) return std::unexpected(stmt.error());
  std::vector<Cell> cells(static_cast<std::size_t>(sqlite3_column_count(stmt->get())));
  int rc;
  while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
    ReadRow(stmt->get(), cells);
    if (!on_row(cells)) return Ok();
  }
  if (rc != SQLITE_DONE) {
    return std::unexpected(
        DbError(impl_->db.get(), rc, "cannot read table " + QuoteIdentifier(table)));
  }
  return Ok();
}

}  // namespace cv::store::sqlite
