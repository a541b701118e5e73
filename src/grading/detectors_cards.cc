// Payment card detectors: card number (ISO/IEC 7812 IIN + Luhn) and card expiry (GRD-3).
#include <array>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "grading/detectors.h"
#include "grading/internal/cell_shape.h"

namespace cv::grading {
namespace {

using internal::IsDigit;
using internal::ParseDigits;

constexpr std::uint32_t Lengths(int lo, int hi) {
  std::uint32_t m = 0;
  for (int n = lo; n <= hi; ++n) m |= 1u << n;
  return m;
}

// One IIN range: numbers whose first `digits` digits are in [lo, hi] belong to `network` when
// their length is in the `lengths` bit set. The first matching row wins.
struct IinRange {
  int digits;
  int lo;
  int hi;
  std::uint32_t lengths;
  CardNetwork network;
};

// ISO/IEC 7812-1 IIN assignments as the networks publish them; most specific first.
constexpr IinRange kIinRanges[] = {
    {4, 2200, 2204, Lengths(16, 19), CardNetwork::kMir},
    {4, 2221, 2720, Lengths(16, 16), CardNetwork::kMastercard},
    {3, 300, 305, Lengths(14, 19), CardNetwork::kDinersClub},
    {2, 34, 34, Lengths(15, 15), CardNetwork::kAmex},
    {2, 37, 37, Lengths(15, 15), CardNetwork::kAmex},
    {4, 3528, 3589, Lengths(16, 19), CardNetwork::kJcb},
    {2, 36, 36, Lengths(14, 19), CardNetwork::kDinersClub},
    {2, 38, 39, Lengths(16, 19), CardNetwork::kDinersClub},
    {1, 4, 4, Lengths(13, 13) | Lengths(16, 16) | Lengths(19, 19), CardNetwork::kVisa},
    {2, 51, 55, Lengths(16, 16), CardNetwork::kMastercard},
    {2, 50, 50, Lengths(13, 19), CardNetwork::kMaestro},
    {2, 56, 59, Lengths(13, 19), CardNetwork::kMaestro},
    {4, 6011, 6011, Lengths(16, 19), CardNetwork::kDiscover},
    {2, 60, 60, Lengths(16, 19), CardNetwork::kDomestic},
    {2, 62, 62, Lengths(16, 19), CardNetwork::kUnionPay},
    {2, 63, 63, Lengths(13, 19), CardNetwork::kMaestro},
    {3, 644, 649, Lengths(16, 19), CardNetwork::kDiscover},
    {2, 65, 65, Lengths(16, 19), CardNetwork::kDiscover},
    {2, 66, 69, Lengths(13, 19), CardNetwork::kMaestro},
    {2, 81, 81, Lengths(16, 19), CardNetwork::kUnionPay},
    {1, 9, 9, Lengths(16, 19), CardNetwork::kDomestic},
};

constexpr std::uint8_t kNoIinRow = 0xFF;

// The first row of kIinRanges whose prefix range holds each 4-digit prefix (kNoIinRow for none):
// the row a scan of the table in order would stop at.
constexpr auto kIinRowOf = [] {
  std::array<std::uint8_t, 10000> rows{};
  for (int first4 = 0; first4 < 10000; ++first4) {
    const int prefixes[5] = {0, first4 / 1000, first4 / 100, first4 / 10, first4};
    rows[static_cast<std::size_t>(first4)] = kNoIinRow;
    for (std::size_t i = 0; i < std::size(kIinRanges); ++i) {
      const int prefix = prefixes[kIinRanges[i].digits];
      if (prefix >= kIinRanges[i].lo && prefix <= kIinRanges[i].hi) {
        rows[static_cast<std::size_t>(first4)] = static_cast<std::uint8_t>(i);
        break;
      }
    }
  }
  return rows;
}();

// LuhnValid (check_digits.h) for n >= 2 ASCII digits, with the doubling read from a table: the
// last digit must equal the Luhn check digit of the ones before it.
bool LuhnDigitsValid(const char* d, std::size_t n) {
  static constexpr int kDoubled[10] = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};
  int sum = 0;
  bool twice = true;  // the rightmost payload digit is doubled
  for (std::size_t i = n - 1; i-- > 0;) {
    const int digit = d[i] - '0';
    sum += twice ? kDoubled[digit] : digit;
    twice = !twice;
  }
  return d[n - 1] - '0' == (10 - sum % 10) % 10;
}

// Copies the digits of a card number written whole or in groups of >= 3 digits split by single
// spaces or single dashes (one kind per value). False for any other layout.
bool CollectCardDigits(std::string_view v, char out[19], std::size_t* n) {
  char sep = 0;
  std::size_t group = 0;
  *n = 0;
  for (char c : v) {
    if (IsDigit(c)) {
      if (*n == 19) return false;
      out[(*n)++] = c;
      ++group;
      continue;
    }
    if ((c != ' ' && c != '-') || group < 3 || (sep != 0 && c != sep)) return false;
    sep = c;
    group = 0;
  }
  return group >= 3 && *n >= 13;
}

}  // namespace

CardNetwork CardNetworkOf(std::string_view digits) {
  if (digits.size() < 13 || digits.size() > 19) return CardNetwork::kUnknown;
  const int first4 = ParseDigits(digits.substr(0, 4));
  if (first4 < 0) return CardNetwork::kUnknown;
  const std::uint8_t row = kIinRowOf[static_cast<std::size_t>(first4)];
  if (row == kNoIinRow) return CardNetwork::kUnknown;
  const IinRange& r = kIinRanges[row];
  return (r.lengths >> digits.size()) & 1 ? r.network : CardNetwork::kUnknown;
}

Verdict CheckBankCard(std::string_view v) {
  char digits[19];
  std::size_t n = 0;
  if (v.size() > 32 || !CollectCardDigits(v, digits, &n)) return Verdict::kNoMatch;
  const std::string_view number(digits, n);
  if (CardNetworkOf(number) == CardNetwork::kUnknown) return Verdict::kNoMatch;
  return LuhnDigitsValid(digits, n) ? Verdict::kMatch : Verdict::kInvalid;  // ISO/IEC 7812-1 B
}

Verdict CheckCardExpiry(std::string_view v) {
  if (v.size() == 4) {  // MMYY, as embossed without the slash
    const int month = ParseDigits(v.substr(0, 2));
    return month >= 1 && month <= 12 && ParseDigits(v.substr(2)) >= 0 ? Verdict::kMatch
                                                                      : Verdict::kNoMatch;
  }
  if ((v.size() != 5 && v.size() != 7) || v[2] != '/') return Verdict::kNoMatch;
  const int month = ParseDigits(v.substr(0, 2));
  const int year = ParseDigits(v.substr(3));
  if (month < 0 || year < 0) return Verdict::kNoMatch;
  if (v.size() == 7 && (year < 1970 || year > 2099)) return Verdict::kInvalid;
  return month >= 1 && month <= 12 ? Verdict::kMatch : Verdict::kInvalid;
}

}  // namespace cv::grading
