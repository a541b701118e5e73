// Perfect-subtree arithmetic.
#include "audit/internal/subtrees.h"

#include <bit>

#include "crypto/suite.h"

namespace cv::audit::internal {

std::vector<NodeId> PerfectParts(std::uint64_t begin, std::uint64_t end) {
  std::vector<NodeId> parts;
  const std::uint64_t count = end - begin;
  for (int level = 63; level >= 0; --level) {
    if (((count >> level) & 1) == 0) continue;
    parts.push_back({level, begin >> level});
    begin += std::uint64_t{1} << level;
  }
  return parts;
}

Result<std::string> ReadNode(NodeReader& reader, NodeId id) {
  auto hash = reader.Node(id.level, id.index);
  if (!hash && hash.error().code() == ErrorCode::kNotFound) {
    return Fail(ErrorCode::kInvalidArgument, "tree size is beyond the stored tree (node " +
                                                 std::to_string(id.level) + "/" +
                                                 std::to_string(id.index) + " is not stored)");
  }
  if (hash && hash->size() != crypto::kDigestSize) {
    return Fail(ErrorCode::kInternal, "stored Merkle node " + std::to_string(id.level) + "/" +
                                          std::to_string(id.index) + " is not a 32-byte hash");
  }
  return hash;
}

Result<std::string> FoldFromRight(const TreeHasher& hasher,
                                  const std::vector<std::string>& hashes) {
  std::string root = hashes.back();
  for (auto it = hashes.rbegin() + 1; it != hashes.rend(); ++it) {
    CV_ASSIGN_OR_RETURN(root, hasher.HashChildren(*it, root));
  }
  return root;
}

Result<std::string> SubtreeHash(const TreeHasher& hasher, std::uint64_t begin, std::uint64_t end,
                                NodeReader& reader) {
  std::vector<std::string> hashes;
  for (NodeId id : PerfectParts(begin, end)) {
    CV_ASSIGN_OR_RETURN(std::string hash, ReadNode(reader, id));
    hashes.push_back(std::move(hash));
  }
  return FoldFromRight(hasher, hashes);
}

}  // namespace cv::audit::internal
