// Checkpointer: PASSIVE checkpoints on a background thread, woken by the writer's WAL hook.
#include "store/sqlite/internal/checkpointer.h"

#include "common/log.h"

namespace cv::store::sqlite::internal {

Checkpointer::Checkpointer(DbPtr own, sqlite3* writer, int pages)
    : db_(std::move(own)), writer_(writer), pages_(pages), thread_([this] { Loop(); }) {
  sqlite3_wal_hook(writer_, &Checkpointer::OnCommit, this);  // invariant 2
}

Checkpointer::~Checkpointer() {
  sqlite3_wal_autocheckpoint(writer_, pages_);  // replaces our hook (invariant 2)
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

int Checkpointer::OnCommit(void* self, sqlite3* /*db*/, const char* /*name*/, int pages) {
  auto* c = static_cast<Checkpointer*>(self);
  if (pages < c->pages_) return SQLITE_OK;
  {
    std::lock_guard lock(c->mu_);
    c->pending_ = true;
  }
  c->wake_.notify_one();
  return SQLITE_OK;
}

void Checkpointer::Loop() {
  std::unique_lock lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return pending_ || stop_; });
    if (stop_) return;
    pending_ = false;
    lock.unlock();
    const int rc =
        sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    // SQLITE_BUSY: another checkpoint (Store::Flush) is running; the next commit wakes us again.
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
      CV_LOG_WARN("store: background checkpoint failed: {}", sqlite3_errmsg(db_.get()));
    }
    lock.lock();
    runs_.fetch_add(1);
    ran_.notify_all();
  }
}

std::uint64_t Checkpointer::WaitForRuns(std::uint64_t n, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  ran_.wait_for(lock, timeout, [&] { return runs_.load() >= n; });
  return runs_.load();
}

}  // namespace cv::store::sqlite::internal
