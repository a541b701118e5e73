// Proof verification, RFC 9162 sections 2.1.3.2 (inclusion) and 2.1.4.2 (consistency): the
// bit-shifting walks over fn (the path's node index) and sn (the last node's index).
#include <algorithm>
#include <bit>

#include "audit/merkle.h"

namespace cv::audit {
namespace {

std::unexpected<Error> InclusionFails() {
  return Fail(ErrorCode::kPermissionDenied, "inclusion proof does not verify");
}

std::unexpected<Error> ConsistencyFails() {
  return Fail(ErrorCode::kPermissionDenied, "consistency proof does not verify");
}

bool AllDigests(const std::vector<std::string>& proof) {
  return std::ranges::all_of(proof,
                             [](const std::string& h) { return h.size() == crypto::kDigestSize; });
}

// The walk shared by both algorithms: fn and sn, shifted right together level by level.
struct Walk {
  std::uint64_t fn;
  std::uint64_t sn;

  // RFC 9162: "If LSB(fn) is set, or if fn is equal to sn": the proof node is a left sibling.
  bool LeftSibling() const { return (fn & 1) == 1 || fn == sn; }

  // The end of one step: after a left sibling with LSB(fn) not set, right-shift until LSB(fn) is
  // set or fn is 0; then "right-shift both fn and sn one time".
  void Next(bool left_sibling) {
    while (left_sibling && (fn & 1) == 0 && fn != 0) fn >>= 1, sn >>= 1;
    fn >>= 1, sn >>= 1;
  }
};

// RFC 9162 2.1.4.2 step 6 over path[1..]: fr and sr start as path[0].
Result<bool> ConsistencyWalk(const TreeHasher& hasher, Walk walk,
                             const std::vector<std::string_view>& path, std::string_view first_root,
                             std::string_view second_root) {
  std::string fr(path[0]), sr(path[0]);
  for (std::size_t i = 1; i < path.size(); ++i) {
    if (walk.sn == 0) return false;
    const bool left = walk.LeftSibling();
    if (left) {
      CV_ASSIGN_OR_RETURN(fr, hasher.HashChildren(path[i], fr));
      CV_ASSIGN_OR_RETURN(sr, hasher.HashChildren(path[i], sr));
    } else {
      CV_ASSIGN_OR_RETURN(sr, hasher.HashChildren(sr, path[i]));
    }
    walk.Next(left);
  }
  return walk.sn == 0 && fr == first_root && sr == second_root;  // step 7
}

}  // namespace

Result<std::string> RootFromInclusionProof(const TreeHasher& hasher, std::uint64_t index,
                                           std::uint64_t size, std::string_view leaf_hash,
                                           const std::vector<std::string>& proof) {
  // Step 1, plus the hash sizes (a short or padded hash can never be a node of this tree).
  if (index >= size || leaf_hash.size() != crypto::kDigestSize || !AllDigests(proof)) {
    return InclusionFails();
  }
  Walk walk{index, size - 1};  // steps 2 and 3
  std::string r(leaf_hash);
  for (const std::string& p : proof) {  // step 4
    if (walk.sn == 0) return InclusionFails();
    const bool left = walk.LeftSibling();
    CV_ASSIGN_OR_RETURN(r, left ? hasher.HashChildren(p, r) : hasher.HashChildren(r, p));
    walk.Next(left);
  }
  if (walk.sn != 0) return InclusionFails();  // step 5, first half
  return r;
}

Status VerifyInclusion(const TreeHasher& hasher, std::uint64_t index, std::uint64_t size,
                       std::string_view leaf_hash, const std::vector<std::string>& proof,
                       std::string_view root) {
  CV_ASSIGN_OR_RETURN(const std::string computed,
                      RootFromInclusionProof(hasher, index, size, leaf_hash, proof));
  if (computed != root) return InclusionFails();  // step 5, second half
  return Ok();
}

Status VerifyConsistency(const TreeHasher& hasher, std::uint64_t first_size,
                         std::uint64_t second_size, const std::vector<std::string>& proof,
                         std::string_view first_root, std::string_view second_root) {
  // A proof from the empty tree proves nothing (transparency-dev/merkle refuses it too).
  if (first_size == 0 || first_size > second_size) return ConsistencyFails();
  if (first_size == second_size) {
    if (proof.empty() && first_root == second_root) return Ok();
    return ConsistencyFails();
  }
  if (proof.empty() || !AllDigests(proof)) return ConsistencyFails();  // step 1
  std::vector<std::string_view> path;
  if (std::has_single_bit(first_size)) path.push_back(first_root);  // step 2
  path.insert(path.end(), proof.begin(), proof.end());
  Walk walk{first_size - 1, second_size - 1};               // step 3
  while ((walk.fn & 1) == 1) walk.fn >>= 1, walk.sn >>= 1;  // step 4
  CV_ASSIGN_OR_RETURN(const bool ok, ConsistencyWalk(hasher, walk, path, first_root, second_root));
  return ok ? Ok() : ConsistencyFails();
}

}  // namespace cv::audit
