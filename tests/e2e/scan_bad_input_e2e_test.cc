// End-to-end tests of `cvault scan` on bad input and bad arguments (issue #2): the exact exit
// code, a stderr message naming the file (and line), and never a personal value from the file.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "e2e_helpers.h"

namespace cv::e2e {
namespace {

using nlohmann::json;
using std::string_literals::operator""s;

constexpr int kExitOk = 0, kExitUsage = 2, kExitBadInput = 3;

// Personal values planted in bad files; none may come back on stderr or stdout.
constexpr const char* kResidentId = "11010519491231002X";  // GB 11643 example
constexpr const char* kMobile = "13800138000";

void ExpectNoPersonalValue(const RunResult& r) {
  for (const char* v : {kResidentId, kMobile}) {
    EXPECT_EQ(r.err.find(v), std::string::npos) << "stderr leaks " << v << ": " << r.err;
    EXPECT_EQ(r.out.find(v), std::string::npos) << "stdout leaks " << v;
  }
}

// stderr holds a line matching `pattern` (ECMAScript, whole line).
void ExpectStderrLine(const RunResult& r, const std::string& pattern) {
  const std::regex re(pattern);
  std::size_t pos = 0;
  while (pos < r.err.size()) {
    std::size_t nl = r.err.find('\n', pos);
    if (nl == std::string::npos) nl = r.err.size();
    if (std::regex_match(r.err.substr(pos, nl - pos), re)) return;
    pos = nl + 1;
  }
  ADD_FAILURE() << "no stderr line matches /" << pattern << "/ in:\n" << r.err;
}

// Warning lines on stderr: the line numbers of `code` for `file`.
std::vector<int> WarnedLines(const RunResult& r, const std::string& file, const std::string& code) {
  std::vector<int> lines;
  const std::regex re("cvault scan: warning: " + file + ":([0-9]+): " + code + ": .*");
  std::smatch m;
  std::size_t pos = 0;
  while (pos < r.err.size()) {
    std::size_t nl = r.err.find('\n', pos);
    if (nl == std::string::npos) nl = r.err.size();
    const std::string line = r.err.substr(pos, nl - pos);
    if (std::regex_match(line, m, re)) lines.push_back(std::stoi(m[1]));
    pos = nl + 1;
  }
  return lines;
}

std::vector<int> JsonWarnedLines(const json& report, const std::string& code) {
  std::vector<int> lines;
  for (const json& w : report["warnings"]["items"]) {
    if (w["code"] == code) lines.push_back(w["line"]);
  }
  return lines;
}

using BadInputTest = CvaultTest;

// ---- exit 0 with warnings -------------------------------------------------------------------

TEST_F(BadInputTest, EmptyFileIsZeroRowsWithAWarning) {
  Write("empty.csv", "");
  RunResult r = Run({"scan", "empty.csv"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  std::vector<json> docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["source"], "empty.csv"s);
  EXPECT_EQ(docs[0]["rows"], 0);
  EXPECT_GE(docs[0]["warnings"]["count"], 1);
  ExpectStderrLine(r, "cvault scan: warning: empty\\.csv(:[0-9]+)?: empty_input: .+");
}

TEST_F(BadInputTest, RaggedRowsAreWarnedWithTheirLinesAndCounted) {
  // Line 5-6 is one record (a quoted newline); lines 3, 4 and 7 are ragged.
  Write("ragged.csv", std::string("姓名,身份证号,手机号码\n") + "张三," + kResidentId + "," +
                          kMobile + "\n" + "李四," + kResidentId + "\n" + "王五," + kResidentId +
                          "," + kMobile + ",多余\n" + "\"赵\n六\"," + kResidentId + "," + kMobile +
                          "\n" + "钱七," + kMobile + "\n");
  RunResult r = Run({"scan", "ragged.csv"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_EQ(WarnedLines(r, "ragged\\.csv", "ragged_row"), (std::vector<int>{3, 4, 7}));
  std::vector<json> docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["rows"], 5);
  EXPECT_EQ(docs[0]["warnings"]["ragged_rows"], 3);
  EXPECT_EQ(JsonWarnedLines(docs[0], "ragged_row"), (std::vector<int>{3, 4, 7}));
  ExpectNoPersonalValue(r);
}

TEST_F(BadInputTest, RaggedRowLinesStayRightAcrossChunksAndThreads) {
  // ~6.5 MB (two 4 MiB chunks) with quoted newlines, CRLF records and two workers.
  std::string csv = "name,mobile,note\r\n";
  std::vector<int> want;
  int line = 2;
  for (int i = 0; i < 200000; ++i) {
    if (i % 30000 == 7) {
      csv += std::string("张三,") + kMobile + "\r\n";
      want.push_back(line);
      line += 1;
    } else if (i % 1000 == 3) {
      csv += "李四,13912345678,\"第一行\r\n第二行\"\r\n";
      line += 2;
    } else {
      csv += "王五,13912345678,备注" + std::to_string(i) + "\r\n";
      line += 1;
    }
  }
  Write("big.csv", csv);
  RunResult r = Run({"scan", "big.csv", "--threads", "2"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_EQ(WarnedLines(r, "big\\.csv", "ragged_row"), want);
  std::vector<json> docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["rows"], 200000);
  EXPECT_EQ(docs[0]["warnings"]["ragged_rows"], want.size());
  EXPECT_EQ(JsonWarnedLines(docs[0], "ragged_row"), want);
  ExpectNoPersonalValue(r);
}

TEST_F(BadInputTest, InvalidUtf8IsCountedAndWarnedWithItsLine) {
  Write("bad.csv", std::string("姓名,手机号码\n张三,") + kMobile + "\n李\xff四," + kMobile +
                       "\n王五," + kMobile + "\n");
  RunResult r = Run({"scan", "bad.csv"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  std::vector<json> docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["encoding"], "utf-8"s);
  EXPECT_GT(docs[0]["warnings"]["undecodable_bytes"], 0);
  EXPECT_EQ(JsonWarnedLines(docs[0], "undecodable_bytes"), std::vector<int>{3});
  EXPECT_EQ(WarnedLines(r, "bad\\.csv", "undecodable_bytes"), std::vector<int>{3});
  EXPECT_EQ(docs[0]["columns"][1]["type"], "cn_mobile"s);
  ExpectNoPersonalValue(r);
}

// BUG (reported to the lead): a byte that is not UTF-8 in the header line is replaced silently:
// exit 0, no warning on stderr, warnings.undecodable_bytes == 0. Documented behaviour: undecodable
// bytes are warned about with their line and counted in JSON.
TEST_F(BadInputTest, InvalidUtf8InTheHeaderIsCountedAndWarned) {
  Write("badhead.csv", std::string("姓\xff名,手机号码\n张三,") + kMobile + "\n");
  RunResult r = Run({"scan", "badhead.csv"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  std::vector<json> docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_GT(docs[0]["warnings"]["undecodable_bytes"], 0);
  EXPECT_EQ(JsonWarnedLines(docs[0], "undecodable_bytes"), std::vector<int>{1});
  EXPECT_EQ(WarnedLines(r, "badhead\\.csv", "undecodable_bytes"), std::vector<int>{1});
}

// The generated GBK file with one byte on line 151 made invalid (0xFF).
std::string CorruptGbkLine151(const std::string& gbk) {
  std::string out = gbk;
  std::size_t pos = 0;
  for (int line = 1; line < 151; ++line) pos = out.find('\n', pos) + 1;
  out.insert(out.find(',', pos) + 1, "\xff");
  return out;
}

TEST_F(BadInputTest, ForcedGbkWarnsAboutOneBadByteOnItsLine) {
  json labels = GenSample("g.csv", 300, 3, {"--encoding", "gbk", "--line-ending", "lf"});
  Write("g.csv", CorruptGbkLine151(ReadFile(Path("g.csv"))));
  RunResult r = Run({"scan", "g.csv", "--encoding", "gbk"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  std::vector<json> docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["encoding"], "gb18030"s);
  EXPECT_EQ(docs[0]["warnings"]["undecodable_bytes"], 1);
  EXPECT_EQ(WarnedLines(r, "g\\.csv", "undecodable_bytes"), std::vector<int>{151});
  EXPECT_EQ(docs[0]["columns"][1]["name"], labels["columns"][1]["name"]);
}

// BUG (reported to the lead): with --encoding auto, a GBK file with a single bad byte in its first
// MiB is read as UTF-8: every Chinese byte becomes '?' (undecodable_bytes ~30000, warned at line
// 2 instead of 151), the headers are lost and about half the columns get the wrong type.
// Expected: GB18030 is still recognised, one undecodable byte is warned at line 151.
TEST_F(BadInputTest, AutoEncodingKeepsGbkWhenOneByteIsBad) {
  json labels = GenSample("g.csv", 300, 3, {"--encoding", "gbk", "--line-ending", "lf"});
  Write("g.csv", CorruptGbkLine151(ReadFile(Path("g.csv"))));
  RunResult r = Run({"scan", "g.csv"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  std::vector<json> docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["encoding"], "gb18030"s);
  EXPECT_EQ(docs[0]["warnings"]["undecodable_bytes"], 1);
  EXPECT_EQ(WarnedLines(r, "g\\.csv", "undecodable_bytes"), std::vector<int>{151});
  EXPECT_EQ(docs[0]["columns"][1]["name"], labels["columns"][1]["name"]);
}

// A 50 MB line is scanned in bounded memory (the record limit is 64 MiB).
constexpr long kMaxRssKb = 600 * 1024;

TEST_F(BadInputTest, FiftyMegabyteSingleLineIsBounded) {
  std::string line;
  line.reserve(50u << 20);
  while (line.size() < (50u << 20)) line += "备注没有分隔符abcdefgh";
  Write("oneline.csv", line);
  line.clear();
  line.shrink_to_fit();
  RunResult r = Run({"scan", "oneline.csv"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_LT(r.max_rss_kb, kMaxRssKb);
  EXPECT_LT(r.err.size(), 4096u);
  EXPECT_LT(r.out.size(), 64u * 1024) << "the 50 MB name must be cut";
  std::vector<json> docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["rows"], 0);
  ASSERT_EQ(docs[0]["columns"].size(), 1u);
  EXPECT_LE(docs[0]["columns"][0]["name"].get<std::string>().size(), 256u);
}

TEST_F(BadInputTest, FiftyMegabyteDataLineIsBounded) {
  std::string csv = std::string("姓名,备注\n张三,") + std::string(50u << 20, '7') + "\n李四,ok\n";
  Write("longrow.csv", csv);
  csv.clear();
  csv.shrink_to_fit();
  RunResult r = Run({"scan", "longrow.csv"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_LT(r.max_rss_kb, kMaxRssKb);
  EXPECT_LT(r.out.size(), 64u * 1024);
  std::vector<json> docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["rows"], 2);
  EXPECT_EQ(docs[0]["columns"][0]["type"], "person_name"s);
}

// ---- exit 3 ---------------------------------------------------------------------------------

TEST_F(BadInputTest, BinaryFileExits3) {
  std::string bytes = ReadFile("/bin/true").substr(0, 4096);
  ASSERT_EQ(bytes.size(), 4096u);
  Write("program.csv", bytes + "\n" + kResidentId + "," + kMobile + "\n");
  RunResult r = Run({"scan", "program.csv"});
  EXPECT_EQ(r.exit_code, kExitBadInput) << r.err;
  EXPECT_EQ(r.out, ""s);
  ExpectStderrLine(r, "cvault scan: error: program\\.csv(:[0-9]+)?: malformed: .+");
  ExpectNoPersonalValue(r);
}

std::string Utf16Le(const std::string& ascii) {
  std::string out;
  for (char c : ascii) {
    out += c;
    out += '\0';
  }
  return out;
}

TEST_F(BadInputTest, Utf16WithBomIsUnsupported) {
  Write("u16.csv", "\xff\xfe" + Utf16Le(std::string("name,id\nZhang,") + kResidentId + "\n"));
  RunResult r = Run({"scan", "u16.csv"});
  EXPECT_EQ(r.exit_code, kExitBadInput) << r.err;
  EXPECT_EQ(r.out, ""s);
  ExpectStderrLine(r, "cvault scan: error: u16\\.csv(:1)?: unsupported: .+");
  ExpectNoPersonalValue(r);
}

TEST_F(BadInputTest, Utf16WithoutBomIsUnsupported) {
  Write("u16.csv",
        Utf16Le(std::string("name,mobile\nZhang,") + kMobile + "\nLi," + kMobile + "\n"));
  RunResult r = Run({"scan", "u16.csv"});
  EXPECT_EQ(r.exit_code, kExitBadInput) << r.err;
  ExpectStderrLine(r, "cvault scan: error: u16\\.csv(:1)?: unsupported: .+");
}

TEST_F(BadInputTest, MissingFileExits3) {
  RunResult r = Run({"scan", "missing.csv"});
  EXPECT_EQ(r.exit_code, kExitBadInput) << r.err;
  EXPECT_EQ(r.out, ""s);
  ExpectStderrLine(r, "cvault scan: error: missing\\.csv: unreadable: .+");
}

TEST_F(BadInputTest, DirectoryExits3) {
  fs::create_directory(Path("folder"));
  RunResult r = Run({"scan", "folder"});
  EXPECT_EQ(r.exit_code, kExitBadInput) << r.err;
  EXPECT_EQ(r.out, ""s);
  ExpectStderrLine(r, "cvault scan: error: folder: unreadable: .+");
}

// BUG (reported to the lead): SQLite errors carry no position, so stderr reads
// "cvault scan: error: unreadable: cannot open missing.db: ..." instead of the documented
// "cvault scan: error: FILE: code: message".
TEST_F(BadInputTest, MissingSqliteDatabaseExits3NamingTheFile) {
  RunResult r = Run({"scan", "sqlite:missing.db"});
  EXPECT_EQ(r.exit_code, kExitBadInput) << r.err;
  EXPECT_FALSE(fs::exists(Path("missing.db"))) << "a scan must not create the database";
  ExpectStderrLine(r, "cvault scan: error: (sqlite:)?missing\\.db: unreadable: .+");
}

TEST_F(BadInputTest, OneBadPathAmongGoodOnesStillReportsTheGoodOnesAndExits3) {
  GenSample("good.csv", 20, 1);
  RunResult r = Run({"scan", "good.csv", "missing.csv"});
  EXPECT_EQ(r.exit_code, kExitBadInput) << r.err;
  ExpectStderrLine(r, "cvault scan: error: missing\\.csv: unreadable: .+");
  std::vector<json> docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["source"], "good.csv"s);
}

// ---- exit 2 ---------------------------------------------------------------------------------

struct UsageCase {
  const char* name;
  std::vector<std::string> args;
};

void PrintTo(const UsageCase& c, std::ostream* os) { *os << c.name; }

class UsageErrorTest : public CvaultTest, public ::testing::WithParamInterface<UsageCase> {};

TEST_P(UsageErrorTest, Exits2WithAMessageAndNoReport) {
  GenSample("ok.csv", 10, 1);
  std::vector<std::string> args{"scan"};
  args.insert(args.end(), GetParam().args.begin(), GetParam().args.end());
  RunResult r = Run(args);
  EXPECT_EQ(r.exit_code, kExitUsage) << r.err;
  EXPECT_EQ(r.out, ""s);
  EXPECT_FALSE(r.err.empty());
}

INSTANTIATE_TEST_SUITE_P(
    BadArguments, UsageErrorTest,
    ::testing::Values(UsageCase{"UnknownEncoding", {"ok.csv", "--encoding", "latin1"}},
                      UsageCase{"UnknownFormat", {"ok.csv", "--format", "pdf"}},
                      UsageCase{"NoPath", {}},
                      UsageCase{"ZeroThreads", {"ok.csv", "--threads", "0"}},
                      UsageCase{"ZeroSample", {"ok.csv", "--sample", "0"}},
                      UsageCase{"UnknownFlag", {"ok.csv", "--frobnicate"}}),
    [](const ::testing::TestParamInfo<UsageCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace cv::e2e
