// Platform endpoints: health, readiness, metrics, the access matrix, key custody status.
#include "access/matrix.h"
#include "crypto/keyring/keyring.h"
#include "report/keyring_status.h"
#include "server/api.h"

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

}  // namespace cv::server
