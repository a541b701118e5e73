// Range proof: the minimal node hashes that, together with the leaves [begin, end), give the RFC
// 6962 root of a tree of `size` leaves. Sealed archive segments (archive.h, AUD-4) carry one so
// they verify against a signed checkpoint without the database.
//
// The proof is defined by the RFC 6962 section 2.1 recursion MTH(D[lo:hi]) (split at k, the
// largest power of two smaller than hi - lo) over the whole tree [0, size):
//  1. a subtree wholly inside [begin, end) is computed from the segment's leaves;
//  2. a subtree wholly outside [begin, end) contributes its hash to the proof;
//  3. any other subtree is split and both halves recursed, left first.
// The proof lists the hashes of (2) in the order the recursion meets them. DO NOT CHANGE: stored
// in segment files (docs/audit_log_format.md, "Archive segments").
//
// Thread-safety: pure functions (as thread-safe as the NodeReader they are given).
#ifndef CV_AUDIT_RANGE_PROOF_H_
#define CV_AUDIT_RANGE_PROOF_H_

#include <cstdint>
#include <string>
#include <vector>

#include "audit/merkle.h"
#include "common/result.h"

namespace cv::audit {

// The range proof of [begin, end) in the stored tree of `size` leaves. At most ~2 log2(size)
// hashes. kInvalidArgument unless begin < end <= size, or when a node is not stored.
[[nodiscard]] Result<std::vector<std::string>> RangeProof(const TreeHasher& hasher,
                                                          std::uint64_t begin, std::uint64_t end,
                                                          std::uint64_t size, NodeReader& reader);

// The root of the tree of `size` leaves whose leaves [begin, end) have `leaf_hashes` and whose
// other subtrees are `proof`. kPermissionDenied "range proof does not verify" unless
// begin < end <= size, leaf_hashes has end - begin elements, every hash is 32 bytes and the proof
// has exactly the expected number of hashes. The caller compares the result with a trusted root.
[[nodiscard]] Result<std::string> RootFromRangeProof(const TreeHasher& hasher, std::uint64_t begin,
                                                     std::uint64_t end, std::uint64_t size,
                                                     const std::vector<std::string>& leaf_hashes,
                                                     const std::vector<std::string>& proof);

}  // namespace cv::audit

#endif  // CV_AUDIT_RANGE_PROOF_H_
