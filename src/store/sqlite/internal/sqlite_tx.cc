// SqliteTx: binding parameters, stepping statements and reading rows on the sqlite3 C API.
#include "store/sqlite/internal/sqlite_tx.h"

#include <fmt/format.h>

#include <utility>

#include "common/log.h"

namespace cv::store::sqlite::internal {
namespace {

constexpr std::string_view kScriptSavepoint = "SAVEPOINT cv_script";
constexpr std::string_view kScriptRelease = "RELEASE cv_script";
constexpr std::string_view kScriptUndo = "ROLLBACK TO cv_script";

// Binds `v` as parameter `index`. Text and blobs are bound SQLITE_STATIC: they outlive the step,
// and the statement's bindings are cleared when its lease ends.
int BindOne(sqlite3_stmt* stmt, int index, const Value& v) {
  switch (v.index()) {
    case 1:
      return sqlite3_bind_int64(stmt, index, std::get<std::int64_t>(v));
    case 2:
      return sqlite3_bind_double(stmt, index, std::get<double>(v));
    case 3: {
      const std::string& text = std::get<std::string>(v);
      return sqlite3_bind_text64(stmt, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
    }
    case 4: {  // data() is never null, so an empty blob stays a blob rather than NULL.
      const std::string& bytes = std::get<Bytes>(v).data;
      return sqlite3_bind_blob64(stmt, index, bytes.data(), bytes.size(), SQLITE_STATIC);
    }
    default:
      return sqlite3_bind_null(stmt, index);
  }
}

Status Bind(sqlite3* db, sqlite3_stmt* stmt, std::span<const Value> params, std::string_view sql) {
  const auto expected = static_cast<std::size_t>(sqlite3_bind_parameter_count(stmt));
  if (params.size() != expected) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("SQL expects {} parameters, got {} (SQL: {})", expected, params.size(),
                            SqlExcerpt(sql)));
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int rc = BindOne(stmt, static_cast<int>(i) + 1, params[i]);
    if (rc != SQLITE_OK) return std::unexpected(SqliteError(db, rc, sql));
  }
  return Ok();
}

std::string ColumnText(const unsigned char* text, int bytes) {
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(bytes)};
}

Value ReadValue(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER:
      return static_cast<std::int64_t>(sqlite3_column_int64(stmt, i));
    case SQLITE_FLOAT:
      return sqlite3_column_double(stmt, i);
    case SQLITE_TEXT: {  // Pointer first, then size: the documented safe order.
      const unsigned char* text = sqlite3_column_text(stmt, i);
      return ColumnText(text, sqlite3_column_bytes(stmt, i));
    }
    case SQLITE_BLOB: {
      const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(stmt, i));
      return Bytes{ColumnText(blob, sqlite3_column_bytes(stmt, i))};
    }
    default:
      return std::monostate{};
  }
}

Row ReadRow(sqlite3_stmt* stmt, const ColumnNamesPtr& names) {
  std::vector<Value> values;
  values.reserve(names->size());
  for (int i = 0; i < static_cast<int>(names->size()); ++i) values.push_back(ReadValue(stmt, i));
  return Row(std::move(values), names);
}

}  // namespace

SqliteTx::SqliteTx(std::shared_ptr<Connection> conn, std::unique_lock<std::mutex> lock, TxMode mode)
    : conn_(std::move(conn)), lock_(std::move(lock)), mode_(mode) {}

SqliteTx::~SqliteTx() { Release(); }

void SqliteTx::Release() {
  if (!lock_.owns_lock()) return;
  if (sqlite3_get_autocommit(db()) == 0) {  // Invariant 1 of store::Tx: roll back if not committed.
    auto rolled_back = conn_->Run("ROLLBACK");
    if (!rolled_back) CV_LOG_ERROR("store: rollback failed: {}", rolled_back.error().message());
  }
  conn_->owner.store(std::thread::id());
  lock_.unlock();
}

Status SqliteTx::CheckOpen() const {
  if (state_ == State::kOpen) return Ok();
  return Fail(ErrorCode::kFailedPrecondition, "the transaction is no longer open");
}

Result<StatementCache::Lease> SqliteTx::Prepare(std::string_view sql,
                                                std::span<const Value> params) {
  auto stmt = conn_->cache.Acquire(db(), sql);
  if (!stmt) return std::unexpected(stmt.error());
  if (mode_ == TxMode::kRead && sqlite3_stmt_readonly(stmt->get()) == 0) {
    return Fail(
        ErrorCode::kFailedPrecondition,
        "a read transaction cannot run a statement that writes (SQL: " + SqlExcerpt(sql) + ")");
  }
  CV_RETURN_IF_ERROR(Bind(db(), stmt->get(), params, sql));
  return stmt;
}

Error SqliteTx::Failed(int rc, std::string_view sql) {
  Error error = SqliteError(db(), rc, sql);
  if (sqlite3_get_autocommit(db()) == 0) return error;
  state_ = State::kEnded;  // SQLite rolled back the whole transaction (e.g. disk full).
  return Error(error.code(), error.message() + "; the transaction was rolled back");
}

Status SqliteTx::CheckStillOpen(std::string_view sql) {
  if (sqlite3_get_autocommit(db()) == 0) return Ok();
  state_ = State::kEnded;
  return Fail(ErrorCode::kFailedPrecondition,
              "the statement ended the transaction; use Commit() or destroy the Tx (SQL: " +
                  SqlExcerpt(sql) + ")");
}

Result<std::int64_t> SqliteTx::DoExec(std::string_view sql, std::span<const Value> params) {
  CV_RETURN_IF_ERROR(CheckOpen());
  auto stmt = Prepare(sql, params);
  if (!stmt) return std::unexpected(stmt.error());
  const std::int64_t before = sqlite3_total_changes64(db());
  int rc;
  while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) return std::unexpected(Failed(rc, sql));
  // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE; a DDL statement or a
  // query changed nothing, which the total tells.
  const std::int64_t changed =
      sqlite3_total_changes64(db()) == before ? 0 : sqlite3_changes64(db());
  CV_RETURN_IF_ERROR(CheckStillOpen(sql));
  return changed;
}

Status SqliteTx::DoForEach(std::string_view sql, std::span<const Value> params, const RowFn& fn) {
  CV_RETURN_IF_ERROR(CheckOpen());
  auto stmt = Prepare(sql, params);
  if (!stmt) return std::unexpected(stmt.error());
  const ColumnNamesPtr names = stmt->names();
  ++depth_;  // Invariant 3.
  int rc = SQLITE_DONE;
  Result<bool> more = true;
  while (more && *more && (rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
    more = fn(ReadRow(stmt->get(), names));
  }
  --depth_;
  if (!more) return std::unexpected(more.error());
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return std::unexpected(Failed(rc, sql));
  return CheckStillOpen(sql);
}

Status SqliteTx::ExecScript(std::string_view sql) {
  CV_RETURN_IF_ERROR(CheckOpen());
  if (mode_ == TxMode::kRead) {
    return Fail(ErrorCode::kFailedPrecondition, "ExecScript needs a write transaction");
  }
  // In a savepoint, so that a failing script leaves nothing behind (invariant 3 of store::Tx).
  CV_RETURN_IF_ERROR(conn_->Run(kScriptSavepoint));
  const std::string script(sql);  // NUL-terminated for sqlite3_exec.
  const int rc = sqlite3_exec(db(), script.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    Error error = Failed(rc, sql);
    if (state_ == State::kOpen && conn_->Run(kScriptUndo)) (void)conn_->Run(kScriptRelease);
    return std::unexpected(std::move(error));
  }
  CV_RETURN_IF_ERROR(CheckStillOpen(sql));
  return conn_->Run(kScriptRelease);
}

Result<std::int64_t> SqliteTx::LastInsertId() {
  CV_RETURN_IF_ERROR(CheckOpen());
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db()));
}

Status SqliteTx::Commit() {
  CV_RETURN_IF_ERROR(CheckOpen());
  if (depth_ > 0) {
    return Fail(ErrorCode::kFailedPrecondition, "Commit cannot run inside a ForEach callback");
  }
  state_ = State::kEnded;  // Invariant 2 of store::Tx, whatever COMMIT returns.
  auto committed = conn_->Run("COMMIT");
  Release();  // A failed COMMIT leaves the transaction open: Release rolls it back.
  return committed;
}

}  // namespace cv::store::sqlite::internal
