// ParsedLines: the streamed lines are exactly the reader's, whatever the consumer's pace, and a
// ParsedLines dropped before its lines were read stops its parser.
#include "credit/internal/parsed_lines.h"

#include <gtest/gtest.h>

#include <string>

namespace cv::credit::internal {
namespace {

constexpr int kToday = 20240615;

std::string Text(int lines) {
  std::string text = "\xEF\xBB\xBF";
  for (int i = 0; i < lines; ++i) {
    switch (i % 4) {
      case 0:
        text += R"({"type":"repayment","account_id":"A)" + std::to_string(i) +
                R"(","month":"2024-05","status":"1","balance":"1","overdue_amount":"0"})"
                "\n";
        break;
      case 1:
        text += "\n";  // blank: no result
        break;
      case 2:
        text += "{not json\r\n";
        break;
      default:
        text += R"({"type":"repayment","month":"2024-13"})"
                "\n";
    }
  }
  return text;
}

TEST(ParsedLinesTest, StreamsExactlyWhatTheReaderGives) {
  const std::string text = Text(5000);
  auto one = BatchReader::Open(text, BatchFormat::kJsonl, ParseOptions{kToday});
  ASSERT_TRUE(one);
  const std::vector<ParsedLine> expected = ReadAll(*one);
  const std::size_t count = BatchReader::CountJsonl(text, ParseOptions{kToday}.max_line_bytes);
  ASSERT_EQ(count, expected.size());
  auto reader = BatchReader::Open(text, BatchFormat::kJsonl, ParseOptions{kToday});
  ASSERT_TRUE(reader);
  ParsedLines lines(std::move(*reader), count);
  ASSERT_EQ(lines.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const ParsedLine& got = lines.At(i);
    ASSERT_EQ(got.line, expected[i].line) << i;
    ASSERT_EQ(got.result.index(), expected[i].result.index()) << i;
    if (const auto* e = std::get_if<RecordError>(&expected[i].result)) {
      ASSERT_EQ(std::get<RecordError>(got.result).code, e->code) << i;
      ASSERT_EQ(std::get<RecordError>(got.result).field, e->field) << i;
    }
  }
}

TEST(ParsedLinesTest, DroppedBeforeReadingStopsTheParser) {
  const std::string text = Text(20000);
  auto reader = BatchReader::Open(text, BatchFormat::kJsonl, ParseOptions{kToday});
  ASSERT_TRUE(reader);
  const std::size_t count = BatchReader::CountJsonl(text, ParseOptions{kToday}.max_line_bytes);
  {
    ParsedLines lines(std::move(*reader), count);
    EXPECT_EQ(lines.At(0).line, 1u);
  }  // the destructor stops and joins the parser: no crash, no leak (ASan/LSan runs)
}

TEST(ParsedLinesTest, AlreadyParsedLinesAreServedAsGiven) {
  std::vector<ParsedLine> given;
  given.push_back(ParsedLine{3, RecordError{3, "", RecordErrorCode::kMalformedLine, "", "x"}});
  ParsedLines lines(std::move(given));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines.At(0).line, 3u);
}

}  // namespace
}  // namespace cv::credit::internal
