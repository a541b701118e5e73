// Accounts: login with lockout and second factor, password change, deactivation.
#include "access/accounts.h"
#include "access/totp.h"

namespace cv::access {
namespace {

std::int64_t Micros(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

Error LoginFailed() { return Error(ErrorCode::kUnauthenticated, "login failed"); }

// Records `step` as the user's last accepted TOTP step unless a concurrent login already used it
// or a later one: the conditional update makes replay refusal hold across processes.
Status ClaimTotpStep(store::Tx& tx, std::int64_t user_id, std::int64_t step) {
  CV_ASSIGN_OR_RETURN(
      const std::int64_t changed,
      tx.Exec("UPDATE users SET totp_last_step = ?2, totp_confirmed = 1 WHERE id = ?1 AND "
              "totp_last_step < ?2",
              {store::Int(user_id), store::Int(step)}));
  if (changed != 1) return Fail(ErrorCode::kPermissionDenied, "invalid code: already used");
  return Ok();
}

}  // namespace

Result<LoginOutcome> Accounts::Login(store::Tx& tx, std::string_view login, const Secret& password,
                                     std::optional<std::string> totp_code,
                                     std::string_view client) {
  CV_ASSIGN_OR_RETURN(std::optional<UserRow> user, FindUser(tx, login));
  Actor who{user ? user->id : 0,
            std::string(login),
            user ? user->institution : "",
            {},
            std::string(client)};
  const std::int64_t now = Micros(clock_.Now());
  if (!user || user->status == "deactivated" || user->status == "suspended") {
    BurnVerifyTime(passwords_);  // ACC-4: unknown users cost the same time as a wrong password.
    CV_RETURN_IF_ERROR(Audit(tx, who, "auth.login", std::string(login), audit::Outcome::kDenied,
                             user ? "account " + user->status : "unknown user"));
    return std::unexpected(LoginFailed());
  }
  if (user->institution_status != "active") {
    // QRY-1, JR/T 0117 9.2: no access while the institution is pending, suspended or gone; the
    // answer and its cost are those of an unknown user (ACC-4).
    BurnVerifyTime(passwords_);
    const std::string status =
        user->institution_status.empty() ? "missing" : user->institution_status;
    CV_RETURN_IF_ERROR(Audit(tx, who, "auth.login", user->login, audit::Outcome::kDenied,
                             "institution " + status));
    return std::unexpected(LoginFailed());
  }
  if (user->status == "locked" && user->locked_until_us > now) {
    BurnVerifyTime(passwords_);
    CV_RETURN_IF_ERROR(
        Audit(tx, who, "auth.login", user->login, audit::Outcome::kDenied, "account locked"));
    return std::unexpected(LoginFailed());
  }
  if (user->status == "locked") user->failed = 0;  // The lock expired.
  CV_ASSIGN_OR_RETURN(const bool ok, VerifyPassword(user->password_hash, password));
  if (!ok) {
    CV_RETURN_IF_ERROR(RecordFailure(tx, *user, client));
    return std::unexpected(LoginFailed());
  }
  CV_ASSIGN_OR_RETURN(who.roles, RolesOf(tx, user->id));
  LoginOutcome outcome;
  bool second_factor_done = false;
  if (user->totp_seed && totp_code) {
    CV_ASSIGN_OR_RETURN(const Secret seed, SecondFactorSeed(tx, user->id, *user->totp_seed));
    auto step =
        VerifyTotp(seed, *totp_code, clock_.Now(), kTotpDefaultWindow, user->totp_last_step);
    if (!step) {
      CV_RETURN_IF_ERROR(RecordFailure(tx, *user, client));
      return std::unexpected(LoginFailed());
    }
    CV_RETURN_IF_ERROR(ClaimTotpStep(tx, user->id, *step));
    second_factor_done = true;
  } else if (user->totp_seed || SecondFactorMandatory(who.roles)) {
    if (user->totp_seed) {  // Enrolled: the code is required with the password.
      CV_RETURN_IF_ERROR(RecordFailure(tx, *user, client));
      return std::unexpected(LoginFailed());
    }
    CV_ASSIGN_OR_RETURN(outcome.otpauth_uri, EnrolSecondFactor(tx, user->id, user->login));
    outcome.must_enrol_second_factor = true;
  }
  CV_RETURN_IF_ERROR(tx.Exec(
      "UPDATE users SET failed_logins = 0, locked_until_us = 0, status = 'active' WHERE id = ?1",
      {store::Int(user->id)}));
  outcome.must_change_password =
      user->must_change ||
      PasswordExpired(TimePoint(std::chrono::microseconds(user->password_changed_us)), clock_.Now(),
                      passwords_);
  CV_ASSIGN_OR_RETURN(outcome.session,
                      sessions_.Start(tx, user->id, who.roles, client, second_factor_done));
  CV_RETURN_IF_ERROR(Audit(tx, who, "auth.login", user->login, audit::Outcome::kOk,
                           outcome.must_enrol_second_factor ? "second factor enrolled" : ""));
  return outcome;
}

Status Accounts::ConfirmSecondFactor(store::Tx& tx, const SessionInfo& session,
                                     std::string_view code) {
  CV_ASSIGN_OR_RETURN(const std::optional<UserRow> user, FindUser(tx, session.login));
  if (!user || !user->totp_seed) {
    return Fail(ErrorCode::kFailedPrecondition, "no second factor is being enrolled");
  }
  CV_ASSIGN_OR_RETURN(const Secret seed, SecondFactorSeed(tx, user->id, *user->totp_seed));
  Actor who{user->id, user->login, user->institution, {}, ""};
  auto step = VerifyTotp(seed, code, clock_.Now(), kTotpDefaultWindow, user->totp_last_step);
  if (!step) {
    CV_RETURN_IF_ERROR(RecordFailure(tx, *user, ""));
    return std::unexpected(step.error());
  }
  CV_RETURN_IF_ERROR(ClaimTotpStep(tx, user->id, *step));
  CV_RETURN_IF_ERROR(sessions_.MarkSecondFactor(tx, session.session_id));
  return Audit(tx, who, "auth.second_factor", user->login, audit::Outcome::kOk, "confirmed");
}

Status Accounts::ChangePassword(store::Tx& tx, const SessionInfo& session,
                                const Secret& old_password, const Secret& new_password) {
  CV_ASSIGN_OR_RETURN(const std::optional<UserRow> user, FindUser(tx, session.login));
  if (!user) return Fail(ErrorCode::kNotFound, "no such user");
  Actor who{user->id, user->login, user->institution, {}, ""};
  CV_ASSIGN_OR_RETURN(const bool ok, VerifyPassword(user->password_hash, old_password));
  if (!ok) {
    CV_RETURN_IF_ERROR(Audit(tx, who, "user.password_change", user->login, audit::Outcome::kDenied,
                             "old password"));
    return Fail(ErrorCode::kPermissionDenied, "the current password is wrong");
  }
  CV_RETURN_IF_ERROR(CheckPasswordRules(passwords_, user->login, new_password));
  CV_RETURN_IF_ERROR(CheckHistory(tx, user->id, new_password));
  CV_RETURN_IF_ERROR(StorePassword(tx, user->id, new_password, false));
  CV_RETURN_IF_ERROR(sessions_.EndAllForUser(tx, user->id, "password changed", session.session_id));
  return Audit(tx, who, "user.password_change", user->login, audit::Outcome::kOk, "");
}

Status Accounts::Deactivate(store::Tx& tx, const Actor& by, std::int64_t user_id,
                            std::string_view reason) {
  CV_ASSIGN_OR_RETURN(
      const std::optional<store::Row> row,
      tx.QueryOne("SELECT login, institution FROM users WHERE id = ?1", {store::Int(user_id)}));
  if (!row) return Fail(ErrorCode::kNotFound, "no such user");
  const std::string institution = row->Text(1).value_or("");
  const bool may = by.roles.end() != std::find_if(by.roles.begin(), by.roles.end(), [&](Role r) {
                     return r == Role::kSecurityOfficer || r == Role::kSecurityAdmin ||
                            (r == Role::kInstAdmin && institution == by.institution);
                   });
  const std::string login = row->Text(0).value_or("");
  if (!may) {
    CV_RETURN_IF_ERROR(Audit(tx, by, "user.deactivate", login, audit::Outcome::kDenied,
                             "not this actor's account to manage"));
    return Fail(ErrorCode::kPermissionDenied, "not your account to manage");
  }
  CV_RETURN_IF_ERROR(
      tx.Exec("UPDATE users SET status = 'deactivated' WHERE id = ?1", {store::Int(user_id)}));
  CV_RETURN_IF_ERROR(sessions_.EndAllForUser(tx, user_id, "user deactivated"));
  return Audit(tx, by, "user.deactivate", login, audit::Outcome::kOk, std::string(reason));
}

}  // namespace cv::access
