// Accounts: the stateful side of identity — bootstrap of the first security officer, user
// creation with the who-manages-whom rules and separation of duties, login with lockout and second
// factor (refused while the user's institution is not active), password change and reset, role
// grants and revocations, unlock, deactivation (ACC-1, ACC-3..7). Every change and every refusal
// is an audit event in the caller's transaction.
//
// Thread-safety: thread-safe (state lives in the store). Methods that refuse still write (failure
// counters, audit events): the caller commits the transaction whatever the result.
#ifndef CV_ACCESS_ACCOUNTS_H_
#define CV_ACCESS_ACCOUNTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.h"
#include "access/password.h"
#include "access/permission.h"
#include "access/role.h"
#include "access/session.h"
#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/result.h"
#include "common/secret.h"
#include "crypto/keyring/keyring.h"
#include "store/store.h"

namespace cv::access {

// JR/T 0117 7.5.9 / ACC-4 defaults.
struct LockoutPolicy {
  int max_failures = 5;
  std::chrono::seconds lock_for{30 * 60};
};

struct NewUser {
  std::string login;
  std::string display_name;
  std::string institution;
  std::vector<Role> roles;
  Secret initial_password;  // set by the creator: changed at first login
};

struct LoginOutcome {
  NewSession session;
  bool must_change_password = false;
  bool must_enrol_second_factor = false;
  std::optional<Secret> otpauth_uri;  // set when the login enrolled the second factor
};

// True when the role must use a second factor (ACC-5: agency roles and inst_admin).
bool SecondFactorMandatory(const std::vector<Role>& roles);

class Accounts {
 public:
  // REQUIRES: every reference outlives the Accounts.
  Accounts(crypto::keyring::Keyring& keyring, audit::AuditLog& audit, SessionManager& sessions,
           PasswordPolicy passwords, LockoutPolicy lockout, const Clock& clock)
      : keyring_(keyring),
        audit_(audit),
        sessions_(sessions),
        passwords_(passwords),
        lockout_(lockout),
        clock_(clock) {}

  // Creates the agency institution and its first security_officer with an enrolled second
  // factor; returns the otpauth URI (shown once). kFailedPrecondition when any user exists: there
  // are no default accounts and no second bootstrap.
  [[nodiscard]] Result<Secret> Bootstrap(store::Tx& tx, std::string_view login,
                                         std::string_view display_name, const Secret& password);

  // Creates a user. Who manages whom: the security_officer creates agency accounts and each
  // institution's first inst_admin; the security_admin manages agency and institution accounts;
  // an inst_admin creates users of its own institution only (never admins). Roles are checked
  // for separation of duties (ACC-1). The institution must exist (kNotFound) and not be
  // deregistered (kFailedPrecondition); while it is pending only its inst_admin may be created,
  // who logs in once it is admitted. Returns the new user's id.
  [[nodiscard]] Result<std::int64_t> CreateUser(store::Tx& tx, const Actor& by,
                                                const NewUser& user);

  // ACC-4/5/6: password (and TOTP code when enrolled) → session. Every failure answers the same
  // kUnauthenticated "login failed"; the audit event says why. Five failures lock for 30 min.
  // Users of an institution that is not active (pending, suspended, deregistered) cannot log in
  // (QRY-1; JR/T 0117 9.2).
  [[nodiscard]] Result<LoginOutcome> Login(store::Tx& tx, std::string_view login,
                                           const Secret& password,
                                           std::optional<std::string> totp_code,
                                           std::string_view client);

  // Confirms the first code after enrolment and marks the session's second factor done.
  [[nodiscard]] Status ConfirmSecondFactor(store::Tx& tx, const SessionInfo& session,
                                           std::string_view code);

  // ACC-3: changes the user's own password (rules, history of 5); ends their other sessions.
  [[nodiscard]] Status ChangePassword(store::Tx& tx, const SessionInfo& session,
                                      const Secret& old_password, const Secret& new_password);

  // ACC-7: deactivation (never deletion); every session of the user ends at once.
  [[nodiscard]] Status Deactivate(store::Tx& tx, const Actor& by, std::int64_t user_id,
                                  std::string_view reason);

  // ACC-1: grants `role` to the user. Who manages whom is the permission table's grant scope for
  // user.grant_role, over the new role and the roles the user holds; an inst_admin acts in its
  // own institution only; nobody on their own account. A role breaking separation of duties with
  // the user's roles is refused with the rule's id ("SOD-1: ..."). Granting a held role is Ok.
  [[nodiscard]] Status GrantRole(store::Tx& tx, const Actor& by, std::int64_t user_id, Role role);
  // Revokes `role` (same scope rules, user.revoke_role); the user's sessions end, so the next one
  // carries the roles left. kNotFound when the user does not hold it.
  [[nodiscard]] Status RevokeRole(store::Tx& tx, const Actor& by, std::int64_t user_id, Role role);
  // ACC-4: clears a lock and the failure count (user.unlock, same scope rules).
  [[nodiscard]] Status Unlock(store::Tx& tx, const Actor& by, std::int64_t user_id);
  // ACC-3: sets a new initial password (user.reset_password, same scope rules): the rules and the
  // history apply, a change is forced at the next login and every session of the user ends.
  [[nodiscard]] Status ResetPassword(store::Tx& tx, const Actor& by, std::int64_t user_id,
                                     const Secret& new_initial_password);

  // The id of the user called `login`; kNotFound when there is none.
  [[nodiscard]] Result<std::int64_t> FindUserId(store::Tx& tx, std::string_view login);

  // The user's roles.
  [[nodiscard]] Result<std::vector<Role>> RolesOf(store::Tx& tx, std::int64_t user_id);

 private:
  // One users row as login and password change need it.
  struct UserRow {
    std::int64_t id = 0;
    std::string login;
    std::string institution;
    std::string status;
    std::string password_hash;
    std::int64_t password_changed_us = 0;
    bool must_change = false;
    std::int64_t failed = 0;
    std::int64_t locked_until_us = 0;
    std::optional<std::string> totp_seed;  // field ciphertext
    std::int64_t totp_last_step = 0;
    std::string institution_status;  // "" when the institution row is missing
  };
  // The account a management action targets, as the scope check needs it.
  struct Target {
    std::int64_t id = 0;
    std::string login;
    std::string institution;
    std::string status;
    std::vector<Role> roles;
  };
  Result<std::optional<UserRow>> FindUser(store::Tx& tx, std::string_view login);
  Status Audit(store::Tx& tx, const Actor& by, std::string action, std::string object_id,
               audit::Outcome result, std::string reason);
  // Audits the refusal of `action` on user `object_id` and returns it as an error.
  std::unexpected<Error> Refuse(store::Tx& tx, const Actor& by, ActionId action,
                                std::string object_id, ErrorCode error, std::string why);
  // Loads user `user_id` and checks that `by` may run `action` on it (and give it `new_role`);
  // refusals are audited. A deactivated account is refused too.
  Result<Target> ManagedTarget(store::Tx& tx, const Actor& by, ActionId action,
                               std::int64_t user_id, std::optional<Role> new_role);
  // ACC-3: `password` is none of the user's last `history` passwords.
  Status CheckHistory(store::Tx& tx, std::int64_t user_id, const Secret& password);
  // Ok when users may be created at `institution` with `roles` (it exists and is not
  // deregistered; while pending, only its inst_admin); refusals are audited.
  Status CheckInstitutionOpen(store::Tx& tx, const Actor& by, const NewUser& user);
  Status RecordFailure(store::Tx& tx, const UserRow& user, std::string_view client);
  Result<Secret> EnrolSecondFactor(store::Tx& tx, std::int64_t user_id, std::string_view login);
  Result<Secret> SecondFactorSeed(store::Tx& tx, std::int64_t user_id, std::string_view blob);
  Status StorePassword(store::Tx& tx, std::int64_t user_id, const Secret& password,
                       bool must_change);
  // Creates the user after the who-manages-whom check (SoD and password rules still apply).
  Result<std::int64_t> InsertUser(store::Tx& tx, const Actor& by, const NewUser& user);

  crypto::keyring::Keyring& keyring_;
  audit::AuditLog& audit_;
  SessionManager& sessions_;
  PasswordPolicy passwords_;
  LockoutPolicy lockout_;
  const Clock& clock_;
};

}  // namespace cv::access

#endif  // CV_ACCESS_ACCOUNTS_H_
