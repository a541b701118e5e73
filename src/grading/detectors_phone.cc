// Telephone number detectors: mainland mobile and landline numbers (GRD-3).
#include <string_view>

#include "grading/detectors.h"
#include "grading/internal/cell_shape.h"

namespace cv::grading {
namespace {

using internal::IsDigit;

// Strips a +86 / 0086 country code and one following space or dash. True when one was there.
bool StripCountryCode(std::string_view* v) {
  std::size_t n = 0;
  if (v->starts_with("+86"))
    n = 3;
  else if (v->starts_with("0086"))
    n = 4;
  if (n == 0) return false;
  if (n < v->size() && ((*v)[n] == ' ' || (*v)[n] == '-')) ++n;
  v->remove_prefix(n);
  return true;
}

// Digits of an 11-digit number written whole or as 3-4-4 groups split by single spaces or dashes.
bool CollectMobileDigits(std::string_view v, char out[11]) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (IsDigit(c)) {
      if (n == 11) return false;
      out[n++] = c;
    } else if ((c != ' ' && c != '-') || (n != 3 && n != 7) || i + 1 == v.size() ||
               !IsDigit(v[i + 1]) || !IsDigit(v[i - 1])) {
      return false;
    }
  }
  return n == 11;
}

// GB/T 20268 area codes: 10 (Beijing), 2x (two digits), or [3-9]xx (three digits). Returns the
// area code's length, or 0.
std::size_t AreaCodeLength(std::string_view digits) {
  if (digits.size() < 2) return 0;
  if (digits[0] == '1') return digits[1] == '0' ? 2 : 0;
  if (digits[0] == '2') return 2;
  return digits[0] >= '3' && digits[0] <= '9' && digits.size() >= 3 ? 3 : 0;
}

// Length of a leading run of digits.
std::size_t DigitRun(std::string_view v) {
  std::size_t n = 0;
  while (n < v.size() && IsDigit(v[n])) ++n;
  return n;
}

// Consumes the area code ("010", "(010)"; after a country code also "10", "(10)") and one
// separator. Returns false when there is none.
bool ConsumeAreaCode(std::string_view* v, bool international) {
  const bool paren = v->starts_with('(');
  if (paren) v->remove_prefix(1);
  if (v->starts_with('0')) {
    v->remove_prefix(1);
  } else if (!international) {
    return false;  // the domestic trunk prefix 0 is part of a written area code
  }
  const std::size_t len = AreaCodeLength(v->substr(0, DigitRun(*v)));
  if (len == 0) return false;
  v->remove_prefix(len);
  if (paren && !v->starts_with(')')) return false;
  if (paren) v->remove_prefix(1);
  if (v->starts_with(' ') || v->starts_with('-')) v->remove_prefix(1);
  return true;
}

// An extension: "-123", "#123", "转123", "ext123", "ext.123", " ext 123" (1-6 digits).
bool IsExtension(std::string_view v) {
  for (std::string_view lead : {"-", "#", "转", " ext ", " ext.", " ext", "ext.", "ext"}) {
    if (!v.starts_with(lead)) continue;
    v.remove_prefix(lead.size());
    return !v.empty() && v.size() <= 6 && DigitRun(v) == v.size();
  }
  return false;
}

}  // namespace

Verdict CheckMobile(std::string_view v) {
  const bool international = StripCountryCode(&v);
  if (!international && v.size() >= 13 && v.starts_with("86") && v[2] != '0') {
    v.remove_prefix(2);  // "86" without + or 00, as exported by some systems
    if (v.starts_with(' ') || v.starts_with('-')) v.remove_prefix(1);
  }
  char d[11];
  if (!CollectMobileDigits(v, d) || d[0] != '1') return Verdict::kNoMatch;
  if (d[1] >= '3' && d[1] <= '9') return Verdict::kMatch;  // GRD-3: 1[3-9] and 11 digits
  return international ? Verdict::kInvalid : Verdict::kNoMatch;
}

Verdict CheckLandline(std::string_view v) {
  if (v.size() < 9 || v.size() > 32) return Verdict::kNoMatch;
  // Every form opens with "+86", "0086", the trunk 0 or "(0": a cheap test first, as most
  // numbers tried here (ids, accounts) are not phone numbers.
  if (v[0] != '0' && v[0] != '+' && v[0] != '(') return Verdict::kNoMatch;
  const bool international = StripCountryCode(&v);
  if (!ConsumeAreaCode(&v, international)) return Verdict::kNoMatch;
  const std::size_t subscriber = DigitRun(v);
  if (subscriber < 7 || subscriber > 8 || v[0] < '2') return Verdict::kNoMatch;
  v.remove_prefix(subscriber);
  return v.empty() || IsExtension(v) ? Verdict::kMatch : Verdict::kNoMatch;
}

}  // namespace cv::grading
