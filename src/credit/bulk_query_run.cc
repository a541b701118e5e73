// BulkQueries: querying every subject, anchoring the job, sealing the result.
#include <nlohmann/json.hpp>

#include "audit/audit_reader.h"
#include "credit/bulk_query.h"
#include "credit/internal/actor_event.h"
#include "credit/internal/fact_store.h"
#include "crypto/envelope.h"
#include "crypto/signer.h"
#include "policy/policy.h"

namespace cv::credit {
namespace {

using nlohmann::ordered_json;

// One result line (invariant 3); the subject only masked.
ordered_json ResultLine(std::size_t index, const QueryRequest& q, const QueryOutcome& o) {
  ordered_json line = {
      {"index", index},
      {"subject",
       {{"id_type", q.subject.id_type},
        {"id_number", policy::Mask(q.subject.id_number, policy::MaskRule::kFirst6Last4)}}},
      {"status", o.allowed ? "ok" : "refused"}};
  if (!o.allowed) {
    line["rule"] = o.rule;
    line["message"] = o.message;
    return line;
  }
  line["report_id"] = o.report_id;
  line["leaf_index"] = o.leaf_index;
  line["proof"] = o.proof;
  line["report"] = ordered_json::parse(o.report.dump());
  return line;
}

}  // namespace

Result<std::vector<QueryOutcome>> BulkQueries::QueryAll(const access::Actor& by,
                                                        const BulkRequest& request,
                                                        const std::string& id) {
  std::vector<QueryOutcome> out;
  out.reserve(request.subjects.size());
  for (std::size_t first = 0; first < request.subjects.size(); first += chunk_) {
    const std::size_t end = std::min(first + chunk_, request.subjects.size());
    CV_ASSIGN_OR_RETURN(auto tx, store_.Begin());
    for (std::size_t i = first; i < end; ++i) {
      auto o = queries_.Single(*tx, by, request.subjects[i], /*anchor=*/false);
      if (!o && o.error().code() != ErrorCode::kInvalidArgument) return std::unexpected(o.error());
      if (!o) {
        QueryOutcome refused;
        refused.rule = "invalid_subject";
        refused.message = o.error().message();
        out.push_back(std::move(refused));
      } else {
        out.push_back(std::move(*o));
      }
    }
    CV_RETURN_IF_ERROR(tx->Exec("UPDATE credit_bulk_jobs SET done = ?1 WHERE id = ?2",
                                {store::Int(static_cast<std::int64_t>(end)), store::Text(id)}));
    CV_RETURN_IF_ERROR(tx->Commit());
  }
  return out;
}

Status BulkQueries::Finish(const access::Actor& by, const std::string& id,
                           const BulkRequest& request, std::vector<QueryOutcome>& outcomes,
                           const std::string& public_key_pem) {
  CV_ASSIGN_OR_RETURN(auto tx, store_.Begin());
  // QRY-7 for the whole job: one checkpoint covers every report's leaf.
  CV_RETURN_IF_ERROR(audit_.Checkpoint(*tx, /*force=*/true));
  CV_ASSIGN_OR_RETURN(auto reader, audit::AuditReader::Open(*tx));
  CV_ASSIGN_OR_RETURN(const std::string note, reader->LatestCheckpointNote());
  CV_ASSIGN_OR_RETURN(const audit::Checkpoint cp, reader->OpenNote(note));
  std::string file = ordered_json({{"job", id},
                                   {"institution", request.institution},
                                   {"user", request.user},
                                   {"reason", request.reason},
                                   {"count", request.count},
                                   {"checkpoint", note}})
                         .dump() +
                     "\n";
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    QueryOutcome& o = outcomes[i];
    if (o.allowed) {
      CV_ASSIGN_OR_RETURN(audit::InclusionProofBundle b,
                          reader->ProveInclusion(o.leaf_index, cp.size));
      CV_ASSIGN_OR_RETURN(o.proof, audit::InclusionProofToJson(b));
    }
    file += ResultLine(i, request.subjects[i], o).dump() + "\n";
  }
  // Invariant 2: sealed to the institution's registered key before it is stored.
  CV_ASSIGN_OR_RETURN(crypto::ParsedPublicKey key, crypto::ParsePublicKeyPem(public_key_pem));
  CV_ASSIGN_OR_RETURN(std::string sealed,
                      crypto::SealToPublicKey(key.der, file, "cvault-bulk|" + id));
  CV_RETURN_IF_ERROR(tx->Exec(
      "UPDATE credit_bulk_jobs SET state = 'done', result = ?1, "
      "finished_us = ?2 WHERE id = ?3",
      {store::Blob(sealed), store::Int(internal::MicrosOf(clock_.Now())), store::Text(id)}));
  std::int64_t ok = 0;
  for (const QueryOutcome& o : outcomes) ok += o.allowed ? 1 : 0;
  audit::Event e = internal::ActorEvent(by, clock_.Now(), "credit.bulk_query.done", "bulk_job", id);
  e.Add("reports", std::to_string(ok))
      .Add("refused", std::to_string(static_cast<std::int64_t>(outcomes.size()) - ok));
  CV_RETURN_IF_ERROR(audit_.Append(*tx, e));
  return tx->Commit();
}

Result<BulkJob> BulkQueries::Find(store::Tx& tx, const access::Actor& by, std::string_view id) {
  CV_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT reason, state, subject_count, done, "
                                            "created_us, finished_us FROM credit_bulk_jobs WHERE "
                                            "id = ?1 AND institution = ?2",
                                            {store::Text(id), store::Text(by.institution)}));
  if (!row) return Fail(ErrorCode::kNotFound, "no such bulk query of this institution");
  BulkJob j;
  j.id = std::string(id);
  j.institution = by.institution;
  CV_ASSIGN_OR_RETURN(j.reason, row->Text(0));
  CV_ASSIGN_OR_RETURN(j.state, row->Text(1));
  CV_ASSIGN_OR_RETURN(j.subject_count, row->Int(2));
  CV_ASSIGN_OR_RETURN(j.done, row->Int(3));
  CV_ASSIGN_OR_RETURN(std::int64_t created, row->Int(4));
  CV_ASSIGN_OR_RETURN(std::int64_t finished, row->Int(5));
  j.created_at = FormatRfc3339(internal::FromMicros(created));
  if (finished > 0) j.finished_at = FormatRfc3339(internal::FromMicros(finished));
  return j;
}

Result<std::string> BulkQueries::SealedResult(store::Tx& tx, const access::Actor& by,
                                              std::string_view id) {
  CV_ASSIGN_OR_RETURN(BulkJob job, Find(tx, by, id));
  if (job.state != "done") return Fail(ErrorCode::kFailedPrecondition, "the job is not done");
  CV_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT result FROM credit_bulk_jobs WHERE id = ?1",
                                            {store::Text(id)}));
  return row->Blob(0);
}

}  // namespace cv::credit
