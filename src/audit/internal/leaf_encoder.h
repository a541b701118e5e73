// LeafEncoder: the canonical entries and leaf hashes of a batch of events, computed on a helper
// thread ahead of the thread that inserts them (AuditLog::AppendAll), so that encoding and
// hashing, about half of an append's CPU time, overlap with the SQLite inserts.
//
// Thread-safety: one consumer thread calls Take(); the helper thread is internal. `encode` is
// called from the helper thread, so it must be safe to call from another thread than the
// consumer's (EncodeEntry, the keyring's audit hash and TreeHasher are).
// Invariants:
//  1. The helper writes slot i, then publishes it by raising ready_ to i + 1 (release); the
//     consumer reads slot i only after seeing ready_ > i (acquire). Neither touches a slot the
//     other may be using.
//  2. The destructor stops the helper and joins it before the slots are freed.
//  3. Batches below kMinParallel (and any batch when no thread can be started) are encoded on the
//     consumer's thread, inside Take(), in the same order: the results do not depend on threads.
#ifndef CV_AUDIT_INTERNAL_LEAF_ENCODER_H_
#define CV_AUDIT_INTERNAL_LEAF_ENCODER_H_

#include <atomic>
#include <cstddef>
#include <functional>
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

  // Starts encoding items [0, count) in order with `encode`.
  LeafEncoder(std::size_t count, EncodeFn encode);
  ~LeafEncoder();
  LeafEncoder(const LeafEncoder&) = delete;
  LeafEncoder& operator=(const LeafEncoder&) = delete;

  // Item `index`, waiting until it is encoded. REQUIRES: index < count, each index taken once.
  [[nodiscard]] Result<EncodedLeaf> Take(std::size_t index);

 private:
  void Run();

  const EncodeFn encode_;
  std::vector<Result<EncodedLeaf>> slots_;
  std::atomic<std::size_t> ready_{0};
  std::atomic<bool> stop_{false};
  std::thread helper_;  // Not joinable when encoding inline (invariant 3).
};

}  // namespace cv::audit::internal

#endif  // CV_AUDIT_INTERNAL_LEAF_ENCODER_H_
