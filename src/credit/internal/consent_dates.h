// Calendar dates of consents: YYYY-MM-DD parsing, China-time "today" and RFC 3339 instants
// (JR/T 0299 5.3: the validity window of an authorization is a range of calendar days).
//
// Thread-safety: pure functions.
#ifndef CV_CREDIT_INTERNAL_CONSENT_DATES_H_
#define CV_CREDIT_INTERNAL_CONSENT_DATES_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"

namespace cv::credit::internal {

using Days = std::chrono::sys_days;

// A strict "YYYY-MM-DD" (years 1900-2199) as a day; nullopt otherwise.
std::optional<Days> ParseDate(std::string_view text);
// "YYYY-MM-DD".
std::string FormatDate(Days day);

// The calendar day of `t` in China time (UTC+8, no daylight saving).
Days ChinaDay(TimePoint t);

// `day` plus `years`, clamped to the month's last day (29 Feb + 1 year -> 28 Feb).
Days AddYears(Days day, int years);

// A strict RFC 3339 instant "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)"; nullopt otherwise.
std::optional<TimePoint> ParseRfc3339(std::string_view text);

}  // namespace cv::credit::internal

#endif  // CV_CREDIT_INTERNAL_CONSENT_DATES_H_
