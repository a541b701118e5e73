// QueryService: the rules of one query, and the issue of its report.
#include "credit/query_service.h"

#include <chrono>

#include "audit/audit_reader.h"
#include "audit/stored_tree.h"
#include "common/hex.h"
#include "credit/internal/actor_event.h"
#include "credit/internal/fact_store.h"
#include "credit/reasons.h"
#include "crypto/random.h"
#include "grading/check_digits.h"

namespace cv::credit {
namespace {

using internal::MicrosOf;

// Query history shown in a report: the last two years (QRY-4; Reg Art.17 practice).
constexpr auto kHistoryWindow = std::chrono::hours(24 * 731);
constexpr std::size_t kMaxNameBytes = 64;

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string Trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

Result<std::string> NewReportId() {
  CV_ASSIGN_OR_RETURN(std::string bytes, crypto::RandomString(12));
  return "rpt_" + HexEncode(bytes);
}

}  // namespace

Result<SubjectKey> NormalizeSubjectKey(std::string_view id_type, std::string_view id_number) {
  std::string id = Trimmed(id_number);
  for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (id_type == "resident_id") {
    const bool legacy = id.size() == 15 && AllDigits(id);
    const bool full = id.size() == 18 && AllDigits(id.substr(0, 17)) &&
                      grading::ResidentIdCheckChar(id.substr(0, 17)) == id[17];
    if (!legacy && !full) {
      return Fail(ErrorCode::kInvalidArgument,
                  "subject.id_number is not a valid resident ID (GB 11643 check character)");
    }
  } else if (id_type == "passport") {
    bool ok = id.size() >= 5 && id.size() <= 17;
    for (char c : id) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) != 0);
    if (!ok) return Fail(ErrorCode::kInvalidArgument, "subject.id_number is not a passport number");
  } else {
    return Fail(ErrorCode::kInvalidArgument, "subject.id_type must be resident_id or passport");
  }
  return SubjectKey{std::string(id_type), id};
}

Result<QueryOutcome> QueryService::Single(store::Tx& tx, const access::Actor& by,
                                          const QueryRequest& raw, bool anchor) {
  QueryRequest request = raw;
  CV_ASSIGN_OR_RETURN(request.subject,
                      NormalizeSubjectKey(raw.subject.id_type, raw.subject.id_number));
  request.name = Trimmed(raw.name);
  if (request.name.empty() || request.name.size() > kMaxNameBytes) {
    return Fail(ErrorCode::kInvalidArgument, "subject.name must be 1 to 64 bytes");
  }
  CV_ASSIGN_OR_RETURN(const std::string ref, credit_.SubjectRef(request.subject));
  std::optional<SubjectRow> subject;
  std::optional<SubjectFile> file;
  CV_ASSIGN_OR_RETURN(auto refusal, Check(tx, by, request, ref, subject, file));
  if (refusal) return Refuse(tx, by, request, ref, std::move(*refusal));
  return Issue(tx, by, request, ref, file, anchor);
}

Result<std::optional<QueryService::Refusal>> QueryService::Check(
    store::Tx& tx, const access::Actor& by, const QueryRequest& request, const std::string& ref,
    std::optional<SubjectRow>& subject, std::optional<SubjectFile>& file) {
  using R = std::optional<Refusal>;
  const QueryReason* reason = FindQueryReason(request.reason);
  if (reason == nullptr)
    return R(Refusal{"reason_unknown", "the reason code is not lawful (QRY-2)"});
  if (reason->self_query) {
    return R(Refusal{"reason_not_lawful", "self-query reasons are for the subject only (QRY-2)"});
  }
  CV_ASSIGN_OR_RETURN(auto inst, tx.QueryOne("SELECT status FROM institutions WHERE code = ?1",
                                             {store::Text(by.institution)}));
  if (!inst || *inst->Text(0) != "active") {
    return R(Refusal{"institution_not_active", "the institution is not active (QRY-1)"});
  }
  CV_ASSIGN_OR_RETURN(subject, credit_.FindSubject(tx, ref));
  if (reason->needs_consent) {
    if (request.consent_id.empty()) {
      return R(Refusal{"consent_required",
                       "this reason needs the subject's electronic authorization (QRY-1)"});
    }
    CV_ASSIGN_OR_RETURN(ConsentCheck c, consents_.Check(tx, request.consent_id, ref, by.institution,
                                                        request.reason));
    if (!c.ok) return R(Refusal{c.rule, c.message});
  } else {
    bool related = false;
    if (subject) {
      CV_ASSIGN_OR_RETURN(related,
                          credit_.InstitutionHasAccountWith(tx, subject->id, by.institution));
    }
    if (!related) {
      return R(Refusal{"no_account_relationship",
                       "post-loan management needs an account of the institution with the "
                       "subject (QRY-1)"});
    }
  }
  if (subject) {
    CV_ASSIGN_OR_RETURN(file, credit_.Load(tx, *subject));
    auto name = file->identity.find("person_name");
    if (name != file->identity.end() && name->second.value != request.name) {
      return R(Refusal{"name_mismatch", "the name does not match the identifier (QRY-1)"});
    }
  }
  return R();
}

Result<std::vector<QueryHistoryEntry>> QueryService::History(store::Tx& tx,
                                                             const std::string& ref) {
  const std::int64_t since = MicrosOf(clock_.Now() - kHistoryWindow);
  CV_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT institution, time_us, reason FROM "
                                          "credit_queries WHERE subject_ref = ?1 AND result = "
                                          "'ok' AND time_us >= ?2 ORDER BY time_us DESC, id DESC",
                                          {store::Text(ref), store::Int(since)}));
  std::vector<QueryHistoryEntry> out;
  for (const store::Row& row : rows) {
    QueryHistoryEntry q;
    CV_ASSIGN_OR_RETURN(q.institution, row.Text(0));
    CV_ASSIGN_OR_RETURN(std::int64_t at, row.Int(1));
    CV_ASSIGN_OR_RETURN(q.reason, row.Text(2));
    q.time = internal::FromMicros(at);
    out.push_back(std::move(q));
  }
  return out;
}

Result<QueryOutcome> QueryService::Refuse(store::Tx& tx, const access::Actor& by,
                                          const QueryRequest& request, const std::string& ref,
                                          Refusal refusal) {
  const TimePoint now = clock_.Now();
  CV_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO credit_queries (subject_ref, institution, user_id, "
              "time_us, reason, consent_id, result, rule) VALUES (?1, ?2, ?3, ?4, "
              "?5, ?6, 'denied', ?7)",
              {store::Text(ref), store::Text(by.institution), store::Int(by.user_id),
               store::Int(MicrosOf(now)), store::Text(request.reason),
               store::Text(request.consent_id), store::Text(refusal.rule)}));
  audit::Event e = internal::ActorEvent(by, now, "credit.query", "subject", ref);
  e.result = audit::Outcome::kDenied;
  e.reason = refusal.rule;
  e.Add("reason_code", request.reason).Add("consent_id", request.consent_id);
  CV_ASSIGN_OR_RETURN(std::uint64_t leaf, audit_.Append(tx, e));
  QueryOutcome out;
  out.rule = std::move(refusal.rule);
  out.message = std::move(refusal.message);
  out.leaf_index = leaf;
  return out;
}

Result<QueryOutcome> QueryService::Issue(store::Tx& tx, const access::Actor& by,
                                         const QueryRequest& request, const std::string& ref,
                                         const std::optional<SubjectFile>& file, bool anchor) {
  const TimePoint now = clock_.Now();
  CV_ASSIGN_OR_RETURN(std::vector<QueryHistoryEntry> history, History(tx, ref));
  QueryOutcome out;
  out.allowed = true;
  CV_ASSIGN_OR_RETURN(out.report_id, NewReportId());
  ReportHeader header{out.report_id,   now, by.institution, by.login, request.reason,
                      file.has_value()};
  out.report = BuildReport(header, file ? &*file : nullptr, history);
  CV_ASSIGN_OR_RETURN(
      auto query_id,
      tx.Insert("INSERT INTO credit_queries (subject_ref, institution, user_id, "
                "time_us, reason, consent_id, result, report_id) VALUES (?1, "
                "?2, ?3, ?4, ?5, ?6, 'ok', ?7)",
                {store::Text(ref), store::Text(by.institution), store::Int(by.user_id),
                 store::Int(MicrosOf(now)), store::Text(request.reason),
                 store::Text(request.consent_id), store::Text(out.report_id)}));
  if (!query_id) return Fail(ErrorCode::kInternal, "credit_queries insert added no row");
  audit::Event e = internal::ActorEvent(by, now, "credit.query", "subject", ref);
  e.Add("reason_code", request.reason)
      .Add("consent_id", request.consent_id)
      .Add("report_id", out.report_id);
  CV_ASSIGN_OR_RETURN(out.leaf_index, audit_.Append(tx, e));
  // The masked report, kept for `cvault report ID`, under the subject's data key (CRY-5).
  internal::SubjectKeys keys(credit_.keyring(), tx, ref);
  CV_ASSIGN_OR_RETURN(std::string sealed,
                      keys.Seal(crypto::keyring::KeyGrade::kC2, out.report.dump(),
                                "credit_reports|" + out.report_id));
  CV_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO credit_reports (id, query_id, subject_ref, institution, "
              "user_id, created_us, leaf_index, body) VALUES (?1, ?2, ?3, ?4, ?5, "
              "?6, ?7, ?8)",
              {store::Text(out.report_id), store::Int(*query_id), store::Text(ref),
               store::Text(by.institution), store::Int(by.user_id), store::Int(MicrosOf(now)),
               store::Int(static_cast<std::int64_t>(out.leaf_index)), store::Blob(sealed)}));
  if (anchor) CV_RETURN_IF_ERROR(Anchor(tx, out));
  return out;
}

Status QueryService::Anchor(store::Tx& tx, QueryOutcome& outcome) {
  // QRY-7: a checkpoint signed now covers the report's leaf, so its issue cannot be denied later.
  CV_RETURN_IF_ERROR(audit_.Checkpoint(tx, /*force=*/true));
  // The note was signed in this transaction, so it is not verified again (Prove does, for
  // notes read back later): its size is the stored one.
  CV_ASSIGN_OR_RETURN(auto signed_now, audit::LatestCheckpoint(tx));
  if (!signed_now || signed_now->size <= outcome.leaf_index) {
    return Fail(ErrorCode::kInternal, "the checkpoint just signed does not cover the report");
  }
  CV_ASSIGN_OR_RETURN(auto reader, audit::AuditReader::Open(tx));
  CV_ASSIGN_OR_RETURN(audit::InclusionProofBundle b,
                      reader->ProveInclusion(outcome.leaf_index, signed_now->size));
  CV_ASSIGN_OR_RETURN(outcome.proof, audit::InclusionProofToJson(b));
  outcome.checkpoint = std::move(signed_now->note);
  return Ok();
}

Status QueryService::Prove(store::Tx& tx, QueryOutcome& outcome) {
  CV_ASSIGN_OR_RETURN(auto reader, audit::AuditReader::Open(tx));
  CV_ASSIGN_OR_RETURN(outcome.checkpoint, reader->LatestCheckpointNote());
  CV_ASSIGN_OR_RETURN(audit::Checkpoint cp, reader->OpenNote(outcome.checkpoint));
  CV_ASSIGN_OR_RETURN(audit::InclusionProofBundle b,
                      reader->ProveInclusion(outcome.leaf_index, cp.size));
  CV_ASSIGN_OR_RETURN(outcome.proof, audit::InclusionProofToJson(b));
  return Ok();
}

Result<QueryOutcome> QueryService::Fetch(store::Tx& tx, const access::Actor& by,
                                         std::string_view report_id) {
  CV_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT subject_ref, leaf_index, body FROM "
                                            "credit_reports WHERE id = ?1 AND institution = ?2",
                                            {store::Text(report_id), store::Text(by.institution)}));
  if (!row) return Fail(ErrorCode::kNotFound, "no such report");
  CV_ASSIGN_OR_RETURN(std::string ref, row->Text(0));
  CV_ASSIGN_OR_RETURN(std::int64_t leaf, row->Int(1));
  CV_ASSIGN_OR_RETURN(std::string sealed, row->Blob(2));
  internal::SubjectKeys keys(credit_.keyring(), tx, ref);
  auto body = keys.Open(sealed, "credit_reports|" + std::string(report_id));
  if (!body) {
    return Fail(ErrorCode::kFailedPrecondition,
                "the report can no longer be read: the subject's data was destroyed (CRY-5)");
  }
  QueryOutcome out;
  out.allowed = true;
  out.report_id = std::string(report_id);
  out.report = nlohmann::json::parse(*body, nullptr, false);
  out.leaf_index = static_cast<std::uint64_t>(leaf);
  CV_RETURN_IF_ERROR(Prove(tx, out));
  return out;
}

}  // namespace cv::credit
