// Whole-buffer UTF-8 validation: the check in front of RepairUtf8 (encoding.h), so that the common
// case, a chunk that is already valid UTF-8, costs one vector pass instead of a walk over every
// multi-byte character.
//
// Thread-safety: pure functions.
#ifndef CV_GRADING_INTERNAL_UTF8_VALIDATE_H_
#define CV_GRADING_INTERNAL_UTF8_VALIDATE_H_

#include <string_view>

namespace cv::grading::internal {

// True when every byte of `text` is part of a valid UTF-8 sequence as Utf8SequenceLength
// (encoding.h) defines it: RFC 3629 (no overlong forms, no surrogates, nothing above U+10FFFF),
// and no sequence cut off by the end of `text`. Invariant: IsValidUtf8(t) exactly when
// RepairUtf8 would replace no byte of t (checked by utf8_validate_test.cc).
// On CPUs with AVX2 this is the lookup algorithm of Keiser and Lemire ("Validating UTF-8 in less
// than one instruction per byte", 2021, as in simdjson), 32 bytes per step; elsewhere a scalar
// loop.
bool IsValidUtf8(std::string_view text);

// The scalar form, for tests and CPUs without AVX2.
bool IsValidUtf8Scalar(std::string_view text);

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_UTF8_VALIDATE_H_
