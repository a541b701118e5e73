// Tests for the display masks (QRY-6; JR/T 0171-2020 Annex A).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "policy/internal/utf8.h"
#include "policy/policy.h"

namespace cv::policy {
namespace {

TEST(MaskRuleNameTest, NamesAreStable) {
  // DO NOT CHANGE: part of the scan JSON interface.
  EXPECT_EQ(MaskRuleName(MaskRule::kNone), "none");
  EXPECT_EQ(MaskRuleName(MaskRule::kHideAll), "hide_all");
  EXPECT_EQ(MaskRuleName(MaskRule::kFirst6Last4), "first6_last4");
  EXPECT_EQ(MaskRuleName(MaskRule::kFirst3Last4), "first3_last4");
  EXPECT_EQ(MaskRuleName(MaskRule::kFirstChar), "first_char");
  EXPECT_EQ(MaskRuleName(MaskRule::kProvinceCityDistrict), "province_city_district");
  EXPECT_EQ(MaskRuleName(MaskRule::kEmailLocal), "email_local");
  EXPECT_EQ(MaskRuleName(MaskRule::kKeepLast4), "keep_last4");
  EXPECT_EQ(MaskRuleName(MaskRule::kRedactValue), "redact_value");
}

// QRY-6: ID number first 6 + last 4, which hides the birth date.
TEST(MaskTest, Qry6ResidentIdKeepsFirst6Last4) {
  EXPECT_EQ(Mask("110105194912310021", MaskRule::kFirst6Last4), "110105********0021");
  EXPECT_EQ(Mask("11010519491231002X", MaskRule::kFirst6Last4), "110105********002X");
  EXPECT_EQ(Mask("110105491231002", MaskRule::kFirst6Last4), "110105*****1002");
}

// QRY-6: card number first 6 + last 4.
TEST(MaskTest, Qry6BankCardKeepsFirst6Last4) {
  EXPECT_EQ(Mask("6222021234567890123", MaskRule::kFirst6Last4), "622202*********0123");
  EXPECT_EQ(Mask("6222 0212 3456 7890", MaskRule::kFirst6Last4), "622202******7890");
  EXPECT_EQ(Mask("4111111111111", MaskRule::kFirst6Last4), "411111***1111");
}

// QRY-6: mobile first 3 + last 4.
TEST(MaskTest, Qry6MobileKeepsFirst3Last4) {
  EXPECT_EQ(Mask("13812345678", MaskRule::kFirst3Last4), "138****5678");
  EXPECT_EQ(Mask("138-1234-5678", MaskRule::kFirst3Last4), "138****5678");
  EXPECT_EQ(Mask("+86 138 1234 5678", MaskRule::kFirst3Last4), "138****5678");
  EXPECT_EQ(Mask("008613812345678", MaskRule::kFirst3Last4), "138****5678");
}

// QRY-6: a name keeps its first character only, counted in characters, not bytes.
TEST(MaskTest, Qry6NameKeepsFirstCharacter) {
  EXPECT_EQ(Mask("张三", MaskRule::kFirstChar), "张*");
  EXPECT_EQ(Mask("李小龙", MaskRule::kFirstChar), "李**");
  EXPECT_EQ(Mask("欧阳娜娜", MaskRule::kFirstChar), "欧***");
  EXPECT_EQ(Mask("John", MaskRule::kFirstChar), "J***");
}

// QRY-6: an address keeps province, city and district.
TEST(MaskTest, Qry6AddressKeepsProvinceCityDistrict) {
  EXPECT_EQ(Mask("北京市朝阳区建国路88号1号楼", MaskRule::kProvinceCityDistrict),
            "北京市朝阳区****");
  EXPECT_EQ(Mask("广东省深圳市南山区科技园南区", MaskRule::kProvinceCityDistrict),
            "广东省深圳市南山区****");
  EXPECT_EQ(Mask("新疆维吾尔自治区乌鲁木齐市天山区解放南路1号", MaskRule::kProvinceCityDistrict),
            "新疆维吾尔自治区乌鲁木齐市天山区****");
  EXPECT_EQ(Mask("河北省石家庄市辛集市育才路", MaskRule::kProvinceCityDistrict),
            "河北省石家庄市辛集市****");
  EXPECT_EQ(Mask("浙江省杭州市西湖区", MaskRule::kProvinceCityDistrict), "浙江省杭州市西湖区");
}

TEST(MaskTest, AddressStopsAtStreetLevel) {
  EXPECT_EQ(Mask("北京市长安街1号", MaskRule::kProvinceCityDistrict), "北京市****");
  EXPECT_EQ(Mask("江苏省昆山市玉山镇前进路", MaskRule::kProvinceCityDistrict), "江苏省昆山市****");
  // A street-level word may start a division's name: 镇江市.
  EXPECT_EQ(Mask("江苏省镇江市润州区", MaskRule::kProvinceCityDistrict), "江苏省镇江市润州区");
  // The district word in 小区 is past the county level and never kept.
  EXPECT_EQ(Mask("上海市浦东新区世纪大道100号某某小区", MaskRule::kProvinceCityDistrict),
            "上海市浦东新区****");
}

TEST(MaskTest, AddressWithoutDivisionIsHidden) {
  EXPECT_EQ(Mask("88 Jianguo Road, Chaoyang", MaskRule::kProvinceCityDistrict), "******");
  EXPECT_EQ(Mask("建国路88号", MaskRule::kProvinceCityDistrict), "******");
  EXPECT_EQ(Mask("88号院", MaskRule::kProvinceCityDistrict), "******");
}

TEST(MaskTest, EmailKeepsFirstCharOfLocalPart) {
  EXPECT_EQ(Mask("zhangsan@example.com", MaskRule::kEmailLocal), "z***@example.com");
  EXPECT_EQ(Mask("张三@例子.中国", MaskRule::kEmailLocal), "张***@例子.中国");
  EXPECT_EQ(Mask("a@example.com", MaskRule::kEmailLocal), "******");
  EXPECT_EQ(Mask("not-an-email", MaskRule::kEmailLocal), "******");
  EXPECT_EQ(Mask("zhangsan@", MaskRule::kEmailLocal), "******");
}

TEST(MaskTest, KeepLast4) {
  EXPECT_EQ(Mask("E12345678", MaskRule::kKeepLast4), "*****5678");
  EXPECT_EQ(Mask("A0011223344", MaskRule::kKeepLast4), "*******3344");
}

TEST(MaskTest, HideAllAndRedactHideLength) {
  EXPECT_EQ(Mask("123", MaskRule::kHideAll), "******");
  EXPECT_EQ(Mask("123456789012", MaskRule::kHideAll), "******");
  EXPECT_EQ(Mask("12345.67", MaskRule::kRedactValue), "***");
  EXPECT_EQ(Mask("已婚", MaskRule::kRedactValue), "***");
}

TEST(MaskTest, NoneShowsTheValue) { EXPECT_EQ(Mask("序号 1", MaskRule::kNone), "序号 1"); }

TEST(MaskTest, EmptyStaysEmpty) {
  for (MaskRule rule : {MaskRule::kHideAll, MaskRule::kFirst6Last4, MaskRule::kFirstChar}) {
    EXPECT_EQ(Mask("", rule), "");
    EXPECT_EQ(Mask("  ", rule), "");
  }
}

TEST(MaskTest, ShortValuesAreFullyHidden) {
  EXPECT_EQ(Mask("张", MaskRule::kFirstChar), "******");
  EXPECT_EQ(Mask("123456789012", MaskRule::kFirst6Last4), "******");  // 12 < 13
  EXPECT_EQ(Mask("1381234567", MaskRule::kFirst3Last4), "******");    // 10 digits
  EXPECT_EQ(Mask("1234567", MaskRule::kKeepLast4), "******");
  EXPECT_EQ(Mask("42", MaskRule::kKeepLast4), "******");
}

TEST(MaskTest, MalformedUtf8IsFullyHidden) {
  const std::string truncated = std::string("\xE5\xBC", 2) + "三";  // half of 张
  EXPECT_EQ(Mask(truncated, MaskRule::kFirstChar), "******");
  EXPECT_EQ(Mask("\xC0\xAF\xC0\xAF", MaskRule::kFirstChar), "******");          // overlong '/'
  EXPECT_EQ(Mask("\xED\xA0\x80\xE4\xB8\x89", MaskRule::kKeepLast4), "******");  // surrogate
}

TEST(MaskTest, TrimsSurroundingWhitespace) {
  EXPECT_EQ(Mask("  13812345678 ", MaskRule::kFirst3Last4), "138****5678");
}

// Property (QRY-6 "never leak more than the rule keeps"): over random values, each kept
// character is the original's character at the same place, and at most head + tail characters
// are kept.
TEST(MaskTest, Qry6PropertyNeverKeepsMoreThanTheRule) {
  std::mt19937 rng(20240601);
  const std::vector<std::string> alphabet = {"0", "1", "7", "9", "X", "a", "张", "欧", "三", "é"};
  struct Case {
    MaskRule rule;
    std::size_t head, tail;
  };
  const Case cases[] = {
      {MaskRule::kFirst6Last4, 6, 4}, {MaskRule::kKeepLast4, 0, 4}, {MaskRule::kFirstChar, 1, 0}};
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::string> chars(rng() % 24);
    std::string value;
    for (auto& ch : chars) value += (ch = alphabet[rng() % alphabet.size()]);
    for (const Case& c : cases) {
      std::vector<std::string_view> out;
      const std::string masked = Mask(value, c.rule);
      ASSERT_TRUE(internal::SplitUtf8(masked, &out));
      if (masked == "******" || masked.empty()) continue;
      ASSERT_EQ(out.size(), chars.size()) << value;
      std::size_t kept = 0;
      for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == "*") continue;
        ++kept;
        EXPECT_EQ(out[i], chars[i]) << value;
        EXPECT_TRUE(i < c.head || i + c.tail >= chars.size()) << value << " -> " << masked;
      }
      EXPECT_LE(kept, c.head + c.tail) << value;
      EXPECT_GT(chars.size(), c.head + c.tail) << "a value the rule would show whole: " << value;
    }
  }
}

// Property: the address mask keeps a prefix of the value and only division-named characters.
TEST(MaskTest, AddressMaskKeepsOnlyAPrefix) {
  std::mt19937 rng(7);
  const std::vector<std::string> parts = {"北京", "市", "朝阳", "区", "建国",   "路", "88",
                                          "号",   "省", "县",   "小", "自治区", "镇", "楼"};
  for (int round = 0; round < 2000; ++round) {
    std::string value;
    for (int n = static_cast<int>(rng() % 8); n >= 0; --n) value += parts[rng() % parts.size()];
    const std::string masked = Mask(value, MaskRule::kProvinceCityDistrict);
    if (masked == "******" || masked == value) continue;
    ASSERT_TRUE(masked.ends_with("****")) << value;
    const std::string kept = masked.substr(0, masked.size() - 4);
    EXPECT_TRUE(value.starts_with(kept)) << value << " -> " << masked;
    EXPECT_EQ(kept.find_first_of("0123456789"), std::string::npos) << value;
  }
}

// Arbitrary bytes (a cell from a mis-decoded file) never crash a mask, and every masked output
// is well-formed UTF-8.
TEST(MaskTest, ArbitraryBytesGiveWellFormedOutput) {
  std::mt19937 rng(11);
  for (int round = 0; round < 5000; ++round) {
    std::string value(rng() % 32, '\0');
    for (char& c : value) c = static_cast<char>(rng() % 256);
    for (int r = 1; r <= static_cast<int>(MaskRule::kRedactValue); ++r) {
      std::vector<std::string_view> out;
      EXPECT_TRUE(internal::SplitUtf8(Mask(value, static_cast<MaskRule>(r)), &out));
    }
  }
}

}  // namespace
}  // namespace cv::policy
