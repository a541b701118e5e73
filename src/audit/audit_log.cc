// AuditLog: appending events and signing checkpoints.
#include "audit/audit_log.h"

#include <array>

#include "audit/checkpoint.h"
#include "audit/internal/leaf_encoder.h"
#include "audit/stored_tree.h"

namespace cv::audit {

std::string LogOrigin(std::string_view data_dir_id) {
  return "creditvault/" + std::string(data_dir_id);
}

AuditLog::AuditLog(const crypto::keyring::Keyring& keyring, std::unique_ptr<crypto::Hasher> hasher,
                   AuditOptions options, const Clock& clock)
    : keyring_(keyring),
      hasher_(std::move(hasher)),
      tree_hasher_(*hasher_),
      options_(options),
      clock_(clock),
      origin_(LogOrigin(keyring.data_dir_id())) {}

Result<std::unique_ptr<AuditLog>> AuditLog::Open(const crypto::keyring::Keyring& keyring,
                                                 AuditOptions options, const Clock& clock) {
  if (options.checkpoint_every == 0 || options.checkpoint_seconds <= 0) {
    return Fail(ErrorCode::kInvalidArgument, "checkpoint interval must be positive");
  }
  CV_ASSIGN_OR_RETURN(auto hasher, crypto::NewHasher(keyring.suite()));
  return std::unique_ptr<AuditLog>(new AuditLog(keyring, std::move(hasher), options, clock));
}

Result<CompactRange*> AuditLog::Frontier(store::Tx& tx) {
  CV_ASSIGN_OR_RETURN(const std::optional<TreeHead> head, ReadHead(tx));
  const std::uint64_t size = head ? head->size : 0;
  if (frontier_ && frontier_->size() == size) {
    CV_ASSIGN_OR_RETURN(const std::string root, frontier_->Root());
    if (head ? root == head->root : size == 0) return &*frontier_;
  }
  StoredNodes nodes(tx);
  CV_ASSIGN_OR_RETURN(CompactRange rebuilt, CompactRange::FromNodes(tree_hasher_, size, nodes));
  CV_ASSIGN_OR_RETURN(const std::string root, rebuilt.Root());
  if (head && root != head->root) {
    return Fail(ErrorCode::kFailedPrecondition,
                "audit head does not match its stored nodes: run `cvault audit verify`");
  }
  frontier_ = std::move(rebuilt);
  return &*frontier_;
}

Result<internal::EncodedLeaf> AuditLog::EncodeLeaf(const Event& event, std::uint64_t seq) const {
  internal::EncodedLeaf out;
  CV_ASSIGN_OR_RETURN(out.entry, EncodeEntry(event, seq, [this](std::string_view v) {
                        return keyring_.AuditHash(v);
                      }));
  CV_ASSIGN_OR_RETURN(out.leaf_hash, tree_hasher_.HashLeaf(out.entry));
  return out;
}

Status AuditLog::AppendOne(store::Tx& tx, CompactRange& frontier, const Event& event,
                           internal::EncodedLeaf leaf) {
  const std::array<store::Value, 8> params = {
      store::Int(static_cast<std::int64_t>(frontier.size())),
      store::Int(UnixMicros(event.time)),
      store::Text(event.actor_user),
      store::Text(event.actor_institution),
      store::Text(event.action),
      store::Text(OutcomeName(event.result)),
      store::Bytes{std::move(leaf.entry)},
      store::Blob(leaf.leaf_hash)};
  auto inserted = tx.Exec(
      "INSERT INTO audit_events (seq, time_us, actor, institution, action, result, entry, "
      "leaf_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      params);
  if (!inserted) return std::unexpected(inserted.error());
  CV_ASSIGN_OR_RETURN(const std::vector<NodeWrite> writes, frontier.Append(leaf.leaf_hash));
  return WriteNodes(tx, writes);
}

Result<std::uint64_t> AuditLog::Append(store::Tx& tx, const Event& event) {
  return AppendAll(tx, std::span<const Event>(&event, 1));
}

Result<std::uint64_t> AuditLog::AppendAll(store::Tx& tx, std::span<const Event> events) {
  std::unique_lock lock(mu_);
  CV_ASSIGN_OR_RETURN(CompactRange * frontier, Frontier(tx));
  const std::uint64_t first = frontier->size();
  // Entries and leaf hashes are computed ahead on a helper thread while this one inserts.
  internal::LeafEncoder encoder(events.size(), [this, events, first](std::size_t i) {
    return EncodeLeaf(events[i], first + i);
  });
  for (std::size_t i = 0; i < events.size(); ++i) {
    auto leaf = encoder.Take(i);
    auto appended = leaf ? AppendOne(tx, *frontier, events[i], std::move(*leaf))
                         : Status(std::unexpected(leaf.error()));
    if (!appended) {
      frontier_.reset();  // The transaction will not commit as we left it: rebuild next time.
      return std::unexpected(appended.error());
    }
  }
  CV_ASSIGN_OR_RETURN(const std::string root, frontier->Root());
  CV_RETURN_IF_ERROR(WriteHead(tx, TreeHead{frontier->size(), root}));
  lock.unlock();
  CV_RETURN_IF_ERROR(Checkpoint(tx, false));
  return first;
}

Result<std::optional<std::uint64_t>> AuditLog::Checkpoint(store::Tx& tx, bool force) {
  CV_ASSIGN_OR_RETURN(const std::optional<TreeHead> head, ReadHead(tx));
  CV_ASSIGN_OR_RETURN(const std::optional<StoredCheckpoint> last, LatestCheckpoint(tx));
  if (!head || head->size == 0) return std::optional<std::uint64_t>();
  const std::uint64_t last_size = last ? last->size : 0;
  const std::int64_t now = UnixMicros(clock_.Now());
  const bool grown = head->size > last_size;
  const bool due = head->size - last_size >= options_.checkpoint_every || !last ||
                   now - last->created_us >= options_.checkpoint_seconds * 1'000'000;
  if (!grown || !(due || force)) return std::optional<std::uint64_t>();
  audit::Checkpoint cp{origin_, head->size, head->root};
  CV_ASSIGN_OR_RETURN(const std::string note,
                      SignCheckpoint(cp, origin_, keyring_.audit_signer(),
                                     keyring_.audit_public_key(), keyring_.suite()));
  auto stored = tx.Exec(
      "INSERT INTO audit_checkpoints (size, created_us, note) VALUES (?1, ?2, ?3)",
      {store::Int(static_cast<std::int64_t>(head->size)), store::Int(now), store::Text(note)});
  if (!stored) return std::unexpected(stored.error());
  return std::optional<std::uint64_t>(head->size);
}

}  // namespace cv::audit
