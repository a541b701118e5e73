// Tests for CSV boundaries, sniffing and field splitting (RFC 4180).
#include "grading/internal/csv.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

namespace cv::grading::internal {
namespace {

std::vector<std::vector<std::string>> ParseAll(std::string text, char delimiter = ',') {
  CsvRecordParser parser(delimiter);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string_view> fields;
  std::size_t pos = 0;
  std::uint32_t newlines = 0;
  bool unterminated = false;
  while (parser.Next(text.data(), text.size(), &pos, &fields, &newlines, &unterminated)) {
    rows.emplace_back(fields.begin(), fields.end());
  }
  return rows;
}

TEST(CsvParserTest, PlainRecordsLfAndCrlf) {
  auto rows = ParseAll("a,b,c\r\n1,2,3\n4,5,6");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"4", "5", "6"}));
}

// RFC 4180 2.6 and 2.7: quoted fields hold delimiters, line breaks and doubled quotes.
TEST(CsvParserTest, QuotedFieldsRfc4180) {
  auto rows = ParseAll("\"a,1\",\"say \"\"hi\"\"\",\"two\r\nlines\"\nx,,\"\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a,1", "say \"hi\"", "two\r\nlines"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"x", "", ""}));
}

// A simple reference splitter (no quotes): the block search must find every delimiter and
// newline whatever the field lengths, across the 64-byte blocks it searches at a time.
TEST(CsvParserTest, FieldsOfEveryLengthAcrossBlocks) {
  std::mt19937 rng(5);
  std::string text;
  std::vector<std::vector<std::string>> want;
  for (int r = 0; r < 200; ++r) {
    want.emplace_back();
    const int cells = 1 + static_cast<int>(rng() % 6);
    for (int c = 0; c < cells; ++c) {
      std::string cell(rng() % 150, 'x');
      for (char& ch : cell) ch = static_cast<char>('a' + rng() % 26);
      if (c > 0) text.push_back(';');
      text += cell;
      want.back().push_back(cell);
    }
    text.push_back('\n');
  }
  EXPECT_EQ(ParseAll(text, ';'), want);
}

// Quoted fields rewrite the buffer behind the parse position; a delimiter right after a long
// quoted field, in the same or the next block, is still found.
TEST(CsvParserTest, QuotedFieldsAcrossBlocks) {
  for (std::size_t len = 0; len < 140; ++len) {
    const std::string body(len, 'q');
    const auto rows = ParseAll("\"" + body + "\"\"x\",b\nc,\"" + body + "\"\n");
    ASSERT_EQ(rows.size(), 2u) << len;
    EXPECT_EQ(rows[0], (std::vector<std::string>{body + "\"x", "b"})) << len;
    EXPECT_EQ(rows[1], (std::vector<std::string>{"c", body})) << len;
  }
}

// One parser over two buffers: what it remembered of the first does not apply to the second.
TEST(CsvParserTest, ParserReusedOnAnotherBuffer) {
  CsvRecordParser parser(',');
  std::vector<std::string_view> fields;
  std::uint32_t newlines = 0;
  bool unterminated = false;
  std::string first = "aaaa,bbbb\n";
  std::size_t pos = 0;
  ASSERT_TRUE(parser.Next(first.data(), first.size(), &pos, &fields, &newlines, &unterminated));
  std::string second = "cc,dd,ee\n";
  pos = 0;
  ASSERT_TRUE(parser.Next(second.data(), second.size(), &pos, &fields, &newlines, &unterminated));
  EXPECT_EQ(fields, (std::vector<std::string_view>{"cc", "dd", "ee"}));
}

TEST(CsvParserTest, CountsNewlinesInsideQuotes) {
  std::string text = "\"l1\nl2\nl3\",b\nc,d\n";
  CsvRecordParser parser(',');
  std::vector<std::string_view> fields;
  std::size_t pos = 0;
  std::uint32_t newlines = 0;
  bool unterminated = false;
  ASSERT_TRUE(parser.Next(text.data(), text.size(), &pos, &fields, &newlines, &unterminated));
  EXPECT_EQ(newlines, 3u);
  ASSERT_TRUE(parser.Next(text.data(), text.size(), &pos, &fields, &newlines, &unterminated));
  EXPECT_EQ(newlines, 1u);
  EXPECT_FALSE(unterminated);
}

TEST(CsvParserTest, UnterminatedQuoteIsFlagged) {
  std::string text = "a,\"never closed\nmore";
  CsvRecordParser parser(',');
  std::vector<std::string_view> fields;
  std::size_t pos = 0;
  std::uint32_t newlines = 0;
  bool unterminated = false;
  ASSERT_TRUE(parser.Next(text.data(), text.size(), &pos, &fields, &newlines, &unterminated));
  EXPECT_TRUE(unterminated);
  EXPECT_EQ(pos, text.size());
}

TEST(CsvParserTest, TrailingDelimiterGivesEmptyLastField) {
  auto rows = ParseAll("a,b,\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b", ""}));
  rows = ParseAll("a,b,");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].size(), 3u);
}

TEST(CsvParserTest, OtherDelimiters) {
  EXPECT_EQ(ParseAll("a|b|c\n", '|')[0].size(), 3u);
  EXPECT_EQ(ParseAll("a\tb\n", '\t')[0], (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ParseAll("a;\"b;c\"\n", ';')[0], (std::vector<std::string>{"a", "b;c"}));
}

TEST(CsvSniffTest, PicksConsistentDelimiter) {
  EXPECT_EQ(SniffDelimiter("a,b,c\n1,2,3\n4,5,6\n"), ',');
  EXPECT_EQ(SniffDelimiter("a;b;c\n1;2,5;3\n4;5;6\n"), ';');
  EXPECT_EQ(SniffDelimiter("a\tb\tc\n1\t2\t3\n"), '\t');
  EXPECT_EQ(SniffDelimiter("姓名|手机号\n张三|13800000000\n"), '|');
  // Commas inside quotes do not count.
  EXPECT_EQ(SniffDelimiter("\"a,b\";c\n\"1,2\";3\n"), ';');
  EXPECT_EQ(SniffDelimiter("single column\nvalue\n"), ',');
}

TEST(CsvBoundaryTest, LastRecordEndSkipsNewlinesInQuotes) {
  std::string_view data = "a,b\n1,\"x\ny\"\n2,\"open\n";
  // The last newline is inside an open quote; the one before it ends record "1,...".
  EXPECT_EQ(LastRecordEnd(data), std::string_view("a,b\n1,\"x\ny\"\n").size());
  EXPECT_EQ(LastRecordEnd("no newline"), 0u);
  EXPECT_EQ(LastRecordEnd("\"all\nin\nquote"), 0u);
  EXPECT_EQ(LastRecordEnd("a\nb\n"), 4u);
}

// CountByte's byte counters fold every 255 blocks of 16 bytes: runs of hits longer than that, and
// every tail length, count exactly.
TEST(CsvBoundaryTest, CountByteCountsEveryHit) {
  EXPECT_EQ(CountByte("", '"'), 0u);
  for (std::size_t size : {1u, 15u, 16u, 17u, 4079u, 4080u, 4081u, 9000u}) {
    EXPECT_EQ(CountByte(std::string(size, '\n'), '\n'), size) << size;
    EXPECT_EQ(CountByte(std::string(size, 'a'), '\n'), 0u) << size;
    std::string mixed;
    std::size_t want = 0;
    for (std::size_t i = 0; i < size; ++i) {
      mixed.push_back(i % 7 == 0 ? '"' : static_cast<char>(0x80 + i % 100));
      want += i % 7 == 0;
    }
    EXPECT_EQ(CountByte(mixed, '"'), want) << size;
  }
}

// Boundaries found by LastRecordEnd agree with the parser on every prefix.
TEST(CsvBoundaryTest, BoundaryAgreesWithParser) {
  std::string text = "h1,h2\n\"q\"\"1\",\"multi\nline\"\nplain,row\n\"x\",\"\"\"\n\"\n";
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    std::size_t end = LastRecordEnd(std::string_view(text).substr(0, cut));
    if (end == 0) continue;
    std::string prefix = text.substr(0, end);
    CsvRecordParser parser(',');
    std::vector<std::string_view> fields;
    std::size_t pos = 0;
    std::uint32_t nl = 0;
    bool unterminated = false;
    while (parser.Next(prefix.data(), prefix.size(), &pos, &fields, &nl, &unterminated)) {
      EXPECT_FALSE(unterminated) << "cut " << cut;
    }
  }
}

TEST(CsvTrimTest, TrimsSpacesTabsCr) {
  EXPECT_EQ(TrimCell("  a b \t\r"), "a b");
  EXPECT_EQ(TrimCell("   "), "");
  EXPECT_EQ(TrimCell(""), "");
}

}  // namespace
}  // namespace cv::grading::internal

namespace cv::grading::internal {
namespace {

// Hostile input: random bytes biased towards quotes, delimiters, newlines and UTF-8 lead bytes.
// The parser must consume every byte, return fields inside the buffer, and always terminate.
TEST(CsvParserTest, RandomBytesAreConsumedWithinBounds) {
  std::mt19937_64 rng(4180);
  const char alphabet[] = {'"', '"', ',', ';', '\n', '\r', 'a', '1', ' ', '\xE5', '\xBC', '\xFF'};
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::size_t n = rng() % 300;
    for (std::size_t i = 0; i < n; ++i) text += alphabet[rng() % sizeof alphabet];
    const std::string original = text;
    CsvRecordParser parser(round % 2 ? ',' : ';');
    std::vector<std::string_view> fields;
    std::size_t pos = 0, records = 0;
    std::uint32_t newlines = 0, total_newlines = 0;
    bool open = false;
    while (parser.Next(text.data(), text.size(), &pos, &fields, &newlines, &open)) {
      ASSERT_LE(pos, text.size());
      for (std::string_view f : fields) {
        ASSERT_GE(f.data(), text.data());
        ASSERT_LE(f.data() + f.size(), text.data() + text.size());
      }
      total_newlines += newlines;
      ASSERT_LE(++records, text.size() + 1);
    }
    EXPECT_GE(pos, text.size());
    // Every line break is accounted for, inside quotes or between records.
    EXPECT_EQ(total_newlines,
              static_cast<std::uint32_t>(std::count(original.begin(), original.end(), '\n')));
  }
}

}  // namespace
}  // namespace cv::grading::internal
