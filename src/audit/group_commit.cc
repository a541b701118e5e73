// GroupCommitter: one writer thread batching durable audit appends.
#include "audit/group_commit.h"

namespace cv::audit {

GroupCommitter::GroupCommitter(store::Store& store, AuditLog& log, std::size_t max_batch_events)
    : store_(store), log_(log), max_batch_events_(max_batch_events), writer_([this] { Run(); }) {}

GroupCommitter::~GroupCommitter() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_.notify_all();
  writer_.join();
}

std::uint64_t GroupCommitter::commits() const {
  std::lock_guard lock(mu_);
  return commits_;
}

Status GroupCommitter::AppendDurably(std::vector<Event> events) {
  if (events.empty()) return Ok();
  Pending pending;
  pending.events = std::move(events);
  std::unique_lock lock(mu_);
  if (stopping_) return Fail(ErrorCode::kFailedPrecondition, "audit committer is stopping");
  queue_.push_back(&pending);
  work_.notify_one();
  pending.cv.wait(lock, [&] { return pending.done; });
  return pending.result;
}

void GroupCommitter::Run() {
  std::unique_lock lock(mu_);
  while (true) {
    work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping and drained
    std::vector<Pending*> batch;
    std::size_t n = 0;
    while (!queue_.empty() &&
           (batch.empty() || n + queue_.front()->events.size() <= max_batch_events_)) {
      n += queue_.front()->events.size();
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    CommitBatch(batch);
    lock.lock();
    for (Pending* p : batch) {
      p->done = true;
      p->cv.notify_one();
    }
  }
}

Status GroupCommitter::CommitOne(const std::vector<Event>& events) {
  CV_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kWrite));
  CV_RETURN_IF_ERROR(log_.AppendAll(*tx, events));
  CV_RETURN_IF_ERROR(tx->Commit());
  std::lock_guard lock(mu_);
  ++commits_;
  return Ok();
}

void GroupCommitter::CommitBatch(std::vector<Pending*>& batch) {
  std::vector<Event> all;
  for (Pending* p : batch) all.insert(all.end(), p->events.begin(), p->events.end());
  Status status = CommitOne(all);
  if (status || batch.size() == 1) {
    for (Pending* p : batch) p->result = status;
    return;
  }
  for (Pending* p : batch) p->result = CommitOne(p->events);  // invariant 2
}

}  // namespace cv::audit
