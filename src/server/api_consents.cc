// Consent endpoints (QRY-3; JR/T 0299; docs/consents.md): a querier records, lists, reads and
// revokes the electronic authorizations its institution obtained; answers are masked (QRY-6).
#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

#include "server/api.h"
#include "server/json_fields.h"

namespace cv::server {
namespace {

using access::ActionId;
using nlohmann::json;

constexpr std::size_t kShort = 128;    // id types, codes, versions, methods
constexpr std::size_t kLong = 8192;    // the subject's signature (base64)
constexpr std::size_t kMaxItems = 16;  // reasons, verification methods
constexpr int kDefaultListLimit = 100;

// The keys a body may hold; anything else is refused (the shape is fixed, issue #7).
Status OnlyKeys(const json& object, std::string_view where,
                std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{}unknown field \"{}\"", where, key.substr(0, 64)));
    }
  }
  return Ok();
}

// The object at `key`; `required` or else an empty object when absent.
Result<json> Object(const json& body, std::string_view key, bool required) {
  const auto it = body.find(key);
  if (it == body.end() || it->is_null()) {
    if (required)
      return Fail(ErrorCode::kInvalidArgument, fmt::format("field \"{}\" is required", key));
    return json::object();
  }
  if (!it->is_object()) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("field \"{}\" must be an object", key));
  }
  return *it;
}

Status ReadSubject(const json& body, credit::ConsentRequest& r) {
  CV_ASSIGN_OR_RETURN(const json subject, Object(body, "subject", true));
  CV_RETURN_IF_ERROR(OnlyKeys(subject, "subject: ", {"id_type", "id_number", "name"}));
  CV_ASSIGN_OR_RETURN(r.subject.id_type, RequiredString(subject, "id_type", kShort));
  CV_ASSIGN_OR_RETURN(r.subject.id_number, RequiredString(subject, "id_number", kShort));
  CV_ASSIGN_OR_RETURN(r.name, RequiredString(subject, "name", kShort));
  return Ok();
}

Status ReadAgreementAndSignature(const json& body, credit::ConsentRequest& r) {
  CV_ASSIGN_OR_RETURN(const json agreement, Object(body, "agreement", true));
  CV_RETURN_IF_ERROR(OnlyKeys(agreement, "agreement: ", {"version", "sm3"}));
  CV_ASSIGN_OR_RETURN(r.agreement_version, RequiredString(agreement, "version", kShort));
  CV_ASSIGN_OR_RETURN(r.agreement_sm3, RequiredString(agreement, "sm3", kShort));
  CV_ASSIGN_OR_RETURN(const json signature, Object(body, "signature", false));
  CV_RETURN_IF_ERROR(OnlyKeys(signature, "signature: ", {"value", "key_id"}));
  CV_ASSIGN_OR_RETURN(auto value, OptionalString(signature, "value", kLong));
  CV_ASSIGN_OR_RETURN(auto key_id, OptionalString(signature, "key_id", kShort));
  r.subject_signature = value.value_or("");
  r.signing_key_id = key_id.value_or("");
  return Ok();
}

// The fixed shape of POST /api/v1/consents (docs/openapi.yaml ConsentRequest).
Result<credit::ConsentRequest> ConsentRequestOf(const json& body) {
  CV_RETURN_IF_ERROR(
      OnlyKeys(body, "",
               {"subject", "reasons", "valid_from", "valid_until", "agreement", "verification",
                "channel", "scope", "device", "signature", "signed_at"}));
  credit::ConsentRequest r;
  CV_RETURN_IF_ERROR(ReadSubject(body, r));
  CV_ASSIGN_OR_RETURN(r.reasons, RequiredStringArray(body, "reasons", kMaxItems, kShort));
  CV_ASSIGN_OR_RETURN(auto from, OptionalString(body, "valid_from", kShort));
  CV_ASSIGN_OR_RETURN(r.valid_until, RequiredString(body, "valid_until", kShort));
  CV_RETURN_IF_ERROR(ReadAgreementAndSignature(body, r));
  CV_ASSIGN_OR_RETURN(r.verification, RequiredStringArray(body, "verification", kMaxItems, kShort));
  CV_ASSIGN_OR_RETURN(r.channel, RequiredString(body, "channel", kShort));
  CV_ASSIGN_OR_RETURN(auto scope, OptionalString(body, "scope", kShort));
  CV_ASSIGN_OR_RETURN(auto device, OptionalString(body, "device", kShort));
  CV_ASSIGN_OR_RETURN(auto signed_at, OptionalString(body, "signed_at", kShort));
  r.valid_from = from.value_or("");
  if (scope) r.scope = *scope;
  r.device = device.value_or("");
  r.signed_at = signed_at.value_or("");
  return r;
}

// A consent as answered: the subject masked (QRY-6).
json ConsentJson(const credit::ConsentView& v) {
  return {{"id", v.id},
          {"institution", v.institution},
          {"subject",
           {{"id_type", v.subject_id_type},
            {"id_number_masked", v.subject_id_number_masked},
            {"name_masked", v.subject_name_masked}}},
          {"reasons", v.reasons},
          {"scope", v.scope},
          {"valid_from", v.valid_from},
          {"valid_until", v.valid_until},
          {"agreement", {{"version", v.agreement_version}, {"sm3", v.agreement_sm3}}},
          {"verification", v.verification},
          {"signing_key_id", v.signing_key_id},
          {"signed_at", v.signed_at},
          {"channel", v.channel},
          {"device", v.device},
          {"recorded_at", v.recorded_at},
          {"recorded_by", v.recorded_by},
          {"revoked_at", v.revoked_at.empty() ? json(nullptr) : json(v.revoked_at)},
          {"retain_until", v.retain_until},
          {"status", v.status},
          {"signature_valid", v.signature_valid}};
}

// Consents belong to the actor's institution and hold C2 data (the subject's identity).
access::Resource ConsentResource(const Call& call) {
  return access::Resource{call.actor.institution, access::DataCategory::kC2, "", "", std::nullopt};
}

}  // namespace

Result<HttpResponse> Api::CreateConsent(Call& call) {
  CV_RETURN_IF_ERROR(Authorize(call, ActionId::kConsentRecord, ConsentResource(call)));
  CV_ASSIGN_OR_RETURN(const json body, JsonBody(call));
  CV_ASSIGN_OR_RETURN(const credit::ConsentRequest request, ConsentRequestOf(body));
  Result<std::string> id = consents_.Record(*call.tx, call.actor, request);
  call.audited = true;  // Record audits its refusals as well
  if (!id) return std::unexpected(id.error());
  return JsonResponse(201, {{"id", *id}});
}

Result<HttpResponse> Api::ListConsents(Call& call) {
  CV_ASSIGN_OR_RETURN(const auto q, QueryParams(call.request.target));
  CV_ASSIGN_OR_RETURN(const std::uint64_t limit,
                      QueryNumber(q, "limit", kDefaultListLimit, 1, 1000));
  CV_RETURN_IF_ERROR(Authorize(call, ActionId::kConsentRead, ConsentResource(call),
                               {access::Obligation::kMaskByGrade}));
  CV_ASSIGN_OR_RETURN(const std::vector<credit::ConsentView> all,
                      consents_.List(*call.tx, call.actor, static_cast<int>(limit)));
  json out = json::array();
  for (const credit::ConsentView& v : all) out.push_back(ConsentJson(v));
  return JsonResponse(200, {{"consents", out}});
}

Result<HttpResponse> Api::GetConsent(Call& call) {
  CV_RETURN_IF_ERROR(Authorize(call, ActionId::kConsentRead, ConsentResource(call),
                               {access::Obligation::kMaskByGrade}));
  CV_ASSIGN_OR_RETURN(const credit::ConsentView v,
                      consents_.Get(*call.tx, call.actor, call.params["id"]));
  return JsonResponse(200, ConsentJson(v));
}

Result<HttpResponse> Api::RevokeConsent(Call& call) {
  CV_RETURN_IF_ERROR(Authorize(call, ActionId::kConsentRevoke, ConsentResource(call)));
  CV_ASSIGN_OR_RETURN(const json body, JsonBody(call));
  CV_RETURN_IF_ERROR(OnlyKeys(body, "", {"reason"}));
  CV_ASSIGN_OR_RETURN(const std::string reason, RequiredString(body, "reason", 1000));
  const std::string id = call.params["id"];
  Status revoked = consents_.Revoke(*call.tx, call.actor, id, reason);
  call.audited = true;  // Revoke audits its refusals as well
  if (!revoked) return std::unexpected(revoked.error());
  CV_ASSIGN_OR_RETURN(const credit::ConsentView v, consents_.Get(*call.tx, call.actor, id));
  return JsonResponse(200, ConsentJson(v));
}

}  // namespace cv::server
