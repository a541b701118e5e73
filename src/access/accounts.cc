// Accounts: bootstrap, user creation, login with lockout and second factor, password change,
// deactivation.
#include "access/accounts.h"

#include <algorithm>

#include "access/internal/manage_scope.h"
#include "access/permission.h"
#include "access/separation.h"
#include "access/totp.h"

namespace cv::access {
namespace {

constexpr std::string_view kIssuer = "CreditVault";

std::int64_t Micros(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

std::string TotpAd(std::int64_t user_id) { return "users.totp_seed|" + std::to_string(user_id); }
std::string KeySubject(std::int64_t user_id) { return "user:" + std::to_string(user_id); }

}  // namespace

bool SecondFactorMandatory(const std::vector<Role>& roles) {
  return std::any_of(roles.begin(), roles.end(),
                     [](Role r) { return IsAgencyRole(r) || r == Role::kInstAdmin; });
}

Result<std::optional<Accounts::UserRow>> Accounts::FindUser(store::Tx& tx, std::string_view login) {
  CV_ASSIGN_OR_RETURN(
      const std::optional<store::Row> row,
      tx.QueryOne("SELECT id, login, institution, status, password_hash, password_changed_us, "
                  "must_change_password, failed_logins, locked_until_us, totp_seed, "
                  "totp_last_step, (SELECT status FROM institutions WHERE code = institution) "
                  "FROM users WHERE login = ?1",
                  {store::Text(login)}));
  if (!row) return std::optional<UserRow>();
  UserRow u{row->Int(0).value_or(0),      row->Text(1).value_or(""),
            row->Text(2).value_or(""),    row->Text(3).value_or(""),
            row->Text(4).value_or(""),    row->Int(5).value_or(0),
            row->Int(6).value_or(0) != 0, row->Int(7).value_or(0),
            row->Int(8).value_or(0),      std::nullopt,
            row->Int(10).value_or(0),     row->Text(11).value_or("")};
  if (!row->IsNull(9)) u.totp_seed = row->Blob(9).value_or("");
  return std::optional<UserRow>(std::move(u));
}

Status Accounts::Audit(store::Tx& tx, const Actor& by, std::string action, std::string object_id,
                       audit::Outcome result, std::string reason) {
  audit::Event e;
  e.time = clock_.Now();
  e.actor_user = by.login;
  e.actor_institution = by.institution;
  e.client_address = by.client;
  e.action = std::move(action);
  e.object_type = "user";
  e.object_id = std::move(object_id);
  e.result = result;
  e.reason = std::move(reason);
  CV_RETURN_IF_ERROR(audit_.Append(tx, e));
  return Ok();
}

Result<std::vector<Role>> Accounts::RolesOf(store::Tx& tx, std::int64_t user_id) {
  CV_ASSIGN_OR_RETURN(const std::vector<store::Row> rows,
                      tx.Query("SELECT role FROM user_roles WHERE user_id = ?1 ORDER BY role",
                               {store::Int(user_id)}));
  std::vector<Role> roles;
  for (const store::Row& r : rows) {
    CV_ASSIGN_OR_RETURN(const Role role, ParseRole(r.Text(0).value_or("")));
    roles.push_back(role);
  }
  return roles;
}

Status Accounts::StorePassword(store::Tx& tx, std::int64_t user_id, const Secret& password,
                               bool must_change) {
  CV_ASSIGN_OR_RETURN(const std::string hash, HashPassword(passwords_, password));
  const std::int64_t now = Micros(clock_.Now());
  CV_RETURN_IF_ERROR(tx.Exec(
      "UPDATE users SET password_hash = ?2, password_changed_us = ?3, must_change_password = ?4 "
      "WHERE id = ?1",
      {store::Int(user_id), store::Text(hash), store::Int(now), store::Int(must_change ? 1 : 0)}));
  CV_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO password_history (user_id, hash, set_us) VALUES (?1, ?2, ?3)",
              {store::Int(user_id), store::Text(hash), store::Int(now)}));
  return Ok();
}

Result<Secret> Accounts::EnrolSecondFactor(store::Tx& tx, std::int64_t user_id,
                                           std::string_view login) {
  CV_ASSIGN_OR_RETURN(Secret seed, NewTotpSeed());
  // ACC-5: the TOTP seed is C3, encrypted under the user's own data key.
  CV_ASSIGN_OR_RETURN(const crypto::keyring::DataKey key,
                      keyring_.DataKeyFor(tx, KeySubject(user_id), crypto::keyring::KeyGrade::kC3));
  CV_ASSIGN_OR_RETURN(const std::string sealed,
                      key.Encrypt(seed.View(SecretAccess::Get()), TotpAd(user_id)));
  CV_RETURN_IF_ERROR(tx.Exec(
      "UPDATE users SET totp_seed = ?2, totp_confirmed = 0, totp_last_step = 0 WHERE id = ?1",
      {store::Int(user_id), store::Blob(sealed)}));
  return OtpauthUri(kIssuer, login, seed);
}

Result<Secret> Accounts::SecondFactorSeed(store::Tx& tx, std::int64_t user_id,
                                          std::string_view blob) {
  CV_ASSIGN_OR_RETURN(std::string seed, keyring_.DecryptField(tx, blob, TotpAd(user_id)));
  Secret out(seed);
  SecureZero(seed.data(), seed.size());
  return out;
}

Result<Secret> Accounts::Bootstrap(store::Tx& tx, std::string_view login,
                                   std::string_view display_name, const Secret& password) {
  CV_ASSIGN_OR_RETURN(const std::optional<store::Row> any,
                      tx.QueryOne("SELECT count(*) FROM users"));
  if (any->Int(0).value_or(1) != 0) {
    return Fail(ErrorCode::kFailedPrecondition, "accounts exist already: no second bootstrap");
  }
  CV_RETURN_IF_ERROR(CheckPasswordRules(passwords_, login, password));
  const std::string now = FormatRfc3339(clock_.Now());
  CV_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO institutions (code, name, kind, status, created_at, updated_at) "
              "VALUES (?1, 'Credit reporting agency', 'agency', 'active', ?2, ?2)",
              {store::Text(kAgencyInstitution), store::Text(now)}));
  Actor platform{0, "system", std::string(kAgencyInstitution), {Role::kSecurityOfficer}, "cli"};
  NewUser first{std::string(login),
                std::string(display_name),
                std::string(kAgencyInstitution),
                {Role::kSecurityOfficer},
                password.Clone()};
  CV_ASSIGN_OR_RETURN(const std::int64_t id, InsertUser(tx, platform, first));
  CV_RETURN_IF_ERROR(tx.Exec("UPDATE users SET must_change_password = 0 WHERE id = ?1",
                             {store::Int(id)}));  // The officer chose it at init.
  return EnrolSecondFactor(tx, id, login);
}

Result<std::int64_t> Accounts::CreateUser(store::Tx& tx, const Actor& by, const NewUser& user) {
  // Who manages whom (Interim Measures Art.27–28; issue #5), decided by the one permission table
  // (ACC-2): user.create with every target role in the creator's grant scope.
  const std::string refusal =
      internal::ManageRefusal(by, ActionId::kUserCreate, 0, user.institution, user.roles);
  if (!refusal.empty()) {
    return Refuse(tx, by, ActionId::kUserCreate, user.login, ErrorCode::kPermissionDenied, refusal);
  }
  CV_RETURN_IF_ERROR(CheckInstitutionOpen(tx, by, user));
  return InsertUser(tx, by, user);
}

Status Accounts::CheckInstitutionOpen(store::Tx& tx, const Actor& by, const NewUser& user) {
  CV_ASSIGN_OR_RETURN(const std::optional<store::Row> row,
                      tx.QueryOne("SELECT status FROM institutions WHERE code = ?1",
                                  {store::Text(user.institution)}));
  const auto refuse = [&](ErrorCode code, std::string why) {
    return Refuse(tx, by, ActionId::kUserCreate, user.login, code, std::move(why));
  };
  if (!row) return refuse(ErrorCode::kNotFound, "no institution " + user.institution);
  const std::string status = row->Text(0).value_or("");
  if (status == "deregistered") {
    return refuse(ErrorCode::kFailedPrecondition,
                  "institution " + user.institution + " is deregistered");
  }
  // JR/T 0117 9.1: a pending institution's administrator may be prepared before admission.
  const bool only_admin = user.roles.size() == 1 && user.roles[0] == Role::kInstAdmin;
  if (status == "pending" && !only_admin) {
    return refuse(ErrorCode::kFailedPrecondition,
                  "institution " + user.institution +
                      " is pending admission: only its inst_admin may be created");
  }
  return Ok();
}

std::unexpected<Error> Accounts::Refuse(store::Tx& tx, const Actor& by, ActionId action,
                                        std::string object_id, ErrorCode error, std::string why) {
  Status logged = Audit(tx, by, std::string(ActionName(action)), std::move(object_id),
                        audit::Outcome::kDenied, why);
  if (!logged) return std::unexpected(logged.error());
  return Fail(error, std::move(why));
}

Result<std::int64_t> Accounts::InsertUser(store::Tx& tx, const Actor& by, const NewUser& user) {
  std::vector<Role> granted;
  for (Role r : user.roles) {
    if (IsAgencyRole(r) != (user.institution == kAgencyInstitution)) {
      return Fail(ErrorCode::kInvalidArgument, std::string(RoleName(r)) + " does not belong there");
    }
    CV_RETURN_IF_ERROR(CheckGrant(granted, r));  // ACC-1: conflicting roles are refused.
    granted.push_back(r);
  }
  CV_RETURN_IF_ERROR(CheckPasswordRules(passwords_, user.login, user.initial_password));
  const std::int64_t now = Micros(clock_.Now());
  CV_ASSIGN_OR_RETURN(
      const std::optional<store::Row> row,
      tx.QueryOne("INSERT INTO users (login, institution, display_name, status, password_hash, "
                  "password_changed_us, must_change_password, created_us, created_by) VALUES "
                  "(?1, ?2, ?3, 'active', '', ?4, 1, ?4, ?5) RETURNING id",
                  {store::Text(user.login), store::Text(user.institution),
                   store::Text(user.display_name), store::Int(now), store::Int(by.user_id)}));
  CV_ASSIGN_OR_RETURN(const std::int64_t id, row->Int(0));
  for (Role r : granted) {
    CV_RETURN_IF_ERROR(tx.Exec(
        "INSERT INTO user_roles (user_id, role, granted_us, granted_by) VALUES (?1, ?2, ?3, ?4)",
        {store::Int(id), store::Text(RoleName(r)), store::Int(now), store::Int(by.user_id)}));
  }
  CV_RETURN_IF_ERROR(StorePassword(tx, id, user.initial_password, true));
  CV_RETURN_IF_ERROR(Audit(tx, by, "user.create", user.login, audit::Outcome::kOk, ""));
  return id;
}

Status Accounts::RecordFailure(store::Tx& tx, const UserRow& user, std::string_view client) {
  const std::int64_t failures = user.failed + 1;
  const bool lock = failures >= lockout_.max_failures;
  const std::int64_t until =
      lock ? Micros(clock_.Now()) + lockout_.lock_for.count() * 1'000'000 : user.locked_until_us;
  CV_RETURN_IF_ERROR(tx.Exec(
      "UPDATE users SET failed_logins = ?2, locked_until_us = ?3, status = ?4 WHERE id = ?1",
      {store::Int(user.id), store::Int(lock ? 0 : failures), store::Int(until),
       store::Text(lock ? "locked" : user.status)}));
  Actor who{user.id, user.login, user.institution, {}, std::string(client)};
  CV_RETURN_IF_ERROR(Audit(tx, who, "auth.login", user.login, audit::Outcome::kDenied,
                           "wrong password or code (" + std::to_string(failures) + ")"));
  if (lock) {
    CV_RETURN_IF_ERROR(Audit(tx, who, "auth.lock", user.login, audit::Outcome::kOk,
                             "locked after " + std::to_string(failures) + " failures"));
  }
  return Ok();
}

}  // namespace cv::access
