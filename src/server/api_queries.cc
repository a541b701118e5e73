// Handlers of credit queries and reports (issue #7): POST /api/v1/queries, GET
// /api/v1/reports/{id}, POST /api/v1/reports/{id}/clear.
#include "access/permission.h"
#include "credit/report.h"
#include "grading/catalog.h"
#include "server/api.h"
#include "server/json_fields.h"

namespace cv::server {
namespace {

using access::ActionId;
using access::Obligation;

constexpr std::size_t kMaxField = 64;

// The fixed body of issue #7: {subject: {id_type, id_number, name}, reason, consent_id}.
Result<credit::QueryRequest> ParseQuery(const nlohmann::json& body) {
  for (const auto& [key, value] : body.items()) {
    if (key != "subject" && key != "reason" && key != "consent_id") {
      return Fail(ErrorCode::kInvalidArgument, "unknown field: " + key.substr(0, 40));
    }
  }
  auto subject = body.find("subject");
  if (subject == body.end() || !subject->is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "subject must be an object");
  }
  credit::QueryRequest q;
  CV_ASSIGN_OR_RETURN(q.subject.id_type, RequiredString(*subject, "id_type", kMaxField));
  CV_ASSIGN_OR_RETURN(q.subject.id_number, RequiredString(*subject, "id_number", kMaxField));
  CV_ASSIGN_OR_RETURN(q.name, RequiredString(*subject, "name", kMaxField));
  CV_ASSIGN_OR_RETURN(q.reason, RequiredString(body, "reason", 8));
  CV_ASSIGN_OR_RETURN(auto consent, OptionalString(body, "consent_id", kMaxField));
  q.consent_id = consent.value_or("");
  return q;
}

access::Resource CreditResource(const Call& call, std::string field = {},
                                access::DataCategory category = access::DataCategory::kC2) {
  return access::Resource{call.actor.institution, category, "", std::move(field), std::nullopt};
}

}  // namespace

Result<HttpResponse> Api::ReportAnswer(const Call& call, const credit::QueryOutcome& outcome) {
  nlohmann::json proof = nlohmann::json::parse(outcome.proof.dump());
  nlohmann::json answer = {
      {"report_id", outcome.report_id},
      {"report", outcome.report},
      {"audit",
       {{"leaf_index", outcome.leaf_index}, {"proof", proof}, {"checkpoint", outcome.checkpoint}}}};
  CV_ASSIGN_OR_RETURN(const auto q, QueryParams(call.request.target));
  if (auto f = q.find("format"); f != q.end() && f->second == "html") {
    HttpResponse r;
    r.status = 200;
    r.content_type = "text/html; charset=utf-8";
    r.body = credit::ReportHtml(answer);
    return r;
  }
  return JsonResponse(200, answer);
}

Result<HttpResponse> Api::CreateQuery(Call& call) {
  CV_ASSIGN_OR_RETURN(const nlohmann::json body, JsonBody(call));
  CV_ASSIGN_OR_RETURN(const credit::QueryRequest request, ParseQuery(body));
  // Consent and masking are discharged by the QueryService (QRY-1, QRY-6).
  CV_RETURN_IF_ERROR(Authorize(call, ActionId::kCreditQuery, CreditResource(call),
                               {Obligation::kRequireConsent, Obligation::kMaskByGrade},
                               request.reason));
  CV_ASSIGN_OR_RETURN(const credit::QueryOutcome outcome,
                      queries_.Single(*call.tx, call.actor, request));
  call.audited = true;
  if (!outcome.allowed) {
    return ErrorResponse(403, outcome.rule, outcome.message, call.request_id);
  }
  return ReportAnswer(call, outcome);
}

Result<HttpResponse> Api::GetReport(Call& call) {
  CV_RETURN_IF_ERROR(Authorize(call, ActionId::kCreditReportMasked, CreditResource(call),
                               {Obligation::kMaskByGrade}));
  CV_ASSIGN_OR_RETURN(const credit::QueryOutcome outcome,
                      queries_.Fetch(*call.tx, call.actor, call.params.at("id")));
  return ReportAnswer(call, outcome);
}

Result<HttpResponse> Api::ShowClearField(Call& call) {
  CV_ASSIGN_OR_RETURN(const nlohmann::json body, JsonBody(call));
  CV_ASSIGN_OR_RETURN(const std::string field, RequiredString(body, "field", kMaxField));
  CV_ASSIGN_OR_RETURN(const std::string reason, RequiredString(body, "reason", 500));
  const grading::DataItem* item = grading::Catalog::Default().FindById(field);
  access::DataCategory category = access::DataCategory::kC3;  // unknown: refused as C3
  if (item != nullptr && item->category != grading::Category::kC3) {
    category = item->category == grading::Category::kC2 ? access::DataCategory::kC2
                                                        : access::DataCategory::kC1;
  }
  CV_RETURN_IF_ERROR(Authorize(call, ActionId::kCreditReportClearField,
                               CreditResource(call, field, category), {Obligation::kShowClear}));
  CV_ASSIGN_OR_RETURN(
      const std::string value,
      queries_.ClearField(*call.tx, call.actor, call.params.at("id"), field, reason));
  call.audited = true;
  return JsonResponse(200,
                      {{"report_id", call.params.at("id")}, {"field", field}, {"value", value}});
}

}  // namespace cv::server
