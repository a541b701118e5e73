// ClassifyCell: one pass computes the cell's shape, then a dispatch table runs only the
// detectors whose alphabet, length and digit count the shape fits (GRD-3).
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "grading/detectors.h"
#include "grading/internal/cell_shape.h"
#include "grading/internal/vocabulary.h"

namespace cv::grading {
namespace {

using namespace internal;  // NOLINT: the CharClass bits read as a vocabulary here.

// What a detector needs of a cell before it is worth calling.
struct DetectorSpec {
  ItemType type;                       // kNone for the vocabulary entry
  Verdict (*check)(std::string_view);  // nullptr for the vocabulary entry (internal::LookupWord)
  std::uint32_t allowed;               // every byte's class must be one of these
  std::uint32_t required;              // one of these classes at least must occur (0: none needed)
  std::uint16_t min_len, max_len;      // bytes
  std::uint16_t min_digits, max_digits;  // ASCII digits
  // For a cell of ASCII digits only: bit n set when the check can say anything but kNoMatch for
  // n digits (bit 63: 63 or more). Read off each Check* function (detectors.h); most numbers
  // are only one or two lengths of an item (an 8-digit date, a 15-digit IMEI).
  std::uint64_t digit_lengths;
  enum Role : std::uint8_t {
    kValue,       // an ordinary value detector
    kIdentifier,  // its kMatch drops the other detectors' kInvalid
    kWord,        // a closed vocabulary: its kMatch stops the name detector
    kName,        // skipped once a kWord detector matched
    kContainer,   // may hold identifiers: its kMatch leaves the cell text_like
  } role;
};

constexpr std::uint32_t kPunct =
    kDash | kPlus | kDot | kComma | kColon | kSlash | kStar | kHash | kParen | kUnderscore | kOther;
constexpr std::uint32_t kAny = 0xFFFFFFFFu;

// digit_lengths values: lengths lo..hi, and every length (no all-digit rule beyond the shape).
constexpr std::uint64_t Lengths(int lo, int hi) {
  std::uint64_t m = 0;
  for (int n = lo; n <= hi; ++n) m |= std::uint64_t{1} << n;
  return m;
}
constexpr std::uint64_t kAnyLength = ~std::uint64_t{0};

// The detectors in report order. Shapes are necessary conditions of each Check* function.
constexpr DetectorSpec kDetectors[] = {
    // GB 11643: 17 digits + a digit or X.
    {ItemType::kResidentId, CheckResidentId, kDigit | kAlpha, 0, 18, 18, 17, 18, Lengths(18, 18),
     DetectorSpec::kIdentifier},
    {ItemType::kResidentId15, CheckResidentId15, kDigit, 0, 15, 15, 15, 15, Lengths(15, 15),
     DetectorSpec::kIdentifier},
    {ItemType::kBankCard, CheckBankCard, kDigit | kSpace | kDash, 0, 13, 32, 13, 19,
     Lengths(13, 19), DetectorSpec::kIdentifier},
    // 11 digits, after "86" (13) or "0086" (15).
    {ItemType::kMobile, CheckMobile, kDigit | kSpace | kDash | kPlus, 0, 11, 20, 11, 15,
     Lengths(11, 11) | Lengths(13, 13) | Lengths(15, 15), DetectorSpec::kIdentifier},
    {ItemType::kLandline, CheckLandline,
     kDigit | kSpace | kDash | kPlus | kParen | kHash | kLetter | kDot | kHigh, 0, 9, 32, 9, 20,
     kAnyLength, DetectorSpec::kIdentifier},
    {ItemType::kUscc, CheckUscc, kDigit | kLetter, 0, 18, 18, 6, 18, Lengths(18, 18),
     DetectorSpec::kIdentifier},
    {ItemType::kPassport, CheckPassport, kDigit | kLetter, 0, 9, 9, 7, 8, kAnyLength,
     DetectorSpec::kIdentifier},
    {ItemType::kEmail, CheckEmail, kAlnum | kPunct | kAt, kAt, 3, 254, 0, 254, kAnyLength,
     DetectorSpec::kIdentifier},
    {ItemType::kIpAddress, CheckIpAddress, kDigit | kDot, kDot, 7, 15, 4, 12, kAnyLength,
     DetectorSpec::kIdentifier},  // IPv4
    {ItemType::kIpAddress, CheckIpAddress, kDigit | kHexAlpha | kColon | kDot, kColon, 2, 45, 0, 45,
     kAnyLength, DetectorSpec::kIdentifier},  // IPv6
    // UUID and MAC need separators; an IMEI of digits only is 15 long.
    {ItemType::kDeviceId, CheckDeviceId, kDigit | kHexAlpha | kDash | kColon | kDot | kSpace, 0, 14,
     36, 0, 32, Lengths(15, 15), DetectorSpec::kIdentifier},
    // Without separators only YYYYMMDD.
    {kDateItem, CheckDate,
     kDigit | kDash | kSlash | kDot | kHigh | kSpace | kColon | kPlus | kLetter, 0, 8, 40, 6, 24,
     Lengths(8, 8), DetectorSpec::kValue},
    // A bare integer has at most 10 digits.
    {kAmountItem, CheckAmount,
     kDigit | kComma | kDot | kDash | kPlus | kHigh | kLetter | kSpace | kOther, 0, 1, 40, 1, 20,
     Lengths(1, 10), DetectorSpec::kValue},
    // MMYY; MM/YY and MM/YYYY have a slash.
    {ItemType::kCardExpiry, CheckCardExpiry, kDigit | kSlash, 0, 4, 7, 4, 6, Lengths(4, 4),
     DetectorSpec::kValue},
    {ItemType::kRepaymentStatus, CheckRepaymentStatus, kDigit | kLetter | kStar | kHash | kSlash,
     kLetter | kHash | kSlash, 6, 24, 0, 24, kAnyLength, DetectorSpec::kValue},
    {ItemType::kGeoLocation, CheckGeoLocation, kDigit | kDot | kComma | kDash | kSpace, kComma, 9,
     45, 4, 40, kAnyLength, DetectorSpec::kValue},
    // One hash probe answers for gender, marital status, education and religion words.
    {ItemType::kNone, nullptr, kLetter | kHigh | kSpace | kDot, 0, 1, 31, 0, 0, kAnyLength,
     DetectorSpec::kWord},
    {ItemType::kBloodType, CheckBloodType, kLetter | kHigh | kPlus | kDash | kSpace | kParen, 0, 1,
     20, 0, 0, kAnyLength, DetectorSpec::kWord},
    {ItemType::kPersonName, CheckChineseName, kHigh, kHigh, 6, 60, 0, 0, kAnyLength,
     DetectorSpec::kName},
    {ItemType::kAddress, CheckAddress, kAny & ~kAt, kHigh, 12, 256, 0, 256, kAnyLength,
     DetectorSpec::kContainer},
};

constexpr std::size_t kDetectorCount = std::size(kDetectors);
static_assert(kDetectorCount <= 32, "candidate sets are 32-bit masks");

// kAllowing[c]: the detectors whose alphabet includes byte class 1 << c. A cell's candidates are
// the intersection over the classes it contains, so most detectors are never looked at.
constexpr std::array<std::uint32_t, 32> kAllowing = [] {
  std::array<std::uint32_t, 32> a{};
  for (std::size_t c = 0; c < 32; ++c) {
    for (std::size_t i = 0; i < kDetectorCount; ++i) {
      if (kDetectors[i].allowed & (1u << c)) a[c] |= 1u << i;
    }
  }
  return a;
}();

// kFitsLength[n] / kFitsDigits[n]: the detectors whose byte length / digit count range holds n;
// index 64 stands for "64 or more" (SizesFit then checks the exact bound).
constexpr std::size_t kBuckets = 65;
template <typename Lo, typename Hi>
constexpr std::array<std::uint32_t, kBuckets> RangeMasks(Lo lo, Hi hi) {
  std::array<std::uint32_t, kBuckets> a{};
  for (std::size_t n = 0; n < kBuckets; ++n) {
    for (std::size_t i = 0; i < kDetectorCount; ++i) {
      const bool fits = n < kBuckets - 1 ? lo(kDetectors[i]) <= n && n <= hi(kDetectors[i])
                                         : hi(kDetectors[i]) >= n;
      if (fits) a[n] |= 1u << i;
    }
  }
  return a;
}
constexpr auto kFitsLength = RangeMasks([](const DetectorSpec& d) { return d.min_len; },
                                        [](const DetectorSpec& d) { return d.max_len; });
constexpr auto kFitsDigits = RangeMasks([](const DetectorSpec& d) { return d.min_digits; },
                                        [](const DetectorSpec& d) { return d.max_digits; });

// kFitsAllDigits[n]: the detectors whose digit_lengths admit a cell of n digits only.
constexpr std::array<std::uint32_t, kBuckets> kFitsAllDigits = [] {
  std::array<std::uint32_t, kBuckets> a{};
  for (std::size_t n = 0; n < kBuckets; ++n) {
    for (std::size_t i = 0; i < kDetectorCount; ++i) {
      if ((kDetectors[i].digit_lengths >> std::min<std::size_t>(n, 63)) & 1) a[n] |= 1u << i;
    }
  }
  return a;
}();

// The detectors whose alphabet, length range and digit range admit the cell.
std::uint32_t Candidates(const CellShape& s) {
  std::uint32_t set = kFitsLength[std::min<std::size_t>(s.len, kBuckets - 1)] &
                      kFitsDigits[std::min<std::size_t>(s.digits, kBuckets - 1)];
  if (s.classes == kDigit) set &= kFitsAllDigits[std::min<std::size_t>(s.len, kBuckets - 1)];
  for (std::uint32_t classes = s.classes; classes != 0 && set != 0; classes &= classes - 1) {
    set &= kAllowing[std::countr_zero(classes)];
  }
  return set;
}

// The rest of the shape test, for a detector whose alphabet fits.
bool SizesFit(const DetectorSpec& d, const CellShape& s) {
  return (d.required == 0 || (s.classes & d.required) != 0) && s.len >= d.min_len &&
         s.len <= d.max_len && s.digits >= d.min_digits && s.digits <= d.max_digits;
}

// [+-]?(digits | d{1,3}(,ddd)+)(.digits)?
bool IsPlainNumber(std::string_view v) {
  if (!v.empty() && (v[0] == '+' || v[0] == '-')) v.remove_prefix(1);
  std::size_t i = 0, group = 0, digits = 0;
  bool grouped = false;
  for (; i < v.size() && v[i] != '.'; ++i) {
    if (IsDigit(v[i])) {
      ++group, ++digits;
    } else if (v[i] == ',' && group >= 1 && group <= 3 && (!grouped || group == 3)) {
      grouped = true, group = 0;
    } else {
      return false;
    }
  }
  if (digits == 0 || (grouped && group != 3)) return false;
  if (i == v.size()) return true;
  return i + 1 < v.size() && AllDigits(v.substr(i + 1));
}

void Add(CellFindings* out, ItemType type, Verdict verdict) {
  if (out->size == CellFindings::kMaxFindings) return;
  out->items[out->size++] = {type, verdict};
}

// Drops kInvalid findings (after an identifier matched the cell).
void DropInvalid(CellFindings* out) {
  std::uint8_t kept = 0;
  for (std::uint8_t i = 0; i < out->size; ++i) {
    if (out->items[i].verdict != Verdict::kInvalid) out->items[kept++] = out->items[i];
  }
  out->size = kept;
}

}  // namespace

void ClassifyCell(std::string_view cell, CellFindings* out) {
  out->size = 0;
  const CellShape shape = ComputeShape(cell);
  bool identifier = false, word = false, claimed = false;
  for (std::uint32_t set = Candidates(shape); set != 0; set &= set - 1) {
    const DetectorSpec& d = kDetectors[std::countr_zero(set)];
    if (!SizesFit(d, shape) || (d.role == DetectorSpec::kName && word)) continue;
    ItemType type = d.type;
    Verdict v = Verdict::kNoMatch;
    if (d.check != nullptr) {
      v = d.check(cell);
    } else if ((type = LookupWord(cell)) != ItemType::kNone) {
      v = Verdict::kMatch;
    }
    if (v == Verdict::kNoMatch) continue;
    Add(out, type, v);
    const bool match = v == Verdict::kMatch;
    identifier |= match && d.role == DetectorSpec::kIdentifier;
    word |= match && d.role == DetectorSpec::kWord;
    claimed |= d.role != DetectorSpec::kContainer;
  }
  if (identifier) DropInvalid(out);
  // A non-empty run of digits is a plain number without reading it again.
  out->numeric = shape.classes == kDigit ||
                 (shape.Within(kDigit | kPlus | kDash | kDot | kComma) && IsPlainNumber(cell));
  const bool room = shape.digits >= 4 || shape.Has(kAt);
  out->text_like = room && shape.len >= 7 && !out->numeric && !claimed;
}

}  // namespace cv::grading
