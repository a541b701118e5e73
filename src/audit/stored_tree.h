// StoredTree: the audit log's Merkle tree as kept in the store (migration 2): leaf hashes in
// audit_events, completed perfect subtrees of level >= 1 in audit_nodes, size and root in
// audit_head. Reads and writes inside a caller's transaction.
//
// Thread-safety: used by the thread that owns the transaction.
#ifndef CV_AUDIT_STORED_TREE_H_
#define CV_AUDIT_STORED_TREE_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/merkle.h"
#include "common/result.h"
#include "store/store.h"

namespace cv::audit {

// NodeReader over the store: level 0 from audit_events.leaf_hash, higher levels from audit_nodes.
// Keeps the last nodes it read in a small direct-mapped cache: a proof reads the tree's right
// frontier several times (the root, then the right-hand siblings on the path; both roots of a
// consistency proof), and stored nodes never change (invariant 3 of merkle.h; the triggers of
// migration 2). Only nodes found are cached, so a node inserted later in the same transaction is
// seen.
class StoredNodes final : public NodeReader {
 public:
  explicit StoredNodes(store::Tx& tx) : tx_(&tx) {}
  [[nodiscard]] Result<std::string> Node(int level, std::uint64_t index) override;

 private:
  static constexpr std::size_t kCacheSlots = 64;  // a power of two; a proof reads ~30-35 nodes
  struct Slot {
    int level = -1;  // -1: empty
    std::uint64_t index = 0;
    std::string hash;
  };

  Result<std::optional<std::string>> Read(int level, std::uint64_t index);

  store::Tx* tx_;
  std::array<Slot, kCacheSlots> cache_;
};

struct TreeHead {
  std::uint64_t size = 0;
  std::string root;  // raw bytes; the empty root when size is 0
};

// The head row; nullopt before the first event.
[[nodiscard]] Result<std::optional<TreeHead>> ReadHead(store::Tx& tx);
[[nodiscard]] Status WriteHead(store::Tx& tx, const TreeHead& head);
// Stores the level >= 1 nodes of `writes` (level-0 hashes live in the event rows).
[[nodiscard]] Status WriteNodes(store::Tx& tx, const std::vector<NodeWrite>& writes);

// The latest signed checkpoint: (size, created_us, note); nullopt when none was made.
struct StoredCheckpoint {
  std::uint64_t size = 0;
  std::int64_t created_us = 0;
  std::string note;
};
[[nodiscard]] Result<std::optional<StoredCheckpoint>> LatestCheckpoint(store::Tx& tx);

}  // namespace cv::audit

#endif  // CV_AUDIT_STORED_TREE_H_
