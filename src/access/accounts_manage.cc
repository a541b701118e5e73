// Accounts: managing other users' accounts — role grants and revocations under separation of
// duties, unlock, password reset — each within the permission table's who-manages-whom scope.
#include <algorithm>

#include "access/accounts.h"
#include "access/internal/manage_scope.h"
#include "access/separation.h"

namespace cv::access {

Result<Accounts::Target> Accounts::ManagedTarget(store::Tx& tx, const Actor& by, ActionId action,
                                                 std::int64_t user_id,
                                                 std::optional<Role> new_role) {
  CV_ASSIGN_OR_RETURN(const std::optional<store::Row> row,
                      tx.QueryOne("SELECT login, institution, status FROM users WHERE id = ?1",
                                  {store::Int(user_id)}));
  if (!row) {
    return Refuse(tx, by, action, std::to_string(user_id), ErrorCode::kNotFound, "no such user");
  }
  Target t{
      user_id, row->Text(0).value_or(""), row->Text(1).value_or(""), row->Text(2).value_or(""), {}};
  CV_ASSIGN_OR_RETURN(t.roles, RolesOf(tx, user_id));
  std::vector<Role> scope = t.roles;
  if (new_role) scope.push_back(*new_role);
  const std::string refusal = internal::ManageRefusal(by, action, user_id, t.institution, scope);
  if (!refusal.empty()) {
    return Refuse(tx, by, action, t.login, ErrorCode::kPermissionDenied, refusal);
  }
  if (t.status == "deactivated") {
    return Refuse(tx, by, action, t.login, ErrorCode::kFailedPrecondition,
                  "the account is deactivated (ACC-7)");
  }
  return t;
}

Status Accounts::CheckHistory(store::Tx& tx, std::int64_t user_id, const Secret& password) {
  CV_ASSIGN_OR_RETURN(const std::vector<store::Row> history,
                      tx.Query("SELECT hash FROM password_history WHERE user_id = ?1 "
                               "ORDER BY set_us DESC, rowid DESC LIMIT ?2",
                               {store::Int(user_id), store::Int(passwords_.history)}));
  std::vector<std::string> hashes;
  for (const store::Row& r : history) hashes.push_back(r.Text(0).value_or(""));
  return CheckNotReused(passwords_, hashes, password);
}

Status Accounts::GrantRole(store::Tx& tx, const Actor& by, std::int64_t user_id, Role role) {
  constexpr ActionId kAction = ActionId::kUserGrantRole;
  CV_ASSIGN_OR_RETURN(const Target t, ManagedTarget(tx, by, kAction, user_id, role));
  if (IsAgencyRole(role) != (t.institution == kAgencyInstitution)) {
    return Refuse(
        tx, by, kAction, t.login, ErrorCode::kInvalidArgument,
        std::string(RoleName(role)) + " does not belong to an account of " + t.institution);
  }
  // ACC-1: the new role against the roles the user holds now.
  if (Status sod = CheckGrant(t.roles, role); !sod) {
    return Refuse(tx, by, kAction, t.login, sod.error().code(), sod.error().message());
  }
  const std::string name(RoleName(role));
  if (std::find(t.roles.begin(), t.roles.end(), role) != t.roles.end()) {
    return Audit(tx, by, std::string(ActionName(kAction)), t.login, audit::Outcome::kOk,
                 name + " already held");
  }
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::microseconds>(clock_.Now().time_since_epoch())
          .count();
  CV_RETURN_IF_ERROR(tx.Exec(
      "INSERT INTO user_roles (user_id, role, granted_us, granted_by) VALUES (?1, ?2, ?3, ?4)",
      {store::Int(user_id), store::Text(name), store::Int(now), store::Int(by.user_id)}));
  return Audit(tx, by, std::string(ActionName(kAction)), t.login, audit::Outcome::kOk,
               "granted " + name);
}

Status Accounts::RevokeRole(store::Tx& tx, const Actor& by, std::int64_t user_id, Role role) {
  constexpr ActionId kAction = ActionId::kUserRevokeRole;
  CV_ASSIGN_OR_RETURN(const Target t, ManagedTarget(tx, by, kAction, user_id, role));
  const std::string name(RoleName(role));
  if (std::find(t.roles.begin(), t.roles.end(), role) == t.roles.end()) {
    return Refuse(tx, by, kAction, t.login, ErrorCode::kNotFound, "the user does not hold " + name);
  }
  CV_RETURN_IF_ERROR(tx.Exec("DELETE FROM user_roles WHERE user_id = ?1 AND role = ?2",
                             {store::Int(user_id), store::Text(name)}));
  // The revocation takes effect at once: no session keeps the old role set.
  CV_RETURN_IF_ERROR(sessions_.EndAllForUser(tx, user_id, "role revoked"));
  return Audit(tx, by, std::string(ActionName(kAction)), t.login, audit::Outcome::kOk,
               "revoked " + name);
}

Status Accounts::Unlock(store::Tx& tx, const Actor& by, std::int64_t user_id) {
  constexpr ActionId kAction = ActionId::kUserUnlock;
  CV_ASSIGN_OR_RETURN(const Target t, ManagedTarget(tx, by, kAction, user_id, std::nullopt));
  // ACC-4: the lock and the failure count go; a suspension (MON-2) is not a lock and stays.
  CV_RETURN_IF_ERROR(
      tx.Exec("UPDATE users SET failed_logins = 0, locked_until_us = 0, status = CASE status "
              "WHEN 'locked' THEN 'active' ELSE status END WHERE id = ?1",
              {store::Int(user_id)}));
  return Audit(tx, by, std::string(ActionName(kAction)), t.login, audit::Outcome::kOk,
               t.status == "locked" ? "unlocked" : "was not locked; failure count cleared");
}

Status Accounts::ResetPassword(store::Tx& tx, const Actor& by, std::int64_t user_id,
                               const Secret& new_initial_password) {
  constexpr ActionId kAction = ActionId::kUserResetPassword;
  CV_ASSIGN_OR_RETURN(const Target t, ManagedTarget(tx, by, kAction, user_id, std::nullopt));
  Status allowed = CheckPasswordRules(passwords_, t.login, new_initial_password);
  if (allowed) allowed = CheckHistory(tx, user_id, new_initial_password);
  if (!allowed) {  // The messages name the rule, never the password (password.h).
    return Refuse(tx, by, kAction, t.login, allowed.error().code(), allowed.error().message());
  }
  CV_RETURN_IF_ERROR(StorePassword(tx, user_id, new_initial_password, /*must_change=*/true));
  CV_RETURN_IF_ERROR(sessions_.EndAllForUser(tx, user_id, "password reset"));
  return Audit(tx, by, std::string(ActionName(kAction)), t.login, audit::Outcome::kOk,
               "change forced at next login");
}

Result<std::int64_t> Accounts::FindUserId(store::Tx& tx, std::string_view login) {
  CV_ASSIGN_OR_RETURN(const std::optional<store::Row> row,
                      tx.QueryOne("SELECT id FROM users WHERE login = ?1", {store::Text(login)}));
  if (!row) return Fail(ErrorCode::kNotFound, "no such user");
  return row->Int(0);
}

}  // namespace cv::access
