// Calendar date checks.
#include "grading/internal/civil_date.h"

#include <atomic>
#include <chrono>

namespace cv::grading::internal {
namespace {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// The latest Ymd() the clock has reported; it only grows, so it is always <= the true today.
std::atomic<int> g_known_today{0};

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return (month == 2 && IsLeapYear(year)) ? 29 : kDays[month - 1];
}

bool IsValidDate(int year, int month, int day, int min_year, int max_year) {
  if (year < min_year || year > max_year) return false;
  return day >= 1 && day <= DaysInMonth(year, month);
}

int TodayYmdInChina() {
  using namespace std::chrono;
  const auto now = system_clock::now() + hours(8);  // CST has had no daylight saving since 1991.
  const year_month_day ymd{floor<days>(now)};
  return Ymd(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
             static_cast<int>(static_cast<unsigned>(ymd.day())));
}

bool NotAfterToday(int ymd) {
  if (ymd <= g_known_today.load(std::memory_order_relaxed)) return true;
  const int today = TodayYmdInChina();
  g_known_today.store(today, std::memory_order_relaxed);
  return ymd <= today;
}

bool IsPlausibleBirthDate(int year, int month, int day) {
  return IsValidDate(year, month, day, kMinBirthYear, 9999) && NotAfterToday(Ymd(year, month, day));
}

}  // namespace cv::grading::internal
