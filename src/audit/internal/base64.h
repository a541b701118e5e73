// Strict standard base64 (RFC 4648 section 4, with padding), for signed notes and checkpoints.
//
// Thread-safety: pure functions.
#ifndef CV_AUDIT_INTERNAL_BASE64_H_
#define CV_AUDIT_INTERNAL_BASE64_H_

#include <string>
#include <string_view>

#include "common/result.h"

namespace cv::audit::internal {

// The base64 text of `bytes`, padded with '=' to a multiple of four characters.
std::string Base64Encode(std::string_view bytes);

// The bytes of canonical base64 `text`. kMalformed for a length that is not a multiple of four,
// a character outside the alphabet (whitespace and line breaks included), padding anywhere but
// at the end, or non-zero bits in the padding (RFC 4648 section 3.5: such text is not canonical).
[[nodiscard]] Result<std::string> Base64Decode(std::string_view text);

}  // namespace cv::audit::internal

#endif  // CV_AUDIT_INTERNAL_BASE64_H_
