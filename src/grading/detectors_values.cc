// Value-shape detectors: dates, amounts and PBOC repayment status strings (GRD-3).
#include <span>
#include <string_view>

#include "grading/detectors.h"
#include "grading/internal/cell_shape.h"
#include "grading/internal/civil_date.h"

namespace cv::grading {
namespace {

using internal::IsDigit;
using internal::ParseDigits;

// Consumes a leading run of 1..max_len digits into *value. False when there is none or it is
// longer.
bool TakeNumber(std::string_view* v, std::size_t max_len, int* value) {
  std::size_t n = 0;
  while (n < v->size() && IsDigit((*v)[n])) ++n;
  if (n == 0 || n > max_len) return false;
  *value = ParseDigits(v->substr(0, n));
  v->remove_prefix(n);
  return true;
}

// ISO 8601 / RFC 3339 time after a date: [ T]HH:MM[:SS[.fff]][Z|+hh:mm|-hh:mm]. An empty
// suffix is fine too.
bool IsTimeSuffix(std::string_view v) {
  if (v.empty()) return true;
  if (!internal::ConsumeLiteral(&v, " ") && !internal::ConsumeLiteral(&v, "T")) return false;
  int hh = 0, mm = 0, ss = 0;
  if (!TakeNumber(&v, 2, &hh) || !internal::ConsumeLiteral(&v, ":") || !TakeNumber(&v, 2, &mm))
    return false;
  if (internal::ConsumeLiteral(&v, ":") && !TakeNumber(&v, 2, &ss)) return false;
  int frac = 0;
  if (internal::ConsumeLiteral(&v, ".") && !TakeNumber(&v, 9, &frac)) return false;
  if (hh > 23 || mm > 59 || ss > 60) return false;  // 60: a leap second
  if (v.empty() || v == "Z") return true;
  int zh = 0, zm = 0;
  if (!internal::ConsumeLiteral(&v, "+") && !internal::ConsumeLiteral(&v, "-")) return false;
  return TakeNumber(&v, 2, &zh) && internal::ConsumeLiteral(&v, ":") && TakeNumber(&v, 2, &zm) &&
         v.empty();
}

// "YYYY?M?D" with ? one of - / . (the same twice), or "YYYY年M月D日"; then a time suffix.
// True when the value has that shape; the numbers may still be no real date.
bool ParseSeparatedDate(std::string_view v, int* y, int* m, int* d) {
  if (v.size() < 4 || !internal::AllDigits(v.substr(0, 4))) return false;
  *y = ParseDigits(v.substr(0, 4));
  v.remove_prefix(4);
  if (internal::ConsumeLiteral(&v, "年")) {
    if (!TakeNumber(&v, 2, m) || !internal::ConsumeLiteral(&v, "月") || !TakeNumber(&v, 2, d))
      return false;
    internal::ConsumeLiteral(&v, "日");
  } else {
    if (v.empty() || (v[0] != '-' && v[0] != '/' && v[0] != '.')) return false;
    const char sep[2] = {v[0], '\0'};
    v.remove_prefix(1);
    if (!TakeNumber(&v, 2, m) || !internal::ConsumeLiteral(&v, sep) || !TakeNumber(&v, 2, d))
      return false;
  }
  return IsTimeSuffix(v);
}

// Currency signs and units around an amount.
constexpr std::string_view kCurrencyPrefixes[] = {"¥", "￥", "$", "RMB", "CNY"};
constexpr std::string_view kUnitSuffixes[] = {"万元", "亿元", "元", "万", "亿", "RMB", "CNY"};

bool TakeAny(std::string_view* v, std::span<const std::string_view> options) {
  for (std::string_view o : options) {
    if (internal::ConsumeLiteral(v, o)) return true;
  }
  return false;
}

bool TakeSign(std::string_view* v) {
  return internal::ConsumeLiteral(v, "-") || internal::ConsumeLiteral(v, "+");
}

// The integer part: no leading zero (except "0"); commas only as thousands separators.
// Sets *digits and *grouped.
bool TakeIntegerPart(std::string_view* v, std::size_t* digits, bool* grouped) {
  std::size_t i = 0, group = 0;
  *digits = 0;
  *grouped = false;
  for (; i < v->size(); ++i) {
    const char c = (*v)[i];
    if (IsDigit(c)) {
      ++*digits, ++group;
    } else if (c == ',' && group >= 1 && group <= 3 && (!*grouped || group == 3)) {
      *grouped = true, group = 0;
    } else {
      break;
    }
  }
  if (*digits == 0 || (*grouped && group != 3)) return false;
  if ((*v)[0] == '0' && *digits > 1) return false;
  v->remove_prefix(i);
  return true;
}

// PBOC personal credit report repayment status symbols.
bool IsRepaymentSymbol(char c) {
  return c == 'N' || c == '*' || c == '#' || c == '/' || c == 'C' || c == 'G' || c == 'D' ||
         c == 'Z' || (c >= '1' && c <= '7');
}

}  // namespace

Verdict CheckDate(std::string_view v) {
  int y = 0, m = 0, d = 0;
  if (v.size() == 8 && internal::AllDigits(v)) {  // YYYYMMDD: only a date when it is one
    y = ParseDigits(v.substr(0, 4)), m = ParseDigits(v.substr(4, 2)), d = ParseDigits(v.substr(6));
    return internal::IsValidDate(y, m, d) ? Verdict::kMatch : Verdict::kNoMatch;
  }
  if (v.size() < 8 || v.size() > 40) return Verdict::kNoMatch;
  if (!ParseSeparatedDate(v, &y, &m, &d)) return Verdict::kNoMatch;
  return internal::IsValidDate(y, m, d) ? Verdict::kMatch : Verdict::kInvalid;
}

Verdict CheckAmount(std::string_view v) {
  const bool sign_first = TakeSign(&v);
  bool marked = false;
  if (!v.empty() && !IsDigit(v[0])) {  // most amounts start with a digit: skip the prefixes
    marked = TakeAny(&v, kCurrencyPrefixes);
    if (marked) internal::ConsumeLiteral(&v, " ");
    if (!sign_first) TakeSign(&v);
  }
  std::size_t digits = 0;
  bool grouped = false;
  if (!TakeIntegerPart(&v, &digits, &grouped)) return Verdict::kNoMatch;
  bool decimals = false;
  if (internal::ConsumeLiteral(&v, ".")) {
    int frac = 0;
    if (!TakeNumber(&v, 2, &frac)) return Verdict::kNoMatch;
    decimals = true;
  }
  if (!v.empty()) {
    internal::ConsumeLiteral(&v, " ");
    if (!TakeAny(&v, kUnitSuffixes) || !v.empty()) return Verdict::kNoMatch;
    marked = true;
  }
  const std::size_t max_digits = (marked || decimals || grouped) ? 15 : 10;
  return digits <= max_digits ? Verdict::kMatch : Verdict::kNoMatch;
}

Verdict CheckRepaymentStatus(std::string_view v) {
  if (v.size() < 6 || v.size() > 24) return Verdict::kNoMatch;
  bool status = false;  // a symbol other than a digit or '*'
  for (char c : v) {
    if (!IsRepaymentSymbol(c)) return Verdict::kNoMatch;
    status |= c != '*' && !IsDigit(c);
  }
  return status ? Verdict::kMatch : Verdict::kNoMatch;
}

}  // namespace cv::grading
