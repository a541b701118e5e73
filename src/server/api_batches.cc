// Handlers of provider data reporting (issue #7; JR/T 0117 9.4.1): POST /api/v1/batches, GET
// /api/v1/batches/{id}, GET /api/v1/batches/{id}/feedback, GET /api/v1/platform/transport-key.
#include "access/permission.h"
#include "credit/ingest.h"
#include "crypto/envelope.h"
#include "server/api.h"
#include "server/json_fields.h"

namespace cv::server {
namespace {

using access::ActionId;

access::Resource BatchResource(const Call& call) {
  return access::Resource{call.actor.institution, access::DataCategory::kC2, "", "", std::nullopt};
}

nlohmann::json StatusJson(const credit::BatchStatus& s) {
  return {{"institution", s.institution},
          {"batch_id", s.batch_id},
          {"state", s.state},
          {"format", s.format},
          {"record_count", s.record_count},
          {"accepted", s.accepted},
          {"rejected", s.rejected},
          {"submitted_at", s.submitted_at},
          {"finished_at", s.finished_at}};
}

// {"manifest": {...}, "records": "<text>"} or {"manifest": {...}, "records_sealed": "<armored
// envelope sealed to the platform's transport key>"}.
Result<credit::BatchSubmission> ParseSubmission(const nlohmann::json& body) {
  for (const auto& [key, value] : body.items()) {
    if (key != "manifest" && key != "records" && key != "records_sealed") {
      return Fail(ErrorCode::kInvalidArgument, "unknown field: " + key.substr(0, 40));
    }
  }
  auto manifest = body.find("manifest");
  if (manifest == body.end() || !manifest->is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "manifest must be an object");
  }
  credit::BatchSubmission s;
  s.manifest_json = manifest->dump();
  auto records = body.find("records");
  auto sealed = body.find("records_sealed");
  if ((records == body.end()) == (sealed == body.end())) {
    return Fail(ErrorCode::kInvalidArgument, "exactly one of records and records_sealed is needed");
  }
  const auto& given = records != body.end() ? *records : *sealed;
  if (!given.is_string()) return Fail(ErrorCode::kInvalidArgument, "records must be a string");
  if (records != body.end()) {
    s.records = given.get<std::string>();
  } else {
    CV_ASSIGN_OR_RETURN(s.records, crypto::UnarmorSealed(given.get<std::string>()));
  }
  return s;
}

}  // namespace

Result<HttpResponse> Api::SubmitBatch(Call& call) {
  CV_ASSIGN_OR_RETURN(const nlohmann::json body, JsonBody(call));
  CV_ASSIGN_OR_RETURN(const credit::BatchSubmission submission, ParseSubmission(body));
  CV_RETURN_IF_ERROR(Authorize(call, ActionId::kBatchSubmit, BatchResource(call)));
  // The ingest runs chunk by chunk in transactions of its own (a crash loses nothing that was
  // acknowledged): the request's transaction (session, decision) commits first.
  CV_RETURN_IF_ERROR(call.tx->Commit());
  call.tx.reset();
  call.audited = true;  // the ingest audits the submission, each chunk and the end
  CV_ASSIGN_OR_RETURN(const credit::BatchStatus status, ingest_.Submit(call.actor, submission));
  return JsonResponse(200, StatusJson(status));
}

Result<HttpResponse> Api::GetBatch(Call& call) {
  CV_RETURN_IF_ERROR(Authorize(call, ActionId::kBatchReadFeedback, BatchResource(call),
                               {access::Obligation::kMaskByGrade}));
  CV_ASSIGN_OR_RETURN(const credit::BatchStatus status,
                      ingest_.Find(*call.tx, call.actor, call.params.at("id")));
  return JsonResponse(200, StatusJson(status));
}

Result<HttpResponse> Api::GetBatchFeedback(Call& call) {
  // Feedback lines never hold a reported value, so there is nothing to mask.
  CV_RETURN_IF_ERROR(Authorize(call, ActionId::kBatchReadFeedback, BatchResource(call),
                               {access::Obligation::kMaskByGrade}));
  CV_ASSIGN_OR_RETURN(const credit::BatchStatus status,
                      ingest_.Find(*call.tx, call.actor, call.params.at("id")));
  CV_ASSIGN_OR_RETURN(const auto lines,
                      ingest_.Feedback(*call.tx, call.actor, call.params.at("id")));
  HttpResponse r;
  r.status = 200;
  r.content_type = "application/x-ndjson";
  r.body = credit::FeedbackJsonl(status, lines);
  return r;
}

Result<HttpResponse> Api::TransportKey(Call& call) {
  // The platform's public key is public; any signed-in user of a provider may fetch it.
  CV_ASSIGN_OR_RETURN(std::string pem, deps_.keyring.TransportPublicKeyPem(*call.tx));
  return JsonResponse(200,
                      {{"public_key_pem", pem},
                       {"suite", deps_.keyring.suite() == crypto::Suite::kGm ? "gm" : "intl"}});
}

}  // namespace cv::server
