// Tests for the column decision (header evidence + value evidence).
#include "grading/column_decision.h"

#include <gtest/gtest.h>

namespace cv::grading {
namespace {

internal::ColumnStats Stats(std::uint64_t non_empty, ItemType type, std::uint64_t matched,
                            std::uint64_t invalid = 0) {
  internal::ColumnStats s;
  s.non_empty = non_empty;
  s.matched[static_cast<int>(type)] = matched;
  s.invalid[static_cast<int>(type)] = invalid;
  return s;
}

std::vector<HeaderMatch> Header(std::string_view name) {
  return Catalog::Default().MatchHeader(name);
}

// GRD-3: values that validate decide a column even without a header.
TEST(ColumnDecisionTest, StrongValuesDecideWithoutHeader) {
  auto d = DecideColumn({}, Stats(1000, ItemType::kResidentId, 995, 5));
  EXPECT_EQ(d.type, ItemType::kResidentId);
  EXPECT_GT(d.confidence, 0.9);
}

// Numbers that merely look like identifiers (most fail the check digit) come out none.
TEST(ColumnDecisionTest, ShapeWithoutValidationIsNone) {
  auto d = DecideColumn({}, Stats(1000, ItemType::kBankCard, 100, 900));
  EXPECT_EQ(d.type, ItemType::kNone);
  d = DecideColumn(Header("交易流水号"), Stats(1000, ItemType::kResidentId, 3, 997));
  EXPECT_EQ(d.type, ItemType::kNone);
}

TEST(ColumnDecisionTest, HeaderAndValuesAgree) {
  auto d = DecideColumn(Header("手机号码"), Stats(500, ItemType::kMobile, 500));
  EXPECT_EQ(d.type, ItemType::kMobile);
  EXPECT_DOUBLE_EQ(d.confidence, 1.0);
  EXPECT_TRUE(d.header_named);
}

// Amounts cannot be told apart by value; the header names which amount.
TEST(ColumnDecisionTest, WeakItemsNeedTheHeader) {
  auto s = Stats(100, ItemType::kBalance, 100);
  EXPECT_EQ(DecideColumn({}, s).type, ItemType::kNone);
  EXPECT_EQ(DecideColumn(Header("逾期金额"), s).type, ItemType::kOverdueAmount);
  EXPECT_EQ(DecideColumn(Header("loan_amount"), s).type, ItemType::kLoanAmount);
}

TEST(ColumnDecisionTest, HeaderOnlyItems) {
  internal::ColumnStats s;
  s.non_empty = 10;
  EXPECT_EQ(DecideColumn(Header("交易密码"), s).type, ItemType::kPassword);
}

TEST(ColumnDecisionTest, ValuesOverruleAWrongHeader) {
  // Header says mobile, values are all resident IDs.
  auto d = DecideColumn(Header("手机号"), Stats(100, ItemType::kResidentId, 100));
  EXPECT_EQ(d.type, ItemType::kResidentId);
}

TEST(ColumnDecisionTest, EmptyColumnGradedByHeader) {
  internal::ColumnStats s;
  s.empty = 50;
  auto d = DecideColumn(Header("身份证号"), s);
  EXPECT_EQ(d.type, ItemType::kResidentId);
  EXPECT_LT(d.confidence, 0.7);
  EXPECT_EQ(DecideColumn({}, s).type, ItemType::kNone);
}

TEST(ColumnDecisionTest, ProseWithIdentifiersIsFreeText) {
  internal::ColumnStats s;
  s.non_empty = 100;
  s.text_like = 90;
  s.with_embedded = 20;
  s.embedded[static_cast<int>(ItemType::kMobile)] = 20;
  EXPECT_EQ(DecideColumn({}, s).type, ItemType::kFreeText);
  EXPECT_EQ(DecideColumn(Header("备注"), s).type, ItemType::kFreeText);
  s.with_embedded = 0;
  EXPECT_EQ(DecideColumn({}, s).type, ItemType::kNone);
}

TEST(ColumnDecisionTest, ProxyTypes) {
  EXPECT_EQ(ValueProxy(ItemType::kAccountOpenDate), ItemType::kBirthDate);
  EXPECT_EQ(ValueProxy(ItemType::kLoanAmount), ItemType::kBalance);
  EXPECT_EQ(ValueProxy(ItemType::kMobile), ItemType::kMobile);
}

}  // namespace
}  // namespace cv::grading
