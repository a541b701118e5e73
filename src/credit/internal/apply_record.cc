// One record through the CreditStore.
#include "credit/internal/apply_record.h"

#include "credit/internal/write_cache.h"

namespace cv::credit::internal {
namespace {

using Outcome = Result<std::optional<Rejection>>;

Outcome Reject(std::string code, std::string field, std::string message) {
  return std::optional<Rejection>(Rejection{std::move(code), std::move(field), std::move(message)});
}

// The subject of a fact record: it must have been reported (an identity record) before.
// The subject's ref: prepared by the parser thread, or computed here.
Result<std::string> RefOf(CreditStore& credit, const SubjectKey& key, const WriteCache& cache) {
  if (cache.prep != nullptr && !cache.prep->subject_ref.empty()) return cache.prep->subject_ref;
  return credit.SubjectRef(key);
}

Result<std::optional<SubjectRow>> KnownSubject(store::Tx& tx, CreditStore& credit,
                                               const SubjectKey& key, WriteCache& cache) {
  CV_ASSIGN_OR_RETURN(std::string ref, RefOf(credit, key, cache));
  auto hit = cache.subjects.find(ref);
  if (hit != cache.subjects.end()) return std::optional(hit->second);
  CV_ASSIGN_OR_RETURN(auto found, credit.FindSubject(tx, ref));
  if (found) cache.subjects.emplace(ref, *found);
  return found;
}

Outcome ApplyIdentity(store::Tx& tx, CreditStore& credit, const IdentityRecord& r,
                      const Provenance& from, WriteCache& cache) {
  CV_ASSIGN_OR_RETURN(std::string ref, RefOf(credit, r.subject, cache));
  auto subject = credit.EnsureSubject(tx, ref, from.reported_at, &cache);
  if (!subject && subject.error().message() == "subject_shredded") {
    return Reject("subject_shredded", "id_number",
                  "the subject's data was destroyed (CRY-5); nothing can be reported on it");
  }
  if (!subject) return std::unexpected(subject.error());
  CV_RETURN_IF_ERROR(credit.PutIdentity(tx, *subject, r, from, &cache));
  return std::optional<Rejection>();
}

Outcome ApplyAccount(store::Tx& tx, CreditStore& credit, const AccountRecord& r,
                     const Provenance& from, WriteCache& cache) {
  CV_ASSIGN_OR_RETURN(auto subject, KnownSubject(tx, credit, r.subject, cache));
  if (!subject || subject->shredded) {
    return Reject("unknown_subject", "id_number",
                  "no identity record of this subject was reported before the account");
  }
  Status put = credit.PutAccount(tx, *subject, r, from, &cache);
  if (!put && put.error().message() == "account_subject_mismatch") {
    return Reject("account_subject_mismatch", "account_id",
                  "this account id was reported for another subject");
  }
  if (!put) return std::unexpected(put.error());
  return std::optional<Rejection>();
}

Outcome ApplyRepayment(store::Tx& tx, CreditStore& credit, const RepaymentRecord& r,
                       const Provenance& from, WriteCache& cache) {
  Status put = credit.PutRepayment(tx, r, from, &cache);
  if (!put && put.error().code() == ErrorCode::kNotFound) {
    return Reject("account_not_found", "account_id",
                  "the account was not reported by this institution before the repayment");
  }
  if (!put) return std::unexpected(put.error());
  return std::optional<Rejection>();
}

Outcome ApplyAdverse(store::Tx& tx, CreditStore& credit, const AdverseRecord& r,
                     const Provenance& from, WriteCache& cache) {
  CV_ASSIGN_OR_RETURN(auto subject, KnownSubject(tx, credit, r.subject, cache));
  if (!subject || subject->shredded) {
    return Reject("unknown_subject", "id_number",
                  "no identity record of this subject was reported before the adverse record");
  }
  if (r.account_id) {
    CV_ASSIGN_OR_RETURN(bool known, credit.HasAccount(tx, from.institution, *r.account_id, &cache));
    if (!known) {
      return Reject("account_not_found", "account_id",
                    "the account was not reported by this institution");
    }
  }
  CV_RETURN_IF_ERROR(credit.PutAdverse(tx, *subject, r, from, &cache));
  return std::optional<Rejection>();
}

}  // namespace

Result<std::optional<Rejection>> ApplyRecord(store::Tx& tx, CreditStore& credit,
                                             const Record& record, const Provenance& from,
                                             WriteCache& cache) {
  if (const auto* r = std::get_if<IdentityRecord>(&record)) {
    return ApplyIdentity(tx, credit, *r, from, cache);
  }
  if (const auto* r = std::get_if<AccountRecord>(&record)) {
    return ApplyAccount(tx, credit, *r, from, cache);
  }
  if (const auto* r = std::get_if<RepaymentRecord>(&record)) {
    return ApplyRepayment(tx, credit, *r, from, cache);
  }
  return ApplyAdverse(tx, credit, std::get<AdverseRecord>(record), from, cache);
}

}  // namespace cv::credit::internal
