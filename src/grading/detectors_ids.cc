// Identity document detectors: resident ID (GB 11643), its legacy 15-digit form, USCC
// (GB 32100) and PRC passport numbers (GRD-3).
#include <string_view>

#include "grading/check_digits.h"
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

// GB 32100-2015 4.2: the code alphabet (no I, O, S, V, Z).
bool InUsccAlphabet(char c) {
  if (IsDigit(c)) return true;
  return c >= 'A' && c <= 'Y' && c != 'I' && c != 'O' && c != 'S' && c != 'V';
}

// Upper-cases an 18-character alphanumeric value into `out`; false on any other character.
bool FoldUscc(std::string_view v, char out[18]) {
  if (v.size() != 18) return false;
  for (int i = 0; i < 18; ++i) {
    if (!internal::IsAlnum(v[i])) return false;
    out[i] = ToUpperAscii(v[i]);
  }
  return true;
}

// GB 32100-2015 4.1: positions 1-8 (authority, category, region) look like a USCC.
bool UsccPrefixShape(const char u[18]) {
  if (!IsRegistrationAuthority(u[0])) return false;
  if (!AllDigits(std::string_view(u + 2, 6))) return false;
  return internal::IsUsccProvinceCode(ParseDigits(std::string_view(u + 2, 2)));
}

// GB 11714-1997 4.3: check char of the 8-character organisation code body; weights
// 3 7 9 10 5 8 4 2, letters count 10-35, C9 = 11 - sum mod 11 (10 -> 'X', 11 -> '0').
char OrgCodeCheckChar(std::string_view body) {
  static constexpr int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 8; ++i) {
    const char c = body[i];
    sum += (IsDigit(c) ? c - '0' : c - 'A' + 10) * kWeights[i];
  }
  const int check = 11 - sum % 11;
  return check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
}

}  // namespace

Verdict CheckResidentId(std::string_view v) {
  if (!ResidentIdShape(v)) return Verdict::kNoMatch;
  if (!internal::IsIdProvinceCode(ParseDigits(v.substr(0, 2)))) return Verdict::kInvalid;
  if (!BirthDateOk(v.substr(6, 8))) return Verdict::kInvalid;
  const auto check = ResidentIdCheckChar(v.substr(0, 17));  // GB 11643-1999 6.2 MOD 11-2
  return check && *check == ToUpperAscii(v[17]) ? Verdict::kMatch : Verdict::kInvalid;
}

Verdict CheckResidentId15(std::string_view v) {
  if (v.size() != 15 || !AllDigits(v)) return Verdict::kNoMatch;
  if (!internal::IsIdProvinceCode(ParseDigits(v.substr(0, 2)))) return Verdict::kInvalid;
  char date[8] = {'1', '9', v[6], v[7], v[8], v[9], v[10], v[11]};
  return BirthDateOk(std::string_view(date, 8)) ? Verdict::kMatch : Verdict::kInvalid;
}

Verdict CheckUscc(std::string_view v) {
  char u[18];
  if (v.size() != 18 || !IsRegistrationAuthority(ToUpperAscii(v[0]))) return Verdict::kNoMatch;
  if (!FoldUscc(v, u) || !UsccPrefixShape(u)) return Verdict::kNoMatch;
  for (char c : u) {
    if (!InUsccAlphabet(c)) return Verdict::kInvalid;
  }
  if (OrgCodeCheckChar(std::string_view(u + 8, 8)) != u[16]) return Verdict::kInvalid;
  const auto check = UsccCheckChar(std::string_view(u, 17));  // GB 32100-2015 4.3
  return check && *check == u[17] ? Verdict::kMatch : Verdict::kInvalid;
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
