// Closed vocabularies of categorical values (gender, marital status, education, religion),
// looked up with one hash probe so that ClassifyCell asks once for all four (GRD-3, GRD-4).
//
// Thread-safety: constant tables and pure functions.
#ifndef CV_GRADING_INTERNAL_VOCABULARY_H_
#define CV_GRADING_INTERNAL_VOCABULARY_H_

#include <string_view>

#include "grading/catalog.h"

namespace cv::grading::internal {

// The item type whose vocabulary holds `v` (ASCII compared case-insensitively): kGender,
// kMaritalStatus, kEducation or kReligion; kNone when no vocabulary holds it. Every word is in
// exactly one vocabulary.
ItemType LookupWord(std::string_view v);

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_VOCABULARY_H_
