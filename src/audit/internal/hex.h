// Lower-case hexadecimal for the audit code: the common helpers (common/hex.h) under their old
// names.
//
// Thread-safety: pure functions.
#ifndef CV_AUDIT_INTERNAL_HEX_H_
#define CV_AUDIT_INTERNAL_HEX_H_

#include "common/hex.h"

namespace cv::audit::internal {

using cv::HexDecodeLower;
using cv::HexEncode;

}  // namespace cv::audit::internal

#endif  // CV_AUDIT_INTERNAL_HEX_H_
