// BatchReader over JSON Lines: typed values of good records, every record error code with its
// line and field, mixed batches, limits (GRD-4 prohibited items; JR/T 0117 9.4.1 c) feedback per
// record). "Today" is fixed: no test reads the wall clock.
#include "credit/batch_parse.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace cv::credit {
namespace {

using Json = nlohmann::ordered_json;
constexpr int kToday = 20240615;

// Synthetic resident IDs with valid check characters (GB 11643 MOD 11-2).
constexpr std::string_view kId1 = "110101199003071233";
constexpr std::string_view kIdX = "51010719680229001X";

Json Identity() {
  return {{"type", "identity"},
          {"id_type", "resident_id"},
          {"id_number", "51010719680229001x"},
          {"name", "张三"},
          {"gender", "M"},
          {"birth_date", "1968-02-29"},
          {"mobile", "+86 138-0013-8000"},
          {"address", "北京市东城区某路1号"},
          {"employer", "某某有限公司"},
          {"marital_status", "married"}};
}

Json Account() {
  return {{"type", "account"},
          {"id_type", "resident_id"},
          {"id_number", kId1},
          {"account_id", "LN-2020-0001"},
          {"kind", "loan"},
          {"open_date", "2020-01-15"},
          {"currency", "CNY"},
          {"limit", "200000.00"},
          {"balance", 123456.7},
          {"status", "active"},
          {"repayment_24m", "NNNN1N"},
          {"overdue_amount", 0},
          {"as_of", "2024-05-31"}};
}

Json Repayment() {
  return {{"type", "repayment"}, {"account_id", "LN-2020-0001"}, {"month", "2024-05"},
          {"status", "1"},       {"balance", "1000.5"},          {"overdue_amount", "300"}};
}

Json Adverse() {
  return {{"type", "adverse"},  {"id_type", "passport"},      {"id_number", "e1234567"},
          {"event_id", "EV-1"}, {"kind", "overdue"},          {"account_id", "LN-2020-0001"},
          {"amount", "300"},    {"start_date", "2024-04-01"}, {"end_date", "2024-05-01"}};
}

// `base` with `key` set to `value` (or removed when value is discarded).
std::string With(Json base, const std::string& key, const Json& value) {
  if (value.is_discarded()) {
    base.erase(key);
  } else {
    base[key] = value;
  }
  return base.dump();
}
const Json kErase = Json(Json::value_t::discarded);

std::vector<ParsedLine> Parse(std::string_view text, BatchFormat format = BatchFormat::kJsonl) {
  auto reader = BatchReader::Open(text, format, ParseOptions{kToday});
  EXPECT_TRUE(reader) << reader.error().ToString();
  if (!reader) return {};
  return ReadAll(*reader);
}

template <typename T>
T One(std::string_view line) {
  std::vector<ParsedLine> got = Parse(line);
  EXPECT_EQ(got.size(), 1u);
  if (got.size() != 1 || !std::holds_alternative<Record>(got[0].result)) {
    ADD_FAILURE() << "not a record: " << std::get<RecordError>(got.at(0).result).message;
    return T{};
  }
  return std::get<T>(std::get<Record>(got[0].result));
}

void ExpectError(const ParsedLine& got, std::uint64_t line, RecordErrorCode code,
                 std::string_view field) {
  EXPECT_EQ(got.line, line);
  ASSERT_TRUE(std::holds_alternative<RecordError>(got.result)) << "line " << line << " accepted";
  const RecordError& e = std::get<RecordError>(got.result);
  EXPECT_EQ(RecordErrorCodeName(e.code), RecordErrorCodeName(code)) << e.message;
  EXPECT_EQ(e.line, line);
  EXPECT_EQ(e.field, field) << e.message;
  EXPECT_FALSE(e.message.empty());
}

// The single line `text` is refused with `code` on `field`.
void ExpectRefused(const std::string& text, RecordErrorCode code, std::string_view field) {
  std::vector<ParsedLine> got = Parse(text);
  ASSERT_EQ(got.size(), 1u);
  ExpectError(got[0], 1, code, field);
}

TEST(BatchParseTest, IdentityParsesToTypedValues) {
  auto r = One<IdentityRecord>(Identity().dump());
  EXPECT_EQ(r.subject, (SubjectKey{"resident_id", std::string(kIdX)}));  // 'x' upper-cased
  EXPECT_EQ(r.name, "张三");
  EXPECT_EQ(r.gender, "M");
  EXPECT_EQ(r.birth_date, "1968-02-29");
  EXPECT_EQ(r.mobile, "13800138000");  // +86, spaces and dashes removed
  EXPECT_EQ(r.address, "北京市东城区某路1号");
  EXPECT_EQ(r.employer, "某某有限公司");
  EXPECT_EQ(r.marital_status, "married");
}

TEST(BatchParseTest, OptionalIdentityFieldsMayBeAbsentNullOrEmpty) {
  Json j = {{"type", "identity"}, {"id_type", "resident_id"}, {"id_number", kId1},
            {"name", "李四"},     {"gender", nullptr},        {"mobile", ""}};
  auto r = One<IdentityRecord>(j.dump());
  EXPECT_FALSE(r.gender);
  EXPECT_FALSE(r.mobile);
  EXPECT_FALSE(r.birth_date);
}

TEST(BatchParseTest, AccountParsesAmountsToMinorUnits) {
  auto r = One<AccountRecord>(Account().dump());
  EXPECT_EQ(r.subject, (SubjectKey{"resident_id", std::string(kId1)}));
  EXPECT_EQ(r.account_id, "LN-2020-0001");
  EXPECT_EQ(r.kind, "loan");
  EXPECT_EQ(r.open_date, "2020-01-15");
  EXPECT_FALSE(r.close_date);
  EXPECT_EQ(r.currency, "CNY");
  EXPECT_EQ(r.limit, 20'000'000);
  EXPECT_EQ(r.balance, 12'345'670);  // a JSON number 123456.7, read as written
  EXPECT_EQ(r.status, "active");
  EXPECT_EQ(r.repayment_24m, "NNNN1N");
  EXPECT_EQ(r.overdue_amount, 0);
  EXPECT_EQ(r.as_of, "2024-05-31");
}

TEST(BatchParseTest, RepaymentParses) {
  auto r = One<RepaymentRecord>(Repayment().dump());
  EXPECT_EQ(r.account_id, "LN-2020-0001");
  EXPECT_EQ(r.month, "2024-05");
  EXPECT_EQ(r.status, "1");
  EXPECT_EQ(r.balance, 100050);
  EXPECT_EQ(r.overdue_amount, 30000);
}

TEST(BatchParseTest, AdverseParsesWithPassportUpperCased) {
  auto r = One<AdverseRecord>(Adverse().dump());
  EXPECT_EQ(r.subject, (SubjectKey{"passport", "E1234567"}));
  EXPECT_EQ(r.event_id, "EV-1");
  EXPECT_EQ(r.kind, "overdue");
  EXPECT_EQ(r.account_id, "LN-2020-0001");
  EXPECT_EQ(r.amount, 30000);
  EXPECT_EQ(r.start_date, "2024-04-01");
  EXPECT_EQ(r.end_date, "2024-05-01");
}

TEST(BatchParseTest, LegacyFifteenDigitIdIsAccepted) {
  Json j = Identity();
  j["birth_date"] = "1990-03-07";  // 15 digits: 19YYMMDD
  auto r = One<IdentityRecord>(With(j, "id_number", "110101900307123"));
  EXPECT_EQ(r.subject.id_number, "110101900307123");
}

TEST(BatchParseTest, MissingFieldNamesTheField) {
  ExpectRefused(With(Account(), "open_date", kErase), RecordErrorCode::kMissingField, "open_date");
  ExpectRefused(With(Identity(), "name", ""), RecordErrorCode::kMissingField, "name");
  ExpectRefused(With(Account(), "type", kErase), RecordErrorCode::kMissingField, "type");
}

TEST(BatchParseTest, UnknownTypeIsRefused) {
  ExpectRefused(With(Account(), "type", "loan"), RecordErrorCode::kUnknownType, "type");
  ExpectRefused(With(Account(), "type", 3), RecordErrorCode::kUnknownType, "type");
}

TEST(BatchParseTest, UnknownFieldIsRefusedNotStored) {
  ExpectRefused(With(Account(), "nickname", "x"), RecordErrorCode::kUnknownField, "nickname");
  // A field of another record type is unknown here.
  ExpectRefused(With(Identity(), "limit", "1"), RecordErrorCode::kUnknownField, "limit");
}

TEST(BatchParseTest, LongUnknownKeyIsNotEchoed) {
  const std::string key = "110101199003071233" + std::string(60, 'k');
  std::vector<ParsedLine> got = Parse(With(Identity(), key, "x"));
  ASSERT_EQ(got.size(), 1u);
  ExpectError(got[0], 1, RecordErrorCode::kUnknownField, "(unshown field name)");
  EXPECT_EQ(std::get<RecordError>(got[0].result).message.find("110101"), std::string::npos);
}

// GRD-4, Reg Art.14: prohibited items are refused whatever else the record holds.
TEST(BatchParseTest, ProhibitedItemIsRefused) {
  ExpectRefused(With(Identity(), "blood_type", "A"), RecordErrorCode::kProhibitedItem,
                "blood_type");
  ExpectRefused(With(Identity(), "宗教信仰", "x"), RecordErrorCode::kProhibitedItem, "宗教信仰");
  ExpectRefused(With(Account(), "medical_history", "x"), RecordErrorCode::kProhibitedItem,
                "medical_history");
  Json unknown_type = Identity();
  unknown_type["type"] = "nope";
  ExpectRefused(With(unknown_type, "fingerprint", "x"), RecordErrorCode::kProhibitedItem,
                "fingerprint");
}

TEST(BatchParseTest, ProhibitedErrorCarriesTheRecordType) {
  std::vector<ParsedLine> got = Parse(With(Identity(), "genetic_data", "x"));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(std::get<RecordError>(got[0].result).record_type, "identity");
}

TEST(BatchParseTest, MalformedLines) {
  for (const char* line : {"{\"type\":", "[1,2]", "\"identity\"", "{} {}",
                           "{\"type\":\"account\",\"type\":\"account\"}"}) {
    SCOPED_TRACE(line);
    ExpectRefused(line, RecordErrorCode::kMalformedLine, "");
  }
}

TEST(BatchParseTest, InvalidIdNumbers) {
  for (const char* id : {"110101199003071234",  // wrong check char
                         "990101199003071233",  // no such province
                         "110101202507011234",  // birth date after today
                         "11010119900230123X",  // 30 February
                         "1101011990030712",    // too short
                         "11010119900307123Y"}) {
    SCOPED_TRACE(id);
    ExpectRefused(With(Account(), "id_number", id), RecordErrorCode::kInvalidIdNumber, "id_number");
  }
  ExpectRefused(With(Adverse(), "id_number", "AB12"), RecordErrorCode::kInvalidIdNumber,
                "id_number");
  ExpectRefused(With(Adverse(), "id_number", "E123-4567"), RecordErrorCode::kInvalidIdNumber,
                "id_number");
}

TEST(BatchParseTest, InvalidIdTypeIsACodeError) {
  ExpectRefused(With(Account(), "id_type", "driving_licence"), RecordErrorCode::kInvalidCode,
                "id_type");
}

TEST(BatchParseTest, InvalidDates) {
  ExpectRefused(With(Account(), "open_date", "2023-02-29"), RecordErrorCode::kInvalidDate,
                "open_date");
  ExpectRefused(With(Account(), "open_date", "2020/01/15"), RecordErrorCode::kInvalidDate,
                "open_date");
  ExpectRefused(With(Account(), "as_of", "2024-06-16"), RecordErrorCode::kInvalidDate, "as_of");
  ExpectRefused(With(Repayment(), "month", "2024-07"), RecordErrorCode::kInvalidDate, "month");
  ExpectRefused(With(Repayment(), "month", "2024-13"), RecordErrorCode::kInvalidDate, "month");
}

TEST(BatchParseTest, TodayItselfIsAccepted) {
  auto r = One<AccountRecord>(With(Account(), "as_of", "2024-06-15"));
  EXPECT_EQ(r.as_of, "2024-06-15");
}

TEST(BatchParseTest, DatesOutOfOrder) {
  ExpectRefused(With(Account(), "close_date", "2019-12-31"), RecordErrorCode::kInvalidDate,
                "close_date");
  ExpectRefused(With(Account(), "as_of", "2019-12-31"), RecordErrorCode::kInvalidDate, "as_of");
  ExpectRefused(With(Adverse(), "end_date", "2024-03-31"), RecordErrorCode::kInvalidDate,
                "end_date");
}

TEST(BatchParseTest, InvalidAmounts) {
  for (const Json& v : {Json("1.234"), Json("-1"), Json(-1), Json("1e3"), Json("1."), Json(".5"),
                        Json("+5"), Json("10000000000000.01"), Json("1,000")}) {
    SCOPED_TRACE(v.dump());
    ExpectRefused(With(Account(), "balance", v), RecordErrorCode::kInvalidAmount, "balance");
  }
}

TEST(BatchParseTest, JsonNumbersAreReadAsWritten) {
  std::string line = Account().dump();
  const std::size_t at = line.find("123456.7");
  ASSERT_NE(at, std::string::npos);
  ExpectRefused(std::string(line).replace(at, 8, "1e3"), RecordErrorCode::kInvalidAmount,
                "balance");
  ExpectRefused(std::string(line).replace(at, 8, "1.005"), RecordErrorCode::kInvalidAmount,
                "balance");
  EXPECT_EQ(One<AccountRecord>(std::string(line).replace(at, 8, "7.50")).balance, 750);
}

TEST(BatchParseTest, LargestAmountIsTenTrillionYuan) {
  auto r = One<AccountRecord>(With(Account(), "limit", "10000000000000.00"));
  EXPECT_EQ(r.limit, 1'000'000'000'000'000);
}

TEST(BatchParseTest, InvalidCodes) {
  ExpectRefused(With(Account(), "currency", "cny"), RecordErrorCode::kInvalidCode, "currency");
  ExpectRefused(With(Account(), "kind", "mortgage"), RecordErrorCode::kInvalidCode, "kind");
  ExpectRefused(With(Account(), "status", "open"), RecordErrorCode::kInvalidCode, "status");
  ExpectRefused(With(Identity(), "gender", "male"), RecordErrorCode::kInvalidCode, "gender");
  ExpectRefused(With(Identity(), "marital_status", "partnered"), RecordErrorCode::kInvalidCode,
                "marital_status");
  ExpectRefused(With(Repayment(), "status", "X"), RecordErrorCode::kInvalidCode, "status");
  ExpectRefused(With(Adverse(), "kind", "bankrupt"), RecordErrorCode::kInvalidCode, "kind");
}

TEST(BatchParseTest, Repayment24mIsAtMost24CharsOfTheAlphabet) {
  EXPECT_EQ(
      One<AccountRecord>(With(Account(), "repayment_24m", std::string(24, 'N'))).repayment_24m,
      std::string(24, 'N'));
  ExpectRefused(With(Account(), "repayment_24m", std::string(25, 'N')),
                RecordErrorCode::kInvalidCode, "repayment_24m");
  ExpectRefused(With(Account(), "repayment_24m", "NN8N"), RecordErrorCode::kInvalidCode,
                "repayment_24m");
}

TEST(BatchParseTest, InvalidMobiles) {
  for (const char* m : {"12800138000", "1380013800", "+85213800138000", "138001380001"}) {
    SCOPED_TRACE(m);
    ExpectRefused(With(Identity(), "mobile", m), RecordErrorCode::kInvalidMobile, "mobile");
  }
  EXPECT_EQ(One<IdentityRecord>(With(Identity(), "mobile", "008619912345678")).mobile,
            "19912345678");
}

TEST(BatchParseTest, InvalidValues) {
  ExpectRefused(With(Identity(), "name", std::string(101, 'a')), RecordErrorCode::kInvalidValue,
                "name");
  ExpectRefused(With(Identity(), "address", "line1\nline2"), RecordErrorCode::kInvalidValue,
                "address");
  ExpectRefused(With(Identity(), "name", true), RecordErrorCode::kInvalidValue, "name");
  ExpectRefused(With(Identity(), "name", Json::object({{"a", 1}})), RecordErrorCode::kInvalidValue,
                "name");
  ExpectRefused(With(Account(), "account_id", 12345), RecordErrorCode::kInvalidValue, "account_id");
}

TEST(BatchParseTest, IdBirthMismatch) {
  ExpectRefused(With(Identity(), "birth_date", "1968-03-01"), RecordErrorCode::kIdBirthMismatch,
                "birth_date");
}

TEST(BatchParseTest, HugeLineIsRefusedAndTheNextLineStillParses) {
  const std::string huge = With(Identity(), "address", std::string(70 * 1024, 'a'));
  std::vector<ParsedLine> got = Parse(huge + "\n" + Repayment().dump() + "\n");
  ASSERT_EQ(got.size(), 2u);
  ExpectError(got[0], 1, RecordErrorCode::kLineTooLong, "");
  EXPECT_TRUE(std::holds_alternative<Record>(got[1].result));
}

TEST(BatchParseTest, InvalidUtf8LineIsMalformed) {
  std::string line = Identity().dump();
  line.replace(line.find("张"), 1, "\xff");
  ExpectRefused(line, RecordErrorCode::kMalformedLine, "");
}

TEST(BatchParseTest, EmptyAndBlankInputYieldNothing) {
  EXPECT_TRUE(Parse("").empty());
  EXPECT_TRUE(Parse("\n \r\n\t\n").empty());
}

TEST(BatchParseTest, MixedBatchYieldsEveryLineInOrder) {
  const std::string text = "\xEF\xBB\xBF" + Identity().dump() + "\r\n" +  // 1 good (BOM, CRLF)
                           With(Account(), "currency", "yuan") + "\n" +   // 2 bad code
                           "\n" +                                         // 3 blank
                           With(Identity(), "blood_type", "O") + "\n" +   // 4 prohibited
                           "not json\n" +                                 // 5 malformed
                           Repayment().dump() + "\n" +                    // 6 good
                           Adverse().dump();                              // 7 good, no newline
  std::vector<ParsedLine> got = Parse(text);
  ASSERT_EQ(got.size(), 6u);
  EXPECT_EQ(got[0].line, 1u);
  EXPECT_TRUE(std::holds_alternative<Record>(got[0].result));
  ExpectError(got[1], 2, RecordErrorCode::kInvalidCode, "currency");
  ExpectError(got[2], 4, RecordErrorCode::kProhibitedItem, "blood_type");
  ExpectError(got[3], 5, RecordErrorCode::kMalformedLine, "");
  EXPECT_EQ(got[4].line, 6u);
  EXPECT_EQ(RecordTypeName(std::get<Record>(got[4].result)), "repayment");
  EXPECT_EQ(got[5].line, 7u);
  EXPECT_EQ(RecordTypeName(std::get<Record>(got[5].result)), "adverse");
}

// Invariant 1 of record_error.h: messages name the rule, never the value.
TEST(BatchParseTest, MessagesNeverContainTheValue) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {With(Account(), "id_number", "110101199003071234"), "110101199003071234"},
      {With(Identity(), "mobile", "12899998888"), "12899998888"},
      {With(Identity(), "birth_date", "1968-03-01"), "1968-03-01"},
      {With(Identity(), "gender", "Xq"), "Xq"},
      {With(Account(), "balance", "98765.4321"), "98765.4321"},
      {With(Identity(), "name", std::string(120, 'Z')), "ZZZZZ"}};
  for (const auto& [line, value] : cases) {
    std::vector<ParsedLine> got = Parse(line);
    ASSERT_EQ(got.size(), 1u);
    const RecordError& e = std::get<RecordError>(got[0].result);
    EXPECT_EQ(e.message.find(value), std::string::npos) << e.message;
  }
}

TEST(BatchParseTest, OpenNeedsToday) {
  auto reader = BatchReader::Open("", BatchFormat::kJsonl, ParseOptions{});
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error().code(), ErrorCode::kInvalidArgument);
}

TEST(BatchReaderCountTest, CountsWhatTheReaderGives) {
  const std::string too_long(70 * 1024, ' ');  // blank but too long: an error result
  for (const std::string& text :
       {std::string(""), std::string("\n\n \t\r\n"), "\xEF\xBB\xBF" + Identity().dump(),
        Identity().dump() + "\n\n{bad\n" + too_long + "\n \n" + Account().dump() + "\r\n"}) {
    auto reader = BatchReader::Open(text, BatchFormat::kJsonl, ParseOptions{kToday});
    ASSERT_TRUE(reader);
    EXPECT_EQ(BatchReader::CountJsonl(text, ParseOptions{kToday}.max_line_bytes),
              ReadAll(*reader).size());
  }
}

}  // namespace
}  // namespace cv::credit
