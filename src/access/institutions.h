// Institutions: the stateful side of connected institutions — registration with the key they sign
// data batches with, admission, suspension (every session of their users ends), reinstatement and
// deregistration (every user deactivated, refused while settlement checks report open items), and
// key rotation (JR/T 0117 9.1, 9.2; issue #5). Every change and every refusal is an audit event
// (object type "institution") in the caller's transaction.
//
// Thread-safety: thread-safe once set up (state lives in the store); AddSettlementCheck only
// before the first operation. Methods that refuse still write audit events: the caller commits
// the transaction whatever the result, except when an error other than a refusal is returned.
#ifndef CV_ACCESS_INSTITUTIONS_H_
#define CV_ACCESS_INSTITUTIONS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.h"
#include "access/institution_state.h"
#include "access/session.h"
#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/result.h"
#include "store/store.h"

namespace cv::access {

// Limits on what Register accepts.
inline constexpr std::size_t kMaxInstitutionCode = 32;        // [A-Z0-9_-]
inline constexpr std::size_t kMaxInstitutionNameBytes = 200;  // UTF-8, no control characters
inline constexpr std::size_t kMaxReasonBytes = 1000;          // UTF-8, no control characters

// One institutions row.
struct Institution {
  std::string code;
  std::string name;
  InstitutionKind kind = InstitutionKind::kUser;
  InstitutionStatus status = InstitutionStatus::kPending;
  std::string public_key_pem;  // SM2 or EC P-256 SubjectPublicKeyInfo as PEM; "" when none
  std::string created_at;      // RFC 3339
  std::string updated_at;
};

// An extension point: something that must be settled before an institution may leave, e.g.
// "unsettled batches" and "open disputes" (registered by the credit core, issue #7).
struct SettlementCheck {
  std::string name;
  // How many open items of institution `code` block its deregistration; an error stops it.
  std::function<Result<std::int64_t>(store::Tx&, std::string_view code)> count;
};

class Institutions {
 public:
  // REQUIRES: every reference outlives the Institutions.
  Institutions(audit::AuditLog& audit, SessionManager& sessions, const Clock& clock)
      : audit_(audit), sessions_(sessions), clock_(clock) {}

  // REQUIRES: called before the first operation.
  void AddSettlementCheck(SettlementCheck check) { checks_.push_back(std::move(check)); }

  // JR/T 0117 9.1: registers an institution as pending. `code` is 1-32 of [A-Z0-9_-] ("AGENCY"
  // is reserved); `kind` is provider, user or provider_user; `public_key_pem` is empty or an SM2
  // or EC P-256 public key (stored re-encoded). kConflict when the code exists.
  [[nodiscard]] Result<Institution> Register(store::Tx& tx, const Actor& by, std::string_view code,
                                             std::string_view name, std::string_view kind,
                                             std::string_view public_key_pem);

  // pending -> active.
  [[nodiscard]] Status Admit(store::Tx& tx, const Actor& by, std::string_view code);
  // active -> suspended; every open session of every user of the institution ends at once.
  [[nodiscard]] Status Suspend(store::Tx& tx, const Actor& by, std::string_view code,
                               std::string_view reason);
  // suspended -> active.
  [[nodiscard]] Status Reinstate(store::Tx& tx, const Actor& by, std::string_view code);
  // pending/active/suspended -> deregistered (final) when every settlement check counts 0;
  // every user is deactivated (never deleted, ACC-7) and their sessions end.
  [[nodiscard]] Status Deregister(store::Tx& tx, const Actor& by, std::string_view code,
                                  std::string_view reason);

  // Replaces the batch-signing key (rotation); refused for a deregistered institution.
  [[nodiscard]] Status SetPublicKey(store::Tx& tx, const Actor& by, std::string_view code,
                                    std::string_view public_key_pem);

  // kNotFound for an unknown code.
  [[nodiscard]] Result<Institution> Get(store::Tx& tx, std::string_view code);
  // Every institution, by code.
  [[nodiscard]] Result<std::vector<Institution>> List(store::Tx& tx);

 private:
  // What ActOnUsers did.
  struct UserEffects {
    int deactivated = 0;
    int sessions_ended = 0;
  };

  // Audits `action` on `object_type` `object_id` with `result` and `reason`.
  Status Audit(store::Tx& tx, const Actor& by, std::string_view action,
               std::string_view object_type, std::string_view object_id, audit::Outcome result,
               std::string reason, std::vector<audit::Detail> details = {});
  // Audits the refusal of `action` on institution `code` (made printable: it may be invalid)
  // and returns it as an error.
  std::unexpected<Error> Refuse(store::Tx& tx, const Actor& by, ActionId action,
                                std::string_view code, ErrorCode error, std::string why);
  // Ok when `by` may run `action` (permission) on `code` with `reason` (their shape).
  Status Precheck(const Actor& by, ActionId action, std::string_view code, std::string_view reason,
                  bool reason_required) const;
  // Moves `code` along the diagram by `op`, with the effects and audit events of each.
  Status Transition(store::Tx& tx, const Actor& by, std::string_view code, InstitutionOp op,
                    std::string_view reason);
  // The settlement checks' blocking counts as "2 unsettled batches, ..."; empty when none.
  Result<std::string> Unsettled(store::Tx& tx, std::string_view code);
  // Ends every open session of the institution's users; deactivates them too if `deactivate`
  // (each deactivation audited as user.deactivate).
  Result<UserEffects> ActOnUsers(store::Tx& tx, const Actor& by, std::string_view code,
                                 bool deactivate, std::string_view why);

  audit::AuditLog& audit_;
  SessionManager& sessions_;
  const Clock& clock_;
  std::vector<SettlementCheck> checks_;
};

}  // namespace cv::access

#endif  // CV_ACCESS_INSTITUTIONS_H_
