// AuditReader::Archive and CountBefore: sealed archive segments of the stored log (AUD-4).
#include "audit/audit_reader.h"
#include "audit/range_proof.h"

namespace cv::audit {

Result<Segment> AuditReader::Archive(std::uint64_t first, std::uint64_t end) {
  CV_ASSIGN_OR_RETURN(const TreeHead head, Head());
  if (first >= end || end > head.size) {
    return Fail(ErrorCode::kInvalidArgument,
                "need from-index < to-index <= " + std::to_string(head.size));
  }
  CV_ASSIGN_OR_RETURN(const std::optional<StoredCheckpoint> stored, LatestCheckpoint(tx_));
  if (!stored || stored->size < end) {
    return Fail(ErrorCode::kFailedPrecondition,
                "no signed checkpoint covers index " + std::to_string(end - 1) +
                    "; sign one first (every writing cvault command signs one at its end)");
  }
  Segment s;
  s.origin = origin_;
  s.hash = std::string(tree_hasher_.name());
  s.tree_size = stored->size;
  s.checkpoint_note = stored->note;
  s.public_key = public_key_;
  CV_ASSIGN_OR_RETURN(const Checkpoint signed_head, OpenNote(s.checkpoint_note));
  if (signed_head.size != s.tree_size) {
    return Fail(ErrorCode::kInternal, "the stored checkpoint's note does not match its size");
  }
  StoredNodes nodes(tx_);
  CV_ASSIGN_OR_RETURN(s.range_proof, RangeProof(tree_hasher_, first, end, s.tree_size, nodes));
  s.first_index = first;
  CV_RETURN_IF_ERROR(tx_.ForEach(
      "SELECT entry FROM audit_events WHERE seq >= ?1 AND seq < ?2 ORDER BY seq",
      {store::Int(static_cast<std::int64_t>(first)), store::Int(static_cast<std::int64_t>(end))},
      [&](const store::Row& row) -> Result<bool> {
        CV_ASSIGN_OR_RETURN(std::string entry, row.Blob(0));
        s.entries.push_back(std::move(entry));
        return true;
      }));
  if (s.entries.size() != end - first) {
    return Fail(ErrorCode::kInternal, "events are missing: run `cvault audit verify`");
  }
  return s;
}

Result<std::uint64_t> AuditReader::CountBefore(std::int64_t time_us) {
  CV_ASSIGN_OR_RETURN(const TreeHead head, Head());
  CV_ASSIGN_OR_RETURN(
      const std::optional<store::Row> row,
      tx_.QueryOne("SELECT MIN(seq) FROM audit_events WHERE time_us >= ?1", {store::Int(time_us)}));
  if (!row || row->IsNull(0)) return head.size;  // every event is older
  CV_ASSIGN_OR_RETURN(const std::int64_t first_later, row->Int(0));
  return static_cast<std::uint64_t>(first_later);
}

}  // namespace cv::audit
