// Chinese surnames for the person-name detector (GRD-3: "names (surname list)").
//
// Thread-safety: constant tables and pure functions.
#ifndef CV_GRADING_INTERNAL_SURNAMES_H_
#define CV_GRADING_INTERNAL_SURNAMES_H_

#include <cstddef>

namespace cv::grading::internal {

// True when `c` is one of the common single-character surnames in the table.
bool IsSingleSurname(char32_t c);

// True when `first` `second` is a compound (two-character) surname such as 欧阳 or 司马.
bool IsCompoundSurname(char32_t first, char32_t second);

// Sizes of the tables, for tests.
std::size_t SingleSurnameCount();
std::size_t CompoundSurnameCount();

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_SURNAMES_H_
