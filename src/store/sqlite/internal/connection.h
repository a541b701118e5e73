// Connection: the SQLite backend's one database connection with the mutex that serializes its
// transactions and its statement cache. Shared by the store and its open transactions.
//
// Thread-safety: `mu` guards `db` and `cache`; `owner` is atomic so that a thread can ask, without
// taking `mu`, whether it already holds it.
#ifndef CV_STORE_SQLITE_INTERNAL_CONNECTION_H_
#define CV_STORE_SQLITE_INTERNAL_CONNECTION_H_

#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "common/result.h"
#include "store/sqlite/internal/errors.h"
#include "store/sqlite/internal/statement_cache.h"

namespace cv::store::sqlite::internal {

struct Connection {
  static constexpr std::size_t kCacheCapacity = 64;

  Connection(DbPtr handle, std::string db_path) : path(std::move(db_path)), db(std::move(handle)) {}

  // True when the calling thread holds `mu` (through a Tx).
  bool HeldByThisThread() const { return owner.load() == std::this_thread::get_id(); }

  // Runs one parameterless statement to completion (BEGIN, COMMIT, ROLLBACK, PRAGMA).
  // REQUIRES: `mu` is held by the caller.
  Status Run(std::string_view sql);

  const std::string path;
  DbPtr db;  // Declared before `cache`, so statements are finalized before the close.
  StatementCache cache{kCacheCapacity};
  std::mutex mu;
  std::atomic<std::thread::id> owner{};
};

}  // namespace cv::store::sqlite::internal

#endif  // CV_STORE_SQLITE_INTERNAL_CONNECTION_H_
