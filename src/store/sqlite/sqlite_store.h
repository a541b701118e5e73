// The SQLite backend of Store: CreditVault's embedded database, one file in WAL mode.
//
// Settings applied and verified at every open (the open fails if one does not take effect):
//  1. journal_mode=WAL and synchronous=FULL: a Commit that returned Ok survives a crash or power
//     loss, and readers in other processes do not block the writer.
//  2. foreign_keys=ON.
//  3. secure_delete=ON: deleted content is overwritten with zeros in the database file, which
//     crypto-shredding relies on. Store::Flush() checkpoints and truncates the WAL (wal_checkpoint
//     TRUNCATE) so that old pages do not linger there either.
//  4. busy_timeout: a write lock held by another process is waited for up to 5 s, then Begin
//     fails with kFailedPrecondition.
//  5. cache_size=-65536 (a 64 MiB page cache) and wal_autocheckpoint=10000 (checkpoint after
//     about 40 MB of WAL): throughput of large write transactions such as batched audit appends
//     (bench/README.md, "Audit log"). The store runs those checkpoints on a background thread
//     with its own connection (internal/checkpointer.h, PASSIVE), so the commit that crosses the
//     mark does not pay for copying 40 MB (it did: a 25 ms stall about once a second under a
//     query load at 1 M subjects). Durability is unchanged; Store::Flush() still empties the
//     WAL on demand.
// Files: the database is created with mode 0600 whatever the umask; group/other bits on it and on
// its -wal and -shm files are removed at open.
//
// Thread-safety: the store is thread-safe. Write transactions share one writer connection and run
// one at a time: a Tx holds its connection's mutex from Begin (BEGIN IMMEDIATE for kWrite, BEGIN
// DEFERRED for kRead) until it is committed or destroyed, and another thread's Begin of the same
// kind waits for it. Read transactions run on a pool of 4 reader connections, so they proceed
// while a write transaction is open or waiting for its fsync; each sees the database as last
// committed when its first statement ran (WAL snapshot). The same thread's second Begin (or
// Flush, or SchemaVersion) while it holds any Tx fails with kFailedPrecondition "transaction
// already open on this thread" instead of deadlocking. Flush takes the writer and every reader.
// Separate processes, or several Stores on one file, coordinate through SQLite's file locks (WAL:
// many readers, one writer).
#ifndef CV_STORE_SQLITE_SQLITE_STORE_H_
#define CV_STORE_SQLITE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "common/result.h"
#include "store/store.h"

namespace cv::store::sqlite {

// Opens (or, with options.create_if_missing, creates) the database file `path`, applies the
// settings above and the pending migrations (options.migrations, default Migrations()).
// options.url is ignored. Errors: kNotFound when the file is missing and !create_if_missing;
// kPermissionDenied when it is not writable; kMalformed when it is not an SQLite database;
// kFailedPrecondition when a setting does not take effect or the schema does not match.
[[nodiscard]] Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                                             const StoreOptions& options);

}  // namespace cv::store::sqlite

#endif  // CV_STORE_SQLITE_SQLITE_STORE_H_
