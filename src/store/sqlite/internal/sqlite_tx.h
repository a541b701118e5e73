// SqliteTx: a Tx on the SQLite backend's connection, holding the connection's mutex from BEGIN
// until it is committed or destroyed.
//
// Thread-safety: not thread-safe (a Tx belongs to the thread that began it).
// Invariants (beyond those of store::Tx):
//  1. From construction until Commit() or destruction, `lock_` holds conn_->mu and conn_->owner
//     is the beginning thread; afterwards the Tx touches neither the connection nor its cache.
//  2. state_ is kOpen only while SQLite has the transaction open (not in autocommit mode).
//  3. Commit() is refused while a ForEach is running (depth_ > 0): releasing the connection then
//     would leave that ForEach's statement in use without the mutex.
#ifndef CV_STORE_SQLITE_INTERNAL_SQLITE_TX_H_
#define CV_STORE_SQLITE_INTERNAL_SQLITE_TX_H_

#include <memory>
#include <mutex>

#include "store/sqlite/internal/connection.h"
#include "store/store.h"

namespace cv::store::sqlite::internal {

class SqliteTx final : public Tx {
 public:
  // REQUIRES: `lock` holds conn->mu, conn->owner is this thread, and BEGIN has run.
  SqliteTx(std::shared_ptr<Connection> conn, std::unique_lock<std::mutex> lock, TxMode mode);
  ~SqliteTx() override;

  Status ExecScript(std::string_view sql) override;
  Result<std::int64_t> LastInsertId() override;
  Status Commit() override;
  TxMode mode() const override { return mode_; }

 protected:
  Result<std::int64_t> DoExec(std::string_view sql, std::span<const Value> params) override;
  Status DoForEach(std::string_view sql, std::span<const Value> params, const RowFn& fn) override;

 private:
  enum class State { kOpen, kEnded };

  sqlite3* db() const { return conn_->db.get(); }
  Status CheckOpen() const;
  // Rolls back whatever SQLite still has open, then gives the connection back (invariant 1).
  void Release();
  // The statement for `sql` with `params` bound, refused in a kRead Tx when it writes.
  Result<StatementCache::Lease> Prepare(std::string_view sql, std::span<const Value> params);
  // The error for `rc` from running `sql`; ends the Tx when SQLite rolled the transaction back.
  Error Failed(int rc, std::string_view sql);
  // Ends the Tx with an error when `sql` (e.g. a COMMIT run through Exec) ended the transaction.
  Status CheckStillOpen(std::string_view sql);

  std::shared_ptr<Connection> conn_;  // Declared first: outlives `lock_`, which refers into it.
  std::unique_lock<std::mutex> lock_;
  const TxMode mode_;
  State state_ = State::kOpen;
  int depth_ = 0;  // ForEach calls in progress.
};

}  // namespace cv::store::sqlite::internal

#endif  // CV_STORE_SQLITE_INTERNAL_SQLITE_TX_H_
