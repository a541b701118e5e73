// Display masks (QRY-6; JR/T 0171-2020 Annex A, information masking). Every rule counts UTF-8
// characters, never bytes, and hides the whole value when it cannot apply: a value too short
// for its rule, one that is not well-formed UTF-8, or an address that does not start with a
// division. "Hidden" is the fixed "******", so the length of a hidden value does not show.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "policy/internal/address.h"
#include "policy/internal/utf8.h"
#include "policy/policy.h"

namespace cv::policy {
namespace {

using Chars = std::vector<std::string_view>;

constexpr std::string_view kHidden = "******";  // DO NOT CHANGE: shown in reports and tests.
constexpr std::string_view kRedacted = "***";   // DO NOT CHANGE: shown in reports and tests.
constexpr std::string_view kAddressTail = "****";

// Shortest values the identifier rules apply to; shorter ones would show most of the value.
constexpr std::size_t kMinFirst6Last4 = 13;  // the shortest card number (GRD-3: 13-19 digits)
constexpr std::size_t kMinFirst3Last4 = 11;  // a mainland mobile number
constexpr std::size_t kMinKeepLast4 = 8;     // at least half hidden
constexpr std::size_t kMinFirstChar = 2;     // "张" alone would be shown whole

std::string_view TrimAscii(std::string_view v) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const std::size_t first = v.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return v.substr(first, v.find_last_not_of(kSpace) - first + 1);
}

// Identifiers are often grouped: "6222 0212 3456 7890", "138-1234-5678". The groups carry no
// information, so they are dropped before counting.
Chars WithoutSeparators(const Chars& chars) {
  Chars out;
  for (std::string_view ch : chars) {
    if (ch != " " && ch != "-") out.push_back(ch);
  }
  return out;
}

// keep `head` characters, star the middle, keep `tail` characters.
std::string KeepEnds(const Chars& chars, std::size_t head, std::size_t tail) {
  std::string out;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    if (i < head || i + tail >= chars.size()) {
      out += chars[i];
    } else {
      out += '*';
    }
  }
  return out;
}

std::string MaskIdentifier(const Chars& chars, std::size_t min, std::size_t head,
                           std::size_t tail) {
  Chars digits = WithoutSeparators(chars);
  if (digits.size() < min) return std::string(kHidden);
  return KeepEnds(digits, head, tail);
}

// "+86 138 1234 5678" -> "138****5678": the country code is dropped, the national number masked.
std::string MaskMobile(const Chars& chars) {
  Chars digits = WithoutSeparators(chars);
  std::string joined;
  for (std::string_view ch : digits) joined += ch;
  for (std::string_view prefix : {"+86", "0086", "86"}) {
    if (digits.size() == prefix.size() + kMinFirst3Last4 && joined.starts_with(prefix)) {
      digits.erase(digits.begin(), digits.begin() + static_cast<std::ptrdiff_t>(prefix.size()));
      break;
    }
  }
  return MaskIdentifier(digits, kMinFirst3Last4, 3, 4);
}

std::string MaskEmail(std::string_view value) {
  const std::size_t at = value.rfind('@');
  if (at == std::string_view::npos || at + 1 == value.size()) return std::string(kHidden);
  Chars local;
  internal::SplitUtf8(value.substr(0, at), &local);  // already known to be well-formed
  if (local.size() < kMinFirstChar) return std::string(kHidden);
  return std::string(local[0]) + "***" + std::string(value.substr(at));
}

std::string MaskAddress(const Chars& chars) {
  const std::size_t kept = internal::LeadingDivisionChars(chars);
  if (kept == 0) return std::string(kHidden);
  std::string out;
  for (std::size_t i = 0; i < kept; ++i) out += chars[i];
  if (kept < chars.size()) out += kAddressTail;
  return out;
}

}  // namespace

std::string_view MaskRuleName(MaskRule rule) {
  // DO NOT CHANGE: part of the scan JSON interface.
  switch (rule) {
    case MaskRule::kNone:
      return "none";
    case MaskRule::kHideAll:
      return "hide_all";
    case MaskRule::kFirst6Last4:
      return "first6_last4";
    case MaskRule::kFirst3Last4:
      return "first3_last4";
    case MaskRule::kFirstChar:
      return "first_char";
    case MaskRule::kProvinceCityDistrict:
      return "province_city_district";
    case MaskRule::kEmailLocal:
      return "email_local";
    case MaskRule::kKeepLast4:
      return "keep_last4";
    case MaskRule::kRedactValue:
      return "redact_value";
  }
  return "hide_all";
}

std::string Mask(std::string_view value, MaskRule rule) {
  if (rule == MaskRule::kNone) return std::string(value);  // level 1 public data only
  const std::string_view v = TrimAscii(value);
  if (v.empty()) return {};  // nothing to hide
  if (rule == MaskRule::kHideAll) return std::string(kHidden);
  if (rule == MaskRule::kRedactValue) return std::string(kRedacted);
  Chars chars;
  if (!internal::SplitUtf8(v, &chars)) return std::string(kHidden);
  switch (rule) {
    case MaskRule::kFirst6Last4:
      return MaskIdentifier(chars, kMinFirst6Last4, 6, 4);
    case MaskRule::kFirst3Last4:
      return MaskMobile(chars);
    case MaskRule::kKeepLast4:
      return MaskIdentifier(chars, kMinKeepLast4, 0, 4);
    case MaskRule::kFirstChar:
      return chars.size() < kMinFirstChar ? std::string(kHidden) : KeepEnds(chars, 1, 0);
    case MaskRule::kProvinceCityDistrict:
      return MaskAddress(chars);
    case MaskRule::kEmailLocal:
      return MaskEmail(v);
    default:
      return std::string(kHidden);
  }
}

}  // namespace cv::policy
