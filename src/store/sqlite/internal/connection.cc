// Connection helpers.
#include "store/sqlite/internal/connection.h"

namespace cv::store::sqlite::internal {

Status Connection::Run(std::string_view sql) {
  auto stmt = cache.Acquire(db.get(), sql);
  if (!stmt) return std::unexpected(stmt.error());
  int rc;
  while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) return std::unexpected(SqliteError(db.get(), rc, sql));
  return Ok();
}

}  // namespace cv::store::sqlite::internal
