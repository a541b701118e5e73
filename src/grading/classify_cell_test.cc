// Tests for ClassifyCell: the shape gate, multiple findings per cell, the numeric and
// text_like flags (GRD-3).
#include <gtest/gtest.h>

#include <random>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "grading/detectors.h"
#include "grading/internal/cell_shape.h"

namespace cv::grading {
namespace {

using Finding = CellFindings::Finding;

CellFindings Classify(std::string_view cell) {
  CellFindings f;
  ClassifyCell(cell, &f);
  return f;
}

// The verdict for `type` in `f`, kNoMatch when it is not listed.
Verdict VerdictFor(const CellFindings& f, ItemType type) {
  for (std::uint8_t i = 0; i < f.size; ++i) {
    if (f.items[i].type == type) return f.items[i].verdict;
  }
  return Verdict::kNoMatch;
}

void ExpectFinding(std::string_view cell, ItemType type, Verdict want) {
  EXPECT_EQ(VerdictName(VerdictFor(Classify(cell), type)), VerdictName(want)) << "cell: " << cell;
}

TEST(DetectorsClassifyCellTest, DateCell) {
  ExpectFinding("2023-01-05", kDateItem, Verdict::kMatch);
  EXPECT_FALSE(Classify("2023-01-05").numeric);
  EXPECT_FALSE(Classify("2023-01-05").text_like);
}

TEST(DetectorsClassifyCellTest, MobileCellIsNumericToo) {
  const CellFindings f = Classify("13812345678");
  EXPECT_EQ(VerdictFor(f, ItemType::kMobile), Verdict::kMatch);
  EXPECT_EQ(VerdictFor(f, kAmountItem), Verdict::kNoMatch);  // 11 bare digits: an identifier
  EXPECT_TRUE(f.numeric);
  EXPECT_FALSE(f.text_like);
}

TEST(DetectorsClassifyCellTest, BankCardCell) {
  ExpectFinding("6222021234567890128", ItemType::kBankCard, Verdict::kMatch);
  ExpectFinding("6200000000000005", ItemType::kBankCard, Verdict::kMatch);
  ExpectFinding("6222 0212 3456 7890 128", ItemType::kBankCard, Verdict::kMatch);
  ExpectFinding("6200000000000006", ItemType::kBankCard, Verdict::kInvalid);
}

TEST(DetectorsClassifyCellTest, AmountCellIsNumeric) {
  const CellFindings f = Classify("12.50");
  EXPECT_EQ(VerdictFor(f, kAmountItem), Verdict::kMatch);
  EXPECT_TRUE(f.numeric);
  ExpectFinding("¥1,234.00", kAmountItem, Verdict::kMatch);
  EXPECT_FALSE(Classify("¥1,234.00").numeric);
}

TEST(DetectorsClassifyCellTest, ResidentIdCell) {
  ExpectFinding("11010519491231002X", ItemType::kResidentId, Verdict::kMatch);
  ExpectFinding("110105194912310021", ItemType::kResidentId, Verdict::kInvalid);
  ExpectFinding("110105491231002", ItemType::kResidentId15, Verdict::kMatch);
}

TEST(DetectorsClassifyCellTest, IdentifierCells) {
  ExpectFinding("91350100M000100Y43", ItemType::kUscc, Verdict::kMatch);
  ExpectFinding("E12345678", ItemType::kPassport, Verdict::kMatch);
  ExpectFinding("zhang.san@example.com", ItemType::kEmail, Verdict::kMatch);
  ExpectFinding("192.168.1.1", ItemType::kIpAddress, Verdict::kMatch);
  ExpectFinding("2001:db8::1", ItemType::kIpAddress, Verdict::kMatch);
  ExpectFinding("123e4567-e89b-12d3-a456-426614174000", ItemType::kDeviceId, Verdict::kMatch);
  ExpectFinding("010-62345678", ItemType::kLandline, Verdict::kMatch);
  ExpectFinding("+86 138 1234 5678", ItemType::kMobile, Verdict::kMatch);
}

TEST(DetectorsClassifyCellTest, ValueCells) {
  ExpectFinding("张三", ItemType::kPersonName, Verdict::kMatch);
  ExpectFinding("欧阳娜娜", ItemType::kPersonName, Verdict::kMatch);
  ExpectFinding("北京市朝阳区建国路88号", ItemType::kAddress, Verdict::kMatch);
  ExpectFinding("男", ItemType::kGender, Verdict::kMatch);
  ExpectFinding("已婚", ItemType::kMaritalStatus, Verdict::kMatch);
  ExpectFinding("本科", ItemType::kEducation, Verdict::kMatch);
  ExpectFinding("12/25", ItemType::kCardExpiry, Verdict::kMatch);
  ExpectFinding("NNNNNN123NNN", ItemType::kRepaymentStatus, Verdict::kMatch);
  ExpectFinding("39.908823,116.397470", ItemType::kGeoLocation, Verdict::kMatch);
  ExpectFinding("佛教", ItemType::kReligion, Verdict::kMatch);
  ExpectFinding("AB型", ItemType::kBloodType, Verdict::kMatch);
}

// A closed vocabulary word is not also a name: 穆斯林 opens with the surname 穆.
TEST(DetectorsClassifyCellTest, VocabularyWordIsNotAName) {
  const CellFindings f = Classify("穆斯林");
  EXPECT_EQ(VerdictFor(f, ItemType::kReligion), Verdict::kMatch);
  EXPECT_EQ(VerdictFor(f, ItemType::kPersonName), Verdict::kNoMatch);
  EXPECT_EQ(CheckChineseName("穆斯林"), Verdict::kMatch);  // the name detector alone says yes
}

// A valid IMEI is not also "an invalid legacy resident ID" (region 49 is no province).
TEST(DetectorsClassifyCellTest, IdentifierMatchDropsOtherInvalids) {
  EXPECT_EQ(CheckResidentId15("490154203237518"), Verdict::kInvalid);
  const CellFindings f = Classify("490154203237518");
  EXPECT_EQ(VerdictFor(f, ItemType::kDeviceId), Verdict::kMatch);
  EXPECT_EQ(VerdictFor(f, ItemType::kResidentId15), Verdict::kNoMatch);
}

// Without a matching identifier, kInvalid findings stay: an 18-digit number that is neither a
// valid ID nor a valid card.
TEST(DetectorsClassifyCellTest, InvalidsStayWithoutAMatch) {
  const CellFindings f = Classify("620102199001011232");
  EXPECT_EQ(VerdictFor(f, ItemType::kResidentId), Verdict::kInvalid);
  EXPECT_EQ(VerdictFor(f, ItemType::kBankCard), Verdict::kInvalid);
}

TEST(DetectorsClassifyCellTest, NumericFlag) {
  for (const char* n : {"0", "-12", "+3.5", "1,234", "1,234,567.89", "13812345678"}) {
    EXPECT_TRUE(Classify(n).numeric) << n;
  }
  for (const char* n : {"1,23", "1.2.3", "12,", ".5", "5.", "-", "1e5", "12 34", "13812345678,1"}) {
    EXPECT_FALSE(Classify(n).numeric) << n;
  }
}

TEST(DetectorsClassifyCellTest, TextLikeFlag) {
  for (const char* t :
       {"客户张三，手机13812345678，身份证11010519491231002X", "北京市朝阳区建国路88号 13812345678",
        "ID:110105194912310021", "13812345678,13987654321", "联系邮箱 a@b.com"}) {
    EXPECT_TRUE(Classify(t).text_like) << t;
  }
  for (const char* t : {"张三", "正常还款", "13812345678", "a@b.com", "2023-01-05 12:30:00",
                        "123456789012", "备注：无", "abc"}) {
    EXPECT_FALSE(Classify(t).text_like) << t;
  }
}

TEST(DetectorsClassifyCellTest, PlainWordsHaveNoFindings) {
  for (const char* t : {"正常", "abc", "N", "-", "备注"}) {
    EXPECT_EQ(Classify(t).size, 0) << t;
  }
}

// The findings array never overflows and is reset between calls.
TEST(DetectorsClassifyCellTest, ReusedFindingsAreReset) {
  CellFindings f;
  ClassifyCell("13812345678", &f);
  ASSERT_GT(f.size, 0);
  ClassifyCell("正常", &f);
  EXPECT_EQ(f.size, 0);
  EXPECT_FALSE(f.numeric);
}

// The shape gate is only an optimisation: for every value, ClassifyCell reports exactly what
// calling every Check* function reports, less the documented drops (kInvalid after an
// identifier kMatch; the name after a vocabulary word; the address on a cell holding '@', which
// the gate's alphabet for addresses leaves out though CheckAddress does not test it).
void ExpectSameAsEveryDetector(std::string_view cell) {
  struct Direct {
    ItemType type;
    Verdict (*check)(std::string_view);
    bool identifier;
    bool word;
  };
  const Direct kAll[] = {
      {ItemType::kResidentId, CheckResidentId, true, false},
      {ItemType::kResidentId15, CheckResidentId15, true, false},
      {ItemType::kBankCard, CheckBankCard, true, false},
      {ItemType::kMobile, CheckMobile, true, false},
      {ItemType::kLandline, CheckLandline, true, false},
      {ItemType::kUscc, CheckUscc, true, false},
      {ItemType::kPassport, CheckPassport, true, false},
      {ItemType::kEmail, CheckEmail, true, false},
      {ItemType::kIpAddress, CheckIpAddress, true, false},
      {ItemType::kDeviceId, CheckDeviceId, true, false},
      {kDateItem, CheckDate, false, false},
      {kAmountItem, CheckAmount, false, false},
      {ItemType::kCardExpiry, CheckCardExpiry, false, false},
      {ItemType::kRepaymentStatus, CheckRepaymentStatus, false, false},
      {ItemType::kGeoLocation, CheckGeoLocation, false, false},
      {ItemType::kGender, CheckGender, false, true},
      {ItemType::kMaritalStatus, CheckMaritalStatus, false, true},
      {ItemType::kEducation, CheckEducation, false, true},
      {ItemType::kReligion, CheckReligion, false, true},
      {ItemType::kBloodType, CheckBloodType, false, true},
      {ItemType::kPersonName, CheckChineseName, false, false},
      {ItemType::kAddress, CheckAddress, false, false},
  };
  CellFindings want;
  bool identifier = false, word = false;
  for (const Direct& d : kAll) {
    const Verdict v = d.check(cell);
    identifier |= d.identifier && v == Verdict::kMatch;
    if (d.type == ItemType::kPersonName && word) continue;
    if (d.type == ItemType::kAddress && cell.find('@') != std::string_view::npos) continue;
    word |= d.word && v == Verdict::kMatch;
    if (v != Verdict::kNoMatch) want.items[want.size++] = {d.type, v};
  }
  const CellFindings got = Classify(cell);
  for (const Finding& f : std::span(want.items.data(), want.size)) {
    if (identifier && f.verdict == Verdict::kInvalid) continue;
    EXPECT_EQ(VerdictName(VerdictFor(got, f.type)), VerdictName(f.verdict))
        << "cell: " << cell << ", type " << static_cast<int>(f.type);
  }
  for (const Finding& f : std::span(got.items.data(), got.size)) {
    EXPECT_EQ(VerdictName(VerdictFor(want, f.type)), VerdictName(f.verdict))
        << "cell: " << cell << ", type " << static_cast<int>(f.type);
  }
}

TEST(DetectorsClassifyCellTest, ShapeGateHidesNoVerdict) {
  const char* kCorpus[] = {"11010519491231002X",
                           "11010519491231002x",
                           "110105194912310021",
                           "160323197806058856",
                           "110105491231002",
                           "110101940231001",
                           "490154203237518",
                           "490154203237519",
                           "49-015420-323751-8",
                           "4111111111111111",
                           "4111 1111 1111 1111",
                           "4111-1111-1111-1111",
                           "4111111111111112",
                           "6222021234567890128",
                           "620102199001011232",
                           "620102199001011230",
                           "13812345678",
                           "138 1234 5678",
                           "+86 138-1234-5678",
                           "+86 12012345678",
                           "0086 13812345678",
                           "010-62345678",
                           "(010)62345678",
                           "0755-26543210 ext 12",
                           "010-62345678转8001",
                           "91350100M000100Y43",
                           "91350100m000100y43",
                           "91350100M000100Y40",
                           "A1110000600037341L",
                           "E12345678",
                           "EA1234567",
                           "zhang.san@example.com",
                           "a@b",
                           "o'neil@example.org",
                           "192.168.1.1",
                           "256.1.1.1",
                           "2001:db8::1",
                           "12:30:00",
                           "00:1A:2B:3C:4D:5E",
                           "001a.2b3c.4d5e",
                           "123e4567-e89b-12d3-a456-426614174000",
                           "2023-01-05",
                           "2023-02-30",
                           "20230105",
                           "2023年1月5日",
                           "2023-01-05T12:30:00+08:00",
                           "-1,234.56",
                           "¥1,234.00",
                           "1234.5元",
                           "RMB 100",
                           "$99.99",
                           "12.50",
                           "0",
                           "1234",
                           "12/25",
                           "13/25",
                           "0125",
                           "NNNNNN123NNN",
                           "CCCCCC",
                           "//////NNNNNN",
                           "39.908823,116.397470",
                           "91.000,181.000",
                           "男",
                           "M",
                           "female",
                           "已婚",
                           "divorced",
                           "本科",
                           "High School",
                           "ph.d.",
                           "佛教",
                           "穆斯林",
                           "Buddhist",
                           "AB型",
                           "O型Rh阴性",
                           "A+",
                           "A(+)",
                           "张三",
                           "欧阳娜娜",
                           "阿卜杜·热合曼",
                           "高中",
                           "北京市朝阳区建国路88号",
                           "建国路88号院3号楼2单元501室",
                           "正常",
                           "abc",
                           "N",
                           "客户张三，手机13812345678",
                           "ID:110105194912310021"};
  for (const char* cell : kCorpus) ExpectSameAsEveryDetector(cell);
}

// Numbers of every length (the all-digit length rule), with the prefixes that change what they
// can be: a trunk 0, "86" and "0086", dates, card and ID prefixes.
TEST(DetectorsClassifyCellTest, ShapeGateHidesNoVerdictOnNumbers) {
  std::mt19937 rng(13);
  const char* kPrefixes[] = {"",         "0",        "00", "86", "0086", "1",        "13",  "2023",
                             "19991231", "11010519", "62", "4",  "35",   "86123456", "0755"};
  for (const char* prefix : kPrefixes) {
    for (std::size_t len = 1; len <= 70; ++len) {
      for (int k = 0; k < 20; ++k) {
        std::string cell = prefix;
        while (cell.size() < len) cell.push_back(static_cast<char>('0' + rng() % 10));
        cell.resize(len);
        ExpectSameAsEveryDetector(cell);
      }
    }
  }
}

// Random cells over the bytes the detectors care about.
TEST(DetectorsClassifyCellTest, ShapeGateHidesNoVerdictOnRandomCells) {
  std::mt19937 rng(29);
  const std::vector<std::string> pieces = {
      "0", "1", "3", "8", "9", "X", "x", "A", "E",  "f",  "N",  "-",  " ", "+",  ".",  ",",
      ":", "/", "(", ")", "#", "*", "@", "_", "年", "月", "日", "元", "·", "市", "路", "张"};
  for (int i = 0; i < 30000; ++i) {
    std::string cell;
    const std::size_t n = 1 + rng() % 24;
    for (std::size_t k = 0; k < n; ++k) cell += pieces[rng() % pieces.size()];
    ExpectSameAsEveryDetector(cell);
  }
}

TEST(DetectorsClassifyCellTest, EveryCheckRejectsEmpty) {
  for (auto check : {CheckResidentId,  CheckResidentId15, CheckBankCard,
                     CheckMobile,      CheckLandline,     CheckUscc,
                     CheckPassport,    CheckEmail,        CheckIpAddress,
                     CheckChineseName, CheckAddress,      CheckDate,
                     CheckAmount,      CheckGender,       CheckMaritalStatus,
                     CheckEducation,   CheckCardExpiry,   CheckRepaymentStatus,
                     CheckGeoLocation, CheckDeviceId,     CheckReligion,
                     CheckBloodType}) {
    EXPECT_EQ(check(""), Verdict::kNoMatch);
  }
  EXPECT_EQ(Classify("").size, 0);
}

// Arbitrary bytes (including broken UTF-8) never crash a detector or overflow the findings;
// run under CV_SANITIZE=ON this also checks every read stays in bounds.
TEST(DetectorsClassifyCellTest, ArbitraryBytesAreSafe) {
  const std::string alphabet =
      std::string("0123456789Xx -+./:,@#*()NCGDZ年月日元¥北京市区路号张王") +
      "\x80\xE4\xB8\xF0\xC2";
  std::uint32_t seed = 12345;
  auto next = [&seed] { return seed = seed * 1103515245u + 12345u, seed >> 8; };
  for (int i = 0; i < 20000; ++i) {
    std::string cell;
    const std::size_t len = 1 + next() % 40;
    for (std::size_t j = 0; j < len; ++j) cell += alphabet[next() % alphabet.size()];
    const CellFindings f = Classify(cell);
    ASSERT_LE(f.size, CellFindings::kMaxFindings);
    for (const Finding& x : std::span(f.items.data(), f.size)) {
      ASSERT_NE(x.verdict, Verdict::kNoMatch);
    }
  }
}

TEST(DetectorsClassifyCellTest, ShapeCountsBytes) {
  const internal::CellShape s = internal::ComputeShape("A1b-中");
  EXPECT_EQ(s.len, 7u);
  EXPECT_EQ(s.digits, 1u);
  EXPECT_EQ(s.classes, internal::kHexAlpha | internal::kDigit | internal::kDash | internal::kHigh);
  EXPECT_TRUE(s.Has(internal::kDash));
  EXPECT_TRUE(s.Within(internal::kAlnum | internal::kDash | internal::kHigh));
  EXPECT_FALSE(s.Within(internal::kAlnum | internal::kHigh));
}

}  // namespace
}  // namespace cv::grading
