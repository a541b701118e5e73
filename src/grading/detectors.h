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

// "nomatch" | "match" | "invalid", for logs and test messages.
inline std::string_view VerdictName(Verdict v) {
  return v == Verdict::kMatch ? "match" : v == Verdict::kInvalid ? "invalid" : "nomatch";
}

// Whole-value validators. `v` is one cell with surrounding whitespace already trimmed.
// kNoMatch: the value does not have the item's shape. kMatch: shape and every check pass.
// kInvalid: "looks like the item, fails validation" (invariant 1). The rules, per detector:
//
// GB 11643-1999: 17 digits + digit or 'X' ('x' accepted: spreadsheets lower-case it). Any
// 18-character value of that shape is an ID attempt, so a bad province (see
// internal/regions.h), a birth date that is not a real date in [1900-01-01, today (UTC+8)], or a
// wrong MOD 11-2 check char (6.2) is kInvalid, never kNoMatch.
Verdict CheckResidentId(std::string_view v);
// Legacy 15 digits (before GB 11643-1999): region (province checked) + yymmdd read as 19yy.
// No check digit; a bad province or date is kInvalid.
Verdict CheckResidentId15(std::string_view v);
// 13-19 digits, optionally in groups of >= 3 split by single spaces or single dashes (one kind
// per value, e.g. "6222 0212 3456 7890 123"). No known IIN prefix for that length (see
// CardNetworkOf) -> kNoMatch; a known prefix that fails Luhn (ISO/IEC 7812-1 Annex B) -> kInvalid.
Verdict CheckBankCard(std::string_view v);
// Mainland mobile (GRD-3): optional "+86", "0086" or "86" (then an optional space or dash),
// then 11 digits 1[3-9]xxxxxxxxx, written whole or as 3-4-4 groups split by spaces or dashes.
// kInvalid only for an explicit +86/0086 number 1[0-2]xxxxxxxxx (no such mobile or landline).
Verdict CheckMobile(std::string_view v);
// Landline: optional +86/0086, area code (0)10, (0)2x or (0)[3-9]xx, written "010-", "010 ",
// "(010)" or run on; subscriber 7-8 digits not starting 0 or 1; optional extension after
// '-', '#', "转" or "ext". Never kInvalid.
Verdict CheckLandline(std::string_view v);
// GB 32100-2015: 18 characters; 1: registration authority 1-9, A-G, N or Y; 2: category
// (alphanumeric); 3-8: region, a GB/T 2260 province or 10 (national) + 4 digits; 9-17: body
// code; 18: check char. Values with that prefix shape are USCC attempts: a character outside the
// GB 32100 alphabet (I O S V Z), a wrong GB 11714 check char in position 17, or a wrong
// GB 32100 check char (MOD 31) is kInvalid. Lower case is accepted (folded).
Verdict CheckUscc(std::string_view v);
// PRC passport: E, G, D, S or P + 8 digits; E + letter (no I, O) + 7 digits; SE/DE/PE + 7 digits.
// No check digit in the number itself, so never kInvalid.
Verdict CheckPassport(std::string_view v);
// local@domain (RFC 5321 sizes, RFC 5322 dot-atom local part), domain of >= 2 labels, alphabetic
// TLD. One '@', no spaces, but a rule broken -> kInvalid.
Verdict CheckEmail(std::string_view v);
// IPv4 dotted quad (a quad with an octet > 255 or a leading zero is kInvalid) or IPv6
// (inet_pton; never kInvalid, so "12:30:00" is simply no match).
Verdict CheckIpAddress(std::string_view v);
// 2-4 CJK ideographs opening with a common surname (internal/surnames.cc) or a compound surname
// + 1-2 characters; or a transliterated name of CJK parts joined by a middle dot (阿卜杜·热合曼).
// Known non-name words (高中, 房贷, 江苏, ...) and values ending in an organisation, place or
// product character (...行, ...州, ...族, ...贷) are not names. Never kInvalid: weak evidence.
Verdict CheckChineseName(std::string_view v);
// 6-64 characters, >= 4 of them CJK, with administrative-division words after the first
// character: two region words (省 市 区 县 州 盟 旗 镇 乡), or a region word and a street word
// (路 街 道 巷 弄 号 村 组 栋 幢 楼 室 屯 胡同 单元), or two street words. Not prose (no 。！？；),
// not an organisation name (...公司/银行/医院/中心). Never kInvalid.
Verdict CheckAddress(std::string_view v);
// YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD (1-2 digit month and day), YYYY年M月D日, optionally followed
// by a time "[ T]HH:MM[:SS[.f]][Z|+hh:mm]"; and YYYYMMDD. Years 1900-2099. A separated date
// that is not a real date (2023-02-30, 2023-13-01) is kInvalid; an 8-digit run that is not a
// date is just a number (kNoMatch).
Verdict CheckDate(std::string_view v);
// -1,234.56 / 1234 / ¥1,234.00 / 1234.5元 / RMB 100 / 3.5万元: sign, currency (¥ ￥ $ RMB CNY),
// digits (no leading zero; ',' only in groups of 3), 1-2 decimals, unit (元 万元 万 亿元 亿).
// A bare integer has at most 10 digits (longer runs are identifiers). Never kInvalid.
Verdict CheckAmount(std::string_view v);
Verdict CheckGender(std::string_view v);  // 男/女/男性/女性/未知/未说明/M/F/male/female
Verdict CheckMaritalStatus(std::string_view v);  // GB/T 2261.2 words: 未婚/已婚/离异/丧偶/...
Verdict CheckEducation(std::string_view v);  // GB/T 4658 words: 本科/硕士/博士/大专/高中/...
// MM/YY or MM/YYYY (a month outside 01-12, or a year outside 1970-2099, is kInvalid), or MMYY
// (4 digits, month 01-12; never kInvalid).
Verdict CheckCardExpiry(std::string_view v);
// PBOC 24-month repayment string: 6-24 characters of N * # / C G D Z 1-7, at least one of
// N # / C G D Z (so masked "******" and digit runs are not statuses; a new account's
// "///////////////////////*" is). Never kInvalid.
Verdict CheckRepaymentStatus(std::string_view v);
// "lat,lng" or "lng,lat" (AMap and Baidu write longitude first), ',' or ", ", each number with
// >= 3 decimals. Out of range for both orders -> kInvalid.
Verdict CheckGeoLocation(std::string_view v);
// IMEI: 15 digits (or AA-BBBBBB-CCCCCC-D) whose reporting body (first two digits) is one GSMA
// has used (01 10 30-33 35 44 45 49-54 86 91 98 99); Luhn fails -> kInvalid. UUID/IDFA
// 8-4-4-4-12 hex; MAC 6 hex pairs split by ':' or '-', or xxxx.xxxx.xxxx.
Verdict CheckDeviceId(std::string_view v);
Verdict CheckReligion(std::string_view v);  // 佛教/基督教/伊斯兰教/... (prohibited item, GRD-4)
// A, B, AB, O (upper case), optional 型/型血, optional Rh: "+", "-", "Rh+", "Rh阳性", "RH阴性".
Verdict CheckBloodType(std::string_view v);  // (prohibited item, GRD-4)

// Card networks by IIN prefix (ISO/IEC 7812-1), for CheckBankCard and reports.
enum class CardNetwork : std::uint8_t {
  kUnknown,
  kUnionPay,    // 62, 81 (validator.js counts 81 as UnionPay too); 16-19 digits
  kVisa,        // 4; 13, 16 or 19 digits
  kMastercard,  // 51-55, 2221-2720; 16
  kAmex,        // 34, 37; 15
  kJcb,         // 3528-3589; 16-19
  kDiscover,    // 6011, 644-649, 65; 16-19
  kDinersClub,  // 300-305, 36, 38-39; 14-19
  kMaestro,     // 50, 56-59, 63, 66-69 (67: validator.js calls it UnionPay); 13-19
  kMir,         // 2200-2204; 16-19
  kDomestic,    // 60 (e.g. 601382 Bank of China debit), 9 (national use, e.g. 9558); 16-19
};

// The network of a card number of ASCII digits, kUnknown when no prefix fits its length.
CardNetwork CardNetworkOf(std::string_view digits);

// ClassifyCell reports every date as kDateItem and every amount as kAmountItem: they stand for
// the date and amount families, whose member (account_open_date, income, loan_amount, ...) only
// the column header can tell.
inline constexpr ItemType kDateItem = ItemType::kBirthDate;
inline constexpr ItemType kAmountItem = ItemType::kBalance;

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
  // True when the cell may hold identifiers inside other text: at least 7 bytes with room for
  // one (>= 4 digits or an '@'), not numeric, and no detector but the address one claimed the
  // whole cell (kMatch or kInvalid). The caller may then search it with a TextScanner without
  // counting a whole-cell identifier twice; "北京市朝阳区建国路88号 13812345678" qualifies.
  bool text_like = false;
  // True when the cell is a plain number: [+-]?(digits | d{1,3}(,ddd)+)(.digits)?. A sequence
  // number, a score, an identifier written as a number or an amount.
  bool numeric = false;
};

// Runs all whole-value detectors relevant to the cell's shape (one pass over the bytes decides
// which), in a fixed order. When an identifier detector (resident ID, bank card, USCC, device id,
// mobile, passport, email, IP) says kMatch, the kInvalid verdicts of the others are dropped: a
// valid IMEI is not also "an invalid legacy ID".
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
  // Per-thread working memory for Scan (Hyperscan scratch and a reusable candidate buffer).
  // Thread-compatible: one thread at a time; create with NewScratch().
  class Scratch {
   public:
    ~Scratch();
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

   private:
    friend class TextScanner;
    struct Rep;
    explicit Scratch(std::unique_ptr<Rep> rep);
    std::unique_ptr<Rep> rep_;
  };

  // Where the Vectorscan database comes from. kPrebuilt: the one compiled at build time
  // (internal/text_patterns.h), deserialized in microseconds; when this library version or CPU
  // refuses it, Create compiles instead (about 35 ms). kCompiled: always compile (tests check
  // both find the same).
  enum class Database { kPrebuilt, kCompiled };
  static Result<std::unique_ptr<TextScanner>> Create(Database source = Database::kPrebuilt);
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
