// Proof JSON encoding and strict decoding.
#include "audit/proof_json.h"

#include <algorithm>
#include <initializer_list>

#include "audit/internal/hex.h"
#include "audit/merkle.h"
#include "crypto/hasher.h"

namespace cv::audit {
namespace {

using Json = nlohmann::ordered_json;

// DO NOT CHANGE: the field names are the interchange format.
constexpr std::string_view kInclusionFields[] = {"hash",      "leaf_index", "tree_size",
                                                 "leaf_hash", "root",       "proof"};
constexpr std::string_view kConsistencyFields[] = {"hash",       "first_size",  "second_size",
                                                   "first_root", "second_root", "proof"};

std::unexpected<Error> Malformed(std::string_view field, std::string_view what) {
  return Fail(ErrorCode::kMalformed, std::string(field) + ": " + std::string(what),
              Position{"", 0, std::string(field)});
}

Status CheckHashes(std::string_view hash_name, std::initializer_list<std::string_view> hashes,
                   const std::vector<std::string>& proof) {
  CV_RETURN_IF_ERROR(SuiteForTreeHash(hash_name));
  auto bad = [](std::string_view h) { return h.size() != crypto::kDigestSize; };
  if (std::ranges::any_of(hashes, bad) || std::ranges::any_of(proof, bad)) {
    return Fail(ErrorCode::kInvalidArgument, "proof hashes must be 32 bytes");
  }
  return Ok();
}

Json HexList(const std::vector<std::string>& hashes) {
  Json list = Json::array();
  for (const std::string& h : hashes) list.push_back(internal::HexEncode(h));
  return list;
}

// An object with exactly the fields `names`.
template <std::size_t N>
Status CheckFields(const Json& j, const std::string_view (&names)[N]) {
  if (!j.is_object()) return Malformed("", "a proof must be a JSON object");
  for (std::string_view name : names) {
    if (!j.contains(name)) return Malformed(name, "missing");
  }
  for (const auto& [key, value] : j.items()) {
    if (std::ranges::find(names, key) == std::end(names)) return Malformed(key, "unknown field");
  }
  return Ok();
}

Result<std::string> GetHashName(const Json& j) {
  const Json& v = j.at("hash");
  if (!v.is_string() || !SuiteForTreeHash(v.get<std::string>())) {
    return Malformed("hash", "must be \"sm3\" or \"sha256\"");
  }
  return v.get<std::string>();
}

Result<std::uint64_t> GetSize(const Json& j, std::string_view field) {
  const Json& v = j.at(field);
  if (!v.is_number_unsigned()) return Malformed(field, "must be an unsigned integer");
  return v.get<std::uint64_t>();
}

Result<std::string> DecodeDigest(const Json& v, std::string_view field) {
  if (!v.is_string()) return Malformed(field, "must be a hex string");
  auto bytes = internal::HexDecodeLower(v.get<std::string>());
  if (!bytes) return Malformed(field, bytes.error().message());
  if (bytes->size() != crypto::kDigestSize) return Malformed(field, "must be a 32-byte hash");
  return bytes;
}

Result<std::vector<std::string>> GetProof(const Json& j) {
  const Json& v = j.at("proof");
  if (!v.is_array()) return Malformed("proof", "must be an array of hex strings");
  std::vector<std::string> proof;
  for (std::size_t i = 0; i < v.size(); ++i) {
    CV_ASSIGN_OR_RETURN(std::string hash, DecodeDigest(v[i], "proof[" + std::to_string(i) + "]"));
    proof.push_back(std::move(hash));
  }
  return proof;
}

// Runs `verify` with the TreeHasher that `hash_name` names.
template <typename Fn>
Status WithTreeHasher(std::string_view hash_name, Fn verify) {
  CV_ASSIGN_OR_RETURN(const crypto::Suite suite, SuiteForTreeHash(hash_name));
  CV_ASSIGN_OR_RETURN(auto hasher, crypto::NewHasher(suite));
  return verify(TreeHasher(*hasher));
}

}  // namespace

Result<nlohmann::ordered_json> InclusionProofToJson(const InclusionProofBundle& b) {
  CV_RETURN_IF_ERROR(CheckHashes(b.hash, {b.leaf_hash, b.root}, b.proof));
  Json j;
  j["hash"] = b.hash;
  j["leaf_index"] = b.leaf_index;
  j["tree_size"] = b.tree_size;
  j["leaf_hash"] = internal::HexEncode(b.leaf_hash);
  j["root"] = internal::HexEncode(b.root);
  j["proof"] = HexList(b.proof);
  return j;
}

Result<nlohmann::ordered_json> ConsistencyProofToJson(const ConsistencyProofBundle& b) {
  CV_RETURN_IF_ERROR(CheckHashes(b.hash, {b.first_root, b.second_root}, b.proof));
  Json j;
  j["hash"] = b.hash;
  j["first_size"] = b.first_size;
  j["second_size"] = b.second_size;
  j["first_root"] = internal::HexEncode(b.first_root);
  j["second_root"] = internal::HexEncode(b.second_root);
  j["proof"] = HexList(b.proof);
  return j;
}

Result<InclusionProofBundle> InclusionProofFromJson(const nlohmann::ordered_json& j) {
  CV_RETURN_IF_ERROR(CheckFields(j, kInclusionFields));
  InclusionProofBundle b;
  CV_ASSIGN_OR_RETURN(b.hash, GetHashName(j));
  CV_ASSIGN_OR_RETURN(b.leaf_index, GetSize(j, "leaf_index"));
  CV_ASSIGN_OR_RETURN(b.tree_size, GetSize(j, "tree_size"));
  CV_ASSIGN_OR_RETURN(b.leaf_hash, DecodeDigest(j.at("leaf_hash"), "leaf_hash"));
  CV_ASSIGN_OR_RETURN(b.root, DecodeDigest(j.at("root"), "root"));
  CV_ASSIGN_OR_RETURN(b.proof, GetProof(j));
  return b;
}

Result<ConsistencyProofBundle> ConsistencyProofFromJson(const nlohmann::ordered_json& j) {
  CV_RETURN_IF_ERROR(CheckFields(j, kConsistencyFields));
  ConsistencyProofBundle b;
  CV_ASSIGN_OR_RETURN(b.hash, GetHashName(j));
  CV_ASSIGN_OR_RETURN(b.first_size, GetSize(j, "first_size"));
  CV_ASSIGN_OR_RETURN(b.second_size, GetSize(j, "second_size"));
  CV_ASSIGN_OR_RETURN(b.first_root, DecodeDigest(j.at("first_root"), "first_root"));
  CV_ASSIGN_OR_RETURN(b.second_root, DecodeDigest(j.at("second_root"), "second_root"));
  CV_ASSIGN_OR_RETURN(b.proof, GetProof(j));
  return b;
}

Result<nlohmann::ordered_json> ParseProofJson(std::string_view text) {
  Json j = Json::parse(text, /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Fail(ErrorCode::kMalformed, "proof is not valid JSON");
  return j;
}

Status VerifyInclusionBundle(const InclusionProofBundle& b) {
  return WithTreeHasher(b.hash, [&](const TreeHasher& hasher) {
    return VerifyInclusion(hasher, b.leaf_index, b.tree_size, b.leaf_hash, b.proof, b.root);
  });
}

Status VerifyConsistencyBundle(const ConsistencyProofBundle& b) {
  return WithTreeHasher(b.hash, [&](const TreeHasher& hasher) {
    return VerifyConsistency(hasher, b.first_size, b.second_size, b.proof, b.first_root,
                             b.second_root);
  });
}

Status VerifyInclusionJson(std::string_view json_text) {
  CV_ASSIGN_OR_RETURN(const Json j, ParseProofJson(json_text));
  CV_ASSIGN_OR_RETURN(const InclusionProofBundle b, InclusionProofFromJson(j));
  return VerifyInclusionBundle(b);
}

Status VerifyConsistencyJson(std::string_view json_text) {
  CV_ASSIGN_OR_RETURN(const Json j, ParseProofJson(json_text));
  CV_ASSIGN_OR_RETURN(const ConsistencyProofBundle b, ConsistencyProofFromJson(j));
  return VerifyConsistencyBundle(b);
}

}  // namespace cv::audit
