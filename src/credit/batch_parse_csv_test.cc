// BatchReader over CSV: the header is checked once for the whole batch (an unknown or prohibited
// column refuses it, GRD-4), rows are the same records as JSON Lines, RFC 4180 quoting and CRLF.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "credit/batch_parse.h"

namespace cv::credit {
namespace {

constexpr int kToday = 20240615;

constexpr std::string_view kHeader =
    "type,id_type,id_number,name,address,account_id,kind,open_date,currency,limit,balance,status,"
    "as_of,month\r\n";

Result<BatchReader> OpenCsv(std::string_view text) {
  return BatchReader::Open(text, BatchFormat::kCsv, ParseOptions{kToday});
}

std::vector<ParsedLine> ParseCsv(std::string_view text) {
  auto reader = OpenCsv(text);
  EXPECT_TRUE(reader) << reader.error().ToString();
  return reader ? ReadAll(*reader) : std::vector<ParsedLine>{};
}

const RecordError& ErrorOf(const ParsedLine& p) { return std::get<RecordError>(p.result); }

TEST(BatchCsvTest, QuotedFieldsAndCrlf) {
  const std::string text = std::string(kHeader) +
                           "identity,resident_id,110101199003071233,\"王, 五\",\"A \"\"B\"\" 路\","
                           ",,,,,,,,\r\n"
                           "account,resident_id,110101199003071233,,,LN-1,loan,2020-01-15,CNY,"
                           "100,\"1,5\",active,2024-05-31,\r\n";
  std::vector<ParsedLine> got = ParseCsv(text);
  ASSERT_EQ(got.size(), 2u);
  const auto& id = std::get<IdentityRecord>(std::get<Record>(got[0].result));
  EXPECT_EQ(got[0].line, 2u);
  EXPECT_EQ(id.name, "王, 五");
  EXPECT_EQ(id.address, "A \"B\" 路");
  EXPECT_EQ(got[1].line, 3u);
  EXPECT_EQ(ErrorOf(got[1]).code, RecordErrorCode::kInvalidAmount);
  EXPECT_EQ(ErrorOf(got[1]).field, "balance");
}

TEST(BatchCsvTest, GoodAccountRow) {
  std::vector<ParsedLine> got =
      ParseCsv(std::string(kHeader) +
               "account,resident_id,110101199003071233,,,LN-1,loan,2020-01-15,CNY,100.5,0,active,"
               "2024-05-31,\n");
  ASSERT_EQ(got.size(), 1u);
  const auto& a = std::get<AccountRecord>(std::get<Record>(got[0].result));
  EXPECT_EQ(a.limit, 10050);
  EXPECT_EQ(a.balance, 0);
  EXPECT_EQ(a.repayment_24m, "");
}

TEST(BatchCsvTest, CellOfAnotherRecordTypeIsUnknownField) {
  std::vector<ParsedLine> got = ParseCsv(
      std::string(kHeader) + "identity,resident_id,110101199003071233,王五,,,,,,,,,,2024-01\n");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(ErrorOf(got[0]).code, RecordErrorCode::kUnknownField);
  EXPECT_EQ(ErrorOf(got[0]).field, "month");
  EXPECT_EQ(ErrorOf(got[0]).record_type, "identity");
}

TEST(BatchCsvTest, QuotedNewlineKeepsLineNumbers) {
  std::vector<ParsedLine> got = ParseCsv(std::string(kHeader) +
                                         "identity,resident_id,110101199003071233,王五,\"a\nb\","
                                         ",,,,,,,,\n"
                                         "bogus,,,,,,,,,,,,,\n");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].line, 2u);
  EXPECT_EQ(ErrorOf(got[0]).code, RecordErrorCode::kInvalidValue);  // a newline in an address
  EXPECT_EQ(ErrorOf(got[0]).field, "address");
  EXPECT_EQ(got[1].line, 4u);
  EXPECT_EQ(ErrorOf(got[1]).code, RecordErrorCode::kUnknownType);
}

TEST(BatchCsvTest, RaggedRowIsMalformed) {
  std::vector<ParsedLine> got = ParseCsv(std::string(kHeader) + "identity,resident_id\n");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(ErrorOf(got[0]).code, RecordErrorCode::kMalformedLine);
  EXPECT_EQ(ErrorOf(got[0]).line, 2u);
}

TEST(BatchCsvTest, UnclosedQuoteIsMalformed) {
  std::vector<ParsedLine> got = ParseCsv(std::string(kHeader) + "identity,\"resident_id\n");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(ErrorOf(got[0]).code, RecordErrorCode::kMalformedLine);
}

TEST(BatchCsvTest, InvalidUtf8CellIsInvalidValue) {
  std::vector<ParsedLine> got = ParseCsv(
      std::string(kHeader) + "identity,resident_id,110101199003071233,\xe7\x8e,,,,,,,,,,\n");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(ErrorOf(got[0]).code, RecordErrorCode::kInvalidValue);
  EXPECT_EQ(ErrorOf(got[0]).field, "name");
}

TEST(BatchCsvTest, HugeRowIsLineTooLong) {
  std::vector<ParsedLine> got =
      ParseCsv(std::string(kHeader) + "identity,resident_id,110101199003071233,王五," +
               std::string(65 * 1024, 'a') + ",,,,,,,,,\nbogus,,,,,,,,,,,,,\n");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(ErrorOf(got[0]).code, RecordErrorCode::kLineTooLong);
  EXPECT_EQ(ErrorOf(got[1]).line, 3u);
}

TEST(BatchCsvTest, ProhibitedColumnRefusesTheBatch) {
  auto reader = OpenCsv("type,id_type,blood_type\nidentity,resident_id,A\n");
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(reader.error().position().field, "blood_type");
  EXPECT_NE(reader.error().message().find("column 3"), std::string::npos);
  EXPECT_NE(reader.error().message().find("blood_type"), std::string::npos);
}

TEST(BatchCsvTest, UnknownColumnRefusesTheBatch) {
  auto reader = OpenCsv("type,id_type,nickname\n");
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error().code(), ErrorCode::kMalformed);
  EXPECT_EQ(reader.error().position().field, "nickname");
}

TEST(BatchCsvTest, FirstColumnMustBeType) {
  auto reader = OpenCsv("id_type,type\n");
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error().code(), ErrorCode::kMalformed);
  EXPECT_NE(reader.error().message().find("column 1"), std::string::npos);
}

TEST(BatchCsvTest, RepeatedColumnRefusesTheBatch) {
  auto reader = OpenCsv("type,name,name\n");
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error().position().field, "name");
}

TEST(BatchCsvTest, EmptyFileHasNoHeader) {
  auto reader = OpenCsv("");
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error().code(), ErrorCode::kMalformed);
}

TEST(BatchCsvTest, HeaderOnlyYieldsNothing) {
  EXPECT_TRUE(ParseCsv("\xEF\xBB\xBFtype,name\r\n").empty());
}

}  // namespace
}  // namespace cv::credit
