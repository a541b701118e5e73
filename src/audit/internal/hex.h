// Lower-case hexadecimal, the encoding of hashes in the audit proof JSON.
//
// Thread-safety: pure functions.
#ifndef CV_AUDIT_INTERNAL_HEX_H_
#define CV_AUDIT_INTERNAL_HEX_H_

#include <string>
#include <string_view>

#include "common/result.h"

namespace cv::audit::internal {

// Two lower-case hex digits per byte.
std::string HexEncode(std::string_view bytes);

// The bytes of `text`; kMalformed for an odd length or any character but 0-9 and a-f (the proof
// formats fix lower case, so upper case is refused rather than normalised).
[[nodiscard]] Result<std::string> HexDecodeLower(std::string_view text);

}  // namespace cv::audit::internal

#endif  // CV_AUDIT_INTERNAL_HEX_H_
