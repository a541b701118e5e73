// Platform endpoints: health, readiness, metrics, the access matrix, key custody status, key
// rotation under a second person's approval.
#include "access/matrix.h"
#include "crypto/keyring/keyring.h"
#include "report/keyring_status.h"
#include "server/api.h"
#include "server/json_fields.h"

namespace cv::server {

Result<HttpResponse> Api::Healthz(Call&) { return JsonResponse(200, {{"status", "ok"}}); }

Result<HttpResponse> Api::Readyz(Call&) {
  const bool store_ok = Ready();
  // The Api exists only with an unsealed keyring (serve unseals before it listens).
  HttpResponse r =
      JsonResponse(store_ok ? 200 : 503, {{"store", store_ok}, {"keyring_unsealed", true}});
  return r;
}

Result<HttpResponse> Api::MetricsText(Call&) {
  HttpResponse r;
  r.status = 200;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = metrics_.Render();
  return r;
}

Result<HttpResponse> Api::AccessMatrix(Call&) {
  // The declared policy is not personal data: any signed-in user may read it (ACC-2: "readable
  // by a person").
  HttpResponse r;
  r.body = access::PermissionMatrixJson(authorizer_.table());
  return r;
}

Result<HttpResponse> Api::KeysStatus(Call& call) {
  access::Resource platform{std::string(access::kAgencyInstitution), access::DataCategory::kNone,
                            "", "", std::nullopt};
  CV_RETURN_IF_ERROR(Authorize(call, access::ActionId::kKeysStatus, platform));
  CV_ASSIGN_OR_RETURN(const crypto::keyring::KeyringStatus status,
                      crypto::keyring::Keyring::ReadStatus(*call.tx));
  return JsonResponse(200, report::KeyringStatusJson(status));
}

Result<HttpResponse> Api::RotateKeys(Call& call) {
  CV_ASSIGN_OR_RETURN(const nlohmann::json body, JsonBody(call));
  CV_ASSIGN_OR_RETURN(const std::string name, RequiredString(body, "grade", 8));
  CV_ASSIGN_OR_RETURN(const crypto::keyring::KeyGrade grade, crypto::keyring::ParseKeyGrade(name));
  const std::string grade_name(crypto::keyring::KeyGradeName(grade));
  access::Resource platform{std::string(access::kAgencyInstitution), access::DataCategory::kNone,
                            "", "", std::nullopt};
  // CRY-4 under dual control (JR/T 0117 7.2.3 b): the approval names the grade as its target.
  CV_RETURN_IF_ERROR(
      AuthorizeWithApproval(call, body, access::ActionId::kKeysRotate, platform, grade_name));
  CV_ASSIGN_OR_RETURN(const int version, deps_.keyring.Rotate(*call.tx, grade));
  // The same event as `cvault keys rotate` (cli/keys_command.cc).
  audit::Event e;
  e.time = deps_.clock.Now();
  e.actor_user = call.actor.login;
  e.actor_institution = call.actor.institution;
  e.client_address = call.request.client_address;
  e.action = "keys.rotate";
  e.object_type = "kek";
  e.object_id = grade_name;
  e.result = audit::Outcome::kOk;
  e.Add("grade", grade_name).Add("version", std::to_string(version));
  e.Add("request_id", call.request_id);
  CV_RETURN_IF_ERROR(Record(call, e));
  return JsonResponse(200, {{"grade", grade_name}, {"version", version}});
}

}  // namespace cv::server
