// Handlers of bulk queries (QRY-5; JR/T 0117 9.7 b): POST /api/v1/bulk-queries, GET
// /api/v1/bulk-queries/{id} and /result.
#include "access/permission.h"
#include "credit/bulk_query.h"
#include "crypto/envelope.h"
#include "server/api.h"

namespace cv::server {
namespace {

using access::ActionId;
using access::Obligation;

access::Resource BulkResource(const Call& call) {
  return access::Resource{call.actor.institution, access::DataCategory::kC2, "", "", std::nullopt};
}

nlohmann::json JobJson(const credit::BulkJob& j) {
  return {{"id", j.id},
          {"institution", j.institution},
          {"reason", j.reason},
          {"state", j.state},
          {"subject_count", j.subject_count},
          {"done", j.done},
          {"created_at", j.created_at},
          {"finished_at", j.finished_at}};
}

}  // namespace

Result<HttpResponse> Api::SubmitBulkQuery(Call& call) {
  CV_ASSIGN_OR_RETURN(const credit::BulkRequest request,
                      credit::ParseBulkRequest(call.request.body));
  // Consent and masking are discharged per subject by the QueryService (QRY-1, QRY-6).
  CV_RETURN_IF_ERROR(Authorize(call, ActionId::kCreditBulkQuery, BulkResource(call),
                               {Obligation::kRequireConsent, Obligation::kMaskByGrade},
                               request.reason));
  // The job runs in transactions of its own, as an ingest does.
  CV_RETURN_IF_ERROR(call.tx->Commit());
  call.tx.reset();
  call.audited = true;
  CV_ASSIGN_OR_RETURN(const credit::BulkJob job, bulk_.Run(call.actor, request, call.request.body));
  return JsonResponse(200, JobJson(job));
}

Result<HttpResponse> Api::GetBulkQuery(Call& call) {
  CV_RETURN_IF_ERROR(Authorize(call, ActionId::kCreditBulkQuery, BulkResource(call),
                               {Obligation::kRequireConsent, Obligation::kMaskByGrade}, "bulk"));
  CV_ASSIGN_OR_RETURN(const credit::BulkJob job,
                      bulk_.Find(*call.tx, call.actor, call.params.at("id")));
  return JsonResponse(200, JobJson(job));
}

Result<HttpResponse> Api::GetBulkQueryResult(Call& call) {
  CV_RETURN_IF_ERROR(Authorize(call, ActionId::kCreditBulkQuery, BulkResource(call),
                               {Obligation::kRequireConsent, Obligation::kMaskByGrade}, "bulk"));
  CV_ASSIGN_OR_RETURN(const std::string sealed,
                      bulk_.SealedResult(*call.tx, call.actor, call.params.at("id")));
  return JsonResponse(200, {{"id", call.params.at("id")},
                            {"result_sealed", crypto::ArmorSealed(sealed)},
                            {"associated_data", "cvault-bulk|" + call.params.at("id")}});
}

}  // namespace cv::server
