// Calendar dates of consents.
#include "credit/internal/consent_dates.h"

#include <cstdio>

namespace cv::credit::internal {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

// `n` ASCII digits at `text[at]` as a number; -1 when any is not a digit.
int Digits(std::string_view text, std::size_t at, std::size_t n) {
  if (at + n > text.size()) return -1;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

// The UTC offset at `text[at]` ("Z", "+HH:MM", "-HH:MM") in minutes, when it ends the text.
std::optional<int> OffsetMinutes(std::string_view text, std::size_t at) {
  if (at + 1 == text.size() && (text[at] == 'Z' || text[at] == 'z')) return 0;
  if (at + 6 != text.size() || (text[at] != '+' && text[at] != '-') || text[at + 3] != ':') {
    return std::nullopt;
  }
  const int h = Digits(text, at + 1, 2), m = Digits(text, at + 4, 2);
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return (text[at] == '-' ? -1 : 1) * (h * 60 + m);
}

}  // namespace

std::optional<Days> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int y = Digits(text, 0, 4), m = Digits(text, 5, 2), d = Digits(text, 8, 2);
  if (y < 1900 || y > 2199 || m < 1 || d < 1) return std::nullopt;
  const year_month_day ymd{year(y), month(static_cast<unsigned>(m)), day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  return Days(ymd);
}

std::string FormatDate(Days d) {
  const year_month_day ymd(d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

Days ChinaDay(TimePoint t) {
  return std::chrono::floor<std::chrono::days>(t + std::chrono::hours(8));
}

Days AddYears(Days d, int years) {
  year_month_day ymd = year_month_day(d) + std::chrono::years(years);
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / std::chrono::last;
  return Days(ymd);
}

std::optional<TimePoint> ParseRfc3339(std::string_view text) {
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't')) return std::nullopt;
  const std::optional<Days> date = ParseDate(text.substr(0, 10));
  const int h = Digits(text, 11, 2), m = Digits(text, 14, 2), s = Digits(text, 17, 2);
  if (!date || text[13] != ':' || text[16] != ':' || h < 0 || h > 23 || m < 0 || m > 59 || s < 0 ||
      s > 59) {
    return std::nullopt;
  }
  std::size_t at = 19;
  if (text[at] == '.') {
    const std::size_t start = ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == start || at - start > 9) return std::nullopt;
  }
  const std::optional<int> offset = OffsetMinutes(text, at);
  if (!offset) return std::nullopt;
  return TimePoint(*date) + std::chrono::hours(h) + std::chrono::minutes(m - *offset) +
         std::chrono::seconds(s);
}

}  // namespace cv::credit::internal
