// Ingest: a batch's status and its feedback file (JR/T 0117 9.4.1 c-d).
#include <nlohmann/json.hpp>

#include "credit/ingest.h"
#include "credit/internal/fact_store.h"

namespace cv::credit {

Result<BatchStatus> Ingest::Find(store::Tx& tx, const access::Actor& by,
                                 std::string_view batch_id) {
  CV_ASSIGN_OR_RETURN(auto row,
                      tx.QueryOne("SELECT id, state, format, record_count, accepted, rejected, "
                                  "next_line, submitted_us, finished_us FROM credit_batches WHERE "
                                  "institution = ?1 AND batch_id = ?2",
                                  {store::Text(by.institution), store::Text(batch_id)}));
  if (!row) return Fail(ErrorCode::kNotFound, "no such batch of this institution");
  BatchStatus s;
  s.institution = by.institution;
  s.batch_id = std::string(batch_id);
  CV_ASSIGN_OR_RETURN(s.id, row->Int(0));
  CV_ASSIGN_OR_RETURN(s.state, row->Text(1));
  CV_ASSIGN_OR_RETURN(s.format, row->Text(2));
  CV_ASSIGN_OR_RETURN(s.record_count, row->Int(3));
  CV_ASSIGN_OR_RETURN(s.accepted, row->Int(4));
  CV_ASSIGN_OR_RETURN(s.rejected, row->Int(5));
  CV_ASSIGN_OR_RETURN(s.next_line, row->Int(6));
  CV_ASSIGN_OR_RETURN(std::int64_t submitted, row->Int(7));
  CV_ASSIGN_OR_RETURN(std::int64_t finished, row->Int(8));
  s.submitted_at = FormatRfc3339(internal::FromMicros(submitted));
  if (finished > 0) s.finished_at = FormatRfc3339(internal::FromMicros(finished));
  return s;
}

Result<std::vector<FeedbackLine>> Ingest::Feedback(store::Tx& tx, const access::Actor& by,
                                                   std::string_view batch_id) {
  CV_ASSIGN_OR_RETURN(BatchStatus s, Find(tx, by, batch_id));
  std::vector<FeedbackLine> out;
  CV_RETURN_IF_ERROR(tx.ForEach(
      "SELECT line, record_type, status, code, field, message FROM credit_batch_feedback WHERE "
      "batch = ?1 ORDER BY line",
      {store::Int(s.id)}, [&out](const store::Row& row) -> Result<bool> {
        FeedbackLine f;
        CV_ASSIGN_OR_RETURN(f.line, row.Int(0));
        CV_ASSIGN_OR_RETURN(f.record_type, row.Text(1));
        CV_ASSIGN_OR_RETURN(f.status, row.Text(2));
        CV_ASSIGN_OR_RETURN(f.code, row.Text(3));
        CV_ASSIGN_OR_RETURN(f.field, row.Text(4));
        CV_ASSIGN_OR_RETURN(f.message, row.Text(5));
        out.push_back(std::move(f));
        return true;
      }));
  return out;
}

std::string FeedbackJsonl(const BatchStatus& status, const std::vector<FeedbackLine>& lines) {
  std::string out;
  for (const FeedbackLine& f : lines) {
    nlohmann::ordered_json j = {{"line", f.line}, {"type", f.record_type}, {"status", f.status}};
    if (!f.code.empty()) {
      j["code"] = f.code;
      j["field"] = f.field;
      j["message"] = f.message;
    }
    out += j.dump() + "\n";
  }
  nlohmann::ordered_json by_code = nlohmann::ordered_json::object();
  for (const FeedbackLine& f : lines) {
    if (!f.code.empty()) by_code[f.code] = by_code.value(f.code, 0) + 1;
  }
  nlohmann::ordered_json summary = {{"summary",
                                     {{"institution", status.institution},
                                      {"batch_id", status.batch_id},
                                      {"state", status.state},
                                      {"records", status.record_count},
                                      {"accepted", status.accepted},
                                      {"rejected", status.rejected},
                                      {"by_code", by_code}}}};
  return out + summary.dump() + "\n";
}

}  // namespace cv::credit
