// Consents: the subject's electronic authorizations of credit queries (REQUIREMENTS QRY-1, QRY-3;
// JR/T 0299; Credit Reporting Interim Measures Art.12-13): recorded by a querier of the
// institution that obtained them, signed by the platform, revocable, kept for the retention period,
// and checked by every query that needs one.
//
// Thread-safety: thread-safe (state lives in the store). Methods run in the caller's transaction.
// Record and Revoke write their audit events there (also for refusals, which the caller still
// commits); Get, List and Check write nothing (the caller audits the read or the query), so they
// also run in a read transaction. docs/consents.md describes the record, rules and codes.
// Invariants:
//  1. The subject's identifier and name are stored only inside the encrypted body (C2, under the
//     subject's data key) and as the subject reference (a blind index).
//  2. A consent names at least one lawful reason (reasons.h), a validity window of at most the
//     configured maximum, and identity verification by "id_check" plus at least two further
//     methods (JR/T 0299 5.2).
//  3. The platform's signature covers the record's canonical JSON; Get verifies it.
//  4. A consent is never deleted or edited, except that revocation sets revoked_us once.
#ifndef CV_CREDIT_CONSENTS_H_
#define CV_CREDIT_CONSENTS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.h"
#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/result.h"
#include "credit/credit_store.h"
#include "credit/records.h"
#include "store/store.h"

namespace cv::credit {

// What a querier submits (the fixed JSON shape of issue #7 and more).
struct ConsentRequest {
  SubjectKey subject;
  std::string name;
  std::vector<std::string> reasons;  // reason codes
  std::string scope = "credit_report";
  std::string valid_from;   // YYYY-MM-DD; "" = today
  std::string valid_until;  // YYYY-MM-DD
  std::string agreement_version;
  std::string agreement_sm3;              // 64 lower-case hex
  std::vector<std::string> verification;  // "id_check", "face", "bank_card", "sms", ...
  std::string subject_signature;          // base64, optional
  std::string signing_key_id;             // certificate or key id, optional
  std::string signed_at;                  // RFC 3339, "" = now
  std::string channel;                    // "online" | "counter" | "mobile_app" | "paper_scan"
  std::string device;                     // optional
};

// A consent as answered: the subject masked (QRY-6), everything else as recorded.
struct ConsentView {
  std::string id;
  std::string institution;
  std::string subject_id_type;
  std::string subject_id_number_masked;
  std::string subject_name_masked;
  std::vector<std::string> reasons;
  std::string scope;
  std::string valid_from;
  std::string valid_until;
  std::string agreement_version;
  std::string agreement_sm3;
  std::vector<std::string> verification;
  std::string signing_key_id;
  std::string signed_at;
  std::string channel;
  std::string device;
  std::string recorded_at;
  std::string recorded_by;  // login
  std::string revoked_at;   // "" while in force
  std::string retain_until;
  std::string status;  // "active" | "expired" | "revoked" | "not_yet_valid"
  bool signature_valid = false;
};

// The outcome of checking a consent for one query.
struct ConsentCheck {
  bool ok = false;
  // When refused, the rule: "consent_not_found", "consent_other_institution",
  // "consent_other_subject", "consent_reason_not_covered", "consent_not_yet_valid",
  // "consent_expired", "consent_revoked", "consent_signature_invalid".
  std::string rule;
  std::string message;  // one line, no personal data
};

class Consents {
 public:
  // REQUIRES: every reference outlives the Consents.
  Consents(CreditStore& credit, audit::AuditLog& audit, const Clock& clock)
      : credit_(credit), audit_(audit), clock_(clock) {}

  // Records a consent obtained by `by`'s institution; returns its id ("cst_" + 24 hex).
  // kInvalidArgument naming the field for a request that breaks invariant 2 or a bad value.
  [[nodiscard]] Result<std::string> Record(store::Tx& tx, const access::Actor& by,
                                           const ConsentRequest& request);
  // kNotFound for an unknown id or one of another institution (not revealed).
  [[nodiscard]] Result<ConsentView> Get(store::Tx& tx, const access::Actor& by,
                                        std::string_view id);
  // The consents of `by`'s institution, newest first, at most `limit`.
  [[nodiscard]] Result<std::vector<ConsentView>> List(store::Tx& tx, const access::Actor& by,
                                                      int limit);
  // Marks the consent revoked now. kNotFound as Get; kFailedPrecondition when already revoked.
  [[nodiscard]] Status Revoke(store::Tx& tx, const access::Actor& by, std::string_view id,
                              std::string_view reason);
  // QRY-1: whether consent `id` lets `institution` query subject `subject_ref` for `reason` today
  // (China time). Writes nothing (the query audits the outcome).
  [[nodiscard]] Result<ConsentCheck> Check(store::Tx& tx, std::string_view id,
                                           std::string_view subject_ref,
                                           std::string_view institution, std::string_view reason);

  // QRY-3: consents are kept 5 years after the business ends (default).
  static constexpr int kRetentionYears = 5;
  // The longest validity window accepted (days).
  static constexpr int kMaxValidityDays = 3 * 366;

 private:
  CreditStore& credit_;
  audit::AuditLog& audit_;
  const Clock& clock_;
};

}  // namespace cv::credit

#endif  // CV_CREDIT_CONSENTS_H_
