// Tests for TextScanner: identifiers embedded in free text, found with one Hyperscan pass,
// validated, de-overlapped and reported in offset order (GRD-3).
#include <gtest/gtest.h>

#include <cctype>
#include <random>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "grading/detectors.h"

namespace cv::grading {
namespace {

struct Found {
  ItemType type;
  Verdict verdict;
  std::string text;

  bool operator==(const Found&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Found& f) {
  return os << "{type " << static_cast<int>(f.type) << ", " << VerdictName(f.verdict) << ", \""
            << f.text << "\"}";
}

class TextScannerTest : public ::testing::Test {
 protected:
  // The tests share one scanner, as threads do.
  static void SetUpTestSuite() {
    auto scanner = TextScanner::Create();
    ASSERT_TRUE(scanner) << scanner.error().ToString();
    scanner_ = std::move(*scanner).release();
  }
  static void TearDownTestSuite() { delete scanner_; }

  void SetUp() override {
    ASSERT_NE(scanner_, nullptr);
    auto scratch = scanner_->NewScratch();
    ASSERT_TRUE(scratch) << scratch.error().ToString();
    scratch_ = std::move(*scratch);
  }

  std::vector<Found> Scan(std::string_view text) {
    std::vector<Found> found;
    std::size_t last_end = 0;
    auto status = scanner_->Scan(text, scratch_.get(), [&](const TextFinding& f) {
      EXPECT_GE(f.offset, last_end) << "findings overlap or are out of order";
      last_end = f.offset + f.length;
      found.push_back({f.type, f.verdict, std::string(text.substr(f.offset, f.length))});
    });
    EXPECT_TRUE(status) << status.error().ToString();
    return found;
  }

  static inline TextScanner* scanner_ = nullptr;
  std::unique_ptr<TextScanner::Scratch> scratch_;
};

TEST_F(TextScannerTest, FindsIdsNextToChineseCharacters) {
  EXPECT_EQ(Scan("客户身份证号11010519491231002X，手机13812345678。"),
            (std::vector<Found>{{ItemType::kResidentId, Verdict::kMatch, "11010519491231002X"},
                                {ItemType::kMobile, Verdict::kMatch, "13812345678"}}));
}

TEST_F(TextScannerTest, ReportsOffsetsInBytes) {
  const std::string text = "身份证11010519491231002X";
  std::vector<TextFinding> found;
  ASSERT_TRUE(
      scanner_->Scan(text, scratch_.get(), [&](const TextFinding& f) { found.push_back(f); }));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].offset, 9u);  // three 3-byte characters
  EXPECT_EQ(found[0].length, 18u);
}

// Letters next to a number do not hide it (unlike \b).
TEST_F(TextScannerTest, FindsNumbersNextToLetters) {
  EXPECT_EQ(Scan("tel13812345678;ID11010519491231002Xok"),
            (std::vector<Found>{{ItemType::kMobile, Verdict::kMatch, "13812345678"},
                                {ItemType::kResidentId, Verdict::kMatch, "11010519491231002X"}}));
}

// Digits inside a longer digit run are no identifier.
TEST_F(TextScannerTest, IgnoresDigitsInsideLongerRuns) {
  EXPECT_TRUE(Scan("流水号 1101051949123100211234567890 结束").empty());
  EXPECT_TRUE(Scan("订单 913812345678 号").empty());
  EXPECT_TRUE(Scan("x2381234567899").empty());
}

// GRD-3 invariant 1: an ID-shaped run with a bad check character is reported as kInvalid.
TEST_F(TextScannerTest, ReportsInvalidIdentifiers) {
  EXPECT_EQ(Scan("身份证：110105194912310021"),
            (std::vector<Found>{{ItemType::kResidentId, Verdict::kInvalid, "110105194912310021"}}));
  EXPECT_EQ(Scan("卡号 4111111111111112 已冻结"),
            (std::vector<Found>{{ItemType::kBankCard, Verdict::kInvalid, "4111111111111112"}}));
}

// A resident ID holds mobile-looking and card-looking digits; only the ID is reported.
TEST_F(TextScannerTest, IdWinsOverSubstrings) {
  EXPECT_EQ(Scan("证件 113812194506120014 。"),
            (std::vector<Found>{{ItemType::kResidentId, Verdict::kMatch, "113812194506120014"}}));
}

// An 18-digit run that is both an invalid ID and a Luhn-valid UnionPay number: the validated
// reading wins.
TEST_F(TextScannerTest, ValidatedReadingWinsOverInvalidOne) {
  ASSERT_EQ(CheckResidentId("620102199001011230"), Verdict::kInvalid);
  ASSERT_EQ(CheckBankCard("620102199001011230"), Verdict::kMatch);
  EXPECT_EQ(Scan("号码620102199001011230"),
            (std::vector<Found>{{ItemType::kBankCard, Verdict::kMatch, "620102199001011230"}}));
}

TEST_F(TextScannerTest, FindsGroupedCardsAndMobiles) {
  EXPECT_EQ(Scan("请转账至 6222 0212 3456 7890 128，或致电 +86 138-1234-5678"),
            (std::vector<Found>{{ItemType::kBankCard, Verdict::kMatch, "6222 0212 3456 7890 128"},
                                {ItemType::kMobile, Verdict::kMatch, "+86 138-1234-5678"}}));
  EXPECT_EQ(Scan("手机:008613812345678,"),
            (std::vector<Found>{{ItemType::kMobile, Verdict::kMatch, "008613812345678"}}));
}

TEST_F(TextScannerTest, FindsUsccPassportEmailIp) {
  EXPECT_EQ(Scan("统一社会信用代码91350100M000100Y43；护照E12345678；邮箱zhang.san@example.com.cn；"
                 "登录IP 192.168.1.10。"),
            (std::vector<Found>{{ItemType::kUscc, Verdict::kMatch, "91350100M000100Y43"},
                                {ItemType::kPassport, Verdict::kMatch, "E12345678"},
                                {ItemType::kEmail, Verdict::kMatch, "zhang.san@example.com.cn"},
                                {ItemType::kIpAddress, Verdict::kMatch, "192.168.1.10"}}));
}

TEST_F(TextScannerTest, FindsLegacyId) {
  EXPECT_EQ(Scan("旧证110105491231002"),
            (std::vector<Found>{{ItemType::kResidentId15, Verdict::kMatch, "110105491231002"}}));
}

TEST_F(TextScannerTest, EmailEndsBeforeSentenceDot) {
  EXPECT_EQ(Scan("mail a@b.com. Thanks"),
            (std::vector<Found>{{ItemType::kEmail, Verdict::kMatch, "a@b.com"}}));
}

TEST_F(TextScannerTest, IpNeedsExactlyFourParts) {
  EXPECT_TRUE(Scan("version 1.2.3.4.5 build").empty());
  EXPECT_EQ(Scan("ip 300.1.1.1"),
            (std::vector<Found>{{ItemType::kIpAddress, Verdict::kInvalid, "300.1.1.1"}}));
}

TEST_F(TextScannerTest, NothingInPlainText) {
  EXPECT_TRUE(Scan("").empty());
  EXPECT_TRUE(Scan("该客户于2023年1月5日按时还款，金额1234.50元。").empty());
}

TEST_F(TextScannerTest, ScratchOfAnotherScannerIsRefused) {
  auto other = TextScanner::Create();
  ASSERT_TRUE(other);
  auto status = (*other)->Scan("13812345678", scratch_.get(), [](const TextFinding&) {});
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code(), ErrorCode::kInvalidArgument);
}

Verdict Recheck(ItemType type, std::string_view v) {
  switch (type) {
    case ItemType::kResidentId:
      return CheckResidentId(v);
    case ItemType::kResidentId15:
      return CheckResidentId15(v);
    case ItemType::kBankCard:
      return CheckBankCard(v);
    case ItemType::kMobile:
      return CheckMobile(v);
    case ItemType::kUscc:
      return CheckUscc(v);
    case ItemType::kPassport:
      return CheckPassport(v);
    case ItemType::kEmail:
      return CheckEmail(v);
    case ItemType::kIpAddress:
      return CheckIpAddress(v);
    default:
      return Verdict::kNoMatch;
  }
}

// Random digit-heavy text: every finding lies inside the text, is what its Check* function says
// of it, and is not part of a longer digit run.
TEST_F(TextScannerTest, RandomTextFindingsAreValidatedAndBounded) {
  const std::string alphabet = "0123456789012345678901234567890123456789 -+.@:Xx号码电话abcEG\xE4";
  std::uint32_t seed = 7;
  auto next = [&seed] { return seed = seed * 1103515245u + 12345u, seed >> 8; };
  int total = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    const std::size_t len = next() % 200;
    for (std::size_t j = 0; j < len; ++j) text += alphabet[next() % alphabet.size()];
    std::size_t last_end = 0;
    auto status = scanner_->Scan(text, scratch_.get(), [&](const TextFinding& f) {
      ++total;
      ASSERT_LE(f.offset + f.length, text.size());
      ASSERT_GE(f.offset, last_end);
      last_end = f.offset + f.length;
      const std::string_view hit = std::string_view(text).substr(f.offset, f.length);
      EXPECT_EQ(VerdictName(Recheck(f.type, hit)), VerdictName(f.verdict)) << hit;
      EXPECT_NE(f.verdict, Verdict::kNoMatch);
      const bool digit_before =
          f.offset > 0 && std::isdigit(static_cast<unsigned char>(text[f.offset - 1]));
      const bool digit_after =
          last_end < text.size() && std::isdigit(static_cast<unsigned char>(text[last_end]));
      EXPECT_FALSE(digit_before || digit_after) << text;
    });
    ASSERT_TRUE(status);
  }
  EXPECT_GT(total, 0) << "the random texts should contain some identifier-shaped runs";
}

// One scanner, one scratch per thread.
TEST_F(TextScannerTest, ScratchPerThread) {
  const std::string text = "身份证11010519491231002X 手机13812345678 卡6200000000000005";
  std::vector<int> counts(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto scratch = scanner_->NewScratch();
      ASSERT_TRUE(scratch);
      for (int i = 0; i < 200; ++i) {
        auto s = scanner_->Scan(text, scratch->get(), [&](const TextFinding&) { ++counts[t]; });
        ASSERT_TRUE(s);
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int c : counts) EXPECT_EQ(c, 600);
}

// The database embedded at build time and one compiled now are the same patterns: they find the
// same identifiers, with the same verdicts and offsets, in random texts made of identifier-like
// pieces.
TEST(TextScannerDatabaseTest, PrebuiltAndCompiledFindTheSame) {
  auto prebuilt = TextScanner::Create(TextScanner::Database::kPrebuilt);
  auto compiled = TextScanner::Create(TextScanner::Database::kCompiled);
  ASSERT_TRUE(prebuilt && compiled);
  auto scratch_p = (*prebuilt)->NewScratch();
  auto scratch_c = (*compiled)->NewScratch();
  ASSERT_TRUE(scratch_p && scratch_c);
  const std::vector<std::string> pieces = {"11010519491231002X",
                                           "110105194912310021",
                                           "6222021234567890123",
                                           "6222 0212 3456 7890",
                                           "13812345678",
                                           "+86 138-1234-5678",
                                           "91350100M000100Y43",
                                           "E12345678",
                                           "zhang.san@example.com",
                                           "192.168.1.1",
                                           "300.1.1.1",
                                           "1.2.3.4.5",
                                           "客户",
                                           "，",
                                           " ",
                                           "-",
                                           "0",
                                           "7",
                                           "x",
                                           "@",
                                           ".",
                                           "\n"};
  std::mt19937 rng(17);
  for (int i = 0; i < 2000; ++i) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    std::vector<std::tuple<ItemType, Verdict, std::size_t, std::size_t>> a, b;
    ASSERT_TRUE((*prebuilt)->Scan(text, scratch_p->get(), [&](const TextFinding& f) {
      a.emplace_back(f.type, f.verdict, f.offset, f.length);
    }));
    ASSERT_TRUE((*compiled)->Scan(text, scratch_c->get(), [&](const TextFinding& f) {
      b.emplace_back(f.type, f.verdict, f.offset, f.length);
    }));
    EXPECT_EQ(a, b) << text;
  }
}

}  // namespace
}  // namespace cv::grading
