// Merkle tree of the audit log: RFC 6962 section 2.1 tree hashing over a crypto::Hasher (SM3 for
// gm, SHA-256 for intl), proofs built from stored perfect subtrees, the compact range that makes
// appends O(1) amortized, and proof verification per RFC 9162 sections 2.1.3.2 and 2.1.4.2.
//
// Node addressing (docs/audit_log_format.md, DO NOT CHANGE: the store keeps nodes by it):
//  1. The perfect subtree (level, index) covers leaves [index * 2^level, (index + 1) * 2^level).
//  2. (0, i) is the leaf hash of entry i; (l + 1, i) = HashChildren((l, 2i), (l, 2i + 1)).
//  3. A node is stored once complete, i.e. once the tree has (index + 1) * 2^level leaves; its
//     hash never changes afterwards. Non-perfect subtrees are never stored: they are hashed on
//     demand from their perfect parts.
//
// Thread-safety: TreeHasher is immutable and thread-safe. CompactRange and MemoryNodeStore are
// thread-compatible (const use from several threads; mutation needs external locking). The free
// functions are as thread-safe as the NodeReader they are given; the verifiers are pure.
#ifndef CV_AUDIT_MERKLE_H_
#define CV_AUDIT_MERKLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/result.h"
#include "crypto/hasher.h"
#include "crypto/suite.h"

namespace cv::audit {

// The tree hash name of `suite` as the proof JSON writes it: "sm3" (gm) or "sha256" (intl).
std::string_view TreeHashName(crypto::Suite suite);
// The suite whose hasher `name` ("sm3" or "sha256") names; kInvalidArgument otherwise.
[[nodiscard]] Result<crypto::Suite> SuiteForTreeHash(std::string_view name);

// RFC 6962 section 2.1 hashing with domain separation between leaves and interior nodes.
class TreeHasher {
 public:
  // REQUIRES: `hasher` outlives this TreeHasher and gives 32-byte digests (SM3 or SHA-256).
  explicit TreeHasher(const crypto::Hasher& hasher);

  // H(0x00 || entry). DO NOT CHANGE: hashed.
  [[nodiscard]] Result<std::string> HashLeaf(std::string_view entry) const;
  // H(0x01 || left || right). DO NOT CHANGE: hashed.
  [[nodiscard]] Result<std::string> HashChildren(std::string_view left,
                                                 std::string_view right) const;
  // MTH({}) = H(""), the root of the empty tree.
  [[nodiscard]] Result<std::string> EmptyRoot() const;
  // "sm3" or "sha256".
  std::string_view name() const { return name_; }

 private:
  const crypto::Hasher* hasher_;
  std::string_view name_;
};

// Read access to stored perfect-subtree hashes. Implemented by the store over its node table.
class NodeReader {
 public:
  virtual ~NodeReader();
  // The hash of perfect subtree (level, index); kNotFound when it is not stored.
  [[nodiscard]] virtual Result<std::string> Node(int level, std::uint64_t index) = 0;
};

// One node hash to store.
struct NodeWrite {
  int level = 0;
  std::uint64_t index = 0;
  std::string hash;
  friend bool operator==(const NodeWrite&, const NodeWrite&) = default;
};

// In-memory NodeReader for tests and benchmarks; counts reads so tests can bound them.
class MemoryNodeStore final : public NodeReader {
 public:
  void Put(int level, std::uint64_t index, std::string hash);
  void Apply(const std::vector<NodeWrite>& writes);
  [[nodiscard]] Result<std::string> Node(int level, std::uint64_t index) override;

  std::size_t node_count() const { return nodes_.size(); }
  std::uint64_t reads() const { return reads_; }

 private:
  struct KeyHash {
    std::size_t operator()(const std::pair<int, std::uint64_t>& k) const;
  };
  std::unordered_map<std::pair<int, std::uint64_t>, std::string, KeyHash> nodes_;
  std::uint64_t reads_ = 0;
};

// The nodes to store when leaf `leaf_index` (hash `leaf_hash`) is appended to a tree of
// `leaf_index` leaves: (0, leaf_index) first, then each perfect subtree the leaf completes, lowest
// first (one per trailing 1 bit of leaf_index). Reads only the left siblings those parents need.
// REQUIRES: nodes for the first leaf_index leaves are stored. kInvalidArgument for a leaf hash that
// is not 32 bytes or a left sibling that is not stored.
[[nodiscard]] Result<std::vector<NodeWrite>> NodesForAppend(const TreeHasher& hasher,
                                                            std::uint64_t leaf_index,
                                                            std::string_view leaf_hash,
                                                            NodeReader& reader);

// The right frontier of the tree (transparency-dev/merkle's compact range [0, size)): one perfect
// subtree hash per set bit of size, largest first. Enough to append and to compute the root
// without reading the store.
class CompactRange {
 public:
  // The empty range. REQUIRES: `hasher` outlives the range and its copies.
  explicit CompactRange(const TreeHasher& hasher) : hasher_(&hasher) {}

  // The range of a stored tree of `size` leaves, from popcount(size) node reads.
  // kInvalidArgument when a node is not stored (size beyond the tree).
  [[nodiscard]] static Result<CompactRange> FromNodes(const TreeHasher& hasher, std::uint64_t size,
                                                      NodeReader& reader);

  // Appends leaf number size(): 1 + (trailing 1 bits of size()) hashes, amortized 2. Returns the
  // nodes completed, as NodesForAppend would. On error the range is unchanged.
  [[nodiscard]] Result<std::vector<NodeWrite>> Append(std::string_view leaf_hash);
  // MTH of the first size() leaves, in popcount(size) - 1 hashes (EmptyRoot when empty).
  [[nodiscard]] Result<std::string> Root() const;

  std::uint64_t size() const { return size_; }
  // The frontier hashes, largest subtree first.
  const std::vector<std::string>& hashes() const { return hashes_; }

 private:
  const TreeHasher* hasher_;
  std::uint64_t size_ = 0;
  std::vector<std::string> hashes_;
};

// MTH of the first `size` leaves from popcount(size) stored nodes. kInvalidArgument for a size
// beyond the stored tree.
[[nodiscard]] Result<std::string> RootHash(const TreeHasher& hasher, std::uint64_t size,
                                           NodeReader& reader);

// RFC 6962 2.1.1 PATH(index, D[size]): the audit path, lowest sibling first. O(log^2 size) reads
// worst case. kInvalidArgument when index >= size or size is beyond the stored tree.
[[nodiscard]] Result<std::vector<std::string>> InclusionProof(const TreeHasher& hasher,
                                                              std::uint64_t index,
                                                              std::uint64_t size,
                                                              NodeReader& reader);

// RFC 6962 2.1.2 PROOF(first_size, D[second_size]); empty when the sizes are equal.
// kInvalidArgument when first_size is 0 (nothing to prove: the verifier refuses such proofs, as
// transparency-dev/merkle does), first_size > second_size, or second_size beyond the stored tree.
[[nodiscard]] Result<std::vector<std::string>> ConsistencyProof(const TreeHasher& hasher,
                                                                std::uint64_t first_size,
                                                                std::uint64_t second_size,
                                                                NodeReader& reader);

// The root that `proof` gives for leaf `index` of a tree of `size` leaves (RFC 9162 2.1.3.2 steps
// 1-4). kPermissionDenied "inclusion proof does not verify" for index >= size, a leaf hash or proof
// element that is not 32 bytes, or a proof of the wrong length.
[[nodiscard]] Result<std::string> RootFromInclusionProof(const TreeHasher& hasher,
                                                         std::uint64_t index, std::uint64_t size,
                                                         std::string_view leaf_hash,
                                                         const std::vector<std::string>& proof);

// RFC 9162 2.1.3.2: Ok when `proof` shows `leaf_hash` at `index` in the tree of `size` leaves
// with root `root`; otherwise kPermissionDenied "inclusion proof does not verify".
[[nodiscard]] Status VerifyInclusion(const TreeHasher& hasher, std::uint64_t index,
                                     std::uint64_t size, std::string_view leaf_hash,
                                     const std::vector<std::string>& proof, std::string_view root);

// RFC 9162 2.1.4.2: Ok when `proof` shows the tree of `first_size` leaves (root `first_root`) is a
// prefix of the tree of `second_size` leaves (root `second_root`). Equal sizes need an empty proof
// and equal roots; first_size 0 is refused. Otherwise kPermissionDenied "consistency proof does
// not verify".
[[nodiscard]] Status VerifyConsistency(const TreeHasher& hasher, std::uint64_t first_size,
                                       std::uint64_t second_size,
                                       const std::vector<std::string>& proof,
                                       std::string_view first_root, std::string_view second_root);

}  // namespace cv::audit

#endif  // CV_AUDIT_MERKLE_H_
