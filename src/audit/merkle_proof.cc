// RFC 6962 2.1.1 (PATH) and 2.1.2 (PROOF) built from stored perfect subtrees. The recursions are
// unrolled into loops that walk from the whole tree down, collecting the sibling subtree hashes
// top-down and reversing them at the end (the RFCs list them bottom-up).
#include <algorithm>
#include <bit>

#include "audit/internal/subtrees.h"
#include "audit/merkle.h"

namespace cv::audit {
namespace {

// The largest power of two smaller than n (RFC 6962 2.1's k). REQUIRES: n >= 2.
std::uint64_t SplitPoint(std::uint64_t n) { return std::bit_floor(n - 1); }

// Fails with kInvalidArgument unless leaf size - 1 is stored, i.e. the tree has `size` leaves.
Status CheckStored(std::uint64_t size, NodeReader& reader) {
  CV_RETURN_IF_ERROR(internal::ReadNode(reader, {0, size - 1}));
  return Ok();
}

std::vector<std::string> BottomUp(std::vector<std::string> top_down) {
  std::reverse(top_down.begin(), top_down.end());
  return top_down;
}

}  // namespace

Result<std::vector<std::string>> InclusionProof(const TreeHasher& hasher, std::uint64_t index,
                                                std::uint64_t size, NodeReader& reader) {
  if (index >= size) return Fail(ErrorCode::kInvalidArgument, "leaf index must be below tree size");
  CV_RETURN_IF_ERROR(CheckStored(size, reader));
  std::vector<std::string> top_down;
  // PATH(m, D[lo:hi]) = PATH(m, D[lo:lo+k]) : MTH(D[lo+k:hi]) when m < lo + k,
  //                     PATH(m, D[lo+k:hi]) : MTH(D[lo:lo+k]) otherwise.
  for (std::uint64_t lo = 0, hi = size; hi - lo > 1;) {
    const std::uint64_t mid = lo + SplitPoint(hi - lo);
    const bool left = index < mid;
    CV_ASSIGN_OR_RETURN(std::string sibling, left ? internal::SubtreeHash(hasher, mid, hi, reader)
                                                  : internal::SubtreeHash(hasher, lo, mid, reader));
    top_down.push_back(std::move(sibling));
    (left ? hi : lo) = mid;
  }
  return BottomUp(std::move(top_down));
}

Result<std::vector<std::string>> ConsistencyProof(const TreeHasher& hasher,
                                                  std::uint64_t first_size,
                                                  std::uint64_t second_size, NodeReader& reader) {
  if (first_size == 0 || first_size > second_size) {
    return Fail(ErrorCode::kInvalidArgument, "consistency needs 0 < first_size <= second_size");
  }
  CV_RETURN_IF_ERROR(CheckStored(second_size, reader));
  std::vector<std::string> top_down;
  // SUBPROOF(m, D[lo:hi], b), with m counted from lo: at m == hi - lo it is [] when b, else
  // [MTH(D[lo:hi])]; otherwise split at k: SUBPROOF(m, D[lo:lo+k], b) : MTH(D[lo+k:hi]) when
  // m <= k, SUBPROOF(m - k, D[lo+k:hi], false) : MTH(D[lo:lo+k]) when m > k.
  std::uint64_t m = first_size, lo = 0, hi = second_size;
  bool whole = true;
  while (m != hi - lo) {
    const std::uint64_t mid = lo + SplitPoint(hi - lo);
    const bool left = m <= mid - lo;
    CV_ASSIGN_OR_RETURN(std::string sibling, left ? internal::SubtreeHash(hasher, mid, hi, reader)
                                                  : internal::SubtreeHash(hasher, lo, mid, reader));
    top_down.push_back(std::move(sibling));
    if (!left) m -= mid - lo, whole = false;
    (left ? hi : lo) = mid;
  }
  if (!whole) {
    CV_ASSIGN_OR_RETURN(std::string own, internal::SubtreeHash(hasher, lo, hi, reader));
    top_down.push_back(std::move(own));
  }
  return BottomUp(std::move(top_down));
}

}  // namespace cv::audit
