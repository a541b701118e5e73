// StatementCache: an LRU list of prepared statements indexed by SQL text.
#include "store/sqlite/internal/statement_cache.h"

#include <cctype>
#include <climits>
#include <utility>

namespace cv::store::sqlite::internal {
namespace {

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

// Ok when nothing but whitespace and comments follows the first statement in `sql`.
Status CheckSingleStatement(sqlite3* db, std::string_view rest, std::string_view sql) {
  if (IsBlank(rest)) return Ok();
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db, rest.data(), static_cast<int>(rest.size()), &raw, nullptr);
  StmtPtr next(raw);
  if (rc == SQLITE_OK && next == nullptr) return Ok();  // Only comments.
  return Fail(
      ErrorCode::kInvalidArgument,
      "one SQL statement per call; use ExecScript for several (SQL: " + SqlExcerpt(sql) + ")");
}

// Convention 1 of store.h: parameter i is written ?i, and every number up to the highest is used.
Status CheckPlaceholders(sqlite3_stmt* stmt, std::string_view sql) {
  const int count = sqlite3_bind_parameter_count(stmt);
  for (int i = 1; i <= count; ++i) {
    const char* name = sqlite3_bind_parameter_name(stmt, i);
    if (name == nullptr || name != "?" + std::to_string(i)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "SQL parameters must be written ?1, ?2, ... and each number used (SQL: " +
                      SqlExcerpt(sql) + ")");
    }
  }
  return Ok();
}

ColumnNamesPtr ColumnNames(sqlite3_stmt* stmt) {
  auto names = std::make_shared<std::vector<std::string>>();
  for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
    const char* name = sqlite3_column_name(stmt, i);
    names->emplace_back(name == nullptr ? "" : name);
  }
  return names;
}

}  // namespace

StatementCache::Lease::Lease(Entry* entry, StmtPtr owned)
    : entry_(entry),
      owned_(std::move(owned)),
      stmt_(entry != nullptr ? entry->stmt.get() : owned_.get()) {}

StatementCache::Lease::Lease(Lease&& other) noexcept
    : entry_(std::exchange(other.entry_, nullptr)),
      owned_(std::move(other.owned_)),
      stmt_(std::exchange(other.stmt_, nullptr)) {}

StatementCache::Lease::~Lease() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  if (entry_ != nullptr) entry_->lent = false;
}

ColumnNamesPtr StatementCache::Lease::names() {
  if (entry_ == nullptr) return ColumnNames(stmt_);
  const int prepared = sqlite3_stmt_status(stmt_, SQLITE_STMTSTATUS_REPREPARE, 0);
  if (entry_->names == nullptr || entry_->names_prepare != prepared) {
    entry_->names = ColumnNames(stmt_);
    entry_->names_prepare = prepared;
  }
  return entry_->names;
}

Result<StatementCache::Lease> StatementCache::Acquire(sqlite3* db, std::string_view sql) {
  if (auto it = by_sql_.find(sql); it != by_sql_.end()) {
    Entry& entry = *it->second;
    if (entry.lent) {  // Invariant 1: a nested use of the same SQL gets a private copy.
      auto copy = Prepare(db, sql);
      if (!copy) return std::unexpected(copy.error());
      return Lease(nullptr, std::move(*copy));
    }
    entries_.splice(entries_.begin(), entries_, it->second);
    entry.lent = true;
    return Lease(&entry, nullptr);
  }
  auto stmt = Prepare(db, sql);
  if (!stmt) return std::unexpected(stmt.error());
  EvictIfFull();
  entries_.push_front(Entry{std::string(sql), std::move(*stmt), true, nullptr, -1});
  by_sql_.emplace(entries_.front().sql, entries_.begin());
  return Lease(&entries_.front(), nullptr);
}

void StatementCache::Clear() {
  by_sql_.clear();
  entries_.clear();
}

Result<StmtPtr> StatementCache::Prepare(sqlite3* db, std::string_view sql) {
  if (sql.size() > static_cast<std::size_t>(INT_MAX)) {
    return Fail(ErrorCode::kInvalidArgument, "SQL statement too long");
  }
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, &tail);
  StmtPtr stmt(raw);
  if (rc != SQLITE_OK) return std::unexpected(SqliteError(db, rc, sql));
  if (stmt == nullptr) return Fail(ErrorCode::kInvalidArgument, "empty SQL statement");
  const auto used = static_cast<std::size_t>(tail - sql.data());
  CV_RETURN_IF_ERROR(CheckSingleStatement(db, sql.substr(used), sql));
  CV_RETURN_IF_ERROR(CheckPlaceholders(stmt.get(), sql));
  ++prepare_count_;
  return stmt;
}

void StatementCache::EvictIfFull() {
  auto it = entries_.end();
  while (entries_.size() >= capacity_ && it != entries_.begin()) {
    --it;
    if (it->lent) continue;  // In use by a caller up the stack; keep it.
    by_sql_.erase(it->sql);
    it = entries_.erase(it);
  }
}

}  // namespace cv::store::sqlite::internal
