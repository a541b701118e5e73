// Perfect-subtree arithmetic shared by the Merkle tree code: which stored nodes make up a range of
// leaves, reading them, and folding them into the range's hash.
//
// Thread-safety: pure functions; reads are as thread-safe as the NodeReader.
#ifndef CV_AUDIT_INTERNAL_SUBTREES_H_
#define CV_AUDIT_INTERNAL_SUBTREES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "audit/merkle.h"
#include "common/result.h"

namespace cv::audit::internal {

struct NodeId {
  int level = 0;
  std::uint64_t index = 0;
};

// The perfect subtrees that make up leaves [begin, end), largest first (one per set bit of
// end - begin). REQUIRES: begin < end, and begin is a multiple of bit_ceil(end - begin), which
// holds for [0, size) and for every subtree RFC 6962's recursion splits off.
std::vector<NodeId> PerfectParts(std::uint64_t begin, std::uint64_t end);

// reader.Node(id), checked to be a 32-byte hash. kNotFound becomes kInvalidArgument ("beyond the
// stored tree"): the callers' only way to learn the tree's size is whether its nodes exist.
[[nodiscard]] Result<std::string> ReadNode(NodeReader& reader, NodeId id);

// H(h0, H(h1, ... H(h[n-2], h[n-1]))): the root of adjacent subtrees given largest first.
// REQUIRES: !hashes.empty().
[[nodiscard]] Result<std::string> FoldFromRight(const TreeHasher& hasher,
                                                const std::vector<std::string>& hashes);

// MTH(D[begin:end]) from its stored perfect parts (popcount(end - begin) reads).
// REQUIRES: as PerfectParts.
[[nodiscard]] Result<std::string> SubtreeHash(const TreeHasher& hasher, std::uint64_t begin,
                                              std::uint64_t end, NodeReader& reader);

}  // namespace cv::audit::internal

#endif  // CV_AUDIT_INTERNAL_SUBTREES_H_
