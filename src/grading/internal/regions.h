// Region codes the identifier detectors check: the province level of GB/T 2260, as the first two
// digits of a resident ID (GB 11643-1999 5.1) or of a USCC's registration region (GB 32100-2015
// 4.1 c).
//
// Thread-safety: pure functions.
#ifndef CV_GRADING_INTERNAL_REGIONS_H_
#define CV_GRADING_INTERNAL_REGIONS_H_

namespace cv::grading::internal {

// True for a province-level code that can open a resident ID number:
//   11-15, 21-23, 31-37, 41-46, 50-54, 61-65  GB/T 2260 provinces, autonomous regions and
//                                             municipalities;
//   71                                        Taiwan (GB/T 2260 lists it);
//   81, 82                                    Hong Kong, Macao: residence permits for residents
//                                             of the SARs (2018) use 810000 and 820000;
//   83                                        residence permits for Taiwan residents (830000);
//   91                                        foreigners' permanent residence ID card, 2023
//                                             edition (18 digits, opens with 9).
// Choice: only the province level is checked. City and county codes change every year and a
// number keeps the code of the office that issued it, so a full GB/T 2260 table would reject
// real, older IDs (validator.js makes the same choice).
bool IsIdProvinceCode(int two_digits);

// True for the province part of a USCC's registration region: the province codes above without
// 81, 82, 83 and 91, plus 10 for organisations registered at national level (region 100000).
bool IsUsccProvinceCode(int two_digits);

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_REGIONS_H_
