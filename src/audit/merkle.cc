// RFC 6962 tree hashing, the node store model, appends and the compact range.
#include "audit/merkle.h"

#include <bit>

#include "audit/internal/subtrees.h"

namespace cv::audit {
namespace {

constexpr char kLeafPrefix[] = {0x00};  // DO NOT CHANGE: RFC 6962 2.1 leaf domain
constexpr char kNodePrefix[] = {0x01};  // DO NOT CHANGE: RFC 6962 2.1 interior node domain

Status CheckLeafHash(std::string_view leaf_hash) {
  if (leaf_hash.size() == crypto::kDigestSize) return Ok();
  return Fail(ErrorCode::kInvalidArgument, "a leaf hash must be 32 bytes");
}

}  // namespace

std::string_view TreeHashName(crypto::Suite suite) {
  return suite == crypto::Suite::kGm ? "sm3" : "sha256";
}

Result<crypto::Suite> SuiteForTreeHash(std::string_view name) {
  if (name == "sm3") return crypto::Suite::kGm;
  if (name == "sha256") return crypto::Suite::kIntl;
  return Fail(ErrorCode::kInvalidArgument, "unknown tree hash (want sm3 or sha256)");
}

TreeHasher::TreeHasher(const crypto::Hasher& hasher)
    : hasher_(&hasher), name_(hasher.name() == "SM3" ? "sm3" : "sha256") {}

Result<std::string> TreeHasher::HashLeaf(std::string_view entry) const {
  return hasher_->HashParts({std::string_view(kLeafPrefix, 1), entry});
}

Result<std::string> TreeHasher::HashChildren(std::string_view left, std::string_view right) const {
  return hasher_->HashParts({std::string_view(kNodePrefix, 1), left, right});
}

Result<std::string> TreeHasher::EmptyRoot() const { return hasher_->Hash(""); }

NodeReader::~NodeReader() = default;

std::size_t MemoryNodeStore::KeyHash::operator()(const std::pair<int, std::uint64_t>& k) const {
  return std::hash<std::uint64_t>()(k.second * 64 + static_cast<std::uint64_t>(k.first));
}

void MemoryNodeStore::Put(int level, std::uint64_t index, std::string hash) {
  nodes_[{level, index}] = std::move(hash);
}

void MemoryNodeStore::Apply(const std::vector<NodeWrite>& writes) {
  for (const NodeWrite& w : writes) Put(w.level, w.index, w.hash);
}

Result<std::string> MemoryNodeStore::Node(int level, std::uint64_t index) {
  ++reads_;
  auto it = nodes_.find({level, index});
  if (it == nodes_.end()) return Fail(ErrorCode::kNotFound, "Merkle node not stored");
  return it->second;
}

Result<std::vector<NodeWrite>> NodesForAppend(const TreeHasher& hasher, std::uint64_t leaf_index,
                                              std::string_view leaf_hash, NodeReader& reader) {
  CV_RETURN_IF_ERROR(CheckLeafHash(leaf_hash));
  std::vector<NodeWrite> writes{{0, leaf_index, std::string(leaf_hash)}};
  for (std::uint64_t index = leaf_index; (index & 1) == 1; index >>= 1) {
    const int level = writes.back().level;
    CV_ASSIGN_OR_RETURN(std::string left, internal::ReadNode(reader, {level, index - 1}));
    CV_ASSIGN_OR_RETURN(std::string parent, hasher.HashChildren(left, writes.back().hash));
    writes.push_back({level + 1, index >> 1, std::move(parent)});
  }
  return writes;
}

Result<CompactRange> CompactRange::FromNodes(const TreeHasher& hasher, std::uint64_t size,
                                             NodeReader& reader) {
  CompactRange range(hasher);
  for (internal::NodeId id : internal::PerfectParts(0, size)) {
    CV_ASSIGN_OR_RETURN(std::string hash, internal::ReadNode(reader, id));
    range.hashes_.push_back(std::move(hash));
  }
  range.size_ = size;
  return range;
}

Result<std::vector<NodeWrite>> CompactRange::Append(std::string_view leaf_hash) {
  CV_RETURN_IF_ERROR(CheckLeafHash(leaf_hash));
  std::vector<NodeWrite> writes{{0, size_, std::string(leaf_hash)}};
  std::size_t keep = hashes_.size();
  for (std::uint64_t index = size_; (index & 1) == 1; index >>= 1) {
    const int level = writes.back().level;
    CV_ASSIGN_OR_RETURN(std::string parent,
                        hasher_->HashChildren(hashes_[--keep], writes.back().hash));
    writes.push_back({level + 1, index >> 1, std::move(parent)});
  }
  hashes_.resize(keep);
  hashes_.push_back(writes.back().hash);
  ++size_;
  return writes;
}

Result<std::string> CompactRange::Root() const {
  if (hashes_.empty()) return hasher_->EmptyRoot();
  return internal::FoldFromRight(*hasher_, hashes_);
}

Result<std::string> RootHash(const TreeHasher& hasher, std::uint64_t size, NodeReader& reader) {
  if (size == 0) return hasher.EmptyRoot();
  return internal::SubtreeHash(hasher, 0, size, reader);
}

}  // namespace cv::audit
