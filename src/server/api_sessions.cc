// Session endpoints: login, current session, logout, TOTP confirmation, password change
// (ACC-3..6; issue #6 fixed shapes).
#include <fmt/format.h>

#include "server/api.h"
#include "server/json_fields.h"

namespace cv::server {

// Mutual TLS (SEC-1): on a connection with a verified client certificate, only users of the
// institution the certificate names (its CN) may log in. A refusal looks like any failed login
// and is audited.
Status Api::CheckClientCertificate(Call& call, std::string_view username) {
  const std::string& cn = call.request.client_cert_cn;
  if (cn.empty()) return Ok();
  CV_ASSIGN_OR_RETURN(
      const std::optional<store::Row> row,
      call.tx->QueryOne("SELECT institution FROM users WHERE login = ?1", {store::Text(username)}));
  if (row && row->Text(0).value_or("") == cn) return Ok();
  audit::Event e;
  e.time = deps_.clock.Now();
  e.actor_user = std::string(username);
  e.actor_institution = cn;
  e.client_address = call.request.client_address;
  e.action = "auth.login";
  e.object_type = "user";
  e.object_id = std::string(username);
  e.result = audit::Outcome::kDenied;
  e.reason = "client certificate of another institution";
  CV_RETURN_IF_ERROR(deps_.audit.Append(*call.tx, e));
  return Fail(ErrorCode::kUnauthenticated, "login failed");
}

Result<HttpResponse> Api::Login(Call& call) {
  CV_ASSIGN_OR_RETURN(const nlohmann::json body, JsonBody(call));
  CV_ASSIGN_OR_RETURN(const std::string username, RequiredString(body, "username", 64));
  CV_ASSIGN_OR_RETURN(Secret password, RequiredSecret(body, "password", 1024));
  CV_ASSIGN_OR_RETURN(const std::optional<std::string> otp, OptionalString(body, "otp", 16));
  CV_ASSIGN_OR_RETURN(call.tx, deps_.store.Begin(store::TxMode::kWrite));
  CV_RETURN_IF_ERROR(CheckClientCertificate(call, username));
  auto outcome = accounts_.Login(*call.tx, username, password, otp, call.request.client_address);
  if (!outcome) {
    if (outcome.error().code() == ErrorCode::kUnauthenticated) {
      metrics_.Increment("cvault_login_failures_total", "Refused logins");
    }
    return std::unexpected(outcome.error());
  }
  const TimePoint expires = deps_.clock.Now() + deps_.sessions.absolute;
  const std::string token(outcome->session.token.View(SecretAccess::Get()));
  nlohmann::json answer = {{"token", token},
                           {"expires_at", FormatRfc3339(expires)},
                           {"must_change_password", outcome->must_change_password}};
  if (outcome->otpauth_uri) {
    answer["totp_enrollment"] = std::string(outcome->otpauth_uri->View(SecretAccess::Get()));
  }
  HttpResponse r = JsonResponse(201, answer);
  // For the browser console: the same token in a cookie scripts cannot read (issue #6).
  r.SetHeader("Set-Cookie",
              fmt::format("{}={}; Path=/; Max-Age={}; Secure; HttpOnly; SameSite=Strict",
                          options_.cookie_name, token, deps_.sessions.absolute.count()));
  return r;
}

Result<HttpResponse> Api::CurrentSession(Call& call) {
  return JsonResponse(200, {{"username", call.session->login},
                            {"institution", call.session->institution},
                            {"roles", RoleNamesJson(call.principal.roles)},
                            {"second_factor_done", call.principal.second_factor_done},
                            {"must_change_password", call.principal.must_change_password},
                            {"must_enrol_totp", call.principal.must_enrol_totp}});
}

Result<HttpResponse> Api::Logout(Call& call) {
  // Any session may end itself; no permission is needed (docs/access.md).
  CV_RETURN_IF_ERROR(sessions_.End(*call.tx, call.token));
  call.audited = true;  // SessionManager audits the end.
  return JsonResponse(204, nullptr);
}

Result<HttpResponse> Api::ConfirmTotp(Call& call) {
  CV_ASSIGN_OR_RETURN(const nlohmann::json body, JsonBody(call));
  CV_ASSIGN_OR_RETURN(const std::string otp, RequiredString(body, "otp", 16));
  access::Resource own{call.session->institution, access::DataCategory::kNone,
                       call.principal.user_id, "", std::nullopt};
  CV_RETURN_IF_ERROR(Authorize(call, access::ActionId::kSessionConfirmTotp, own));
  CV_RETURN_IF_ERROR(accounts_.ConfirmSecondFactor(*call.tx, *call.session, otp));
  call.audited = true;
  return JsonResponse(200, {{"second_factor_done", true}});
}

Result<HttpResponse> Api::ChangePassword(Call& call) {
  CV_ASSIGN_OR_RETURN(const nlohmann::json body, JsonBody(call));
  CV_ASSIGN_OR_RETURN(Secret old_password, RequiredSecret(body, "old_password", 1024));
  CV_ASSIGN_OR_RETURN(Secret new_password, RequiredSecret(body, "new_password", 1024));
  access::Resource own{call.session->institution, access::DataCategory::kNone,
                       call.principal.user_id, "", std::nullopt};
  CV_RETURN_IF_ERROR(Authorize(call, access::ActionId::kSessionChangePassword, own));
  CV_RETURN_IF_ERROR(accounts_.ChangePassword(*call.tx, *call.session, old_password, new_password));
  call.audited = true;
  return JsonResponse(200, {{"must_change_password", false}});
}

}  // namespace cv::server
