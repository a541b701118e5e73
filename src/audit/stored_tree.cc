// The audit tree's tables.
#include "audit/stored_tree.h"

namespace cv::audit {

Result<std::string> StoredNodes::Node(int level, std::uint64_t index) {
  Slot& slot = cache_[(index * 31 + static_cast<std::uint64_t>(level)) % kCacheSlots];
  if (slot.level == level && slot.index == index) return slot.hash;
  CV_ASSIGN_OR_RETURN(std::optional<std::string> hash, Read(level, index));
  if (!hash) {
    return Fail(ErrorCode::kNotFound, "audit tree node (" + std::to_string(level) + ", " +
                                          std::to_string(index) + ") is not stored");
  }
  slot = Slot{level, index, *hash};
  return std::move(*hash);
}

// One row by primary key, read through ForEach: no row copy, and no second step to look for
// another row (the key is unique).
Result<std::optional<std::string>> StoredNodes::Read(int level, std::uint64_t index) {
  const std::array<store::Value, 2> params = {store::Int(level),
                                              store::Int(static_cast<std::int64_t>(index))};
  std::optional<std::string> hash;
  auto got = [&](const store::Row& row) -> Result<bool> {
    CV_ASSIGN_OR_RETURN(hash, row.Blob(0));
    return false;
  };
  CV_RETURN_IF_ERROR(
      level == 0 ? tx_->ForEach("SELECT leaf_hash FROM audit_events WHERE seq = ?1",
                                std::span<const store::Value>(params).subspan(1), got)
                 : tx_->ForEach("SELECT hash FROM audit_nodes WHERE level = ?1 AND idx = ?2",
                                params, got));
  return hash;
}

Result<std::optional<TreeHead>> ReadHead(store::Tx& tx) {
  auto row = tx.QueryOne("SELECT size, root FROM audit_head WHERE id = 1");
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<TreeHead>();
  CV_ASSIGN_OR_RETURN(const std::int64_t size, (*row)->Int(0));
  CV_ASSIGN_OR_RETURN(std::string root, (*row)->Blob(1));
  return std::optional<TreeHead>(TreeHead{static_cast<std::uint64_t>(size), std::move(root)});
}

Status WriteHead(store::Tx& tx, const TreeHead& head) {
  auto done = tx.Exec(
      "INSERT INTO audit_head (id, size, root) VALUES (1, ?1, ?2) "
      "ON CONFLICT (id) DO UPDATE SET size = excluded.size, root = excluded.root",
      {store::Int(static_cast<std::int64_t>(head.size)), store::Blob(head.root)});
  if (!done) return std::unexpected(done.error());
  return Ok();
}

Status WriteNodes(store::Tx& tx, const std::vector<NodeWrite>& writes) {
  for (const NodeWrite& w : writes) {
    if (w.level == 0) continue;
    auto done = tx.Exec(
        "INSERT INTO audit_nodes (level, idx, hash) VALUES (?1, ?2, ?3)",
        {store::Int(w.level), store::Int(static_cast<std::int64_t>(w.index)), store::Blob(w.hash)});
    if (!done) return std::unexpected(done.error());
  }
  return Ok();
}

Result<std::optional<StoredCheckpoint>> LatestCheckpoint(store::Tx& tx) {
  auto row = tx.QueryOne(
      "SELECT size, created_us, note FROM audit_checkpoints ORDER BY size DESC LIMIT 1");
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<StoredCheckpoint>();
  CV_ASSIGN_OR_RETURN(const std::int64_t size, (*row)->Int(0));
  CV_ASSIGN_OR_RETURN(const std::int64_t created, (*row)->Int(1));
  CV_ASSIGN_OR_RETURN(std::string note, (*row)->Text(2));
  return std::optional<StoredCheckpoint>(
      StoredCheckpoint{static_cast<std::uint64_t>(size), created, std::move(note)});
}

}  // namespace cv::audit
