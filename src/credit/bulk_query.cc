// BulkQueries: the request file, and starting a job.
#include "credit/bulk_query.h"

#include <nlohmann/json.hpp>

#include "common/hex.h"
#include "credit/internal/actor_event.h"
#include "credit/internal/fact_store.h"
#include "crypto/hasher.h"
#include "crypto/random.h"

namespace cv::credit {
namespace {

using nlohmann::json;

Result<std::string> StringField(const json& j, std::string_view key, std::size_t max,
                                std::string_view where, bool required = true) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (!required) return std::string();
    return Fail(ErrorCode::kInvalidArgument,
                std::string(where) + std::string(key) + " is required");
  }
  if (!it->is_string() || it->get_ref<const std::string&>().size() > max) {
    return Fail(ErrorCode::kInvalidArgument, std::string(where) + std::string(key) +
                                                 " must be a string of at most " +
                                                 std::to_string(max) + " bytes");
  }
  return it->get<std::string>();
}

Status OnlyKeys(const json& j, std::initializer_list<std::string_view> keys,
                std::string_view where) {
  for (const auto& [key, value] : j.items()) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string(where) + "unknown field " + key.substr(0, 40));
    }
  }
  return Ok();
}

Result<QueryRequest> ParseSubject(const json& s, std::size_t index, const std::string& reason) {
  const std::string where = "subjects[" + std::to_string(index) + "].";
  if (!s.is_object()) return Fail(ErrorCode::kInvalidArgument, where + " must be an object");
  CV_RETURN_IF_ERROR(OnlyKeys(s, {"id_type", "id_number", "name", "consent_id"}, where));
  QueryRequest q;
  CV_ASSIGN_OR_RETURN(q.subject.id_type, StringField(s, "id_type", 16, where));
  CV_ASSIGN_OR_RETURN(q.subject.id_number, StringField(s, "id_number", 32, where));
  CV_ASSIGN_OR_RETURN(q.name, StringField(s, "name", 64, where));
  CV_ASSIGN_OR_RETURN(q.consent_id, StringField(s, "consent_id", 64, where, false));
  q.reason = reason;
  return q;
}

}  // namespace

Result<BulkRequest> ParseBulkRequest(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Fail(ErrorCode::kInvalidArgument, "the request is not a JSON object");
  CV_RETURN_IF_ERROR(
      OnlyKeys(j, {"institution", "user", "time", "reason", "content", "count", "subjects"}, ""));
  BulkRequest r;
  CV_ASSIGN_OR_RETURN(r.institution, StringField(j, "institution", 32, ""));
  CV_ASSIGN_OR_RETURN(r.user, StringField(j, "user", 64, ""));
  CV_ASSIGN_OR_RETURN(r.time, StringField(j, "time", 40, ""));
  CV_ASSIGN_OR_RETURN(r.reason, StringField(j, "reason", 8, ""));
  CV_ASSIGN_OR_RETURN(r.content, StringField(j, "content", 32, ""));
  if (r.content != "credit_report") {
    return Fail(ErrorCode::kInvalidArgument, "content must be credit_report");
  }
  auto count = j.find("count");
  if (count == j.end() || !count->is_number_integer() || count->get<std::int64_t>() < 1) {
    return Fail(ErrorCode::kInvalidArgument, "count must be a positive integer");
  }
  r.count = count->get<std::int64_t>();
  auto subjects = j.find("subjects");
  if (subjects == j.end() || !subjects->is_array() || subjects->empty() ||
      subjects->size() > kMaxBulkSubjects) {
    return Fail(ErrorCode::kInvalidArgument, "subjects must be an array of 1 to 100000 subjects");
  }
  for (std::size_t i = 0; i < subjects->size(); ++i) {
    CV_ASSIGN_OR_RETURN(QueryRequest q, ParseSubject((*subjects)[i], i, r.reason));
    r.subjects.push_back(std::move(q));
  }
  return r;
}

Result<BulkJob> BulkQueries::Run(const access::Actor& by, const BulkRequest& request,
                                 std::string_view request_text) {
  std::string public_key_pem;
  auto id = Start(by, request, request_text, public_key_pem);
  if (!id) {
    // Invariant 1: a refused file is audited on its own.
    CV_ASSIGN_OR_RETURN(auto tx, store_.Begin());
    audit::Event e = internal::ActorEvent(by, clock_.Now(), "credit.bulk_query", "bulk_job", "");
    e.result = audit::Outcome::kDenied;
    e.reason = id.error().message().substr(0, 300);
    CV_RETURN_IF_ERROR(audit_.Append(*tx, e));
    CV_RETURN_IF_ERROR(tx->Commit());
    return std::unexpected(id.error());
  }
  CV_ASSIGN_OR_RETURN(std::vector<QueryOutcome> outcomes, QueryAll(by, request, *id));
  CV_RETURN_IF_ERROR(Finish(by, *id, request, outcomes, public_key_pem));
  CV_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kRead));
  return Find(*tx, by, *id);
}

Result<std::string> BulkQueries::Start(const access::Actor& by, const BulkRequest& request,
                                       std::string_view request_text, std::string& public_key_pem) {
  // JR/T 0117 9.7 b): the file states who asks; it must be the requester.
  if (request.institution != by.institution || request.user != by.login) {
    return Fail(ErrorCode::kPermissionDenied,
                "the request file's institution and user must be the requester's");
  }
  if (request.count != static_cast<std::int64_t>(request.subjects.size())) {
    return Fail(ErrorCode::kInvalidArgument, "count does not match the number of subjects");
  }
  CV_ASSIGN_OR_RETURN(auto tx, store_.Begin());
  CV_ASSIGN_OR_RETURN(auto row, tx->QueryOne("SELECT public_key FROM institutions WHERE code = ?1",
                                             {store::Text(by.institution)}));
  if (!row || row->Text(0).value_or("").empty()) {
    return Fail(ErrorCode::kPermissionDenied,
                "the institution has no registered public key to encrypt the result to (QRY-5)");
  }
  CV_ASSIGN_OR_RETURN(public_key_pem, row->Text(0));
  CV_ASSIGN_OR_RETURN(std::string random, crypto::RandomString(12));
  const std::string id = "blk_" + HexEncode(random);
  CV_ASSIGN_OR_RETURN(auto hasher, crypto::NewHasher(crypto::Suite::kGm));
  CV_ASSIGN_OR_RETURN(std::string digest, hasher->Hash(request_text));
  const std::int64_t now = internal::MicrosOf(clock_.Now());
  CV_RETURN_IF_ERROR(
      tx->Exec("INSERT INTO credit_bulk_jobs (id, institution, user_id, reason, request_digest, "
               "subject_count, state, created_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'running', ?7)",
               {store::Text(id), store::Text(by.institution), store::Int(by.user_id),
                store::Text(request.reason), store::Text("sm3:" + HexEncode(digest)),
                store::Int(request.count), store::Int(now)}));
  audit::Event e = internal::ActorEvent(by, clock_.Now(), "credit.bulk_query", "bulk_job", id);
  e.Add("reason_code", request.reason)
      .Add("count", std::to_string(request.count))
      .Add("stated_time", request.time)
      .Add("request_digest", "sm3:" + HexEncode(digest));
  CV_RETURN_IF_ERROR(audit_.Append(*tx, e));
  CV_RETURN_IF_ERROR(tx->Commit());
  return id;
}

}  // namespace cv::credit
