// AuditReader: head, proofs, checkpoints and event search over the stored log.
#include "audit/audit_reader.h"

#include <climits>

#include "audit/audit_log.h"
#include "audit/internal/hex.h"

namespace cv::audit {
namespace {

Result<std::string> MetaValue(store::Tx& tx, std::string_view key) {
  auto row = tx.QueryOne("SELECT value FROM meta WHERE key = ?1", {store::Text(key)});
  if (!row) return std::unexpected(row.error());
  if (!*row) {
    return Fail(ErrorCode::kFailedPrecondition, "no keyring here: run `cvault init` first");
  }
  return (*row)->Text(0);
}

}  // namespace

AuditReader::AuditReader(store::Tx& tx, std::unique_ptr<crypto::Hasher> hasher,
                         std::unique_ptr<crypto::Verifier> verifier, crypto::Suite suite,
                         std::string public_key, std::string origin)
    : tx_(tx),
      hasher_(std::move(hasher)),
      tree_hasher_(*hasher_),
      verifier_(std::move(verifier)),
      suite_(suite),
      public_key_(std::move(public_key)),
      origin_(std::move(origin)) {}

Result<std::unique_ptr<AuditReader>> AuditReader::Open(store::Tx& tx) {
  CV_ASSIGN_OR_RETURN(const std::string suite_name, MetaValue(tx, "suite"));
  CV_ASSIGN_OR_RETURN(const std::string id, MetaValue(tx, "data_dir_id"));
  CV_ASSIGN_OR_RETURN(const std::string key_hex, MetaValue(tx, "audit_public_key"));
  CV_ASSIGN_OR_RETURN(const crypto::Suite suite, crypto::ParseSuite(suite_name));
  CV_ASSIGN_OR_RETURN(std::string public_key, internal::HexDecodeLower(key_hex));
  CV_ASSIGN_OR_RETURN(auto hasher, crypto::NewHasher(suite));
  // The verifier is made when a note is first opened: proofs alone do not need it.
  return std::unique_ptr<AuditReader>(
      new AuditReader(tx, std::move(hasher), nullptr, suite, std::move(public_key), LogOrigin(id)));
}

Result<TreeHead> AuditReader::Head() {
  CV_ASSIGN_OR_RETURN(const std::optional<TreeHead> head, ReadHead(tx_));
  if (head) return *head;
  CV_ASSIGN_OR_RETURN(std::string empty, tree_hasher_.EmptyRoot());
  return TreeHead{0, std::move(empty)};
}

Result<InclusionProofBundle> AuditReader::ProveInclusion(std::uint64_t index,
                                                         std::optional<std::uint64_t> size) {
  CV_ASSIGN_OR_RETURN(const TreeHead head, Head());
  const std::uint64_t n = size.value_or(head.size);
  if (n > head.size || index >= n) {
    return Fail(ErrorCode::kInvalidArgument, "need index < size <= " + std::to_string(head.size));
  }
  StoredNodes nodes(tx_);
  InclusionProofBundle b;
  b.hash = std::string(tree_hasher_.name());
  b.leaf_index = index;
  b.tree_size = n;
  CV_ASSIGN_OR_RETURN(b.leaf_hash, nodes.Node(0, index));
  CV_ASSIGN_OR_RETURN(b.root, RootHash(tree_hasher_, n, nodes));
  CV_ASSIGN_OR_RETURN(b.proof, InclusionProof(tree_hasher_, index, n, nodes));
  return b;
}

Result<ConsistencyProofBundle> AuditReader::ProveConsistency(
    std::uint64_t first_size, std::optional<std::uint64_t> second_size) {
  CV_ASSIGN_OR_RETURN(const TreeHead head, Head());
  const std::uint64_t n = second_size.value_or(head.size);
  if (n > head.size || first_size == 0 || first_size > n) {
    return Fail(ErrorCode::kInvalidArgument, "need 0 < from <= to <= " + std::to_string(head.size));
  }
  StoredNodes nodes(tx_);
  ConsistencyProofBundle b;
  b.hash = std::string(tree_hasher_.name());
  b.first_size = first_size;
  b.second_size = n;
  CV_ASSIGN_OR_RETURN(b.first_root, RootHash(tree_hasher_, first_size, nodes));
  CV_ASSIGN_OR_RETURN(b.second_root, RootHash(tree_hasher_, n, nodes));
  CV_ASSIGN_OR_RETURN(b.proof, ConsistencyProof(tree_hasher_, first_size, n, nodes));
  return b;
}

Result<std::string> AuditReader::LatestCheckpointNote() {
  CV_ASSIGN_OR_RETURN(const std::optional<StoredCheckpoint> cp, LatestCheckpoint(tx_));
  if (!cp) return Fail(ErrorCode::kNotFound, "no checkpoint has been signed yet");
  return cp->note;
}

Result<Checkpoint> AuditReader::OpenNote(std::string_view note) {
  if (!verifier_) {
    CV_ASSIGN_OR_RETURN(verifier_, crypto::NewVerifier(suite_, public_key_));
  }
  CV_ASSIGN_OR_RETURN(Checkpoint cp,
                      OpenCheckpoint(note, origin_, *verifier_, public_key_, suite_));
  if (cp.origin != origin_) {
    return Fail(ErrorCode::kPermissionDenied, "checkpoint is for another log: " + cp.origin);
  }
  return cp;
}

Status AuditReader::ForEachEvent(const EventFilter& f,
                                 const std::function<Result<bool>(const DecodedEntry&)>& fn) {
  std::uint64_t seen = 0;
  return tx_.ForEach(
      "SELECT entry FROM audit_events WHERE time_us >= ?1 AND time_us < ?2 "
      "AND (?3 = '' OR actor = ?3) AND (?4 = '' OR action = ?4) AND (?5 = '' OR result = ?5) "
      "ORDER BY seq",
      {store::Int(f.from_us.value_or(INT64_MIN)), store::Int(f.to_us.value_or(INT64_MAX)),
       store::Text(f.actor), store::Text(f.action), store::Text(f.result)},
      [&](const store::Row& row) -> Result<bool> {
        CV_ASSIGN_OR_RETURN(const std::string entry, row.Blob(0));
        CV_ASSIGN_OR_RETURN(const DecodedEntry decoded, DecodeEntry(entry));
        CV_ASSIGN_OR_RETURN(const bool more, fn(decoded));
        return more && (f.limit == 0 || ++seen < f.limit);
      });
}

}  // namespace cv::audit
