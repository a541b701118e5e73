// Sealed archive segment (AUD-4): an export of the events [first_index, first_index + count) of
// the audit log that verifies without the database — the canonical entries, the signed
// checkpoint of a tree of tree_size >= first_index + count leaves, the log's public key and the
// range proof (range_proof.h) that ties the entries to that checkpoint's root.
//
// File format (docs/audit_log_format.md, "Archive segments"; DO NOT CHANGE: stored and read by
// other tools): UTF-8 text, every line ending in "\n":
//   line 1: a JSON object with exactly these fields, in this order:
//     {"format": "creditvault-audit-segment/1", "origin": text, "hash": "sm3"|"sha256",
//      "first_index": N, "count": N (>= 1), "tree_size": N, "checkpoint": the signed note text,
//      "public_key": hex SubjectPublicKeyInfo DER, "range_proof": [hex, ...]}
//   lines 2..count+1: the canonical entries of the events, in leaf order.
// Nothing else: no blank line, no trailing data.
//
// Thread-safety: value types and pure functions.
#ifndef CV_AUDIT_ARCHIVE_H_
#define CV_AUDIT_ARCHIVE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "audit/checkpoint.h"
#include "common/result.h"

namespace cv::audit {

// DO NOT CHANGE: the first field of every segment file.
inline constexpr std::string_view kSegmentFormat = "creditvault-audit-segment/1";

// A segment in memory. Hashes and the key are raw bytes.
struct Segment {
  std::string origin;
  std::string hash;  // "sm3" or "sha256"
  std::uint64_t first_index = 0;
  std::uint64_t tree_size = 0;
  std::string checkpoint_note;
  std::string public_key;
  std::vector<std::string> range_proof;
  std::vector<std::string> entries;  // canonical entries, leaf order
  friend bool operator==(const Segment&, const Segment&) = default;
};

// The file bytes. kInvalidArgument for an empty segment or an entry holding a line break.
[[nodiscard]] Result<std::string> EncodeSegment(const Segment& segment);

// Strict parsing (see the top of this file): kMalformed with the line (Position::line) or field.
[[nodiscard]] Result<Segment> ParseSegment(std::string_view text);

// What VerifySegment found: the checkpoint it trusts and the events covered.
struct SegmentReport {
  Checkpoint checkpoint;
  std::uint64_t first_index = 0;
  std::uint64_t count = 0;
};

// Checks the segment on its own: the checkpoint note is signed by segment.public_key under the
// segment's origin and has tree_size; every entry is canonical and names its own seq; the range
// proof with the entries' leaf hashes gives the checkpoint's root. kPermissionDenied saying what
// failed otherwise. This proves the segment matches a checkpoint signed by the key IN THE FILE:
// the caller must still check that key is the log's (compare with a data directory or a pinned
// key).
[[nodiscard]] Result<SegmentReport> VerifySegment(const Segment& segment);

}  // namespace cv::audit

#endif  // CV_AUDIT_ARCHIVE_H_
