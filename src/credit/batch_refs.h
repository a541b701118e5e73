// BatchAccountRefs: referential integrity within one batch — which repayment and adverse records
// name an account that no earlier account record of the same batch defined. Those the caller
// must resolve against the database (accounts reported in earlier batches); this class does not.
//
// Thread-safety: owned by one thread (it is fed the reader's records in order).
#ifndef CV_CREDIT_BATCH_REFS_H_
#define CV_CREDIT_BATCH_REFS_H_

#include <set>
#include <string>

#include "credit/records.h"

namespace cv::credit {

class BatchAccountRefs {
 public:
  // Notes an accepted record, in input order. Returns the account id the record refers to that
  // this batch has not defined so far ("" when none: an account record, an identity record, an
  // adverse record without account_id, or a reference to an earlier account record).
  std::string Add(const Record& record);

 private:
  std::set<std::string, std::less<>> accounts_;  // account_ids of account records seen
};

}  // namespace cv::credit

#endif  // CV_CREDIT_BATCH_REFS_H_
