// QueryService::ClearField: one identity value in clear, by permission and for a reason (QRY-6).
#include "credit/internal/actor_event.h"
#include "credit/query_service.h"
#include "grading/catalog.h"

namespace cv::credit {

Result<std::string> QueryService::ClearField(store::Tx& tx, const access::Actor& by,
                                             std::string_view report_id, std::string_view item,
                                             std::string_view reason) {
  const grading::DataItem* d = grading::Catalog::Default().FindById(item);
  if (d == nullptr || d->category == grading::Category::kC3) {
    return Fail(ErrorCode::kInvalidArgument, "field must be a C1/C2 identity item (QRY-6)");
  }
  if (reason.empty() || reason.size() > 500) {
    return Fail(ErrorCode::kInvalidArgument, "reason must be 1 to 500 bytes");
  }
  CV_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT subject_ref FROM credit_reports WHERE id = ?1 "
                                            "AND institution = ?2",
                                            {store::Text(report_id), store::Text(by.institution)}));
  if (!row) return Fail(ErrorCode::kNotFound, "no such report");
  CV_ASSIGN_OR_RETURN(std::string ref, row->Text(0));
  CV_ASSIGN_OR_RETURN(auto subject, credit_.FindSubject(tx, ref));
  if (!subject) return Fail(ErrorCode::kNotFound, "the report's subject has no such field");
  CV_ASSIGN_OR_RETURN(SubjectFile file, credit_.Load(tx, *subject));
  auto it = file.identity.find(std::string(item));
  if (it == file.identity.end()) {
    return Fail(ErrorCode::kNotFound, "the report's subject has no such field");
  }
  audit::Event e =
      internal::ActorEvent(by, clock_.Now(), "credit.report_clear_field", "report", report_id);
  e.reason = std::string(reason);
  e.Add("field", std::string(item)).Add("subject_ref", ref);
  e.AddPersonal("value", it->second.value);  // AUD-3: a keyed hash, never the value
  CV_RETURN_IF_ERROR(audit_.Append(tx, e));
  return it->second.value;
}

}  // namespace cv::credit
