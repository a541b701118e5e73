// Calendar dates for the detectors: validity in the proleptic Gregorian calendar and "not after
// today" for birth dates.
//
// Thread-safety: thread-safe (the cached today is an atomic that only moves forward).
#ifndef CV_GRADING_INTERNAL_CIVIL_DATE_H_
#define CV_GRADING_INTERNAL_CIVIL_DATE_H_

namespace cv::grading::internal {

// Earliest birth year a resident ID may carry (GRD-3 detector choice: nobody alive or on file
// in a credit database was born before 1900).
inline constexpr int kMinBirthYear = 1900;

// Days in `month` of `year`; 0 when month is outside 1-12.
int DaysInMonth(int year, int month);

// True when year-month-day is a real date and year is in [min_year, max_year].
bool IsValidDate(int year, int month, int day, int min_year = 1900, int max_year = 2099);

// Date as one comparable integer, e.g. 19491231.
inline constexpr int Ymd(int year, int month, int day) { return year * 10000 + month * 100 + day; }

// Today's date in China Standard Time (UTC+8, the calendar a birth date in GB 11643 is written
// in) as Ymd(). Reads std::chrono::system_clock.
int TodayYmdInChina();

// True when `ymd` is not after today (China Standard Time). Reads the clock only when `ymd` is
// after the last date it saw, so the per-cell cost is one relaxed atomic load.
bool NotAfterToday(int ymd);

// True for a resident ID birth date: a valid date from kMinBirthYear up to today.
bool IsPlausibleBirthDate(int year, int month, int day);

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_CIVIL_DATE_H_
