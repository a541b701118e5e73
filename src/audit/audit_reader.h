// AuditReader: everything that reads the audit log without keys — tree head, proofs,
// checkpoints, event search — and the full verification behind `cvault audit verify`.
//
// Thread-safety: bound to one transaction; used by the thread that owns it.
#ifndef CV_AUDIT_AUDIT_READER_H_
#define CV_AUDIT_AUDIT_READER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "audit/archive.h"
#include "audit/checkpoint.h"
#include "audit/event.h"
#include "audit/merkle.h"
#include "audit/proof_json.h"
#include "audit/stored_tree.h"
#include "common/result.h"
#include "crypto/hasher.h"
#include "crypto/signer.h"
#include "store/store.h"

namespace cv::audit {

// What `Verify` found. ok is true only when every check passed.
struct VerifyReport {
  bool ok = true;
  std::uint64_t size = 0;  // the head's size
  std::uint64_t events_checked = 0;
  std::uint64_t checkpoints_checked = 0;
  std::optional<std::uint64_t> first_bad_index;
  std::string problem;  // what the first failure was
  std::string root;     // the recomputed root (raw)
};

struct EventFilter {
  std::optional<std::int64_t> from_us;  // inclusive
  std::optional<std::int64_t> to_us;    // exclusive
  std::string actor;
  std::string action;
  std::string result;
  std::uint64_t limit = 0;  // 0: no limit
};

class AuditReader {
 public:
  // Reads the log's suite, origin and checkpoint key from the keyring's meta table.
  [[nodiscard]] static Result<std::unique_ptr<AuditReader>> Open(store::Tx& tx);

  [[nodiscard]] Result<TreeHead> Head();
  // Proofs against the tree of `size` leaves (default: the head).
  [[nodiscard]] Result<InclusionProofBundle> ProveInclusion(std::uint64_t index,
                                                            std::optional<std::uint64_t> size);
  [[nodiscard]] Result<ConsistencyProofBundle> ProveConsistency(
      std::uint64_t first_size, std::optional<std::uint64_t> second_size);
  // The latest signed checkpoint's note text; kNotFound when none was made yet.
  [[nodiscard]] Result<std::string> LatestCheckpointNote();
  // Opens (verifies and parses) a checkpoint note signed by this log's key.
  [[nodiscard]] Result<Checkpoint> OpenNote(std::string_view note);

  // Recomputes every leaf and node from the stored events and checks them, the head and every
  // checkpoint signature and root. Errors only for a store failure; tampering is reported.
  [[nodiscard]] Result<VerifyReport> Verify(
      const std::function<void(std::uint64_t done, std::uint64_t total)>& progress = {});

  // Events matching `filter`, in leaf order, decoded.
  [[nodiscard]] Status ForEachEvent(const EventFilter& filter,
                                    const std::function<Result<bool>(const DecodedEntry&)>& fn);

  // AUD-4: the sealed segment of events [first, end), anchored to the latest signed checkpoint.
  // kInvalidArgument unless first < end <= the head's size; kFailedPrecondition when no
  // checkpoint covers `end` (run `cvault audit checkpoint` or any writing command first).
  [[nodiscard]] Result<Segment> Archive(std::uint64_t first, std::uint64_t end);
  // The number of leading events whose time is before `time_us` (the end of a `--before` range).
  [[nodiscard]] Result<std::uint64_t> CountBefore(std::int64_t time_us);

  const std::string& origin() const { return origin_; }
  const std::string& public_key() const { return public_key_; }
  const TreeHasher& tree_hasher() const { return tree_hasher_; }

 private:
  AuditReader(store::Tx& tx, std::unique_ptr<crypto::Hasher> hasher,
              std::unique_ptr<crypto::Verifier> verifier, crypto::Suite suite,
              std::string public_key, std::string origin);

  store::Tx& tx_;
  std::unique_ptr<crypto::Hasher> hasher_;
  TreeHasher tree_hasher_;
  std::unique_ptr<crypto::Verifier> verifier_;
  crypto::Suite suite_;
  std::string public_key_;
  std::string origin_;
};

}  // namespace cv::audit

#endif  // CV_AUDIT_AUDIT_READER_H_
