// SqliteStore: hands out SqliteTx objects on one shared connection.
#include "store/sqlite/sqlite_store.h"

#include <mutex>
#include <thread>

#include "store/sqlite/internal/connection.h"
#include "store/sqlite/internal/open.h"
#include "store/sqlite/internal/sqlite_tx.h"

namespace cv::store::sqlite {
namespace {

using internal::Connection;

constexpr std::string_view kSchemaVersionSql =
    "SELECT coalesce(max(version), 0) FROM schema_migrations";

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::shared_ptr<Connection> conn) : conn_(std::move(conn)) {}

  Result<std::unique_ptr<Tx>> Begin(TxMode mode) override {
    auto lock = Acquire();
    if (!lock) return std::unexpected(lock.error());
    auto begun = conn_->Run(mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
    if (!begun) {
      conn_->owner.store(std::thread::id());
      return std::unexpected(begun.error());
    }
    return std::make_unique<internal::SqliteTx>(conn_, std::move(*lock), mode);
  }

  Result<int> SchemaVersion() override {
    auto tx = Begin(TxMode::kRead);
    if (!tx) return std::unexpected(tx.error());
    auto row = (*tx)->QueryOne(kSchemaVersionSql);
    if (!row) return std::unexpected(row.error());
    auto version = (*row)->Int(0);  // One row: max() over any table answers one.
    if (!version) return std::unexpected(version.error());
    return static_cast<int>(*version);
  }

  std::string_view Backend() const override { return "sqlite"; }

  Status Flush() override {
    auto lock = Acquire();
    if (!lock) return std::unexpected(lock.error());
    const int rc = sqlite3_wal_checkpoint_v2(conn_->db.get(), nullptr, SQLITE_CHECKPOINT_TRUNCATE,
                                             nullptr, nullptr);
    Status flushed = Ok();
    if (rc != SQLITE_OK) {
      flushed = std::unexpected(
          internal::SqliteError(conn_->db.get(), rc, "PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    conn_->owner.store(std::thread::id());
    return flushed;
  }

 private:
  // Takes the connection for the calling thread; refuses instead of deadlocking when the thread
  // already holds it. On success conn_->owner is this thread; the caller resets it before unlock.
  Result<std::unique_lock<std::mutex>> Acquire() {
    if (conn_->HeldByThisThread()) {
      return Fail(ErrorCode::kFailedPrecondition, "transaction already open on this thread");
    }
    std::unique_lock<std::mutex> lock(conn_->mu);
    conn_->owner.store(std::this_thread::get_id());
    return lock;
  }

  std::shared_ptr<Connection> conn_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const StoreOptions& options) {
  CV_RETURN_IF_ERROR(internal::PrepareDatabaseFile(path, options.create_if_missing));
  auto db = internal::OpenDatabase(path);
  if (!db) return std::unexpected(db.error());
  auto store = std::make_unique<SqliteStore>(std::make_shared<Connection>(std::move(*db), path));
  const auto& migrations = options.migrations != nullptr ? *options.migrations : Migrations();
  CV_RETURN_IF_ERROR(ApplyMigrations(*store, migrations));
  CV_RETURN_IF_ERROR(internal::RestrictFileModes(path));
  return store;
}

}  // namespace cv::store::sqlite
