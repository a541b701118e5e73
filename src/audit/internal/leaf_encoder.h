// LeafEncoder: the canonical entries and leaf hashes of a batch of events, computed by a helper
// thread together with the thread that inserts them (AuditLog::AppendAll), so that encoding and
// hashing, about half of an append's CPU time, overlap with the SQLite inserts when a second core
// is free, and cost no more than encoding inline when it is not.
//
// Thread-safety: one consumer thread calls Take(); the helper thread is internal. `encode` is
// called from both threads, so it must be safe to call concurrently (EncodeEntry, the keyring's
// audit hash and TreeHasher are).
// Invariants:
//  1. Each item is claimed exactly once (next_.fetch_add) and encoded by the thread that claimed
//     it, which writes slot i and then sets done_[i] (release); the consumer reads slot i only
//     after seeing done_[i] (acquire).
//  2. The consumer never idles while work is left: when the item it needs is not done, it claims
//     and encodes the next unclaimed one; it waits only for an item the helper is encoding.
//  3. The destructor stops the helper and joins it before the slots are freed.
//  4. Batches below kMinParallel (and any batch when no thread can be started) are encoded on the
//     consumer's thread inside Take(): the results never depend on threads.
#ifndef CV_AUDIT_INTERNAL_LEAF_ENCODER_H_
#define CV_AUDIT_INTERNAL_LEAF_ENCODER_H_

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/result.h"

namespace cv::audit::internal {

// One event ready to store: its canonical entry and the entry's leaf hash.
struct EncodedLeaf {
  std::string entry;
  std::string leaf_hash;
};

class LeafEncoder {
 public:
  // Below this many events a thread costs more than it saves.
  static constexpr std::size_t kMinParallel = 64;

  using EncodeFn = std::function<Result<EncodedLeaf>(std::size_t index)>;

  // Starts encoding items [0, count) with `encode`.
  LeafEncoder(std::size_t count, EncodeFn encode);
  ~LeafEncoder();
  LeafEncoder(const LeafEncoder&) = delete;
  LeafEncoder& operator=(const LeafEncoder&) = delete;

  // Item `index`, encoded. REQUIRES: index < count, each index taken once.
  [[nodiscard]] Result<EncodedLeaf> Take(std::size_t index);

 private:
  // Claims the next unclaimed item and encodes it; false when every item is claimed.
  bool EncodeNext();

  const EncodeFn encode_;
  std::vector<Result<EncodedLeaf>> slots_;
  std::unique_ptr<std::atomic<bool>[]> done_;
  std::atomic<std::size_t> next_{0};
  std::atomic<bool> stop_{false};
  std::thread helper_;  // Not joinable when encoding inline (invariant 4).
};

}  // namespace cv::audit::internal

#endif  // CV_AUDIT_INTERNAL_LEAF_ENCODER_H_
