// ClassifyCell: one pass computes the cell's shape, then a dispatch table runs only the
// detectors whose alphabet, length and digit count the shape fits (GRD-3).
#include <cstdint>
#include <string_view>

#include "grading/detectors.h"
#include "grading/internal/cell_shape.h"

namespace cv::grading {
namespace {

using namespace internal;  // NOLINT: the CharClass bits read as a vocabulary here.

// What a detector needs of a cell before it is worth calling.
struct DetectorSpec {
  ItemType type;
  Verdict (*check)(std::string_view);
  std::uint32_t allowed;                 // every byte's class must be one of these
  std::uint32_t required;                // every one of these classes must occur
  std::uint16_t min_len, max_len;        // bytes
  std::uint16_t min_digits, max_digits;  // ASCII digits
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

// The detectors in report order. Shapes are necessary conditions of each Check* function.
constexpr DetectorSpec kDetectors[] = {
    {ItemType::kResidentId, CheckResidentId, kDigit | kAlpha, 0, 18, 18, 17, 18,
     DetectorSpec::kIdentifier},
    {ItemType::kResidentId15, CheckResidentId15, kDigit, 0, 15, 15, 15, 15,
     DetectorSpec::kIdentifier},
    {ItemType::kBankCard, CheckBankCard, kDigit | kSpace | kDash, 0, 13, 32, 13, 19,
     DetectorSpec::kIdentifier},
    {ItemType::kMobile, CheckMobile, kDigit | kSpace | kDash | kPlus, 0, 11, 20, 11, 15,
     DetectorSpec::kIdentifier},
    {ItemType::kLandline, CheckLandline,
     kDigit | kSpace | kDash | kPlus | kParen | kHash | kLetter | kDot | kHigh, 0, 9, 32, 9, 20,
     DetectorSpec::kIdentifier},
    {ItemType::kUscc, CheckUscc, kDigit | kLetter, 0, 18, 18, 6, 18, DetectorSpec::kIdentifier},
    {ItemType::kPassport, CheckPassport, kDigit | kLetter, 0, 9, 9, 7, 8,
     DetectorSpec::kIdentifier},
    {ItemType::kEmail, CheckEmail, kAlnum | kPunct | kAt, kAt, 3, 254, 0, 254,
     DetectorSpec::kIdentifier},
    {ItemType::kIpAddress, CheckIpAddress, kDigit | kHexAlpha | kColon | kDot, 0, 2, 45, 0, 45,
     DetectorSpec::kIdentifier},
    {ItemType::kDeviceId, CheckDeviceId, kDigit | kHexAlpha | kDash | kColon | kDot | kSpace, 0, 14,
     36, 0, 32, DetectorSpec::kIdentifier},
    {kDateItem, CheckDate,
     kDigit | kDash | kSlash | kDot | kHigh | kSpace | kColon | kPlus | kLetter, 0, 8, 40, 6, 24,
     DetectorSpec::kValue},
    {kAmountItem, CheckAmount,
     kDigit | kComma | kDot | kDash | kPlus | kHigh | kLetter | kSpace | kOther, 0, 1, 40, 1, 20,
     DetectorSpec::kValue},
    {ItemType::kCardExpiry, CheckCardExpiry, kDigit | kSlash, 0, 4, 7, 4, 6, DetectorSpec::kValue},
    {ItemType::kRepaymentStatus, CheckRepaymentStatus, kDigit | kLetter | kStar | kHash | kSlash,
     kLetter, 6, 24, 0, 24, DetectorSpec::kValue},
    {ItemType::kGeoLocation, CheckGeoLocation, kDigit | kDot | kComma | kDash | kSpace,
     kComma | kDot, 9, 45, 4, 40, DetectorSpec::kValue},
    {ItemType::kGender, CheckGender, kLetter | kHigh, 0, 1, 18, 0, 0, DetectorSpec::kWord},
    {ItemType::kMaritalStatus, CheckMaritalStatus, kLetter | kHigh, 0, 6, 12, 0, 0,
     DetectorSpec::kWord},
    {ItemType::kEducation, CheckEducation, kLetter | kHigh | kSpace | kDot, 0, 3, 18, 0, 0,
     DetectorSpec::kWord},
    {ItemType::kReligion, CheckReligion, kLetter | kHigh, 0, 5, 15, 0, 0, DetectorSpec::kWord},
    {ItemType::kBloodType, CheckBloodType, kLetter | kHigh | kPlus | kDash | kSpace | kParen, 0, 1,
     20, 0, 0, DetectorSpec::kWord},
    {ItemType::kPersonName, CheckChineseName, kHigh, kHigh, 6, 60, 0, 0, DetectorSpec::kName},
    {ItemType::kAddress, CheckAddress, kAny & ~kAt, kHigh, 12, 256, 0, 256,
     DetectorSpec::kContainer},
};

bool ShapeFits(const DetectorSpec& d, const CellShape& s) {
  return s.Within(d.allowed) && (s.classes & d.required) == d.required && s.len >= d.min_len &&
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
  for (const DetectorSpec& d : kDetectors) {
    if (!ShapeFits(d, shape) || (d.role == DetectorSpec::kName && word)) continue;
    const Verdict v = d.check(cell);
    if (v == Verdict::kNoMatch) continue;
    Add(out, d.type, v);
    const bool match = v == Verdict::kMatch;
    identifier |= match && d.role == DetectorSpec::kIdentifier;
    word |= match && d.role == DetectorSpec::kWord;
    claimed |= d.role != DetectorSpec::kContainer;
  }
  if (identifier) DropInvalid(out);
  out->numeric = shape.Within(kDigit | kPlus | kDash | kDot | kComma) && IsPlainNumber(cell);
  const bool room = shape.digits >= 4 || shape.Has(kAt);
  out->text_like = room && shape.len >= 7 && !out->numeric && !claimed;
}

}  // namespace cv::grading
