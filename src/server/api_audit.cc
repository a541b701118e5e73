// Audit endpoints: event search, latest signed checkpoint, inclusion and consistency proofs,
// summary report (AUD-2, AUD-5; only the auditor reads content, docs/access.md).
#include "audit/audit_reader.h"
#include "audit/checkpoint.h"
#include "audit/internal/base64.h"
#include "audit/proof_json.h"
#include "report/audit_report.h"
#include "server/api.h"
#include "server/json_fields.h"

namespace cv::server {
namespace {

constexpr std::uint64_t kMaxEvents = 1000;

std::string Param(const std::map<std::string, std::string, std::less<>>& params,
                  std::string_view key) {
  auto it = params.find(key);
  return it == params.end() ? "" : it->second;
}

// The agency-wide resource of audit actions.
access::Resource AgencyResource() {
  return access::Resource{std::string(access::kAgencyInstitution), access::DataCategory::kNone, "",
                          "", std::nullopt};
}

}  // namespace

Result<HttpResponse> Api::AuditEvents(Call& call) {
  CV_RETURN_IF_ERROR(Authorize(call, access::ActionId::kAuditRead, AgencyResource()));
  CV_ASSIGN_OR_RETURN(const auto q, QueryParams(call.request.target));
  CV_ASSIGN_OR_RETURN(const std::uint64_t limit, QueryNumber(q, "limit", 100, 1, kMaxEvents));
  CV_ASSIGN_OR_RETURN(const audit::EventFilter filter,
                      report::MakeEventFilter(Param(q, "from"), Param(q, "to"), Param(q, "actor"),
                                              Param(q, "action"), Param(q, "result"), limit));
  CV_ASSIGN_OR_RETURN(auto reader, audit::AuditReader::Open(*call.tx));
  nlohmann::json events = nlohmann::json::array();
  CV_RETURN_IF_ERROR(
      reader->ForEachEvent(filter, [&](const audit::DecodedEntry& e) -> Result<bool> {
        events.push_back(nlohmann::json::parse(report::EventJson(e).dump()));
        return true;
      }));
  return JsonResponse(200, {{"events", events}});
}

Result<HttpResponse> Api::AuditCheckpoint(Call& call) {
  CV_RETURN_IF_ERROR(Authorize(call, access::ActionId::kAuditVerify, AgencyResource()));
  CV_ASSIGN_OR_RETURN(auto reader, audit::AuditReader::Open(*call.tx));
  CV_ASSIGN_OR_RETURN(const std::string note, reader->LatestCheckpointNote());
  CV_ASSIGN_OR_RETURN(const audit::TreeHead head, reader->Head());
  return JsonResponse(200, {{"origin", reader->origin()}, {"size", head.size}, {"note", note}});
}

Result<HttpResponse> Api::AuditInclusion(Call& call) {
  CV_RETURN_IF_ERROR(Authorize(call, access::ActionId::kAuditExportProof, AgencyResource()));
  CV_ASSIGN_OR_RETURN(const auto q, QueryParams(call.request.target));
  if (!q.contains("index")) return Fail(ErrorCode::kInvalidArgument, "index is required");
  CV_ASSIGN_OR_RETURN(const std::uint64_t index, QueryNumber(q, "index", 0, 0, UINT64_MAX - 1));
  std::optional<std::uint64_t> size;
  if (q.contains("size")) {
    CV_ASSIGN_OR_RETURN(size, QueryNumber(q, "size", 0, 1, UINT64_MAX - 1));
  }
  CV_ASSIGN_OR_RETURN(auto reader, audit::AuditReader::Open(*call.tx));
  CV_ASSIGN_OR_RETURN(const audit::InclusionProofBundle b, reader->ProveInclusion(index, size));
  CV_ASSIGN_OR_RETURN(const nlohmann::ordered_json j, audit::InclusionProofToJson(b));
  return JsonResponse(200, nlohmann::json::parse(j.dump()));
}

Result<HttpResponse> Api::AuditConsistency(Call& call) {
  CV_RETURN_IF_ERROR(Authorize(call, access::ActionId::kAuditExportProof, AgencyResource()));
  CV_ASSIGN_OR_RETURN(const auto q, QueryParams(call.request.target));
  if (!q.contains("first")) return Fail(ErrorCode::kInvalidArgument, "first is required");
  CV_ASSIGN_OR_RETURN(const std::uint64_t first, QueryNumber(q, "first", 0, 1, UINT64_MAX - 1));
  std::optional<std::uint64_t> second;
  if (q.contains("second")) {
    CV_ASSIGN_OR_RETURN(second, QueryNumber(q, "second", 0, 1, UINT64_MAX - 1));
  }
  CV_ASSIGN_OR_RETURN(auto reader, audit::AuditReader::Open(*call.tx));
  CV_ASSIGN_OR_RETURN(const audit::ConsistencyProofBundle b,
                      reader->ProveConsistency(first, second));
  CV_ASSIGN_OR_RETURN(const nlohmann::ordered_json j, audit::ConsistencyProofToJson(b));
  return JsonResponse(200, nlohmann::json::parse(j.dump()));
}

Result<HttpResponse> Api::AuditReport(Call& call) {
  CV_RETURN_IF_ERROR(Authorize(call, access::ActionId::kAuditRead, AgencyResource()));
  CV_ASSIGN_OR_RETURN(const auto q, QueryParams(call.request.target));
  const std::string from = Param(q, "from");
  const std::string to = Param(q, "to");
  if (from.empty() || to.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "the report needs from and to");
  }
  CV_ASSIGN_OR_RETURN(const audit::EventFilter filter,
                      report::MakeEventFilter(from, to, "", "", "", 0));
  CV_ASSIGN_OR_RETURN(auto reader, audit::AuditReader::Open(*call.tx));
  report::AuditSummary summary(from, to);
  CV_RETURN_IF_ERROR(
      reader->ForEachEvent(filter, [&](const audit::DecodedEntry& e) -> Result<bool> {
        summary.Add(e);
        return true;
      }));
  CV_ASSIGN_OR_RETURN(const audit::TreeHead head, reader->Head());
  summary.SetLog(reader->origin(), head.size);
  return JsonResponse(200, nlohmann::json::parse(summary.Json().dump()));
}

// QRY-7: the log's checkpoint key is public, so that whoever holds a report can check the signed
// checkpoint it carries (`cvault report verify --log-key`).
Result<HttpResponse> Api::AuditLogKey(Call& call) {
  const std::string& der = deps_.keyring.audit_public_key();
  const crypto::Suite suite = deps_.keyring.suite();
  CV_ASSIGN_OR_RETURN(const std::string verifier,
                      audit::NoteVerifierKey(deps_.audit.origin(), der, suite));
  (void)call;
  return JsonResponse(200, {{"origin", deps_.audit.origin()},
                            {"suite", suite == crypto::Suite::kGm ? "gm" : "intl"},
                            {"public_key_der_base64", audit::internal::Base64Encode(der)},
                            {"verifier_key", verifier}});
}

}  // namespace cv::server
