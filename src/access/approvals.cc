// Approvals: requests, decisions and their one use, each checked and audited in the caller's
// transaction (JR/T 0117 7.2.3 b).
#include "access/approvals.h"

#include <array>

#include "access/internal/manage_scope.h"
#include "access/internal/printable.h"

namespace cv::access {
namespace {

using internal::Printable;

constexpr std::array<std::string_view, 5> kStateNames = {"pending", "approved", "rejected", "used",
                                                         "expired"};

std::int64_t Micros(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

TimePoint FromMicros(std::int64_t us) { return TimePoint(std::chrono::microseconds(us)); }

// A target names one thing: an institution code, a key grade; "" for the whole platform.
bool IsValidTarget(std::string_view target) {
  if (target.size() > kMaxApprovalTarget) return false;
  for (char c : target) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// A reason is 1-1000 bytes without control characters (stored, shown and audited).
bool IsValidReason(std::string_view reason) {
  if (reason.empty() || reason.size() > kMaxApprovalReasonBytes) return false;
  for (char c : reason) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return false;
  }
  return true;
}

constexpr std::string_view kSelectApproval =
    "SELECT a.id, a.action, a.target, a.reason, a.requested_by, r.login, a.requested_us, "
    "a.decided_by, coalesce(d.login, ''), a.decided_us, a.decision_reason, a.state, a.used_us "
    "FROM approvals a JOIN users r ON r.id = a.requested_by "
    "LEFT JOIN users d ON d.id = a.decided_by";

std::optional<std::int64_t> OptionalInt(const store::Row& row, int i) {
  if (row.IsNull(i)) return std::nullopt;
  return row.Int(i).value_or(0);
}

}  // namespace

std::string_view ApprovalStateName(ApprovalState state) {
  return kStateNames[static_cast<std::size_t>(state)];
}

Result<ApprovalState> ParseApprovalState(std::string_view name) {
  for (std::size_t i = 0; i < kStateNames.size(); ++i) {
    if (kStateNames[i] == name) return static_cast<ApprovalState>(i);
  }
  return Fail(ErrorCode::kInvalidArgument,
              "an approval state is pending, approved, rejected, used or expired");
}

bool Approvals::MayDecide(const Actor& by, ActionId action) {
  if (internal::Holds(by, action)) return true;
  // Invariant 2: the officer's approval.decide covers no data action (Interim Measures Art.28).
  return internal::Holds(by, ActionId::kApprovalDecide) &&
         Describe(action).kind != ActionKind::kData;
}

Status Approvals::Audit(store::Tx& tx, const Actor& by, std::string_view op, const Subject& subject,
                        audit::Outcome result, std::string reason) {
  audit::Event e;
  e.time = clock_.Now();
  e.actor_user = by.login;
  e.actor_institution = by.institution;
  e.client_address = by.client;
  e.action = std::string(op);
  e.object_type = "approval";
  e.object_id = subject.id;
  e.result = result;
  e.reason = std::move(reason);
  e.Add("approved_action", subject.action).Add("target", subject.target);
  CV_RETURN_IF_ERROR(audit_.Append(tx, e));
  return Ok();
}

std::unexpected<Error> Approvals::Refuse(store::Tx& tx, const Actor& by, std::string_view op,
                                         const Subject& subject, ErrorCode error, std::string why) {
  Status logged = Audit(tx, by, op, subject, audit::Outcome::kDenied, why);
  if (!logged) return std::unexpected(logged.error());
  return Fail(error, std::move(why));
}

Result<bool> Approvals::IsActive(store::Tx& tx, std::int64_t user_id) {
  CV_ASSIGN_OR_RETURN(const std::optional<store::Row> row,
                      tx.QueryOne("SELECT status FROM users WHERE id = ?1", {store::Int(user_id)}));
  return row && row->Text(0).value_or("") == "active";
}

Result<std::int64_t> Approvals::Request(store::Tx& tx, const Actor& by, std::string_view action,
                                        std::string_view target, std::string_view reason) {
  constexpr std::string_view kOp = "approval.request";
  const Subject subject{"-", Printable(action), Printable(target)};
  const std::optional<ActionId> id = FindAction(action);
  if (!id) return Refuse(tx, by, kOp, subject, ErrorCode::kInvalidArgument, "unknown action");
  if (!Describe(*id).obligations.Has(Obligation::kRequireApproval)) {
    return Refuse(tx, by, kOp, subject, ErrorCode::kInvalidArgument,
                  std::string(action) + " needs no approval");
  }
  if (!internal::Holds(by, *id)) {
    // One asks for approval of what one will do oneself.
    return Refuse(tx, by, kOp, subject, ErrorCode::kPermissionDenied,
                  "no role of the requester holds " + std::string(action));
  }
  CV_ASSIGN_OR_RETURN(const bool active, IsActive(tx, by.user_id));
  if (!active) {
    return Refuse(tx, by, kOp, subject, ErrorCode::kPermissionDenied,
                  "the requester is not active");
  }
  if (!IsValidTarget(target)) {
    return Refuse(tx, by, kOp, subject, ErrorCode::kInvalidArgument,
                  "a target is 0-64 of A-Z a-z 0-9 _ - .");
  }
  if (!IsValidReason(reason)) {
    return Refuse(tx, by, kOp, subject, ErrorCode::kInvalidArgument,
                  "a reason is required: 1-1000 bytes without control characters");
  }
  CV_ASSIGN_OR_RETURN(
      const std::optional<store::Row> row,
      tx.QueryOne("INSERT INTO approvals (action, target, reason, requested_by, requested_us, "
                  "state) VALUES (?1, ?2, ?3, ?4, ?5, 'pending') RETURNING id",
                  {store::Text(action), store::Text(target), store::Text(reason),
                   store::Int(by.user_id), store::Int(Micros(clock_.Now()))}));
  if (!row) return Fail(ErrorCode::kInternal, "approval insert returned no id");
  CV_ASSIGN_OR_RETURN(const std::int64_t new_id, row->Int(0));
  CV_RETURN_IF_ERROR(Audit(tx, by, kOp, {std::to_string(new_id), subject.action, subject.target},
                           audit::Outcome::kOk, std::string(reason)));
  return new_id;
}

Result<Approval> Approvals::Load(store::Tx& tx, const Actor& by, std::string_view op,
                                 std::int64_t id, ErrorCode missing) {
  Result<Approval> found = Get(tx, id);
  if (!found && found.error().code() == ErrorCode::kNotFound) {
    return Refuse(tx, by, op, {std::to_string(id), "", ""}, missing, found.error().message());
  }
  if (!found) return found;
  if (found->state == ApprovalState::kExpired) {
    // Written down on first sight, so the table agrees with what it reads as.
    CV_RETURN_IF_ERROR(tx.Exec(
        "UPDATE approvals SET state = 'expired' WHERE id = ?1 AND state IN ('pending','approved')",
        {store::Int(id)}));
  }
  return found;
}

Status Approvals::Approve(store::Tx& tx, const Actor& by, std::int64_t id) {
  return Decide(tx, by, id, ApprovalState::kApproved, "");
}

Status Approvals::Reject(store::Tx& tx, const Actor& by, std::int64_t id, std::string_view reason) {
  return Decide(tx, by, id, ApprovalState::kRejected, reason);
}

Status Approvals::Decide(store::Tx& tx, const Actor& by, std::int64_t id, ApprovalState to,
                         std::string_view reason) {
  const std::string_view op =
      to == ApprovalState::kApproved ? "approval.approve" : "approval.reject";
  CV_ASSIGN_OR_RETURN(const Approval a, Load(tx, by, op, id, ErrorCode::kNotFound));
  const Subject subject{std::to_string(id), a.action, a.target};
  const auto refuse = [&](ErrorCode code, std::string why) {
    return Refuse(tx, by, op, subject, code, std::move(why));
  };
  // Invariant 1 (JR/T 0117 7.2.3 b): a second person.
  if (a.requested_by == by.user_id) {
    return refuse(ErrorCode::kPermissionDenied, "no one approves their own request");
  }
  CV_ASSIGN_OR_RETURN(const bool active, IsActive(tx, by.user_id));
  if (!active) return refuse(ErrorCode::kPermissionDenied, "the decider is not active");
  const std::optional<ActionId> action = FindAction(a.action);
  if (!action || !MayDecide(by, *action)) {
    return refuse(ErrorCode::kPermissionDenied,
                  "the decider neither holds " + a.action + " nor may decide it (approval.decide)");
  }
  if (a.state != ApprovalState::kPending) {
    return refuse(ErrorCode::kFailedPrecondition, "approval " + std::to_string(id) + " is " +
                                                      std::string(ApprovalStateName(a.state)));
  }
  if (to == ApprovalState::kRejected && !IsValidReason(reason)) {
    return refuse(ErrorCode::kInvalidArgument,
                  "a reason is required: 1-1000 bytes without control characters");
  }
  CV_ASSIGN_OR_RETURN(
      const std::int64_t changed,
      tx.Exec("UPDATE approvals SET state = ?2, decided_by = ?3, decided_us = ?4, "
              "decision_reason = ?5 WHERE id = ?1 AND state = 'pending'",
              {store::Int(id), store::Text(ApprovalStateName(to)), store::Int(by.user_id),
               store::Int(Micros(clock_.Now())), store::Text(reason)}));
  if (changed != 1) return Fail(ErrorCode::kConflict, "the approval changed meanwhile");
  return Audit(tx, by, op, subject, audit::Outcome::kOk, std::string(reason));
}

Status Approvals::Consume(store::Tx& tx, const Actor& by, std::int64_t id, ActionId action,
                          std::string_view target) {
  constexpr std::string_view kOp = "approval.use";
  CV_ASSIGN_OR_RETURN(const Approval a, Load(tx, by, kOp, id, ErrorCode::kPermissionDenied));
  const Subject subject{std::to_string(id), a.action, a.target};
  const std::string name = "approval " + std::to_string(id);
  const auto refuse = [&](std::string why) {
    return Refuse(tx, by, kOp, subject, ErrorCode::kPermissionDenied, std::move(why));
  };
  // Invariant 3: one use, by the requester, for exactly what was approved.
  if (a.requested_by != by.user_id) return refuse(name + " was requested by another user");
  if (a.action != ActionName(action)) {
    return refuse(name + " is for " + a.action + ", not " + std::string(ActionName(action)));
  }
  if (a.target != target) {
    return refuse(name + " is for target '" + a.target + "', not '" + Printable(target) + "'");
  }
  if (a.state != ApprovalState::kApproved) {
    return refuse(a.state == ApprovalState::kPending ? name + " is not approved yet"
                  : a.state == ApprovalState::kUsed
                      ? name + " was used already"
                      : name + " is " + std::string(ApprovalStateName(a.state)));
  }
  CV_ASSIGN_OR_RETURN(const std::int64_t changed,
                      tx.Exec("UPDATE approvals SET state = 'used', used_us = ?2 WHERE id = ?1 AND "
                              "state = 'approved'",
                              {store::Int(id), store::Int(Micros(clock_.Now()))}));
  if (changed != 1) return Fail(ErrorCode::kConflict, "the approval changed meanwhile");
  return Audit(tx, by, kOp, subject, audit::Outcome::kOk, "approved by " + a.decided_by_login);
}

Result<Approval> Approvals::Get(store::Tx& tx, std::int64_t id) {
  CV_ASSIGN_OR_RETURN(
      const std::vector<store::Row> rows,
      tx.Query(std::string(kSelectApproval) + " WHERE a.id = ?1", {store::Int(id)}));
  if (rows.empty()) return Fail(ErrorCode::kNotFound, "no approval " + std::to_string(id));
  CV_ASSIGN_OR_RETURN(std::vector<Approval> one, FromRows(rows));
  return std::move(one.front());
}

Result<std::vector<Approval>> Approvals::List(store::Tx& tx, std::optional<ApprovalState> state) {
  CV_ASSIGN_OR_RETURN(const std::vector<store::Row> rows,
                      tx.Query(std::string(kSelectApproval) + " ORDER BY a.id DESC LIMIT 500"));
  CV_ASSIGN_OR_RETURN(std::vector<Approval> all, FromRows(rows));
  if (!state) return all;
  std::vector<Approval> out;
  for (Approval& a : all) {
    if (a.state == *state) out.push_back(std::move(a));
  }
  return out;
}

Result<std::vector<Approval>> Approvals::FromRows(const std::vector<store::Row>& rows) const {
  const TimePoint now = clock_.Now();
  std::vector<Approval> out;
  out.reserve(rows.size());
  for (const store::Row& row : rows) {
    Approval a;
    CV_ASSIGN_OR_RETURN(a.id, row.Int(0));
    CV_ASSIGN_OR_RETURN(a.action, row.Text(1));
    CV_ASSIGN_OR_RETURN(a.target, row.Text(2));
    CV_ASSIGN_OR_RETURN(a.reason, row.Text(3));
    CV_ASSIGN_OR_RETURN(a.requested_by, row.Int(4));
    CV_ASSIGN_OR_RETURN(a.requested_by_login, row.Text(5));
    CV_ASSIGN_OR_RETURN(const std::int64_t requested_us, row.Int(6));
    a.requested_at = FromMicros(requested_us);
    a.expires_at = a.requested_at + lifetime_;
    a.decided_by = OptionalInt(row, 7);
    CV_ASSIGN_OR_RETURN(a.decided_by_login, row.Text(8));
    if (const auto us = OptionalInt(row, 9)) a.decided_at = FromMicros(*us);
    CV_ASSIGN_OR_RETURN(a.decision_reason, row.Text(10));
    CV_ASSIGN_OR_RETURN(const std::string state, row.Text(11));
    CV_ASSIGN_OR_RETURN(a.state, ParseApprovalState(state));
    if (const auto us = OptionalInt(row, 12)) a.used_at = FromMicros(*us);
    const bool open = a.state == ApprovalState::kPending || a.state == ApprovalState::kApproved;
    if (open && now >= a.expires_at) a.state = ApprovalState::kExpired;
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace cv::access
