// User endpoints: create, list, read, grant a role, deactivate (ACC-1, ACC-2, ACC-7; issue #6).
#include <fmt/format.h>

#include "server/api.h"
#include "server/json_fields.h"

namespace cv::server {
namespace {

struct TargetUser {
  std::int64_t id = 0;
  std::string login;
  std::string institution;
};

Result<TargetUser> FindTarget(store::Tx& tx, std::string_view login) {
  CV_ASSIGN_OR_RETURN(const std::optional<store::Row> row,
                      tx.QueryOne("SELECT id, login, institution FROM users WHERE login = ?1",
                                  {store::Text(login)}));
  if (!row) return Fail(ErrorCode::kNotFound, "no such user");
  return TargetUser{row->Int(0).value_or(0), row->Text(1).value_or(""), row->Text(2).value_or("")};
}

Result<nlohmann::json> UserJson(store::Tx& tx, const store::Row& row) {
  const std::int64_t id = row.Int(0).value_or(0);
  CV_ASSIGN_OR_RETURN(
      const std::vector<store::Row> roles,
      tx.Query("SELECT role FROM user_roles WHERE user_id = ?1 ORDER BY role", {store::Int(id)}));
  nlohmann::json names = nlohmann::json::array();
  for (const store::Row& r : roles) names.push_back(r.Text(0).value_or(""));
  return nlohmann::json{{"username", row.Text(1).value_or("")},
                        {"institution", row.Text(2).value_or("")},
                        {"display_name", row.Text(3).value_or("")},
                        {"status", row.Text(4).value_or("")},
                        {"roles", names}};
}

constexpr std::string_view kUserColumns = "SELECT id, login, institution, display_name, status ";

}  // namespace

Result<HttpResponse> Api::CreateUser(Call& call) {
  CV_ASSIGN_OR_RETURN(const nlohmann::json body, JsonBody(call));
  access::NewUser user;
  CV_ASSIGN_OR_RETURN(user.login, RequiredString(body, "username", 64));
  CV_ASSIGN_OR_RETURN(user.institution, RequiredString(body, "institution", 32));
  CV_ASSIGN_OR_RETURN(const std::vector<std::string> roles,
                      RequiredStringArray(body, "roles", 8, 32));
  CV_ASSIGN_OR_RETURN(user.initial_password, RequiredSecret(body, "password", 1024));
  CV_ASSIGN_OR_RETURN(std::optional<std::string> display,
                      OptionalString(body, "display_name", 128));
  user.display_name = display.value_or(user.login);
  for (const std::string& name : roles) {
    CV_ASSIGN_OR_RETURN(const access::Role role, access::ParseRole(name));
    user.roles.push_back(role);
    access::Resource target{user.institution, access::DataCategory::kNone, "", "", role};
    CV_RETURN_IF_ERROR(Authorize(call, access::ActionId::kUserCreate, target));
  }
  CV_ASSIGN_OR_RETURN(const std::int64_t id, accounts_.CreateUser(*call.tx, call.actor, user));
  call.audited = true;
  return JsonResponse(201, {{"id", id},
                            {"username", user.login},
                            {"institution", user.institution},
                            {"roles", roles},
                            {"must_change_password", true}});
}

Result<HttpResponse> Api::ListUsers(Call& call) {
  CV_ASSIGN_OR_RETURN(const auto query, QueryParams(call.request.target));
  auto it = query.find("institution");
  // An institution's administrator lists its own institution; agency staff any or all.
  std::string institution = it != query.end() ? it->second : "";
  if (institution.empty() && call.session->institution != access::kAgencyInstitution) {
    institution = call.session->institution;
  }
  access::Resource scope{institution, access::DataCategory::kNone, "", "", std::nullopt};
  CV_RETURN_IF_ERROR(Authorize(call, access::ActionId::kUserList, scope));
  const std::string sql =
      std::string(kUserColumns) +
      (institution.empty() ? "FROM users ORDER BY login LIMIT 1000"
                           : "FROM users WHERE institution = ?1 ORDER BY login LIMIT 1000");
  CV_ASSIGN_OR_RETURN(
      const std::vector<store::Row> rows,
      institution.empty() ? call.tx->Query(sql) : call.tx->Query(sql, {store::Text(institution)}));
  nlohmann::json users = nlohmann::json::array();
  for (const store::Row& row : rows) {
    CV_ASSIGN_OR_RETURN(nlohmann::json u, UserJson(*call.tx, row));
    users.push_back(std::move(u));
  }
  return JsonResponse(200, {{"users", users}});
}

Result<HttpResponse> Api::GetUser(Call& call) {
  CV_ASSIGN_OR_RETURN(const TargetUser target, FindTarget(*call.tx, call.params["username"]));
  access::Resource scope{target.institution, access::DataCategory::kNone, "", "", std::nullopt};
  CV_RETURN_IF_ERROR(Authorize(call, access::ActionId::kUserList, scope));
  CV_ASSIGN_OR_RETURN(const std::optional<store::Row> row,
                      call.tx->QueryOne(std::string(kUserColumns) + "FROM users WHERE id = ?1",
                                        {store::Int(target.id)}));
  CV_ASSIGN_OR_RETURN(nlohmann::json u, UserJson(*call.tx, *row));
  return JsonResponse(200, u);
}

Result<HttpResponse> Api::GrantRole(Call& call) {
  CV_ASSIGN_OR_RETURN(const nlohmann::json body, JsonBody(call));
  CV_ASSIGN_OR_RETURN(const std::string name, RequiredString(body, "role", 32));
  CV_ASSIGN_OR_RETURN(const access::Role role, access::ParseRole(name));
  CV_ASSIGN_OR_RETURN(const TargetUser target, FindTarget(*call.tx, call.params["username"]));
  access::Resource scope{target.institution, access::DataCategory::kNone, std::to_string(target.id),
                         "", role};
  CV_RETURN_IF_ERROR(Authorize(call, access::ActionId::kUserGrantRole, scope));
  CV_RETURN_IF_ERROR(accounts_.GrantRole(*call.tx, call.actor, target.id, role));
  call.audited = true;
  CV_ASSIGN_OR_RETURN(const std::vector<access::Role> roles,
                      accounts_.RolesOf(*call.tx, target.id));
  return JsonResponse(200, {{"username", target.login}, {"roles", RoleNamesJson(roles)}});
}

Result<HttpResponse> Api::DeactivateUser(Call& call) {
  CV_ASSIGN_OR_RETURN(const nlohmann::json body, JsonBody(call));
  CV_ASSIGN_OR_RETURN(const std::string reason, RequiredString(body, "reason", 512));
  CV_ASSIGN_OR_RETURN(const TargetUser target, FindTarget(*call.tx, call.params["username"]));
  access::Resource scope{target.institution, access::DataCategory::kNone, std::to_string(target.id),
                         "", std::nullopt};
  CV_RETURN_IF_ERROR(Authorize(call, access::ActionId::kUserDeactivate, scope));
  CV_RETURN_IF_ERROR(accounts_.Deactivate(*call.tx, call.actor, target.id, reason));
  call.audited = true;
  return JsonResponse(200, {{"username", target.login}, {"status", "deactivated"}});
}

Result<HttpResponse> Api::RevokeRole(Call& call) {
  CV_ASSIGN_OR_RETURN(const access::Role role, access::ParseRole(call.params["role"]));
  CV_ASSIGN_OR_RETURN(const TargetUser target, FindTarget(*call.tx, call.params["username"]));
  access::Resource scope{target.institution, access::DataCategory::kNone, std::to_string(target.id),
                         "", role};
  CV_RETURN_IF_ERROR(Authorize(call, access::ActionId::kUserRevokeRole, scope));
  CV_RETURN_IF_ERROR(accounts_.RevokeRole(*call.tx, call.actor, target.id, role));
  call.audited = true;
  CV_ASSIGN_OR_RETURN(const std::vector<access::Role> roles,
                      accounts_.RolesOf(*call.tx, target.id));
  return JsonResponse(200, {{"username", target.login}, {"roles", RoleNamesJson(roles)}});
}

Result<HttpResponse> Api::UnlockUser(Call& call) {
  CV_ASSIGN_OR_RETURN(const TargetUser target, FindTarget(*call.tx, call.params["username"]));
  access::Resource scope{target.institution, access::DataCategory::kNone, std::to_string(target.id),
                         "", std::nullopt};
  CV_RETURN_IF_ERROR(Authorize(call, access::ActionId::kUserUnlock, scope));
  CV_RETURN_IF_ERROR(accounts_.Unlock(*call.tx, call.actor, target.id));
  call.audited = true;
  return JsonResponse(200, {{"username", target.login}, {"status", "active"}});
}

// An administrator sets a new initial password; the user must change it at the next login and
// every session of theirs ends (ACC-3).
Result<HttpResponse> Api::ResetPassword(Call& call) {
  CV_ASSIGN_OR_RETURN(const nlohmann::json body, JsonBody(call));
  CV_ASSIGN_OR_RETURN(Secret password, RequiredSecret(body, "password", 1024));
  CV_ASSIGN_OR_RETURN(const TargetUser target, FindTarget(*call.tx, call.params["username"]));
  access::Resource scope{target.institution, access::DataCategory::kNone, std::to_string(target.id),
                         "", std::nullopt};
  CV_RETURN_IF_ERROR(Authorize(call, access::ActionId::kUserResetPassword, scope));
  CV_RETURN_IF_ERROR(accounts_.ResetPassword(*call.tx, call.actor, target.id, password));
  call.audited = true;
  return JsonResponse(200, {{"username", target.login}, {"must_change_password", true}});
}

}  // namespace cv::server
