// AuditReader::Verify: recompute the log from its events and compare with everything stored.
#include <map>

#include "audit/audit_reader.h"
#include "audit/internal/hex.h"

namespace cv::audit {
namespace {

// The state of one verification pass.
struct VerifyPass {
  const TreeHasher& hasher;
  StoredNodes& nodes;
  std::map<std::uint64_t, Checkpoint> checkpoints;  // opened, by size
  CompactRange frontier;
  VerifyReport report;

  bool Bad(std::optional<std::uint64_t> index, std::string problem) {
    report.ok = false;
    report.first_bad_index = index;
    report.problem = std::move(problem);
    return false;
  }
};

// The columns kept beside the entry for searching must say what the entry says.
bool ColumnsMatch(const store::Row& row, const DecodedEntry& e) {
  return row.Int(1).value_or(-1) == e.time_us && row.Text(2).value_or("") == e.actor_user &&
         row.Text(3).value_or("") == e.actor_institution && row.Text(4).value_or("") == e.action &&
         row.Text(5).value_or("") == e.result;
}

// Checks event `i` (row: seq, time_us, actor, institution, action, result, entry, leaf_hash)
// and extends the recomputed tree. False (with the report filled) at the first problem.
Result<bool> CheckEvent(VerifyPass& pass, const store::Row& row) {
  const std::uint64_t i = pass.frontier.size();
  const std::string at = "event " + std::to_string(i);
  if (row.Int(0).value_or(-1) != static_cast<std::int64_t>(i)) {
    return pass.Bad(i, at + " is missing (the next stored event is a different one)");
  }
  const std::string entry = row.Blob(6).value_or("");
  auto decoded = DecodeEntry(entry);
  if (!decoded || decoded->seq != i) return pass.Bad(i, at + " is not a valid entry for its place");
  if (!ColumnsMatch(row, *decoded)) return pass.Bad(i, at + ": search columns differ from entry");
  CV_ASSIGN_OR_RETURN(const std::string leaf, pass.hasher.HashLeaf(entry));
  if (row.Blob(7).value_or("") != leaf) return pass.Bad(i, at + ": leaf hash does not match");
  CV_ASSIGN_OR_RETURN(const std::vector<NodeWrite> writes, pass.frontier.Append(leaf));
  for (const NodeWrite& w : writes) {
    if (w.level == 0) continue;
    auto stored = pass.nodes.Node(w.level, w.index);
    if (!stored || *stored != w.hash) {
      return pass.Bad(i, at + ": stored tree node (" + std::to_string(w.level) + ", " +
                             std::to_string(w.index) + ") does not match the events");
    }
  }
  ++pass.report.events_checked;
  auto cp = pass.checkpoints.find(pass.frontier.size());
  if (cp == pass.checkpoints.end()) return true;
  CV_ASSIGN_OR_RETURN(const std::string root, pass.frontier.Root());
  if (root != cp->second.root_hash) {
    const auto prev = cp == pass.checkpoints.begin() ? 0 : std::prev(cp)->first;
    return pass.Bad(prev, "signed checkpoint at size " + std::to_string(cp->first) +
                              " does not match the events: an event in [" + std::to_string(prev) +
                              ", " + std::to_string(cp->first) + ") was altered");
  }
  return true;
}

}  // namespace

Result<VerifyReport> AuditReader::Verify(
    const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  StoredNodes nodes(tx_);
  VerifyPass pass{tree_hasher_, nodes, {}, CompactRange(tree_hasher_), {}};
  CV_ASSIGN_OR_RETURN(const TreeHead head, Head());
  pass.report.size = head.size;
  auto notes = tx_.Query("SELECT size, note FROM audit_checkpoints ORDER BY size");
  if (!notes) return std::unexpected(notes.error());
  for (const store::Row& row : *notes) {
    const auto size = static_cast<std::uint64_t>(row.Int(0).value_or(-1));
    auto cp = OpenNote(row.Text(1).value_or(""));
    if (!cp || cp->size != size) {
      pass.Bad(std::nullopt, "checkpoint at size " + std::to_string(size) +
                                 " does not verify with this log's key");
      return pass.report;
    }
    pass.checkpoints.emplace(size, std::move(*cp));
    ++pass.report.checkpoints_checked;
  }
  auto walked = tx_.ForEach(
      "SELECT seq, time_us, actor, institution, action, result, entry, leaf_hash "
      "FROM audit_events ORDER BY seq",
      {}, [&](const store::Row& row) -> Result<bool> {
        if (progress && pass.frontier.size() % 65536 == 0)
          progress(pass.frontier.size(), head.size);
        return CheckEvent(pass, row);
      });
  if (!walked) return std::unexpected(walked.error());
  if (!pass.report.ok) return pass.report;
  const std::uint64_t n = pass.frontier.size();
  if (!pass.checkpoints.empty() && pass.checkpoints.rbegin()->first > n) {
    pass.Bad(n, "log truncated: a checkpoint covers " +
                    std::to_string(pass.checkpoints.rbegin()->first) + " events, " +
                    std::to_string(n) + " are stored");
    return pass.report;
  }
  CV_ASSIGN_OR_RETURN(pass.report.root, pass.frontier.Root());
  if (n != head.size || pass.report.root != head.root) {
    pass.Bad(std::min(n, head.size), "the tree head (size " + std::to_string(head.size) +
                                         ") does not match the " + std::to_string(n) +
                                         " stored events");
  }
  return pass.report;
}

}  // namespace cv::audit
