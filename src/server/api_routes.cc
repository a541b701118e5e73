// The route table of the API (docs/openapi.yaml documents each; openapi_test checks they agree).
#include "server/api.h"

namespace cv::server {

Status Api::BuildRoutes() {
  using A = Access;
  routes_ = {
      {"GET", "/healthz", A::kPublic, &Api::Healthz},
      {"GET", "/readyz", A::kPublic, &Api::Readyz},
      {"GET", "/metrics", A::kPublic, &Api::MetricsText},
      {"POST", "/api/v1/sessions", A::kPublic, &Api::Login},
      {"GET", "/api/v1/sessions/current", A::kSession, &Api::CurrentSession},
      {"DELETE", "/api/v1/sessions/current", A::kSession, &Api::Logout},
      {"POST", "/api/v1/sessions/current/totp", A::kAuthorized, &Api::ConfirmTotp},
      {"POST", "/api/v1/sessions/current/password", A::kAuthorized, &Api::ChangePassword},
      {"POST", "/api/v1/users", A::kAuthorized, &Api::CreateUser},
      {"GET", "/api/v1/users", A::kAuthorized, &Api::ListUsers},
      {"GET", "/api/v1/users/{username}", A::kAuthorized, &Api::GetUser},
      {"POST", "/api/v1/users/{username}/roles", A::kAuthorized, &Api::GrantRole},
      {"POST", "/api/v1/users/{username}/deactivate", A::kAuthorized, &Api::DeactivateUser},
      {"DELETE", "/api/v1/users/{username}/roles/{role}", A::kAuthorized, &Api::RevokeRole},
      {"POST", "/api/v1/users/{username}/unlock", A::kAuthorized, &Api::UnlockUser},
      {"POST", "/api/v1/users/{username}/password", A::kAuthorized, &Api::ResetPassword},
      {"GET", "/api/v1/access/matrix", A::kSession, &Api::AccessMatrix},
      {"POST", "/api/v1/institutions", A::kAuthorized, &Api::CreateInstitution},
      {"GET", "/api/v1/institutions", A::kAuthorized, &Api::ListInstitutions},
      {"GET", "/api/v1/institutions/{code}", A::kAuthorized, &Api::GetInstitution},
      {"POST", "/api/v1/institutions/{code}/status", A::kAuthorized, &Api::SetInstitutionStatus},
      {"GET", "/api/v1/audit/events", A::kAuthorized, &Api::AuditEvents},
      {"GET", "/api/v1/audit/checkpoint", A::kAuthorized, &Api::AuditCheckpoint},
      {"GET", "/api/v1/audit/proofs/inclusion", A::kAuthorized, &Api::AuditInclusion},
      {"GET", "/api/v1/audit/proofs/consistency", A::kAuthorized, &Api::AuditConsistency},
      {"GET", "/api/v1/audit/report", A::kAuthorized, &Api::AuditReport},
      {"GET", "/api/v1/keys/status", A::kAuthorized, &Api::KeysStatus},
      {"POST", "/api/v1/keys/rotate", A::kAuthorized, &Api::RotateKeys},
      {"POST", "/api/v1/approvals", A::kAuthorized, &Api::RequestApproval},
      {"GET", "/api/v1/approvals", A::kAuthorized, &Api::ListApprovals},
      {"POST", "/api/v1/approvals/{id}/approve", A::kAuthorized, &Api::ApproveApproval},
      {"POST", "/api/v1/approvals/{id}/reject", A::kAuthorized, &Api::RejectApproval},
      {"POST", "/api/v1/scan", A::kAuthorized, &Api::Scan},
      {"POST", "/api/v1/batches", A::kAuthorized, &Api::SubmitBatch},
      {"GET", "/api/v1/batches/{id}", A::kAuthorized, &Api::GetBatch},
      {"GET", "/api/v1/batches/{id}/feedback", A::kAuthorized, &Api::GetBatchFeedback},
      {"GET", "/api/v1/platform/transport-key", A::kSession, &Api::TransportKey},
      {"GET", "/api/v1/audit/log-key", A::kSession, &Api::AuditLogKey},
      {"POST", "/api/v1/queries", A::kAuthorized, &Api::CreateQuery},
      {"POST", "/api/v1/bulk-queries", A::kAuthorized, &Api::SubmitBulkQuery},
      {"GET", "/api/v1/bulk-queries/{id}", A::kAuthorized, &Api::GetBulkQuery},
      {"GET", "/api/v1/bulk-queries/{id}/result", A::kAuthorized, &Api::GetBulkQueryResult},
      {"GET", "/api/v1/reports/{id}", A::kAuthorized, &Api::GetReport},
      {"POST", "/api/v1/reports/{id}/clear", A::kAuthorized, &Api::ShowClearField},
      {"POST", "/api/v1/consents", A::kAuthorized, &Api::CreateConsent},
      {"GET", "/api/v1/consents", A::kAuthorized, &Api::ListConsents},
      {"GET", "/api/v1/consents/{id}", A::kAuthorized, &Api::GetConsent},
      {"POST", "/api/v1/consents/{id}/revoke", A::kAuthorized, &Api::RevokeConsent},
  };
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    CV_RETURN_IF_ERROR(router_.Add(routes_[i].method, routes_[i].pattern, i));
  }
  return Ok();
}

}  // namespace cv::server
