// Lower-case hexadecimal, the encoding of hashes in proofs, of blind indexes and of digests.
//
// Thread-safety: pure functions.
#ifndef CV_COMMON_HEX_H_
#define CV_COMMON_HEX_H_

#include <string>
#include <string_view>

#include "common/result.h"

namespace cv {

// Two lower-case hex digits per byte.
std::string HexEncode(std::string_view bytes);

// The bytes of `text`; kMalformed for an odd length or any character but 0-9 and a-f (the proof
// formats fix lower case, so upper case is refused rather than normalised).
[[nodiscard]] Result<std::string> HexDecodeLower(std::string_view text);

}  // namespace cv

#endif  // CV_COMMON_HEX_H_
