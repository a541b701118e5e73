// Opening an SQLite database file the way sqlite_store.h promises: private file modes, a
// read-write connection, and the durability settings verified.
//
// Thread-safety: free functions; the connection returned is not yet shared.
#ifndef CV_STORE_SQLITE_INTERNAL_OPEN_H_
#define CV_STORE_SQLITE_INTERNAL_OPEN_H_

#include <string>

#include "common/result.h"
#include "store/sqlite/internal/errors.h"

namespace cv::store::sqlite::internal {

// How long a connection waits for another process's lock before SQLITE_BUSY.
constexpr int kBusyTimeoutMs = 5000;

// Ok when `path` is a regular file. When it is missing: kNotFound, or, with `create`, creates it
// empty with mode 0600 (an empty file is a valid empty database) and syncs its directory.
Status PrepareDatabaseFile(const std::string& path, bool create);

// A read-write connection to the existing file `path` with settings 1-4 of sqlite_store.h
// applied and read back. Errors: kPermissionDenied when the file is read-only; kMalformed when
// it is not a database; kFailedPrecondition when a setting did not take effect.
Result<DbPtr> OpenDatabase(const std::string& path);

// Removes group/other permission bits from `path` and its -wal and -shm files, where present.
Status RestrictFileModes(const std::string& path);

}  // namespace cv::store::sqlite::internal

#endif  // CV_STORE_SQLITE_INTERNAL_OPEN_H_
