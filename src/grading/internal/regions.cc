// Province-level region codes (GB/T 2260).
#include "grading/internal/regions.h"

namespace cv::grading::internal {
namespace {

// GB/T 2260 province-level codes of the mainland and 71 Taiwan.
bool IsGbt2260Province(int c) {
  return (c >= 11 && c <= 15) || (c >= 21 && c <= 23) || (c >= 31 && c <= 37) ||
         (c >= 41 && c <= 46) || (c >= 50 && c <= 54) || (c >= 61 && c <= 65) || c == 71;
}

}  // namespace

bool IsIdProvinceCode(int c) {
  return IsGbt2260Province(c) || c == 81 || c == 82 || c == 83 || c == 91;
}

bool IsUsccProvinceCode(int c) { return IsGbt2260Province(c) || c == 10; }

}  // namespace cv::grading::internal
