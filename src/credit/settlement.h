// CreditSettlementChecks: what the credit core must see settled before an institution may be
// deregistered (JR/T 0117 9.1; access::Institutions' extension point): batches still being
// applied and bulk queries still queued or running.
//
// Thread-safety: the checks are pure functions of the transaction they are given.
#ifndef CV_CREDIT_SETTLEMENT_H_
#define CV_CREDIT_SETTLEMENT_H_

#include <vector>

#include "access/institutions.h"

namespace cv::credit {

// "unsettled batches" and "running bulk queries". Open disputes are registered by the dispute
// module when it exists.
std::vector<access::SettlementCheck> CreditSettlementChecks();

}  // namespace cv::credit

#endif  // CV_CREDIT_SETTLEMENT_H_
