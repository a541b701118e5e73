// Test-only naive Merkle tree: MTH, PATH and PROOF written straight from RFC 6962 section 2.1
// as recursions over a vector of leaf hashes, recomputing every subtree. The stored-node code in
// merkle.h is checked against it. Thread-safety: pure functions.
#ifndef CV_AUDIT_INTERNAL_REFERENCE_MERKLE_H_
#define CV_AUDIT_INTERNAL_REFERENCE_MERKLE_H_

#include <bit>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "audit/merkle.h"

namespace cv::audit::reference {

using Leaves = std::span<const std::string>;

// The largest power of two smaller than n. REQUIRES: n > 1.
inline std::size_t K(std::size_t n) { return std::bit_floor(n - 1); }

// MTH(D[n]) where D holds leaf hashes (already HashLeaf'ed).
inline std::string Mth(const TreeHasher& h, Leaves d) {
  if (d.empty()) return h.EmptyRoot().value();
  if (d.size() == 1) return d[0];
  const std::size_t k = K(d.size());
  return h.HashChildren(Mth(h, d.first(k)), Mth(h, d.subspan(k))).value();
}

// PATH(m, D[n]). REQUIRES: m < n.
inline std::vector<std::string> Path(const TreeHasher& h, std::size_t m, Leaves d) {
  if (d.size() <= 1) return {};
  const std::size_t k = K(d.size());
  std::vector<std::string> out = m < k ? Path(h, m, d.first(k)) : Path(h, m - k, d.subspan(k));
  out.push_back(m < k ? Mth(h, d.subspan(k)) : Mth(h, d.first(k)));
  return out;
}

// SUBPROOF(m, D[n], b). REQUIRES: 0 < m <= n.
inline std::vector<std::string> Subproof(const TreeHasher& h, std::size_t m, Leaves d, bool b) {
  if (m == d.size()) return b ? std::vector<std::string>{} : std::vector<std::string>{Mth(h, d)};
  const std::size_t k = K(d.size());
  std::vector<std::string> out =
      m <= k ? Subproof(h, m, d.first(k), b) : Subproof(h, m - k, d.subspan(k), false);
  out.push_back(m <= k ? Mth(h, d.subspan(k)) : Mth(h, d.first(k)));
  return out;
}

// PROOF(m, D[n]) = SUBPROOF(m, D[n], true).
inline std::vector<std::string> Proof(const TreeHasher& h, std::size_t m, Leaves d) {
  return Subproof(h, m, d, true);
}

}  // namespace cv::audit::reference

#endif  // CV_AUDIT_INTERNAL_REFERENCE_MERKLE_H_
