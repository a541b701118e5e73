// Institutions: admission, suspension, reinstatement and deregistration along the diagram of
// institution_state.h, with their effects on the institution's users (JR/T 0117 9.1, 9.2).
#include "access/institutions.h"

namespace cv::access {

Status Institutions::Admit(store::Tx& tx, const Actor& by, std::string_view code) {
  return Transition(tx, by, code, InstitutionOp::kAdmit, "");
}

Status Institutions::Suspend(store::Tx& tx, const Actor& by, std::string_view code,
                             std::string_view reason) {
  return Transition(tx, by, code, InstitutionOp::kSuspend, reason);
}

Status Institutions::Reinstate(store::Tx& tx, const Actor& by, std::string_view code) {
  return Transition(tx, by, code, InstitutionOp::kReinstate, "");
}

Status Institutions::Deregister(store::Tx& tx, const Actor& by, std::string_view code,
                                std::string_view reason) {
  return Transition(tx, by, code, InstitutionOp::kDeregister, reason);
}

Status Institutions::Transition(store::Tx& tx, const Actor& by, std::string_view code,
                                InstitutionOp op, std::string_view reason) {
  const ActionId action = InstitutionOpAction(op);
  const bool leaves = op == InstitutionOp::kSuspend || op == InstitutionOp::kDeregister;
  if (Status ok = Precheck(by, action, code, reason, leaves); !ok) {
    return Refuse(tx, by, action, code, ok.error().code(), ok.error().message());
  }
  Result<Institution> found = Get(tx, code);
  if (!found && found.error().code() == ErrorCode::kNotFound) {
    return Refuse(tx, by, action, code, ErrorCode::kNotFound, found.error().message());
  }
  if (!found) return std::unexpected(found.error());
  if (leaves && code == kAgencyInstitution) {
    return Refuse(tx, by, action, code, ErrorCode::kFailedPrecondition,
                  "the agency itself can never be suspended or deregistered");
  }
  Result<InstitutionStatus> to = NextInstitutionStatus(found->status, op);
  if (!to) return Refuse(tx, by, action, code, to.error().code(), to.error().message());
  if (op == InstitutionOp::kDeregister) {
    // Issue #5: no exit while batches are unsettled or disputes open (checks of issue #7).
    Result<std::string> open = Unsettled(tx, code);
    if (!open) {
      Status logged = Audit(tx, by, ActionName(action), "institution", code, audit::Outcome::kError,
                            "settlement check failed");
      (void)logged;  // The check's error is the one to report.
      return std::unexpected(open.error());
    }
    if (!open->empty()) {
      return Refuse(tx, by, action, code, ErrorCode::kFailedPrecondition,
                    "cannot deregister " + std::string(code) + ": " + *open);
    }
  }
  const std::string from_name(InstitutionStatusName(found->status));
  const std::string to_name(InstitutionStatusName(*to));
  CV_ASSIGN_OR_RETURN(
      const std::int64_t changed,
      tx.Exec("UPDATE institutions SET status = ?2, updated_at = ?3 WHERE code = ?1 AND "
              "status = ?4",
              {store::Text(code), store::Text(to_name), store::Text(FormatRfc3339(clock_.Now())),
               store::Text(from_name)}));
  if (changed != 1) return Fail(ErrorCode::kConflict, "the institution changed meanwhile");
  UserEffects effects;
  if (op == InstitutionOp::kSuspend) {
    CV_ASSIGN_OR_RETURN(effects, ActOnUsers(tx, by, code, false, "institution suspended"));
  } else if (op == InstitutionOp::kDeregister) {
    CV_ASSIGN_OR_RETURN(effects, ActOnUsers(tx, by, code, true, "institution deregistered"));
  }
  return Audit(tx, by, ActionName(action), "institution", code, audit::Outcome::kOk,
               std::string(reason),
               {{"from", from_name, false},
                {"to", to_name, false},
                {"users_deactivated", std::to_string(effects.deactivated), false},
                {"sessions_ended", std::to_string(effects.sessions_ended), false}});
}

Result<std::string> Institutions::Unsettled(store::Tx& tx, std::string_view code) {
  std::string open;
  for (const SettlementCheck& check : checks_) {
    CV_ASSIGN_OR_RETURN(const std::int64_t count, check.count(tx, code));
    if (count == 0) continue;
    if (!open.empty()) open += ", ";
    open += std::to_string(count) + " " + check.name;
  }
  return open;
}

Result<Institutions::UserEffects> Institutions::ActOnUsers(store::Tx& tx, const Actor& by,
                                                           std::string_view code, bool deactivate,
                                                           std::string_view why) {
  CV_ASSIGN_OR_RETURN(const std::vector<store::Row> users,
                      tx.Query("SELECT id, login, status FROM users WHERE institution = ?1 "
                               "ORDER BY id",
                               {store::Text(code)}));
  UserEffects effects;
  for (const store::Row& user : users) {
    CV_ASSIGN_OR_RETURN(const std::int64_t id, user.Int(0));
    if (deactivate && user.Text(2).value_or("") != "deactivated") {
      // ACC-7: deactivated, never deleted, so the history stays attributable.
      CV_RETURN_IF_ERROR(
          tx.Exec("UPDATE users SET status = 'deactivated' WHERE id = ?1", {store::Int(id)}));
      CV_RETURN_IF_ERROR(Audit(tx, by, "user.deactivate", "user", user.Text(1).value_or(""),
                               audit::Outcome::kOk, std::string(why)));
      ++effects.deactivated;
    }
    CV_ASSIGN_OR_RETURN(const int ended, sessions_.EndAllForUser(tx, id, why));
    effects.sessions_ended += ended;
  }
  return effects;
}

}  // namespace cv::access
