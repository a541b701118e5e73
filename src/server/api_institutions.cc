// Institution endpoints: register (pending admission), list, read, change status — admit,
// suspend, reinstate, deregister (JR/T 0117 9.1–9.2; issue #5 lifecycle, issue #6 shapes).
#include "access/institution_state.h"
#include "server/api.h"
#include "server/json_fields.h"

namespace cv::server {
namespace {

nlohmann::json InstitutionJson(const access::Institution& i) {
  return {{"code", i.code},
          {"name", i.name},
          {"kind", access::InstitutionKindName(i.kind)},
          {"status", access::InstitutionStatusName(i.status)},
          {"public_key", i.public_key_pem},
          {"created_at", i.created_at},
          {"updated_at", i.updated_at}};
}

access::Resource InstitutionResource(std::string code) {
  return access::Resource{std::move(code), access::DataCategory::kNone, "", "", std::nullopt};
}

}  // namespace

Result<HttpResponse> Api::CreateInstitution(Call& call) {
  CV_ASSIGN_OR_RETURN(const nlohmann::json body, JsonBody(call));
  CV_ASSIGN_OR_RETURN(const std::string code,
                      RequiredString(body, "code", access::kMaxInstitutionCode));
  CV_ASSIGN_OR_RETURN(const std::string name,
                      RequiredString(body, "name", access::kMaxInstitutionNameBytes));
  CV_ASSIGN_OR_RETURN(const std::string kind, RequiredString(body, "kind", 32));
  CV_ASSIGN_OR_RETURN(const std::optional<std::string> key,
                      OptionalString(body, "public_key", 16 << 10));
  CV_RETURN_IF_ERROR(
      Authorize(call, access::ActionId::kInstitutionCreate, InstitutionResource(code)));
  CV_ASSIGN_OR_RETURN(
      const access::Institution created,
      institutions_.Register(*call.tx, call.actor, code, name, kind, key.value_or("")));
  call.audited = true;
  return JsonResponse(201, InstitutionJson(created));
}

Result<HttpResponse> Api::ListInstitutions(Call& call) {
  CV_RETURN_IF_ERROR(Authorize(call, access::ActionId::kInstitutionList,
                               InstitutionResource(std::string(access::kAgencyInstitution))));
  CV_ASSIGN_OR_RETURN(const std::vector<access::Institution> all, institutions_.List(*call.tx));
  nlohmann::json out = nlohmann::json::array();
  for (const access::Institution& i : all) out.push_back(InstitutionJson(i));
  return JsonResponse(200, {{"institutions", out}});
}

Result<HttpResponse> Api::GetInstitution(Call& call) {
  const std::string code = call.params["code"];
  CV_RETURN_IF_ERROR(
      Authorize(call, access::ActionId::kInstitutionList, InstitutionResource(code)));
  CV_ASSIGN_OR_RETURN(const access::Institution i, institutions_.Get(*call.tx, code));
  return JsonResponse(200, InstitutionJson(i));
}

Result<HttpResponse> Api::SetInstitutionStatus(Call& call) {
  CV_ASSIGN_OR_RETURN(const nlohmann::json body, JsonBody(call));
  CV_ASSIGN_OR_RETURN(const std::string wanted, RequiredString(body, "status", 32));
  CV_ASSIGN_OR_RETURN(const std::optional<std::string> reason,
                      OptionalString(body, "reason", access::kMaxReasonBytes));
  CV_ASSIGN_OR_RETURN(const access::InstitutionStatus target,
                      access::ParseInstitutionStatus(wanted));
  const std::string code = call.params["code"];
  CV_ASSIGN_OR_RETURN(const access::Institution now, institutions_.Get(*call.tx, code));
  using S = access::InstitutionStatus;
  using A = access::ActionId;
  // The transition decides the action (and so who may do it): pending → active is admission,
  // suspended → active is reinstatement.
  A action = A::kInstitutionAdmit;
  if (target == S::kSuspended) action = A::kInstitutionSuspend;
  if (target == S::kDeregistered) action = A::kInstitutionDeregister;
  if (target == S::kActive && now.status == S::kSuspended) action = A::kInstitutionReinstate;
  if (target == S::kPending) {
    return Fail(ErrorCode::kFailedPrecondition, "an institution never returns to pending");
  }
  // Reinstatement and deregistration need a second person's approval (JR/T 0117 7.2.3 b).
  CV_RETURN_IF_ERROR(AuthorizeWithApproval(call, body, action, InstitutionResource(code), code));
  const std::string why = reason.value_or("");
  switch (action) {
    case A::kInstitutionSuspend:
      CV_RETURN_IF_ERROR(institutions_.Suspend(*call.tx, call.actor, code, why));
      break;
    case A::kInstitutionDeregister:
      CV_RETURN_IF_ERROR(institutions_.Deregister(*call.tx, call.actor, code, why));
      break;
    case A::kInstitutionReinstate:
      CV_RETURN_IF_ERROR(institutions_.Reinstate(*call.tx, call.actor, code));
      break;
    default:
      CV_RETURN_IF_ERROR(institutions_.Admit(*call.tx, call.actor, code));
  }
  call.audited = true;
  CV_ASSIGN_OR_RETURN(const access::Institution after, institutions_.Get(*call.tx, code));
  return JsonResponse(200, InstitutionJson(after));
}

}  // namespace cv::server
