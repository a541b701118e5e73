// ID numbers, mobile numbers, dates and amounts.
#include "credit/internal/value_checks.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "grading/check_digits.h"
#include "grading/internal/civil_date.h"
#include "grading/internal/regions.h"

namespace cv::credit::internal {
namespace {

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int Digits(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::unexpected<FieldFailure> Fail(RecordErrorCode code, std::string_view rule) {
  return std::unexpected(FieldFailure{code, std::string(rule)});
}

// True for a plausible birth date yyyymmdd: real, from kMinBirthYear, not after today.
bool BirthDateOk(std::string_view yyyymmdd, int today_ymd) {
  const int y = Digits(yyyymmdd.substr(0, 4)), m = Digits(yyyymmdd.substr(4, 2)),
            d = Digits(yyyymmdd.substr(6, 2));
  return grading::internal::IsValidDate(y, m, d, grading::internal::kMinBirthYear, 9999) &&
         grading::internal::Ymd(y, m, d) <= today_ymd;
}

constexpr std::string_view kResidentRule =
    "must be a GB 11643 resident ID: 18 characters with a valid province, birth date and check "
    "character, or the legacy 15 digits";

// GB 11643-1999 5.1-5.4 and 6.2.
Checked<std::string> ResidentId(std::string id, int today_ymd) {
  if (id.size() == 18 && id[17] == 'x') id[17] = 'X';
  const bool is18 = id.size() == 18 && AllDigits(id.substr(0, 17));
  const bool is15 = id.size() == 15 && AllDigits(id);
  if (!is18 && !is15) return Fail(RecordErrorCode::kInvalidIdNumber, kResidentRule);
  if (!grading::internal::IsIdProvinceCode(Digits(id.substr(0, 2)))) {
    return Fail(RecordErrorCode::kInvalidIdNumber, kResidentRule);
  }
  const std::string birth = is18 ? id.substr(6, 8) : "19" + id.substr(6, 6);
  if (!BirthDateOk(birth, today_ymd)) return Fail(RecordErrorCode::kInvalidIdNumber, kResidentRule);
  if (is18 && grading::ResidentIdCheckChar(id.substr(0, 17)) != id[17]) {
    return Fail(RecordErrorCode::kInvalidIdNumber, kResidentRule);
  }
  return id;
}

Checked<std::string> Passport(std::string id) {
  for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const bool ok =
      id.size() >= 5 && id.size() <= 17 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      });
  if (ok) return id;
  return Fail(RecordErrorCode::kInvalidIdNumber, "must be a passport number [A-Z0-9]{5,17}");
}

}  // namespace

Checked<std::string> CheckIdNumber(std::string_view id_type, std::string_view value,
                                   int today_ymd) {
  if (id_type == "resident_id") return ResidentId(std::string(value), today_ymd);
  if (id_type == "passport") return Passport(std::string(value));
  return Fail(RecordErrorCode::kInvalidIdNumber, "cannot be checked without a valid id_type");
}

Checked<std::string> CheckMobile(std::string_view value) {
  std::string digits;
  for (char c : value) {
    if (c != ' ' && c != '-') digits.push_back(c);
  }
  if (digits.starts_with("+86"))
    digits.erase(0, 3);
  else if (digits.starts_with("0086"))
    digits.erase(0, 4);
  const bool ok = digits.size() == 11 && AllDigits(digits) && digits[0] == '1' &&
                  digits[1] >= '3' && digits[1] <= '9';
  if (ok) return digits;
  return Fail(RecordErrorCode::kInvalidMobile,
              "must be a mainland mobile number 1[3-9] and 9 digits, optionally after +86");
}

Checked<std::string> CheckDate(std::string_view value, int today_ymd) {
  Checked<int> ymd = ParseDateYmd(value, today_ymd);
  if (!ymd) return std::unexpected(ymd.error());
  return std::string(value);
}

Checked<int> ParseDateYmd(std::string_view v, int today_ymd) {
  constexpr std::string_view kRule = "must be a real date YYYY-MM-DD from 1900-01-01 to today";
  const bool shape = v.size() == 10 && v[4] == '-' && v[7] == '-' && AllDigits(v.substr(0, 4)) &&
                     AllDigits(v.substr(5, 2)) && AllDigits(v.substr(8, 2));
  if (!shape) return Fail(RecordErrorCode::kInvalidDate, kRule);
  const int y = Digits(v.substr(0, 4)), m = Digits(v.substr(5, 2)), d = Digits(v.substr(8, 2));
  if (!grading::internal::IsValidDate(y, m, d, 1900, 9999) ||
      grading::internal::Ymd(y, m, d) > today_ymd) {
    return Fail(RecordErrorCode::kInvalidDate, kRule);
  }
  return grading::internal::Ymd(y, m, d);
}

Checked<std::string> CheckMonth(std::string_view v, int today_ymd) {
  constexpr std::string_view kRule = "must be a month YYYY-MM from 1900-01 to this month";
  const bool shape =
      v.size() == 7 && v[4] == '-' && AllDigits(v.substr(0, 4)) && AllDigits(v.substr(5, 2));
  if (!shape) return Fail(RecordErrorCode::kInvalidDate, kRule);
  const int y = Digits(v.substr(0, 4)), m = Digits(v.substr(5, 2));
  if (!grading::internal::IsValidDate(y, m, 1, 1900, 9999) ||
      grading::internal::Ymd(y, m, 1) > today_ymd) {
    return Fail(RecordErrorCode::kInvalidDate, kRule);
  }
  return std::string(v);
}

Checked<std::int64_t> ParseAmountMinor(std::string_view v) {
  constexpr std::string_view kRule =
      "must be a decimal amount from 0 to 10^13 with at most 2 decimals, no sign or exponent";
  const std::size_t dot = v.find('.');
  const std::string_view whole = v.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? "" : v.substr(dot + 1);
  const bool shape = !whole.empty() && whole.size() <= 14 && AllDigits(whole) &&
                     (dot == std::string_view::npos || (!frac.empty() && frac.size() <= 2)) &&
                     AllDigits(frac);
  if (!shape) return Fail(RecordErrorCode::kInvalidAmount, kRule);
  std::int64_t w = 0;
  std::from_chars(whole.data(), whole.data() + whole.size(), w);
  const std::int64_t minor =
      w * 100 + (frac.empty() ? 0 : Digits(frac) * (frac.size() == 1 ? 10 : 1));
  if (minor > kMaxAmountMinor) return Fail(RecordErrorCode::kInvalidAmount, kRule);
  return minor;
}

Checked<std::string> CheckAmount(std::string_view value) {
  Checked<std::int64_t> minor = ParseAmountMinor(value);
  if (!minor) return std::unexpected(minor.error());
  return std::to_string(*minor);
}

int IdBirthYmd(std::string_view id) {
  if (id.size() == 18 && AllDigits(id.substr(0, 17))) return Digits(id.substr(6, 8));
  if (id.size() == 15 && AllDigits(id)) return 19000000 + Digits(id.substr(6, 6));
  return 0;
}

}  // namespace cv::credit::internal
