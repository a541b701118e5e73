// SQLite result codes as CreditVault Errors, and the owning handle types of the SQLite backend.
//
// Thread-safety: free functions; SqliteError reads the connection's last error, so call it while
// holding the connection (see connection.h).
#ifndef CV_STORE_SQLITE_INTERNAL_ERRORS_H_
#define CV_STORE_SQLITE_INTERNAL_ERRORS_H_

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"

namespace cv::store::sqlite::internal {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// The ErrorCode for SQLite result code `rc` (primary or extended): constraint -> kConflict,
// busy/locked -> kFailedPrecondition, corrupt/notadb -> kMalformed, full/nomem ->
// kResourceExhausted, anything else -> kInternal.
ErrorCode CodeFor(int rc);

// At most the first 60 bytes of `sql` (whole UTF-8 characters), runs of whitespace as one space,
// "..." appended when cut.
std::string SqlExcerpt(std::string_view sql);

// The Error for a call on `db` that failed with `rc` while running `sql`: SQLite's message and the
// SQL excerpt. SQLite's messages name tables, columns and constraints, never bound values.
Error SqliteError(sqlite3* db, int rc, std::string_view sql);

}  // namespace cv::store::sqlite::internal

#endif  // CV_STORE_SQLITE_INTERNAL_ERRORS_H_
