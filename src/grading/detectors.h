// Detectors: validate a single value as a data item (GRD-3), and find identifiers embedded in
// free text with one Vectorscan/Hyperscan multi-pattern pass.
//
// Thread-safety: the Check* functions and ClassifyCell are pure. A TextScanner is immutable and
// shared; each thread needs its own TextScanner::Scratch.
// Invariants:
//  1. A value that has the shape of an item but fails its check (check char, Luhn, region, date)
//     is kInvalid, never kMatch (GRD-3: "validate, not just pattern-match").
//  2. Nothing here allocates on the ClassifyCell path; it runs once per cell of a full scan.
#ifndef CV_GRADING_DETECTORS_H_
#define CV_GRADING_DETECTORS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "common/result.h"
#include "grading/catalog.h"

namespace cv::grading {

enum class Verdict : std::uint8_t { kNoMatch, kMatch, kInvalid };

// Whole-value validators. `v` is one cell with surrounding whitespace already trimmed.
Verdict CheckResidentId(std::string_view v);    // GB 11643: 18 chars, region, date, MOD 11-2.
Verdict CheckResidentId15(std::string_view v);  // legacy 15 digits: region, yymmdd date.
Verdict CheckBankCard(std::string_view v);      // 13-19 digits (spaces/dashes in groups), Luhn, IIN.
Verdict CheckMobile(std::string_view v);        // +86/0086/86 optional, 1[3-9]x{9}, spaces/dashes.
Verdict CheckLandline(std::string_view v);      // 0AA(A)-NNNNNNN(N), optional extension.
Verdict CheckUscc(std::string_view v);          // GB 32100: 18 chars, alphabet, check char.
Verdict CheckPassport(std::string_view v);      // PRC E/G/D/S/P + 8 digits, EA..EZ + 7 digits.
Verdict CheckEmail(std::string_view v);
Verdict CheckIpAddress(std::string_view v);     // IPv4 dotted quad or IPv6 (inet_pton).
Verdict CheckChineseName(std::string_view v);   // surname list incl. compound, 2-4 CJK chars.
Verdict CheckAddress(std::string_view v);       // administrative-division words (省市区县镇路号...).
Verdict CheckDate(std::string_view v);          // YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, YYYY年M月D日.
Verdict CheckAmount(std::string_view v);        // -1,234.56 / 1234 / ¥1,234.00 / 1234.5元
Verdict CheckGender(std::string_view v);        // 男/女/M/F/male/female/未知
Verdict CheckMaritalStatus(std::string_view v); // 未婚/已婚/离异/丧偶/single/married/...
Verdict CheckEducation(std::string_view v);     // 本科/硕士/博士/大专/高中/...
Verdict CheckCardExpiry(std::string_view v);    // MM/YY, MM/YYYY, MMYY
Verdict CheckRepaymentStatus(std::string_view v);  // PBOC 24-month string: N * # / C G D Z 1-7
Verdict CheckGeoLocation(std::string_view v);   // "lat,lng" in range
Verdict CheckDeviceId(std::string_view v);      // IMEI (15 digits, Luhn), UUID/IDFA, MAC
Verdict CheckReligion(std::string_view v);      // 佛教/基督教/伊斯兰教/... (prohibited item)
Verdict CheckBloodType(std::string_view v);     // A/B/AB/O with optional Rh and 型

// The verdicts of every value detector that recognised the cell's shape.
// At most kMaxFindings entries; detectors that say kNoMatch are not listed.
struct CellFindings {
  static constexpr int kMaxFindings = 8;
  struct Finding {
    ItemType type;
    Verdict verdict;
  };
  std::array<Finding, kMaxFindings> items;
  std::uint8_t size = 0;
  // True when the cell looks like prose (long, or CJK/letters mixed with spaces or punctuation):
  // the caller may then search it with a TextScanner.
  bool text_like = false;
  // True when the cell is a plain number (digits, optional sign, '.', ','): a sequence number,
  // a score or an amount.
  bool numeric = false;
};

// Runs all whole-value detectors relevant to the cell's shape.
// REQUIRES: `cell` is trimmed and non-empty, valid UTF-8.
void ClassifyCell(std::string_view cell, CellFindings* out);

// An identifier found inside a longer text.
struct TextFinding {
  ItemType type;
  Verdict verdict;  // kMatch or kInvalid (e.g. an 18-digit ID-shaped run with a bad check char)
  std::size_t offset;
  std::size_t length;
};

// One Hyperscan database of every embeddable identifier (resident IDs, bank cards, mobiles,
// USCC, emails, passports, IP addresses), each hit validated by the Check* function.
class TextScanner {
 public:
  class Scratch;  // per-thread; create with NewScratch().

  static Result<std::unique_ptr<TextScanner>> Create();
  ~TextScanner();

  Result<std::unique_ptr<Scratch>> NewScratch() const;

  // Calls `on_find` for each non-overlapping finding, in order of offset.
  // REQUIRES: `scratch` came from this scanner's NewScratch().
  Status Scan(std::string_view text, Scratch* scratch,
              const std::function<void(const TextFinding&)>& on_find) const;

 private:
  TextScanner() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cv::grading

#endif  // CV_GRADING_DETECTORS_H_
