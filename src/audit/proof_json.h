// Proof JSON: the interchange encoding of inclusion and consistency proofs that other tools read
// and verify (docs/audit_log_format.md). DO NOT CHANGE the field names, their meaning or the
// lower-case hex encoding of hashes:
//
//   {"hash": "sm3"|"sha256", "leaf_index": N, "tree_size": N, "leaf_hash": hex, "root": hex,
//    "proof": [hex, ...]}
//   {"hash": "sm3"|"sha256", "first_size": N, "second_size": N, "first_root": hex,
//    "second_root": hex, "proof": [hex, ...]}
//
// Decoding is strict: every field is required, no other field is allowed, sizes are JSON unsigned
// integers, hashes are 64 lower-case hex digits (32 bytes). Errors are kMalformed naming the field
// (Position::field, e.g. "proof[2]").
//
// Thread-safety: value types and pure functions.
#ifndef CV_AUDIT_PROOF_JSON_H_
#define CV_AUDIT_PROOF_JSON_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace cv::audit {

// Everything needed to check that a leaf is in the tree with a given root. Hashes are raw bytes.
struct InclusionProofBundle {
  std::string hash;  // "sm3" or "sha256"
  std::uint64_t leaf_index = 0;
  std::uint64_t tree_size = 0;
  std::string leaf_hash;
  std::string root;
  std::vector<std::string> proof;  // RFC 6962 PATH, lowest sibling first
  friend bool operator==(const InclusionProofBundle&, const InclusionProofBundle&) = default;
};

// Everything needed to check that one tree head extends another. Hashes are raw bytes.
struct ConsistencyProofBundle {
  std::string hash;  // "sm3" or "sha256"
  std::uint64_t first_size = 0;
  std::uint64_t second_size = 0;
  std::string first_root;
  std::string second_root;
  std::vector<std::string> proof;  // RFC 6962 PROOF
  friend bool operator==(const ConsistencyProofBundle&, const ConsistencyProofBundle&) = default;
};

// The JSON object, fields in the order above. kInvalidArgument for an unknown hash name or a hash
// that is not 32 bytes.
[[nodiscard]] Result<nlohmann::ordered_json> InclusionProofToJson(const InclusionProofBundle& b);
[[nodiscard]] Result<nlohmann::ordered_json> ConsistencyProofToJson(
    const ConsistencyProofBundle& b);

// Strict decoding (see the top of this file). A nlohmann::json converts implicitly.
[[nodiscard]] Result<InclusionProofBundle> InclusionProofFromJson(const nlohmann::ordered_json& j);
[[nodiscard]] Result<ConsistencyProofBundle> ConsistencyProofFromJson(
    const nlohmann::ordered_json& j);

// JSON text to a value; kMalformed when it is not JSON.
[[nodiscard]] Result<nlohmann::ordered_json> ParseProofJson(std::string_view text);

// Verifies the bundle with the hasher its "hash" names (VerifyInclusion / VerifyConsistency of
// merkle.h). This shows only that the bundle is self-consistent: the caller must still compare
// the root(s) with a checkpoint it trusts (checkpoint.h).
[[nodiscard]] Status VerifyInclusionBundle(const InclusionProofBundle& b);
[[nodiscard]] Status VerifyConsistencyBundle(const ConsistencyProofBundle& b);

// Parse, decode and verify JSON text: kMalformed for bad text or fields, kPermissionDenied for a
// proof that does not verify.
[[nodiscard]] Status VerifyInclusionJson(std::string_view json_text);
[[nodiscard]] Status VerifyConsistencyJson(std::string_view json_text);

}  // namespace cv::audit

#endif  // CV_AUDIT_PROOF_JSON_H_
