// Consents: recording and revocation, each validated and audited in the caller's transaction
// (QRY-3; JR/T 0299).
#include "credit/consents.h"

#include "common/hex.h"
#include "credit/internal/consent_dates.h"
#include "credit/internal/consent_record.h"
#include "credit/internal/consent_validate.h"
#include "credit/internal/fact_store.h"
#include "crypto/random.h"

namespace cv::credit {
namespace {

using internal::ConsentRow;

constexpr std::string_view kRecord = "consent.record";
constexpr std::string_view kRevoke = "consent.revoke";
constexpr std::size_t kIdRandomBytes = 12;  // "cst_" + 24 hex

// The audit event of `op` on consent `id` by `by`. Details are never personal in clear: the
// subject reference goes in as a personal detail (hashed, AUD-3).
audit::Event ConsentEvent(const Clock& clock, const access::Actor& by, std::string_view op,
                          std::string_view id) {
  audit::Event e;
  e.time = clock.Now();
  e.actor_user = by.login;
  e.actor_institution = by.institution;
  e.client_address = by.client;
  e.action = std::string(op);
  e.object_type = "consent";
  e.object_id = std::string(id);
  return e;
}

// Audits a refusal of `op` and returns its error (the caller still commits).
std::unexpected<Error> Refuse(audit::AuditLog& log, store::Tx& tx, audit::Event e,
                              const Error& error) {
  e.result = audit::Outcome::kDenied;
  e.reason = std::string(ErrorCodeName(error.code())) + ": " + error.message();
  if (Result<std::uint64_t> logged = log.Append(tx, e); !logged) {
    return std::unexpected(logged.error());
  }
  return std::unexpected(error);
}

Result<std::string> NewConsentId() {
  CV_ASSIGN_OR_RETURN(const std::string bytes, crypto::RandomString(kIdRandomBytes));
  return "cst_" + HexEncode(bytes);
}

// QRY-3: kept kRetentionYears after the business ends (the last day of validity).
std::string RetainUntil(std::string_view valid_until) {
  return internal::FormatDate(
      internal::AddYears(*internal::ParseDate(valid_until), Consents::kRetentionYears));
}

Status Insert(store::Tx& tx, const ConsentRow& row) {
  CV_RETURN_IF_ERROR(tx.Exec(
      "INSERT INTO credit_consents (id, subject_ref, institution, body, reasons, valid_from, "
      "valid_until, signature, recorded_by, recorded_us, retain_until) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
      {store::Text(row.id), store::Text(row.subject_ref), store::Text(row.institution),
       store::Blob(row.body), store::Text(row.reasons), store::Text(row.valid_from),
       store::Text(row.valid_until), store::Blob(row.signature), store::Int(row.recorded_by),
       store::Int(row.recorded_us), store::Text(row.retain_until)}));
  return Ok();
}

// The new row for `r` (validated): the body sealed and the whole signed.
Result<ConsentRow> SealedRow(CreditStore& credit, store::Tx& tx, const access::Actor& by,
                             const ConsentRequest& r, const std::string& ref, TimePoint now) {
  ConsentRow row;
  CV_ASSIGN_OR_RETURN(row.id, NewConsentId());
  row.subject_ref = ref;
  row.institution = by.institution;
  row.reasons = internal::JoinCodes(r.reasons);
  row.valid_from = r.valid_from;
  row.valid_until = r.valid_until;
  row.recorded_by = by.user_id;
  row.recorded_us = internal::MicrosOf(now);
  row.retain_until = RetainUntil(r.valid_until);
  // Invariant 1: the identifier and name live only in the body, sealed under the subject's C2 key.
  const std::string body = internal::EncodeConsentBody({r, by.login, FormatRfc3339(now)});
  internal::SubjectKeys keys(credit.keyring(), tx, ref);
  CV_ASSIGN_OR_RETURN(row.body, keys.Seal(crypto::keyring::KeyGrade::kC2, body,
                                          internal::ConsentBodyAd(ref, row.id)));
  // Invariant 3: the platform signs the canonical record.
  CV_ASSIGN_OR_RETURN(row.signature,
                      credit.keyring().audit_signer().Sign(internal::CanonicalConsent(row, body)));
  return row;
}

}  // namespace

Result<std::string> Consents::Record(store::Tx& tx, const access::Actor& by,
                                     const ConsentRequest& request) {
  const TimePoint now = clock_.Now();
  audit::Event e = ConsentEvent(clock_, by, kRecord, "-");
  if (by.institution.empty() || by.institution == access::kAgencyInstitution) {
    return Refuse(audit_, tx, e,
                  Error(ErrorCode::kPermissionDenied, "consents are recorded by an institution"));
  }
  Result<ConsentRequest> valid = internal::ValidateConsent(request, now, kMaxValidityDays);
  if (!valid) return Refuse(audit_, tx, e, valid.error());
  CV_ASSIGN_OR_RETURN(const std::string ref, credit_.SubjectRef(valid->subject));
  e.Add("reasons", internal::JoinCodes(valid->reasons)).Add("valid_until", valid->valid_until);
  e.AddPersonal("subject_ref", ref);
  CV_ASSIGN_OR_RETURN(const std::optional<SubjectRow> known, credit_.FindSubject(tx, ref));
  if (known && known->shredded) {
    // CRY-5: the subject's keys are gone for good; nothing new is sealed under them.
    return Refuse(audit_, tx, e, Error(ErrorCode::kFailedPrecondition, "subject_shredded"));
  }
  CV_ASSIGN_OR_RETURN(const ConsentRow row, SealedRow(credit_, tx, by, *valid, ref, now));
  e.object_id = row.id;
  CV_RETURN_IF_ERROR(Insert(tx, row));
  CV_RETURN_IF_ERROR(audit_.Append(tx, e));
  return row.id;
}

Status Consents::Revoke(store::Tx& tx, const access::Actor& by, std::string_view id,
                        std::string_view reason) {
  const bool well_formed = internal::IsConsentId(id);
  audit::Event e = ConsentEvent(clock_, by, kRevoke, well_formed ? id : "-");
  std::optional<ConsentRow> row;
  if (well_formed) {
    CV_ASSIGN_OR_RETURN(row, internal::LoadConsentRow(tx, id));
  }
  // Another institution's consent is answered as unknown (no leak of its existence).
  if (!row || row->institution != by.institution) {
    return Refuse(audit_, tx, e, Error(ErrorCode::kNotFound, "no such consent"));
  }
  e.Add("reasons", row->reasons).Add("valid_until", row->valid_until);
  e.AddPersonal("subject_ref", row->subject_ref);
  if (Status ok = internal::ValidateRevokeReason(reason); !ok) {
    return Refuse(audit_, tx, e, ok.error());
  }
  // Invariant 4: revocation is the one edit, made once.
  if (row->revoked_us != 0) {
    return Refuse(audit_, tx, e, Error(ErrorCode::kFailedPrecondition, "consent already revoked"));
  }
  CV_RETURN_IF_ERROR(tx.Exec(
      "UPDATE credit_consents SET revoked_us = ?1, revoked_by = ?2 WHERE id = ?3 AND "
      "revoked_us = 0",
      {store::Int(internal::MicrosOf(clock_.Now())), store::Int(by.user_id), store::Text(id)}));
  e.reason = std::string(reason);
  CV_RETURN_IF_ERROR(audit_.Append(tx, e));
  return Ok();
}

}  // namespace cv::credit
