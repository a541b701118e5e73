// Checkpointer: copies committed WAL frames into the database file on a thread and connection of
// its own, so that no commit waits for a checkpoint (sqlite_store.h setting 5).
//
// Thread-safety: thread-safe. The WAL hook runs on the writer's thread inside its commit; it only
// flags work and wakes the checkpointer thread.
// Invariants:
//  1. Checkpoints are PASSIVE: they never block the writer or a reader, and copy only frames no
//     reader still needs; the writer restarts the WAL from its start once all were copied.
//  2. While a Checkpointer is attached, the writer connection runs no automatic checkpoint (its
//     WAL hook is this one); detaching (the destructor) restores SQLite's automatic checkpoint at
//     `pages`, so a store without the thread never lets the WAL grow without bound.
#ifndef CV_STORE_SQLITE_INTERNAL_CHECKPOINTER_H_
#define CV_STORE_SQLITE_INTERNAL_CHECKPOINTER_H_

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "store/sqlite/internal/errors.h"

namespace cv::store::sqlite::internal {

class Checkpointer {
 public:
  // Starts the thread on `own` (a connection of its own to the same database) and attaches to
  // `writer`: once a commit leaves at least `pages` frames in the WAL, a checkpoint runs.
  // REQUIRES: no transaction is open on `writer`; `writer` outlives this object.
  Checkpointer(DbPtr own, sqlite3* writer, int pages);
  // Detaches from the writer (REQUIRES: no transaction open on it) and joins the thread.
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Checkpoints run so far (tests and metrics).
  std::uint64_t runs() const { return runs_.load(); }
  // Waits until at least `n` checkpoints have run or `timeout` passed; returns runs().
  std::uint64_t WaitForRuns(std::uint64_t n, std::chrono::milliseconds timeout);

 private:
  static int OnCommit(void* self, sqlite3* db, const char* name, int pages);
  void Loop();

  DbPtr db_;
  sqlite3* writer_;
  const int pages_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable ran_;  // notified after each checkpoint
  bool pending_ = false;         // guarded by mu_
  bool stop_ = false;            // guarded by mu_
  std::atomic<std::uint64_t> runs_{0};
  std::thread thread_;  // last: started after every member above is ready
};

}  // namespace cv::store::sqlite::internal

#endif  // CV_STORE_SQLITE_INTERNAL_CHECKPOINTER_H_
