// AuditLog: appends events to the tamper-evident log inside the caller's store transaction, so a
// state change and its audit event commit together or not at all (AUD-1; JR/T 0117 8.3.4 c)),
// and signs checkpoints of the tree head.
//
// Thread-safety: thread-safe (an internal mutex guards the cached frontier). Transactions that
// append are serialized by the store's write lock, which keeps the leaf order total. AppendAll of
// a large batch encodes and hashes its events on a short-lived helper thread (LeafEncoder) while
// the calling thread inserts them; the transaction is used by the calling thread only.
// Invariants:
//  1. The cached frontier is used only when the stored head (size, root) read in the same
//     transaction equals it; otherwise it is rebuilt from stored nodes. So a rolled-back append,
//     or another process's appends, can never lead to a wrong root.
//  2. Personal details are hashed with the keyring's audit-hash key before encoding (AUD-3).
#ifndef CV_AUDIT_AUDIT_LOG_H_
#define CV_AUDIT_AUDIT_LOG_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "audit/event.h"
#include "audit/merkle.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/result.h"
#include "crypto/hasher.h"
#include "crypto/keyring/keyring.h"
#include "store/store.h"

namespace cv::audit {
namespace internal {
struct EncodedLeaf;
}  // namespace internal

struct AuditOptions {
  std::uint64_t checkpoint_every = 1000;  // sign a checkpoint after this many new events
  std::int64_t checkpoint_seconds = 60;   // ... or when the last one is this old
};

// The [audit] section of the configuration: checkpoint_every (1..1,000,000 events, default 1000)
// and checkpoint_seconds (1..86,400, default 60). Unknown keys are refused.
[[nodiscard]] Result<AuditOptions> AuditOptionsFromConfig(const Config& config);

// The log's name in checkpoints: "creditvault/<data directory id>".
std::string LogOrigin(std::string_view data_dir_id);

class AuditLog {
 public:
  // REQUIRES: `keyring` and `clock` outlive the log.
  [[nodiscard]] static Result<std::unique_ptr<AuditLog>> Open(
      const crypto::keyring::Keyring& keyring, AuditOptions options, const Clock& clock);

  // Appends `event` as the next leaf; returns its index. Signs a checkpoint when one is due.
  [[nodiscard]] Result<std::uint64_t> Append(store::Tx& tx, const Event& event);
  // Appends `events` in order (one head update, one checkpoint check); returns the first index.
  [[nodiscard]] Result<std::uint64_t> AppendAll(store::Tx& tx, std::span<const Event> events);

  // Signs and stores a checkpoint of the current head when it is due, or whenever the head has
  // grown since the last checkpoint if `force` (at shutdown). Returns the size it signed.
  [[nodiscard]] Result<std::optional<std::uint64_t>> Checkpoint(store::Tx& tx, bool force);

  const std::string& origin() const { return origin_; }

 private:
  AuditLog(const crypto::keyring::Keyring& keyring, std::unique_ptr<crypto::Hasher> hasher,
           AuditOptions options, const Clock& clock);

  // The frontier matching the stored head (invariant 1).
  Result<CompactRange*> Frontier(store::Tx& tx);
  // The entry of `event` at leaf `seq` and its leaf hash. Called from LeafEncoder's thread.
  Result<internal::EncodedLeaf> EncodeLeaf(const Event& event, std::uint64_t seq) const;
  // Stores `event` (encoded as `leaf`) as leaf frontier.size() and the nodes it completes.
  Status AppendOne(store::Tx& tx, CompactRange& frontier, const Event& event,
                   internal::EncodedLeaf leaf);

  const crypto::keyring::Keyring& keyring_;
  std::unique_ptr<crypto::Hasher> hasher_;
  TreeHasher tree_hasher_;
  AuditOptions options_;
  const Clock& clock_;
  std::string origin_;

  std::mutex mu_;
  std::optional<CompactRange> frontier_;
};

}  // namespace cv::audit

#endif  // CV_AUDIT_AUDIT_LOG_H_
