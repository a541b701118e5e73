// SqliteStore: hands out SqliteTx objects on one shared connection.
#include "store/sqlite/sqlite_store.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "store/sqlite/internal/checkpointer.h"
#include "store/sqlite/internal/connection.h"
#include "store/sqlite/internal/open.h"
#include "store/sqlite/internal/sqlite_tx.h"

namespace cv::store::sqlite {
namespace {

using internal::Connection;

constexpr std::string_view kSchemaVersionSql =
    "SELECT coalesce(max(version), 0) FROM schema_migrations";

// Read transactions run on a small pool of their own connections, so that they proceed while
// the writer waits for its commit's fsync (WAL: readers never block the writer nor the writer
// them). Write transactions all use the one writer connection, one at a time.
constexpr std::size_t kReaders = 4;

// WAL frames (pages) after which the background checkpointer runs: setting 5's 10000.
constexpr int kCheckpointPages = 10000;

class SqliteStore final : public Store {
 public:
  SqliteStore(std::shared_ptr<Connection> conn, std::vector<std::shared_ptr<Connection>> readers)
      : conn_(std::move(conn)), readers_(std::move(readers)) {}

  ~SqliteStore() override {
    std::lock_guard lock(conn_->mu);  // no commit runs while the WAL hook is swapped
    checkpointer_.reset();
  }

  // Moves checkpoints off the commit path (setting 5). REQUIRES: called once, before any Begin.
  void StartCheckpointer(internal::DbPtr own) {
    checkpointer_ =
        std::make_unique<internal::Checkpointer>(std::move(own), conn_->db.get(), kCheckpointPages);
  }

  Result<std::unique_ptr<Tx>> Begin(TxMode mode) override {
    if (HeldByThisThread()) {
      return Fail(ErrorCode::kFailedPrecondition, "transaction already open on this thread");
    }
    const std::shared_ptr<Connection>& conn = mode == TxMode::kRead && !readers_.empty()
                                                  ? readers_[next_reader_++ % readers_.size()]
                                                  : conn_;
    std::unique_lock<std::mutex> lock(conn->mu);
    conn->owner.store(std::this_thread::get_id());
    auto begun = conn->Run(mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
    if (!begun) {
      conn->owner.store(std::thread::id());
      return std::unexpected(begun.error());
    }
    return std::make_unique<internal::SqliteTx>(conn, std::move(lock), mode);
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
    // No reader may hold a snapshot while the WAL is truncated: take them all (in order).
    std::vector<std::unique_lock<std::mutex>> readers;
    for (const auto& r : readers_) readers.emplace_back(r->mu);
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
    if (HeldByThisThread()) {
      return Fail(ErrorCode::kFailedPrecondition, "transaction already open on this thread");
    }
    std::unique_lock<std::mutex> lock(conn_->mu);
    conn_->owner.store(std::this_thread::get_id());
    return lock;
  }

  // True when the calling thread holds any of the store's connections (through a Tx).
  bool HeldByThisThread() const {
    if (conn_->HeldByThisThread()) return true;
    for (const auto& r : readers_) {
      if (r->HeldByThisThread()) return true;
    }
    return false;
  }

  std::shared_ptr<Connection> conn_;                  // the writer (and migrations)
  std::vector<std::shared_ptr<Connection>> readers_;  // read transactions
  std::atomic<std::size_t> next_reader_{0};
  std::unique_ptr<internal::Checkpointer> checkpointer_;  // destroyed first (see ~SqliteStore)
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const StoreOptions& options) {
  CV_RETURN_IF_ERROR(internal::PrepareDatabaseFile(path, options.create_if_missing));
  auto db = internal::OpenDatabase(path);
  if (!db) return std::unexpected(db.error());
  const auto& migrations = options.migrations != nullptr ? *options.migrations : Migrations();
  {
    // Migrations first, on the writer alone: readers open on the migrated schema.
    SqliteStore migrator(std::make_shared<Connection>(std::move(*db), path), {});
    CV_RETURN_IF_ERROR(ApplyMigrations(migrator, migrations));
  }
  auto writer = internal::OpenDatabase(path);
  if (!writer) return std::unexpected(writer.error());
  std::vector<std::shared_ptr<Connection>> readers;
  for (std::size_t i = 0; i < kReaders; ++i) {
    auto reader = internal::OpenDatabase(path);
    if (!reader) return std::unexpected(reader.error());
    readers.push_back(std::make_shared<Connection>(std::move(*reader), path));
  }
  auto checkpoints = internal::OpenDatabase(path);
  if (!checkpoints) return std::unexpected(checkpoints.error());
  auto store = std::make_unique<SqliteStore>(std::make_shared<Connection>(std::move(*writer), path),
                                             std::move(readers));
  store->StartCheckpointer(std::move(*checkpoints));
  CV_RETURN_IF_ERROR(internal::RestrictFileModes(path));
  return store;
}

}  // namespace cv::store::sqlite
