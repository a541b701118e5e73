// Range proofs over the RFC 6962 tree (range_proof.h).
#include "audit/range_proof.h"

#include <bit>

namespace cv::audit {
namespace {

constexpr std::size_t kHashSize = 32;

// The largest power of two smaller than n. REQUIRES: n > 1.
std::uint64_t SplitPoint(std::uint64_t n) { return std::bit_floor(n - 1); }

// MTH(D[lo:hi]) from stored perfect subtrees; non-perfect subtrees (on the right edge) are split.
Result<std::string> StoredSubtree(const TreeHasher& hasher, std::uint64_t lo, std::uint64_t hi,
                                  NodeReader& reader) {
  const std::uint64_t n = hi - lo;
  if (std::has_single_bit(n) && lo % n == 0) {
    auto node = reader.Node(std::countr_zero(n), lo / n);
    if (!node) return Fail(ErrorCode::kInvalidArgument, "range beyond the stored tree");
    return node;
  }
  const std::uint64_t k = SplitPoint(n);
  CV_ASSIGN_OR_RETURN(const std::string left, StoredSubtree(hasher, lo, lo + k, reader));
  CV_ASSIGN_OR_RETURN(const std::string right, StoredSubtree(hasher, lo + k, hi, reader));
  return hasher.HashChildren(left, right);
}

Status Collect(const TreeHasher& hasher, std::uint64_t lo, std::uint64_t hi, std::uint64_t begin,
               std::uint64_t end, NodeReader& reader, std::vector<std::string>& out) {
  if (hi <= begin || lo >= end) {
    CV_ASSIGN_OR_RETURN(std::string h, StoredSubtree(hasher, lo, hi, reader));
    out.push_back(std::move(h));
    return Ok();
  }
  if (begin <= lo && hi <= end) return Ok();
  const std::uint64_t k = SplitPoint(hi - lo);
  CV_RETURN_IF_ERROR(Collect(hasher, lo, lo + k, begin, end, reader, out));
  return Collect(hasher, lo + k, hi, begin, end, reader, out);
}

// Recomputes MTH(D[lo:hi]) from the segment's leaves and the proof, consuming both in order.
struct Rebuild {
  const TreeHasher& hasher;
  std::uint64_t begin, end;
  const std::vector<std::string>& leaves;
  const std::vector<std::string>& proof;
  std::size_t next_proof = 0;

  Result<std::string> Subtree(std::uint64_t lo, std::uint64_t hi) {
    if (hi <= begin || lo >= end) {
      if (next_proof == proof.size() || proof[next_proof].size() != kHashSize) return Bad();
      return proof[next_proof++];
    }
    if (hi - lo == 1) {
      const std::string& leaf = leaves[lo - begin];
      if (leaf.size() != kHashSize) return Bad();
      return leaf;
    }
    const std::uint64_t k = SplitPoint(hi - lo);
    CV_ASSIGN_OR_RETURN(const std::string left, Subtree(lo, lo + k));
    CV_ASSIGN_OR_RETURN(const std::string right, Subtree(lo + k, hi));
    return hasher.HashChildren(left, right);
  }
  static Result<std::string> Bad() {
    return Fail(ErrorCode::kPermissionDenied, "range proof does not verify");
  }
};

}  // namespace

Result<std::vector<std::string>> RangeProof(const TreeHasher& hasher, std::uint64_t begin,
                                            std::uint64_t end, std::uint64_t size,
                                            NodeReader& reader) {
  if (begin >= end || end > size) {
    return Fail(ErrorCode::kInvalidArgument, "need from < to <= tree size");
  }
  std::vector<std::string> out;
  CV_RETURN_IF_ERROR(Collect(hasher, 0, size, begin, end, reader, out));
  return out;
}

Result<std::string> RootFromRangeProof(const TreeHasher& hasher, std::uint64_t begin,
                                       std::uint64_t end, std::uint64_t size,
                                       const std::vector<std::string>& leaf_hashes,
                                       const std::vector<std::string>& proof) {
  if (begin >= end || end > size || leaf_hashes.size() != end - begin) return Rebuild::Bad();
  Rebuild r{hasher, begin, end, leaf_hashes, proof};
  CV_ASSIGN_OR_RETURN(std::string root, r.Subtree(0, size));
  if (r.next_proof != proof.size()) return Rebuild::Bad();
  return root;
}

}  // namespace cv::audit
