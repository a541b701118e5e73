// Tests for JsonlFlattener: paths, scalar text, refused lines and error messages.
#include "grading/internal/jsonl.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace cv::grading::internal {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// Parses `line` and collects every (path, value) pair delivered.
Status Flatten(std::string_view line, Pairs* out) {
  JsonlFlattener flattener;
  return flattener.ParseLine(line, [out](std::string_view path, std::string_view value) {
    out->emplace_back(std::string(path), std::string(value));
  });
}

Pairs FlattenOk(std::string_view line) {
  Pairs out;
  auto status = Flatten(line, &out);
  EXPECT_TRUE(status) << status.error().ToString();
  return out;
}

Error FlattenError(std::string_view line) {
  Pairs out;
  auto status = Flatten(line, &out);
  if (status) {
    ADD_FAILURE() << "expected an error for: " << line;
    return Error(ErrorCode::kInternal, "no error");
  }
  return status.error();
}

TEST(JsonlTest, FlatObject) {
  EXPECT_EQ(FlattenOk(R"({"name": "x", "age": 30})"), (Pairs{{"name", "x"}, {"age", "30"}}));
}

TEST(JsonlTest, NestedObjectsJoinWithDots) {
  EXPECT_EQ(FlattenOk(R"({"a": {"b": {"c": 1}, "d": 2}, "e": 3})"),
            (Pairs{{"a.b.c", "1"}, {"a.d", "2"}, {"e", "3"}}));
}

TEST(JsonlTest, ArrayElementsShareOnePath) {
  EXPECT_EQ(FlattenOk(R"({"tags": ["a", "b"], "n": 1})"),
            (Pairs{{"tags[]", "a"}, {"tags[]", "b"}, {"n", "1"}}));
}

TEST(JsonlTest, ObjectsInArrays) {
  EXPECT_EQ(FlattenOk(R"({"items": [{"x": 1}, {"x": 2, "y": {"z": true}}], "k": "v"})"),
            (Pairs{{"items[].x", "1"}, {"items[].x", "2"}, {"items[].y.z", "true"}, {"k", "v"}}));
}

TEST(JsonlTest, NestedArrays) {
  EXPECT_EQ(FlattenOk(R"({"m": [[1, 2], [], [3]]})"),
            (Pairs{{"m[][]", "1"}, {"m[][]", "2"}, {"m[][]", "3"}}));
}

TEST(JsonlTest, UnicodeEscapesAreDecoded) {
  EXPECT_EQ(FlattenOk(R"({"\u59d3\u540d": "\u5f20\u4e09", "s": "a\"b\\c\n"})"),
            (Pairs{{"姓名", "张三"}, {"s", "a\"b\\c\n"}}));
}

TEST(JsonlTest, RawUtf8KeysAndValues) {
  EXPECT_EQ(FlattenOk(R"({"姓名": "张三"})"), (Pairs{{"姓名", "张三"}}));
}

TEST(JsonlTest, NumbersKeepTheirSourceText) {
  EXPECT_EQ(
      FlattenOk(R"({"a": 1, "b": -2.50, "c": 1e3, "d": 0.1, "e": -7, "f": 1E-2})"),
      (Pairs{{"a", "1"}, {"b", "-2.50"}, {"c", "1e3"}, {"d", "0.1"}, {"e", "-7"}, {"f", "1E-2"}}));
}

TEST(JsonlTest, IntegerExtremes) {
  EXPECT_EQ(FlattenOk(R"({"a": 18446744073709551615, "b": -9223372036854775808})"),
            (Pairs{{"a", "18446744073709551615"}, {"b", "-9223372036854775808"}}));
}

TEST(JsonlTest, HugeIntegerKeepsDigits) {
  // Beyond 64 bits nlohmann reads a float; its source text is kept.
  EXPECT_EQ(FlattenOk(R"({"id": 110101199003077777123})"),
            (Pairs{{"id", "110101199003077777123"}}));
}

TEST(JsonlTest, BooleansAndNull) {
  EXPECT_EQ(FlattenOk(R"({"t": true, "f": false, "n": null})"),
            (Pairs{{"t", "true"}, {"f", "false"}, {"n", ""}}));
}

TEST(JsonlTest, EmptyObjectGivesNoValues) {
  EXPECT_TRUE(FlattenOk("{}").empty());
  EXPECT_TRUE(FlattenOk(R"({"a": {}, "b": []})").empty());
}

TEST(JsonlTest, BlankLinesAreOk) {
  EXPECT_TRUE(FlattenOk("").empty());
  EXPECT_TRUE(FlattenOk("   \t\r").empty());
}

TEST(JsonlTest, SurroundingWhitespaceAndCarriageReturn) {
  EXPECT_EQ(FlattenOk(" {\"a\": 1} \r"), (Pairs{{"a", "1"}}));
}

TEST(JsonlTest, NonObjectLinesAreRefused) {
  for (std::string_view line : {"[1,2]", R"("str")", "3", "true", "null", "[]"}) {
    Error e = FlattenError(line);
    EXPECT_EQ(e.code(), ErrorCode::kMalformed) << line;
    EXPECT_EQ(e.message(), "line is not a JSON object") << line;
  }
}

TEST(JsonlTest, TruncatedLineReportsColumn) {
  Error e = FlattenError(R"({"a": 1, "b": )");
  EXPECT_EQ(e.code(), ErrorCode::kMalformed);
  EXPECT_EQ(e.message(), "malformed JSON at column 15: unexpected end of line");
}

TEST(JsonlTest, TrailingGarbageReportsColumn) {
  Error e = FlattenError(R"({"a": 1} x)");
  EXPECT_EQ(e.code(), ErrorCode::kMalformed);
  EXPECT_EQ(e.message(), "malformed JSON at column 10: unexpected characters after the object");
}

TEST(JsonlTest, SyntaxErrorReportsColumn) {
  Error e = FlattenError(R"({"a": 1,, "b": 2})");
  EXPECT_EQ(e.code(), ErrorCode::kMalformed);
  EXPECT_EQ(e.message(), "malformed JSON at column 9: syntax error");
}

TEST(JsonlTest, ValuesBeforeAnErrorStayDelivered) {
  Pairs out;
  EXPECT_FALSE(Flatten(R"({"a": 1, "b": })", &out));
  EXPECT_EQ(out, (Pairs{{"a", "1"}}));
}

TEST(JsonlTest, DeepNestingIsRefusedWithoutOverflow) {
  std::string line;
  for (int i = 0; i < 1000; ++i) line += R"({"a":)";
  line += "1";
  line += std::string(1000, '}');
  Error e = FlattenError(line);
  EXPECT_EQ(e.code(), ErrorCode::kMalformed);
  EXPECT_NE(e.message().find("nested deeper than 64"), std::string::npos) << e.message();
}

TEST(JsonlTest, DeepArraysAreRefused) {
  std::string line = R"({"a":)" + std::string(100000, '[');
  EXPECT_EQ(FlattenError(line).code(), ErrorCode::kMalformed);
}

TEST(JsonlTest, NestingAtTheLimitIsAccepted) {
  std::string line;
  for (int i = 0; i < JsonlFlattener::kMaxDepth; ++i) line += R"({"a":)";
  line += "1";
  line += std::string(JsonlFlattener::kMaxDepth, '}');
  Pairs out = FlattenOk(line);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].second, "1");
}

// Error messages never quote the input: a malformed line may hold personal data.
TEST(JsonlTest, ErrorMessageDoesNotLeakValues) {
  const std::string secret = "110101199003077777";
  for (const std::string& line : {
           R"({"id": ")" + secret + "\x01\"}",  // Control character inside a string.
           R"({"id": )" + secret + "abc}",      // Invalid literal after a number.
           R"({"id": ")" + secret,              // Unterminated string.
           R"({"id": 1} )" + secret,            // Trailing garbage.
           R"({")" + secret + R"(": tru})",     // Bad literal after a key.
           R"({"id": ")" + secret + R"(\q"})",  // Bad escape.
       }) {
    Error e = FlattenError(line);
    EXPECT_EQ(e.code(), ErrorCode::kMalformed);
    EXPECT_EQ(e.message().find(secret), std::string::npos) << e.message();
    EXPECT_EQ(e.message().find("7777"), std::string::npos) << e.message();
  }
}

TEST(JsonlTest, InvalidUtf8IsMalformed) {
  EXPECT_EQ(FlattenError("{\"a\": \"\xff\"}").code(), ErrorCode::kMalformed);
}

TEST(JsonlTest, FlattenerIsReusableAfterAnError) {
  JsonlFlattener flattener;
  Pairs out;
  auto collect = [&out](std::string_view path, std::string_view value) {
    out.emplace_back(std::string(path), std::string(value));
  };
  EXPECT_FALSE(flattener.ParseLine(R"({"x": {"y": [1, )", collect));
  out.clear();
  EXPECT_TRUE(flattener.ParseLine(R"({"a": {"b": 2}})", collect));
  EXPECT_EQ(out, (Pairs{{"a.b", "2"}}));
}

}  // namespace
}  // namespace cv::grading::internal
