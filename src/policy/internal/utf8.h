// UTF-8 splitting for the mask rules: masks count characters, never bytes (QRY-6).
//
// Thread-safety: pure functions.
#ifndef CV_POLICY_INTERNAL_UTF8_H_
#define CV_POLICY_INTERNAL_UTF8_H_

#include <string_view>
#include <vector>

namespace cv::policy::internal {

// Splits `text` into one view per Unicode scalar value. Returns false (and leaves `out`
// unspecified) when `text` is not well-formed UTF-8: a stray continuation byte, a truncated
// sequence, an overlong form, a surrogate or a value above U+10FFFF.
bool SplitUtf8(std::string_view text, std::vector<std::string_view>* out);

// True for '0'-'9' and the full-width digits U+FF10-U+FF19.
bool IsDigitChar(std::string_view ch);

}  // namespace cv::policy::internal

#endif  // CV_POLICY_INTERNAL_UTF8_H_
