// Approvals: second-person approval of sensitive actions (dual control, JR/T 0117 7.2.3 b). A
// user who holds an action that carries the obligation `require_approval` requests an approval
// for one target; a second person decides it; the requester then uses it once, for exactly that
// action and target, before it expires. Every operation and every refusal is an audit event
// (object type "approval") in the caller's transaction; approvals are never deleted.
//
// States (docs/access.md "Dual control"):
//   pending --Approve--> approved --Consume--> used
//   pending --Reject---> rejected
//   pending | approved --(lifetime after the request)--> expired
//
// Thread-safety: thread-safe (state lives in the store). Methods that refuse still write audit
// events (and may record that an approval expired): the caller commits the transaction whatever
// the result, except when an error other than a refusal is returned.
// Invariants:
//  1. Nobody decides their own request, and only an active user decides.
//  2. The decider holds the requested action, or holds `approval.decide` (the security officer)
//     and the action is not a data action (administrators never decide about data, Art.28).
//  3. An approval is used at most once, only by its requester, only for its action and target,
//     only while approved and unexpired.
#ifndef CV_ACCESS_APPROVALS_H_
#define CV_ACCESS_APPROVALS_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.h"
#include "access/permission.h"
#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/result.h"
#include "store/store.h"

namespace cv::access {

// Limits on what Request accepts.
inline constexpr std::size_t kMaxApprovalTarget = 64;  // [A-Za-z0-9_.-]
inline constexpr std::size_t kMaxApprovalReasonBytes = 1000;

// DO NOT CHANGE: the names are stored in approvals.state.
enum class ApprovalState : std::uint8_t { kPending, kApproved, kRejected, kUsed, kExpired };
// "pending" | "approved" | "rejected" | "used" | "expired".
std::string_view ApprovalStateName(ApprovalState state);
// kInvalidArgument for any other name.
Result<ApprovalState> ParseApprovalState(std::string_view name);

// One approvals row, with the state as of now (a pending or approved row past its lifetime reads
// as expired even before that is written down).
struct Approval {
  std::int64_t id = 0;
  std::string action;  // an action name
  std::string target;
  std::string reason;
  std::int64_t requested_by = 0;
  std::string requested_by_login;
  TimePoint requested_at;
  TimePoint expires_at;
  std::optional<std::int64_t> decided_by;
  std::string decided_by_login;  // "" while undecided
  std::optional<TimePoint> decided_at;
  std::string decision_reason;  // the reason of a rejection
  ApprovalState state = ApprovalState::kPending;
  std::optional<TimePoint> used_at;
};

class Approvals {
 public:
  static constexpr std::chrono::hours kDefaultLifetime{24};

  // REQUIRES: every reference outlives the Approvals; `lifetime` > 0.
  Approvals(audit::AuditLog& audit, const Clock& clock,
            std::chrono::microseconds lifetime = kDefaultLifetime)
      : audit_(audit), clock_(clock), lifetime_(lifetime) {}

  // True when `by` may approve or reject a request for `action` (invariant 2).
  static bool MayDecide(const Actor& by, ActionId action);

  // Records a pending request by `by` for `action` (by name) on `target`; returns its id.
  // kInvalidArgument for an unknown action, one without `require_approval`, a bad target or an
  // empty reason; kPermissionDenied when no role of `by` holds the action or `by` is not active.
  [[nodiscard]] Result<std::int64_t> Request(store::Tx& tx, const Actor& by,
                                             std::string_view action, std::string_view target,
                                             std::string_view reason);
  // pending -> approved. kPermissionDenied for the requester ("no one approves their own
  // request"), an inactive user or one that may not decide (invariant 2); kNotFound for an
  // unknown id; kFailedPrecondition when not pending or expired.
  [[nodiscard]] Status Approve(store::Tx& tx, const Actor& by, std::int64_t id);
  // pending -> rejected, with a required reason; refused as Approve.
  [[nodiscard]] Status Reject(store::Tx& tx, const Actor& by, std::int64_t id,
                              std::string_view reason);
  // approved -> used, when `by` requested it and it is for exactly `action` and `target` and
  // unexpired; otherwise kPermissionDenied naming why.
  [[nodiscard]] Status Consume(store::Tx& tx, const Actor& by, std::int64_t id, ActionId action,
                               std::string_view target);

  // kNotFound for an unknown id.
  [[nodiscard]] Result<Approval> Get(store::Tx& tx, std::int64_t id);
  // The newest approvals first (at most 500), only those in `state` when given.
  [[nodiscard]] Result<std::vector<Approval>> List(store::Tx& tx,
                                                   std::optional<ApprovalState> state);

 private:
  // What an approval event names besides its outcome.
  struct Subject {
    std::string id;  // the approval id, or "-" when there is none yet
    std::string action;
    std::string target;
  };

  Status Audit(store::Tx& tx, const Actor& by, std::string_view op, const Subject& subject,
               audit::Outcome result, std::string reason);
  // Audits the refusal of `op` and returns it as an error.
  std::unexpected<Error> Refuse(store::Tx& tx, const Actor& by, std::string_view op,
                                const Subject& subject, ErrorCode error, std::string why);
  // Approve and Reject: the checks of invariants 1 and 2 and the state, then the change.
  Status Decide(store::Tx& tx, const Actor& by, std::int64_t id, ApprovalState to,
                std::string_view reason);
  // Loads `id` for `op`; records `expired` when its lifetime is over. Refusals are audited.
  Result<Approval> Load(store::Tx& tx, const Actor& by, std::string_view op, std::int64_t id,
                        ErrorCode missing);
  Result<bool> IsActive(store::Tx& tx, std::int64_t user_id);
  // Rows of kSelectApproval as values, open ones past their lifetime as expired.
  Result<std::vector<Approval>> FromRows(const std::vector<store::Row>& rows) const;

  audit::AuditLog& audit_;
  const Clock& clock_;
  std::chrono::microseconds lifetime_;
};

}  // namespace cv::access

#endif  // CV_ACCESS_APPROVALS_H_
