// BatchAccountRefs: account ids defined so far in a batch.
#include "credit/batch_refs.h"

namespace cv::credit {

std::string BatchAccountRefs::Add(const Record& record) {
  if (const auto* a = std::get_if<AccountRecord>(&record)) {
    accounts_.insert(a->account_id);
    return "";
  }
  std::string ref;
  if (const auto* r = std::get_if<RepaymentRecord>(&record)) ref = r->account_id;
  if (const auto* e = std::get_if<AdverseRecord>(&record)) ref = e->account_id.value_or("");
  return ref.empty() || accounts_.contains(ref) ? "" : ref;
}

}  // namespace cv::credit
