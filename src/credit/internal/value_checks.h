// Value checks with structure: resident ID and passport numbers (GB 11643-1999), mainland mobile
// numbers, calendar dates and months, decimal amounts.
//
// Thread-safety: pure functions.
#ifndef CV_CREDIT_INTERNAL_VALUE_CHECKS_H_
#define CV_CREDIT_INTERNAL_VALUE_CHECKS_H_

#include <string>
#include <string_view>

#include "credit/internal/field_checks.h"

namespace cv::credit::internal {

// id_type "resident_id": 18 characters (GB 11643-1999: province, birth date, MOD 11-2 check
// char, 'x' upper-cased) or the legacy 15 digits (birth year 19YY, no check char); "passport":
// [A-Z0-9]{5,17} after upper-casing. Any other id_type fails (the id_type check reports it).
Checked<std::string> CheckIdNumber(std::string_view id_type, std::string_view value, int today_ymd);

// "+86 138-0013-8000" -> "13800138000": spaces and '-' removed, +86 / 0086 stripped, then
// 1[3-9]\d{9}.
Checked<std::string> CheckMobile(std::string_view value);

// YYYY-MM-DD, a real date from 1900-01-01 up to today.
Checked<std::string> CheckDate(std::string_view value, int today_ymd);
// YYYY-MM, from 1900-01 up to today's month.
Checked<std::string> CheckMonth(std::string_view value, int today_ymd);

// The decimal amount as the text of its minor units ("12.3" -> "1230").
Checked<std::string> CheckAmount(std::string_view value);

}  // namespace cv::credit::internal

#endif  // CV_CREDIT_INTERNAL_VALUE_CHECKS_H_
