// Identity document detectors: resident ID (GB 11643), its legacy 15-digit form, USCC
// (GB 32100) and PRC passport numbers (GRD-3).
#include <array>
#include <string_view>

#include "grading/detectors.h"
#include "grading/internal/cell_shape.h"
#include "grading/internal/civil_date.h"
#include "grading/internal/regions.h"

namespace cv::grading {
namespace {

using internal::AllDigits;
using internal::IsDigit;
using internal::ParseDigits;
using internal::ToUpperAscii;

// GB 11643-1999 5.2: birth date YYYYMMDD (or, legacy form, YYMMDD in 19YY).
bool BirthDateOk(std::string_view yyyymmdd) {
  return internal::IsPlausibleBirthDate(ParseDigits(yyyymmdd.substr(0, 4)),
                                        ParseDigits(yyyymmdd.substr(4, 2)),
                                        ParseDigits(yyyymmdd.substr(6, 2)));
}

bool ResidentIdShape(std::string_view v) {
  if (v.size() != 18 || !AllDigits(v.substr(0, 17))) return false;
  return IsDigit(v[17]) || v[17] == 'X' || v[17] == 'x';
}

// GB 32100-2015 4.1 a): registration authority codes 1 (机构编制), 2-8 (外交, 司法行政, 文化,
// 民政, 旅游, 宗教, 工会), 9 (工商), A-G (later assignments, e.g. A 中央军委改革和编制办公室),
// N (农业: rural collective economic organisations) and Y (其他).
bool IsRegistrationAuthority(char c) {
  return (c >= '1' && c <= '9') || (c >= 'A' && c <= 'G') || c == 'N' || c == 'Y';
}

// GB 32100-2015 4.2: the code alphabet (no I, O, S, V, Z), in the order of its values.
constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
// GB 32100-2015 4.3: the weights of positions 1-17.
constexpr int kUsccWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
// GB 11714-1997 4.3: the weights of the 8-character organisation code body.
constexpr int kOrgCodeWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};

constexpr signed char kNotAlnum = -2;       // not an ASCII letter or digit
constexpr signed char kNotInAlphabet = -1;  // I, O, S, V, Z in either case

// Per byte, after ASCII upper-casing: the character's GB 32100 value (its index in
// kUsccAlphabet), kNotInAlphabet or kNotAlnum; and its GB 11714 value (digits 0-9, letters
// 10-35; 0 for the rest).
struct UsccTables {
  std::array<signed char, 256> value{};
  std::array<signed char, 256> org{};
  constexpr UsccTables() {
    for (int b = 0; b < 256; ++b) {
      const char c = ToUpperAscii(static_cast<char>(b));
      value[b] = kNotAlnum;
      org[b] = 0;
      if (c >= '0' && c <= '9') org[b] = static_cast<signed char>(c - '0');
      if (c >= 'A' && c <= 'Z') org[b] = static_cast<signed char>(c - 'A' + 10);
      if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) value[b] = kNotInAlphabet;
      const std::size_t at = kUsccAlphabet.find(c);
      if (at != std::string_view::npos && c != '\0') value[b] = static_cast<signed char>(at);
    }
  }
};
constexpr UsccTables kUscc;

int UsccValue(char c) { return kUscc.value[static_cast<unsigned char>(c)]; }

}  // namespace

Verdict CheckResidentId(std::string_view v) {
  if (!ResidentIdShape(v)) return Verdict::kNoMatch;
  if (!internal::IsIdProvinceCode(ParseDigits(v.substr(0, 2)))) return Verdict::kInvalid;
  if (!BirthDateOk(v.substr(6, 8))) return Verdict::kInvalid;
  // GB 11643-1999 6.2 MOD 11-2 (ResidentIdCheckChar, on the 17 digits ResidentIdShape checked).
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheckChars[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (v[i] - '0') * kWeights[i];
  return kCheckChars[sum % 11] == ToUpperAscii(v[17]) ? Verdict::kMatch : Verdict::kInvalid;
}

Verdict CheckResidentId15(std::string_view v) {
  if (v.size() != 15 || !AllDigits(v)) return Verdict::kNoMatch;
  if (!internal::IsIdProvinceCode(ParseDigits(v.substr(0, 2)))) return Verdict::kInvalid;
  char date[8] = {'1', '9', v[6], v[7], v[8], v[9], v[10], v[11]};
  return BirthDateOk(std::string_view(date, 8)) ? Verdict::kMatch : Verdict::kInvalid;
}

// One pass folds and classifies the 18 characters; the checks then read the values. The
// verdicts are those of GB 32100-2015 4.1-4.3 as documented in detectors.h: a value without the
// prefix shape (authority, alphanumerics, region) is kNoMatch, then alphabet, GB 11714 and
// GB 32100 check chars decide between kInvalid and kMatch.
Verdict CheckUscc(std::string_view v) {
  if (v.size() != 18 || !IsRegistrationAuthority(ToUpperAscii(v[0]))) return Verdict::kNoMatch;
  // The region first: every test before the alphabet one says kNoMatch, so their order is free,
  // and this one rejects most values that are not USCCs.
  for (int i = 2; i < 8; ++i) {  // region: 6 digits
    if (!IsDigit(v[i])) return Verdict::kNoMatch;
  }
  if (!internal::IsUsccProvinceCode((v[2] - '0') * 10 + (v[3] - '0'))) return Verdict::kNoMatch;
  int values[18];
  bool not_alnum = false, outside = false;
  for (int i = 0; i < 18; ++i) {
    values[i] = UsccValue(v[i]);
    not_alnum |= values[i] == kNotAlnum;
    outside |= values[i] == kNotInAlphabet;
  }
  if (not_alnum) return Verdict::kNoMatch;
  if (outside) return Verdict::kInvalid;
  int org_sum = 0;  // GB 11714-1997 4.3 on positions 9-16, check char in position 17
  for (int i = 0; i < 8; ++i) {
    org_sum += kUscc.org[static_cast<unsigned char>(v[8 + i])] * kOrgCodeWeights[i];
  }
  const int org_check = 11 - org_sum % 11;
  const char want_org = org_check == 10   ? 'X'
                        : org_check == 11 ? '0'
                                          : static_cast<char>('0' + org_check);
  if (want_org != ToUpperAscii(v[16])) return Verdict::kInvalid;
  int sum = 0;  // GB 32100-2015 4.3 MOD 31 over positions 1-17
  for (int i = 0; i < 17; ++i) sum += values[i] * kUsccWeights[i];
  return (31 - sum % 31) % 31 == values[17] ? Verdict::kMatch : Verdict::kInvalid;
}

Verdict CheckPassport(std::string_view v) {
  if (v.size() != 9) return Verdict::kNoMatch;
  const char a = v[0], b = v[1];
  bool ok = false;
  if ((a == 'E' || a == 'G' || a == 'D' || a == 'S' || a == 'P') && AllDigits(v.substr(1))) {
    ok = true;  // E (e-passport, 2012), G (ordinary, before 2012), D, S, P (diplomatic, service)
  } else if (a == 'E' && b >= 'A' && b <= 'Z' && b != 'I' && b != 'O') {
    ok = AllDigits(v.substr(2));  // EA..EZ + 7 digits, once E + 8 digits ran out
  } else if ((a == 'S' || a == 'D' || a == 'P') && b == 'E') {
    ok = AllDigits(v.substr(2));  // official e-passports SE, DE, PE + 7 digits
  }
  return ok ? Verdict::kMatch : Verdict::kNoMatch;
}

}  // namespace cv::grading
