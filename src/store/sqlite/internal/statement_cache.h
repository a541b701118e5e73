// StatementCache: one connection's prepared statements, kept by SQL text (least recently used go
// first), so that hot statements are prepared once.
//
// Thread-safety: not thread-safe; used under the connection's mutex.
// Invariants:
//  1. A statement is lent to one user at a time. Acquiring SQL whose statement is lent out (a
//     query run from inside another's ForEach callback) prepares a private, uncached copy.
//  2. A returned statement is reset and its bindings cleared, so no bound value outlives its call.
//  3. Every cached statement holds exactly one SQL statement whose parameters are ?1..?N.
#ifndef CV_STORE_SQLITE_INTERNAL_STATEMENT_CACHE_H_
#define CV_STORE_SQLITE_INTERNAL_STATEMENT_CACHE_H_

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "store/sqlite/internal/errors.h"

namespace cv::store::sqlite::internal {

// The result column names of a statement, shared by the rows it returns.
using ColumnNamesPtr = std::shared_ptr<const std::vector<std::string>>;

class StatementCache {
 private:
  struct Entry {
    std::string sql;
    StmtPtr stmt;
    bool lent = false;
    ColumnNamesPtr names;    // Computed at first use (Lease::names()).
    int names_prepare = -1;  // SQLITE_STMTSTATUS_REPREPARE when `names` was computed.
  };

 public:
  // A statement on loan; gives it back (reset, bindings cleared) when destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    sqlite3_stmt* get() const { return stmt_; }
    // The statement's result column names; a cached statement keeps them until SQLite
    // re-prepares it (after a schema change), so hot queries do not rebuild them per call.
    ColumnNamesPtr names();

   private:
    friend class StatementCache;
    Lease(Entry* entry, StmtPtr owned);
    Entry* entry_;   // The cache entry lent, or nullptr for a private copy.
    StmtPtr owned_;  // The private copy, if any.
    sqlite3_stmt* stmt_;
  };

  explicit StatementCache(std::size_t capacity) : capacity_(capacity) {}
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // The prepared statement for `sql` on `db`. Errors: kInvalidArgument for empty SQL, several
  // statements or placeholders other than ?1..?N; SQLite's error (see errors.h) when it does not
  // compile. REQUIRES: every Lease is destroyed before the cache and before `db` is closed.
  Result<Lease> Acquire(sqlite3* db, std::string_view sql);

  // Finalizes every statement; call before closing the connection. REQUIRES: nothing is lent.
  void Clear();

  std::size_t size() const { return entries_.size(); }
  // How many times a statement was compiled (for tests: a cache hit does not count).
  std::uint64_t prepare_count() const { return prepare_count_; }

 private:
  Result<StmtPtr> Prepare(sqlite3* db, std::string_view sql);
  void EvictIfFull();

  const std::size_t capacity_;
  std::list<Entry> entries_;  // Most recently used first. Nodes never move: keys point into them.
  std::unordered_map<std::string_view, std::list<Entry>::iterator> by_sql_;
  std::uint64_t prepare_count_ = 0;
};

}  // namespace cv::store::sqlite::internal

#endif  // CV_STORE_SQLITE_INTERNAL_STATEMENT_CACHE_H_
