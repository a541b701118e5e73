// Tests for ColumnStats: the identifier pre-filter, settling, batching of the text search.
#include "grading/internal/column_stats.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace cv::grading::internal {
namespace {

// Random text built from the pieces identifiers are made of: digits, separators, capitals, '@',
// dots, CJK, and real identifiers, so the search finds something in many of them.
std::string RandomText(std::mt19937_64& rng) {
  static const char* kPieces[] = {"0", "1", "3",   "8",  "9",  " ",  "-",    ".", "X",  "A",
                                  "E", "@", "+86", "00", "号", "，", "客户", "a", "MA", "\n"};
  static const char* kIdentifiers[] = {
      "11010519491231002X", "13800138000",      "138 0013 8000",
      "138-0013-8000",      "6222021234567890", "6222 0212 3456 7890",
      "91310115MA1K3BTP2B", "E12345678",        "zhang@163.com",
      "192.168.1.1",        "1.2.3.4",          "110101491001001"};
  std::string text;
  int pieces = static_cast<int>(rng() % 30);
  for (int i = 0; i < pieces; ++i) {
    if (rng() % 10 == 0) {
      text += kIdentifiers[rng() % std::size(kIdentifiers)];
    } else {
      text += kPieces[rng() % std::size(kPieces)];
    }
  }
  return text;
}

// The pre-filter may say true too often, never false where the scanner finds something.
TEST(MayHoldIdentifierTest, NeverHidesAFinding) {
  auto scanner = TextScanner::Create();
  ASSERT_TRUE(scanner);
  auto scratch = (*scanner)->NewScratch();
  ASSERT_TRUE(scratch);
  std::mt19937_64 rng(20261121);
  int with_findings = 0, filtered_out = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string text = RandomText(rng);
    bool found = false;
    ASSERT_TRUE((*scanner)->Scan(text, scratch->get(), [&](const TextFinding&) { found = true; }));
    bool may = MayHoldIdentifier(text);
    if (found) {
      ++with_findings;
      ASSERT_TRUE(may) << "filtered out a text the scanner finds something in (" << text.size()
                       << " bytes, case " << i << ")";
    }
    filtered_out += !may;
  }
  EXPECT_GT(with_findings, 10000);
  EXPECT_GT(filtered_out, 10000);  // and it does filter
}

TEST(MayHoldIdentifierTest, Examples) {
  EXPECT_TRUE(MayHoldIdentifier("联系电话138 1234 5678"));
  EXPECT_TRUE(MayHoldIdentifier("邮箱a@b.cn"));
  EXPECT_TRUE(MayHoldIdentifier("登录自1.2.3.4"));
  EXPECT_TRUE(MayHoldIdentifier("证件11010519491231002X"));
  EXPECT_FALSE(MayHoldIdentifier("催收记录：2025-05-03电话联系本人，承诺三日内还款1326.92元。"));
  EXPECT_FALSE(MayHoldIdentifier("XF-2021-9908"));
  EXPECT_FALSE(MayHoldIdentifier(""));
}

TEST(ColumnStatsTest, SettlesOnASingleValidatedItem) {
  ColumnStats s;
  CellContext ctx;
  for (std::uint64_t i = 0; i < ColumnStats::kSettleAfter; ++i) s.Observe("13800138000", ctx);
  EXPECT_EQ(s.settled(), ItemType::kMobile);
  s.Observe("not a mobile", ctx);
  s.Observe(" 13900139000 ", ctx);
  EXPECT_EQ(s.matched[static_cast<int>(ItemType::kMobile)], ColumnStats::kSettleAfter + 1);
  EXPECT_EQ(s.non_empty, ColumnStats::kSettleAfter + 2);
}

TEST(ColumnStatsTest, NoSettlingWhenTurnedOff) {
  ColumnStats s;
  CellContext ctx;
  ctx.allow_settling = false;
  for (std::uint64_t i = 0; i < ColumnStats::kSettleAfter + 5; ++i) s.Observe("13800138000", ctx);
  EXPECT_EQ(s.settled(), ItemType::kNone);
}

TEST(ColumnStatsTest, BatchedTextSearchCountsPerCell) {
  auto scanner = TextScanner::Create();
  ASSERT_TRUE(scanner);
  auto scratch = (*scanner)->NewScratch();
  ASSERT_TRUE(scratch);
  CellContext ctx{scanner->get(), scratch->get(), true};
  ColumnStats s;
  s.Observe("客户张三电话13800138000，另一个13900139000已停用", ctx);
  s.Observe("无联系方式的备注文字，编号XF-2021-9908", ctx);
  s.Observe("证件号11010519491231002X已核验", ctx);
  s.FlushText(ctx);
  EXPECT_EQ(s.with_embedded, 2u);
  EXPECT_EQ(s.embedded[static_cast<int>(ItemType::kMobile)], 2u);
  EXPECT_EQ(s.embedded[static_cast<int>(ItemType::kResidentId)], 1u);
  EXPECT_FALSE(s.examples[static_cast<int>(ItemType::kFreeText)].empty());
  EXPECT_EQ(s.examples[static_cast<int>(ItemType::kFreeText)].find("13800138000"),
            std::string::npos);
}

TEST(ColumnStatsTest, MergeAddsCounts) {
  ColumnStats a, b;
  CellContext ctx;
  a.Observe("13800138000", ctx);
  b.Observe("", ctx);
  b.Observe("13900139000", ctx);
  a.Merge(b);
  EXPECT_EQ(a.non_empty, 2u);
  EXPECT_EQ(a.empty, 1u);
  EXPECT_EQ(a.matched[static_cast<int>(ItemType::kMobile)], 2u);
}

}  // namespace
}  // namespace cv::grading::internal
