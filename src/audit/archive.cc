// Sealed archive segments (archive.h).
#include "audit/archive.h"

#include <array>
#include <nlohmann/json.hpp>

#include "audit/event.h"
#include "audit/internal/hex.h"
#include "audit/merkle.h"
#include "audit/range_proof.h"
#include "crypto/hasher.h"
#include "crypto/signer.h"

namespace cv::audit {
namespace {

using internal::HexDecodeLower;
using internal::HexEncode;

// DO NOT CHANGE: the header's fields, in order.
constexpr std::array<std::string_view, 9> kFields = {"format",      "origin",     "hash",
                                                     "first_index", "count",      "tree_size",
                                                     "checkpoint",  "public_key", "range_proof"};

std::unexpected<Error> Malformed(std::string message, std::uint64_t line, std::string field = {}) {
  return Fail(ErrorCode::kMalformed, "archive segment: " + std::move(message),
              Position{"", line, std::move(field)});
}

std::unexpected<Error> Refused(std::string message) {
  return Fail(ErrorCode::kPermissionDenied, "archive segment does not verify: " + message);
}

Result<std::uint64_t> UintField(const nlohmann::ordered_json& h, const char* name) {
  if (!h[name].is_number_unsigned()) return Malformed("not an unsigned integer", 1, name);
  return h[name].get<std::uint64_t>();
}

Result<std::string> TextField(const nlohmann::ordered_json& h, const char* name) {
  if (!h[name].is_string()) return Malformed("not a string", 1, name);
  return h[name].get<std::string>();
}

Result<std::string> HexField(const nlohmann::ordered_json& j, std::string field) {
  if (!j.is_string()) return Malformed("not a hex string", 1, field);
  auto bytes = HexDecodeLower(j.get<std::string>());
  if (!bytes) return Malformed("not lower-case hex", 1, field);
  return bytes;
}

Status CheckFieldNames(const nlohmann::ordered_json& h) {
  if (!h.is_object() || h.size() != kFields.size()) {
    return Malformed("the header must be an object with exactly the segment fields", 1);
  }
  std::size_t i = 0;
  for (const auto& [key, value] : h.items()) {
    if (key != kFields[i++]) return Malformed("unexpected or misplaced field", 1, key);
  }
  if (h["format"] != kSegmentFormat) return Malformed("unknown format", 1, "format");
  return Ok();
}

Result<Segment> ParseHeader(std::string_view line, std::uint64_t& count) {
  auto h = nlohmann::ordered_json::parse(line, nullptr, false);
  if (h.is_discarded()) return Malformed("the header is not JSON", 1);
  CV_RETURN_IF_ERROR(CheckFieldNames(h));
  Segment s;
  CV_ASSIGN_OR_RETURN(s.origin, TextField(h, "origin"));
  CV_ASSIGN_OR_RETURN(s.hash, TextField(h, "hash"));
  CV_ASSIGN_OR_RETURN(s.first_index, UintField(h, "first_index"));
  CV_ASSIGN_OR_RETURN(count, UintField(h, "count"));
  CV_ASSIGN_OR_RETURN(s.tree_size, UintField(h, "tree_size"));
  CV_ASSIGN_OR_RETURN(s.checkpoint_note, TextField(h, "checkpoint"));
  CV_ASSIGN_OR_RETURN(s.public_key, HexField(h["public_key"], "public_key"));
  if (!h["range_proof"].is_array()) return Malformed("not an array", 1, "range_proof");
  for (std::size_t i = 0; i < h["range_proof"].size(); ++i) {
    const std::string field = "range_proof[" + std::to_string(i) + "]";
    CV_ASSIGN_OR_RETURN(std::string hash, HexField(h["range_proof"][i], field));
    if (hash.size() != 32) return Malformed("not a 32-byte hash", 1, field);
    s.range_proof.push_back(std::move(hash));
  }
  if (count == 0) return Malformed("an empty segment", 1, "count");
  return s;
}

// Each entry's leaf hash, after checking it is canonical and names its own leaf index.
Result<std::vector<std::string>> LeafHashes(const TreeHasher& hasher, const Segment& s) {
  std::vector<std::string> leaves;
  for (std::size_t i = 0; i < s.entries.size(); ++i) {
    const std::uint64_t seq = s.first_index + i;
    auto decoded = DecodeEntry(s.entries[i]);
    if (!decoded) {
      return Refused("entry " + std::to_string(seq) +
                     " is not canonical: " + decoded.error().message());
    }
    if (decoded->seq != seq) {
      return Refused("entry at index " + std::to_string(seq) + " names seq " +
                     std::to_string(decoded->seq) + " (dropped, added or reordered entries)");
    }
    CV_ASSIGN_OR_RETURN(std::string leaf, hasher.HashLeaf(s.entries[i]));
    leaves.push_back(std::move(leaf));
  }
  return leaves;
}

Result<Checkpoint> OpenSegmentCheckpoint(const Segment& s, crypto::Suite suite) {
  auto verifier = crypto::NewVerifier(suite, s.public_key);
  if (!verifier) return Refused("the public key is not a valid key");
  auto cp = OpenCheckpoint(s.checkpoint_note, s.origin, **verifier, s.public_key, suite);
  if (!cp) return Refused("checkpoint: " + cp.error().message());
  if (cp->origin != s.origin) return Refused("the checkpoint is for another log: " + cp->origin);
  if (cp->size != s.tree_size) return Refused("the checkpoint's size is not tree_size");
  return cp;
}

}  // namespace

Result<std::string> EncodeSegment(const Segment& s) {
  if (s.entries.empty()) return Fail(ErrorCode::kInvalidArgument, "an empty segment");
  nlohmann::ordered_json proof = nlohmann::ordered_json::array();
  for (const std::string& h : s.range_proof) proof.push_back(HexEncode(h));
  const nlohmann::ordered_json header = {{"format", kSegmentFormat},
                                         {"origin", s.origin},
                                         {"hash", s.hash},
                                         {"first_index", s.first_index},
                                         {"count", s.entries.size()},
                                         {"tree_size", s.tree_size},
                                         {"checkpoint", s.checkpoint_note},
                                         {"public_key", HexEncode(s.public_key)},
                                         {"range_proof", proof}};
  std::string out = header.dump() + "\n";
  for (const std::string& e : s.entries) {
    if (e.find('\n') != std::string::npos) {
      return Fail(ErrorCode::kInvalidArgument, "an entry holds a line break");
    }
    out += e + "\n";
  }
  return out;
}

Result<Segment> ParseSegment(std::string_view text) {
  if (text.empty() || text.back() != '\n') return Malformed("the file must end in a line break", 0);
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t nl = text.find('\n', pos);
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  std::uint64_t count = 0;
  CV_ASSIGN_OR_RETURN(Segment s, ParseHeader(lines[0], count));
  if (lines.size() - 1 != count) {
    return Malformed("the header says " + std::to_string(count) + " entries, the file has " +
                         std::to_string(lines.size() - 1),
                     lines.size());
  }
  for (std::size_t i = 1; i < lines.size(); ++i) s.entries.emplace_back(lines[i]);
  return s;
}

Result<SegmentReport> VerifySegment(const Segment& s) {
  auto suite = SuiteForTreeHash(s.hash);
  if (!suite) return Refused("unknown hash " + s.hash);
  CV_ASSIGN_OR_RETURN(const Checkpoint cp, OpenSegmentCheckpoint(s, *suite));
  CV_ASSIGN_OR_RETURN(const auto hasher, crypto::NewHasher(*suite));
  const TreeHasher tree_hasher(*hasher);
  CV_ASSIGN_OR_RETURN(const std::vector<std::string> leaves, LeafHashes(tree_hasher, s));
  const std::uint64_t end = s.first_index + leaves.size();
  if (end < s.first_index || end > s.tree_size) {
    return Refused("the segment reaches beyond the checkpoint's tree");
  }
  auto root =
      RootFromRangeProof(tree_hasher, s.first_index, end, s.tree_size, leaves, s.range_proof);
  if (!root) return Refused("the range proof is malformed");
  if (*root != cp.root_hash) {
    return Refused("the entries and range proof do not give the checkpoint's root");
  }
  return SegmentReport{cp, s.first_index, leaves.size()};
}

}  // namespace cv::audit
