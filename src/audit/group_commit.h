// GroupCommitter: durable audit appends for callers that have no write transaction of their own
// (read-only requests): events from many threads share one transaction and one fsync (group
// commit), and each caller returns only once its events are committed.
//
// Thread-safety: AppendDurably may be called from many threads at once; one internal thread
// writes. The destructor drains the queue and joins.
// Invariants:
//  1. AppendDurably returns Ok only after a Commit that included all of its events returned Ok.
//  2. One caller's bad event never fails another's: a batch that fails is retried caller by
//     caller, each in its own transaction.
#ifndef CV_AUDIT_GROUP_COMMIT_H_
#define CV_AUDIT_GROUP_COMMIT_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "audit/audit_log.h"
#include "audit/event.h"
#include "common/result.h"
#include "store/store.h"

namespace cv::audit {

class GroupCommitter {
 public:
  // REQUIRES: store and log outlive the committer.
  GroupCommitter(store::Store& store, AuditLog& log, std::size_t max_batch_events = 4096);
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Appends `events` in order and waits until they are durable.
  [[nodiscard]] Status AppendDurably(std::vector<Event> events);

  // Transactions committed so far (for tests and metrics).
  std::uint64_t commits() const;

 private:
  struct Pending {
    std::vector<Event> events;
    bool done = false;
    Status result = Ok();
    std::condition_variable cv;  // its own, so a commit wakes only the callers it served
  };
  void Run();
  void CommitBatch(std::vector<Pending*>& batch);
  Status CommitOne(const std::vector<Event>& events);

  store::Store& store_;
  AuditLog& log_;
  const std::size_t max_batch_events_;
  mutable std::mutex mu_;
  std::condition_variable work_;
  std::deque<Pending*> queue_;
  bool stopping_ = false;
  std::uint64_t commits_ = 0;
  std::thread writer_;
};

}  // namespace cv::audit

#endif  // CV_AUDIT_GROUP_COMMIT_H_
