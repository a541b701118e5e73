// Consents: reading (masked, signature verified) and checking a consent for one query (QRY-1,
// QRY-3, QRY-6). Nothing here writes: the caller audits the read or the query.
#include <algorithm>

#include "credit/consents.h"
#include "credit/internal/consent_dates.h"
#include "credit/internal/consent_record.h"
#include "credit/internal/fact_store.h"
#include "crypto/signer.h"
#include "policy/policy.h"

namespace cv::credit {
namespace {

using internal::ConsentBody;
using internal::ConsentRow;

// A row with its body opened and its signature checked.
struct Opened {
  ConsentRow row;
  std::optional<ConsentBody> body;  // empty when the body does not open (tampered)
  bool signature_valid = false;
};

// Opens the body and verifies the platform's signature (invariant 3). A body that fails
// authentication or decoding leaves `body` empty and the signature invalid.
Result<Opened> Open(CreditStore& credit, store::Tx& tx, ConsentRow row) {
  Opened o{std::move(row), std::nullopt, false};
  internal::SubjectKeys keys(credit.keyring(), tx, o.row.subject_ref);
  Result<std::string> clear =
      keys.Open(o.row.body, internal::ConsentBodyAd(o.row.subject_ref, o.row.id));
  if (!clear && clear.error().code() == ErrorCode::kInternal) return std::unexpected(clear.error());
  if (!clear) return o;
  Result<ConsentBody> body = internal::DecodeConsentBody(*clear);
  if (!body) return o;
  o.body = std::move(*body);
  crypto::keyring::Keyring& keyring = credit.keyring();
  CV_ASSIGN_OR_RETURN(const auto verifier,
                      crypto::NewVerifier(keyring.suite(), keyring.audit_public_key()));
  o.signature_valid =
      verifier->Verify(o.row.signature, internal::CanonicalConsent(o.row, *clear)).has_value();
  return o;
}

// The status on China-time day `today`: revocation first, then the window (bounds inclusive).
std::string StatusOn(const ConsentRow& row, internal::Days today) {
  if (row.revoked_us != 0) return "revoked";
  const std::optional<internal::Days> from = internal::ParseDate(row.valid_from);
  const std::optional<internal::Days> until = internal::ParseDate(row.valid_until);
  if (!from || today < *from) return "not_yet_valid";
  if (!until || today > *until) return "expired";
  return "active";
}

// QRY-6: the subject's identifier and name only masked.
void FillFromBody(const ConsentBody& b, ConsentView& v) {
  const ConsentRequest& r = b.request;
  v.subject_id_type = r.subject.id_type;
  v.subject_id_number_masked = policy::Mask(r.subject.id_number, policy::MaskRule::kFirst6Last4);
  v.subject_name_masked = policy::Mask(r.name, policy::MaskRule::kFirstChar);
  v.scope = r.scope;
  v.agreement_version = r.agreement_version;
  v.agreement_sm3 = r.agreement_sm3;
  v.verification = r.verification;
  v.signing_key_id = r.signing_key_id;
  v.signed_at = r.signed_at;
  v.channel = r.channel;
  v.device = r.device;
  v.recorded_by = b.recorded_by;
}

ConsentView ViewOf(const Opened& o, internal::Days today) {
  ConsentView v;
  v.id = o.row.id;
  v.institution = o.row.institution;
  v.reasons = internal::SplitCodes(o.row.reasons);
  v.valid_from = o.row.valid_from;
  v.valid_until = o.row.valid_until;
  v.recorded_at = FormatRfc3339(internal::FromMicros(o.row.recorded_us));
  if (o.row.revoked_us != 0) v.revoked_at = FormatRfc3339(internal::FromMicros(o.row.revoked_us));
  v.retain_until = o.row.retain_until;
  v.status = StatusOn(o.row, today);
  v.signature_valid = o.signature_valid;
  if (o.body) FillFromBody(*o.body, v);
  return v;
}

ConsentCheck Refused(std::string rule, std::string message) {
  return ConsentCheck{false, std::move(rule), std::move(message)};
}

}  // namespace

Result<ConsentView> Consents::Get(store::Tx& tx, const access::Actor& by, std::string_view id) {
  std::optional<ConsentRow> row;
  if (internal::IsConsentId(id)) {
    CV_ASSIGN_OR_RETURN(row, internal::LoadConsentRow(tx, id));
  }
  // Another institution's consent is answered as unknown (no leak of its existence).
  if (!row || row->institution != by.institution) {
    return Fail(ErrorCode::kNotFound, "no such consent");
  }
  CV_ASSIGN_OR_RETURN(const Opened opened, Open(credit_, tx, std::move(*row)));
  return ViewOf(opened, internal::ChinaDay(clock_.Now()));
}

Result<std::vector<ConsentView>> Consents::List(store::Tx& tx, const access::Actor& by, int limit) {
  limit = std::clamp(limit, 1, 1000);
  CV_ASSIGN_OR_RETURN(std::vector<ConsentRow> rows,
                      internal::LoadConsentRows(tx, by.institution, limit));
  const internal::Days today = internal::ChinaDay(clock_.Now());
  std::vector<ConsentView> out;
  for (ConsentRow& row : rows) {
    CV_ASSIGN_OR_RETURN(const Opened opened, Open(credit_, tx, std::move(row)));
    out.push_back(ViewOf(opened, today));
  }
  return out;
}

Result<ConsentCheck> Consents::Check(store::Tx& tx, std::string_view id,
                                     std::string_view subject_ref, std::string_view institution,
                                     std::string_view reason) {
  std::optional<ConsentRow> row;
  if (internal::IsConsentId(id)) {
    CV_ASSIGN_OR_RETURN(row, internal::LoadConsentRow(tx, id));
  }
  if (!row) return Refused("consent_not_found", "no such consent");
  if (row->institution != institution) {
    return Refused("consent_other_institution", "the consent was given to another institution");
  }
  if (row->subject_ref != subject_ref) {
    return Refused("consent_other_subject", "the consent is about another subject");
  }
  CV_ASSIGN_OR_RETURN(const Opened o, Open(credit_, tx, std::move(*row)));
  if (!o.signature_valid) {
    return Refused("consent_signature_invalid", "the consent record fails verification");
  }
  const std::vector<std::string> reasons = internal::SplitCodes(o.row.reasons);
  if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) {
    return Refused("consent_reason_not_covered", "the consent does not cover this reason");
  }
  const std::string status = StatusOn(o.row, internal::ChinaDay(clock_.Now()));
  if (status == "revoked") return Refused("consent_revoked", "the consent was revoked");
  if (status == "not_yet_valid") {
    return Refused("consent_not_yet_valid", "the consent is not valid yet");
  }
  if (status == "expired") return Refused("consent_expired", "the consent has expired");
  return ConsentCheck{true, "", ""};
}

}  // namespace cv::credit
