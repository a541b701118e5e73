// Tests for the value detectors: email, IP, device ids, geolocation, dates, amounts, card
// expiry, repayment status, vocabularies, names and addresses (GRD-3, GRD-4).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "grading/detectors.h"
#include "grading/internal/surnames.h"

namespace cv::grading {
namespace {

// Expects `check` to give `want` for every value.
void ExpectAll(Verdict (*check)(std::string_view), const std::vector<std::string>& values,
               Verdict want) {
  for (const std::string& v : values) {
    EXPECT_EQ(VerdictName(check(v)), VerdictName(want)) << "value: " << v;
  }
}

// ---- Email ----

TEST(DetectorsEmailTest, Addresses) {
  ExpectAll(CheckEmail,
            {"zhang.san@example.com", "a@b.cn", "li_si+credit@mail.bank.com.cn", "x@xn--fiqs8s.cn",
             "o'neil@example.org"},
            Verdict::kMatch);
}

// One '@' and no spaces make an email attempt; a broken rule is then kInvalid.
TEST(DetectorsEmailTest, BrokenAddressesAreInvalid) {
  ExpectAll(CheckEmail,
            {"a@b", "a@b.c", ".a@b.com", "a.@b.com", "a..b@c.com", "a@-b.com", "a@b-.com",
             "a@b..com", "a@b.c0m", std::string(65, 'a') + "@b.com"},
            Verdict::kInvalid);
}

TEST(DetectorsEmailTest, NonAddresses) {
  ExpectAll(CheckEmail, {"@weibo_user", "user@", "a@b@c.com", "a b@c.com", "张三@公司.中国", "abc"},
            Verdict::kNoMatch);
}

// ---- IP address ----

TEST(DetectorsIpTest, Addresses) {
  ExpectAll(CheckIpAddress,
            {"192.168.1.1", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::1", "fe80::1:2:3:4",
             "::ffff:192.0.2.1"},
            Verdict::kMatch);
}

TEST(DetectorsIpTest, OutOfRangeQuadIsInvalid) {
  ExpectAll(CheckIpAddress, {"256.1.1.1", "1.2.3.999", "01.2.3.4", "192.168.001.1"},
            Verdict::kInvalid);
}

// Times, MACs and version strings are no addresses (and never an invalid one).
TEST(DetectorsIpTest, NonAddresses) {
  ExpectAll(
      CheckIpAddress,
      {"12:30:00", "00:1A:2B:3C:4D:5E", "1.2.3", "1.2.3.4.5", "1..2.3", "1234.1.1.1", "12.50", ":"},
      Verdict::kNoMatch);
}

// ---- Device id ----

TEST(DetectorsDeviceIdTest, ImeiUuidMac) {
  ExpectAll(CheckDeviceId,
            {"490154203237518", "49-015420-323751-8", "356938035643809",
             "123e4567-e89b-12d3-a456-426614174000", "00:1A:2B:3C:4D:5E", "00-1a-2b-3c-4d-5e",
             "001a.2b3c.4d5e"},
            Verdict::kMatch);
}

// An IMEI with a known reporting body whose Luhn check fails.
TEST(DetectorsDeviceIdTest, ImeiLuhnFailureIsInvalid) {
  ExpectAll(CheckDeviceId, {"490154203237519", "356938035643800"}, Verdict::kInvalid);
}

TEST(DetectorsDeviceIdTest, NonDeviceIds) {
  ExpectAll(CheckDeviceId,
            {"770154203237518", "110105491231002", "00:1A:2B:3C:4D", "00:1A-2B:3C:4D:5E",
             "123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-42661417400g"},
            Verdict::kNoMatch);
}

// ---- Geolocation ----

TEST(DetectorsGeoTest, Coordinates) {
  ExpectAll(CheckGeoLocation,
            {"39.908823,116.397470", "116.397470,39.908823", "-33.868, 151.209", "0.000,0.000",
             "90.000,180.000"},
            Verdict::kMatch);
}

TEST(DetectorsGeoTest, OutOfRangeIsInvalid) {
  ExpectAll(CheckGeoLocation, {"91.000,181.000", "190.123,20.123", "90.001,180.001"},
            Verdict::kInvalid);
}

TEST(DetectorsGeoTest, NonCoordinates) {
  ExpectAll(CheckGeoLocation,
            {"39.9,116.4", "1,234.56", "39.908823", "a.123,b.456", "1234.567,1.234"},
            Verdict::kNoMatch);
}

// ---- Dates ----

TEST(DetectorsDateTest, Forms) {
  ExpectAll(CheckDate,
            {"2023-01-05", "2023/1/5", "2023.01.05", "20230105", "2023年1月5日", "2023年01月05日",
             "2023-01-05 12:30:00", "2023-01-05T12:30:00Z", "2023-01-05T12:30:00.123+08:00",
             "2000-02-29", "1900-01-01", "2099-12-31"},
            Verdict::kMatch);
}

TEST(DetectorsDateTest, ImpossibleDatesAreInvalid) {
  ExpectAll(CheckDate,
            {"2023-02-30", "2023-13-01", "2023-00-10", "2023-01-32", "1900-02-29", "9999-12-31",
             "1899-12-31", "2023年2月30日"},
            Verdict::kInvalid);
}

// An 8-digit number that is no date is just a number; mixed separators and bad times are no
// date shape.
TEST(DetectorsDateTest, NonDates) {
  ExpectAll(CheckDate,
            {"20231301", "12345678", "2023-01/05", "2023-01-05 25:00", "2023-01-05x", "23-01-05",
             "2023-001-05", "2023"},
            Verdict::kNoMatch);
}

// ---- Amounts ----

TEST(DetectorsAmountTest, Forms) {
  ExpectAll(
      CheckAmount,
      {"-1,234.56", "1234", "¥1,234.00", "￥1234", "1234.5元", "RMB 100", "3.5万元", "0", "0.50",
       "12.50", "+100", "-¥12.00", "¥-12.00", "100 元", "1,000,000", "$99.99", "123456789012.34"},
      Verdict::kMatch);
}

TEST(DetectorsAmountTest, NonAmounts) {
  ExpectAll(CheckAmount,
            {"0012", "1,23,4", "1,2345", "12.345", "13812345678", "2023-01-05", "1.2.3", "abc",
             "元", "12元元", ",123", "1234567890123456"},
            Verdict::kNoMatch);
}

// ---- Card expiry, repayment status ----

TEST(DetectorsCardExpiryTest, Forms) {
  ExpectAll(CheckCardExpiry, {"12/25", "01/2030", "0125"}, Verdict::kMatch);
  ExpectAll(CheckCardExpiry, {"13/25", "00/25", "12/1899"}, Verdict::kInvalid);
  ExpectAll(CheckCardExpiry, {"1325", "12-25", "1/25", "12/5", "2025/12"}, Verdict::kNoMatch);
}

TEST(DetectorsRepaymentStatusTest, PbocStrings) {
  ExpectAll(CheckRepaymentStatus,
            {"NNNNNN", "NNNNNNNNNNNN123NNNNNNNNN", "//////NNNNNN", "*NNN#N", "NNNN1234567C",
             "GDZNNN", "///////////////////////*", "///////////////////////1"},
            Verdict::kMatch);
  ExpectAll(
      CheckRepaymentStatus,
      {"N", "NNNNN", "NNNNNNNNNNNNNNNNNNNNNNNNN", "123456", "******", "NNNN8N", "nnnnnn", "NNNNXN"},
      Verdict::kNoMatch);
}

// ---- Vocabularies ----

TEST(DetectorsVocabularyTest, Gender) {
  ExpectAll(CheckGender, {"男", "女", "男性", "未知", "M", "f", "Male", "FEMALE"}, Verdict::kMatch);
  ExpectAll(CheckGender, {"男女", "X", "1", "mail"}, Verdict::kNoMatch);
}

TEST(DetectorsVocabularyTest, MaritalStatus) {
  ExpectAll(CheckMaritalStatus, {"未婚", "已婚", "离异", "丧偶", "Married", "divorced"},
            Verdict::kMatch);
  ExpectAll(CheckMaritalStatus, {"婚", "已婚已育", "wed"}, Verdict::kNoMatch);
}

TEST(DetectorsVocabularyTest, Education) {
  ExpectAll(
      CheckEducation,
      {"本科", "硕士", "博士", "大专", "高中", "PhD", "High School", "初中及以下", "本科及以上"},
      Verdict::kMatch);
  ExpectAll(CheckEducation, {"本", "清华大学"}, Verdict::kNoMatch);
}

// GRD-4: religion and blood type are prohibited items; their values must be recognised.
TEST(DetectorsVocabularyTest, ReligionGrd4) {
  ExpectAll(CheckReligion, {"佛教", "基督教", "伊斯兰教", "无宗教信仰", "Buddhist", "islam"},
            Verdict::kMatch);
  ExpectAll(CheckReligion, {"教育", "宗教", "佛"}, Verdict::kNoMatch);
}

TEST(DetectorsVocabularyTest, BloodTypeGrd4) {
  ExpectAll(CheckBloodType,
            {"A", "B", "AB", "O", "A型", "AB型血", "O+", "A-", "AB Rh+", "O型Rh阴性", "B型RH阳性",
             "Rh阴性A型", "A(+)"},
            Verdict::kMatch);
  ExpectAll(CheckBloodType, {"C", "a", "ABO", "A型型", "Rh", "A+-", "AB Rh"}, Verdict::kNoMatch);
}

// ---- Names ----

TEST(DetectorsNameTest, SurnameTables) {
  EXPECT_GE(internal::SingleSurnameCount(), 300u);
  EXPECT_GE(internal::CompoundSurnameCount(), 15u);
  EXPECT_TRUE(internal::IsSingleSurname(U'王'));
  EXPECT_FALSE(internal::IsSingleSurname(U'的'));
  EXPECT_FALSE(internal::IsSingleSurname(U'A'));
  for (const char32_t* c : {U"欧阳", U"司马", U"诸葛", U"上官", U"东方", U"皇甫", U"尉迟", U"公孙",
                            U"慕容", U"长孙", U"宇文", U"司徒", U"夏侯", U"令狐", U"端木"}) {
    EXPECT_TRUE(internal::IsCompoundSurname(c[0], c[1]));
  }
  EXPECT_FALSE(internal::IsCompoundSurname(U'王', U'李'));
}

TEST(DetectorsNameTest, Names) {
  ExpectAll(CheckChineseName,
            {"张三", "王小明", "李四", "欧阳娜娜", "司马相如", "诸葛亮", "陈李秀英",
             "阿卜杜·热合曼", "迪丽热巴·迪力木拉提"},
            Verdict::kMatch);
}

TEST(DetectorsNameTest, NonNames) {
  ExpectAll(CheckChineseName,
            {"张", "张三丰大侠", "的确", "高中", "房贷", "江苏", "苏州", "华夏银行", "苗族",
             "伊斯兰教", "Zhang San", "张三1", "·热合曼", "热合曼·", "信用卡", "余额"},
            Verdict::kNoMatch);
}

// ---- Addresses ----

TEST(DetectorsAddressTest, Addresses) {
  ExpectAll(CheckAddress,
            {"北京市朝阳区建国路88号", "上海市浦东新区", "广西壮族自治区南宁市青秀区民族大道136号",
             "浙江省杭州市西湖区文三路", "建国路88号院3号楼2单元501室", "南锣鼓巷菊儿胡同7号"},
            Verdict::kMatch);
}

TEST(DetectorsAddressTest, NonAddresses) {
  ExpectAll(CheckAddress,
            {"北京市", "北京市海淀区某某科技有限公司", "中国工商银行北京市分行", "请到市区办理。",
             "张三李四王五", "Beijing Chaoyang District 88"},
            Verdict::kNoMatch);
}

}  // namespace
}  // namespace cv::grading
