// Accounts: the stateful side of identity — bootstrap of the first security officer, user
// creation with the who-manages-whom rules and separation of duties, login with lockout and second
// factor, password change, deactivation (ACC-1, ACC-3..7). Every change and every refusal is an
// audit event in the caller's transaction.
//
// Thread-safety: thread-safe (state lives in the store). Methods that refuse still write (failure
// counters, audit events): the caller commits the transaction whatever the result.
#ifndef CV_ACCESS_ACCOUNTS_H_
#define CV_ACCESS_ACCOUNTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/password.h"
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

// Who is acting: an authenticated user (or the platform at bootstrap).
struct Actor {
  std::int64_t user_id = 0;
  std::string login;
  std::string institution;
  std::vector<Role> roles;
  std::string client;
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

// The agency's own institution code.
inline constexpr std::string_view kAgencyInstitution = "AGENCY";

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
  // for separation of duties (ACC-1). Returns the new user's id.
  [[nodiscard]] Result<std::int64_t> CreateUser(store::Tx& tx, const Actor& by,
                                                const NewUser& user);

  // ACC-4/5/6: password (and TOTP code when enrolled) → session. Every failure answers the same
  // kUnauthenticated "login failed"; the audit event says why. Five failures lock for 30 min.
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
  };
  Result<std::optional<UserRow>> FindUser(store::Tx& tx, std::string_view login);
  Status Audit(store::Tx& tx, const Actor& by, std::string action, std::string object_id,
               audit::Outcome result, std::string reason);
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
