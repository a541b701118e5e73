// End-to-end tests of `cvault scan` (issue #2): gen-sample round trips, output formats, several
// sources, SQLite input and no sensitive value in any output. Bad input is in
// scan_bad_input_e2e_test.cc.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "e2e_helpers.h"

namespace cv::e2e {
namespace {

using nlohmann::json;
using std::string_literals::operator""s;

// ---------------------------------------------------------------------------------------------
// 1. gen-sample -> scan round trip: at least 99% of columns get the labeled type (issue #2).

struct RoundTrip {
  const char* name;
  std::vector<std::string> gen_args;
  std::vector<std::string> scan_args;
  std::uint64_t rows;
  const char* format;    // expected "format"
  const char* encoding;  // expected "encoding"
};

void PrintTo(const RoundTrip& v, std::ostream* os) { *os << v.name; }

class RoundTripTest : public CvaultTest, public ::testing::WithParamInterface<RoundTrip> {};

TEST_P(RoundTripTest, TypesMatchLabelsForAtLeast99PercentOfColumns) {
  const RoundTrip& v = GetParam();
  const bool jsonl = std::string(v.format) == "jsonl";
  int total = 0, right = 0;
  std::string misses;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    json labels = GenSample("data.dat", v.rows, seed, v.gen_args);
    std::vector<std::string> scan_args{"data.dat"};
    scan_args.insert(scan_args.end(), v.scan_args.begin(), v.scan_args.end());
    std::vector<json> reports = ScanJson(scan_args);
    ASSERT_EQ(reports.size(), 1u);
    const json& r = reports[0];
    EXPECT_EQ(r["source"], "data.dat"s);
    EXPECT_EQ(r["format"], std::string(v.format));
    EXPECT_EQ(r["encoding"], std::string(v.encoding));
    EXPECT_EQ(r["rows"], v.rows);
    EXPECT_EQ(r["columns"].size(), labels["columns"].size()) << "seed " << seed;
    for (const json& label : labels["columns"]) {
      ++total;
      const int index = label["index"];
      const std::string name = label["name"];
      auto it = std::find_if(r["columns"].begin(), r["columns"].end(), [&](const json& c) {
        return jsonl ? c["name"] == name : c["index"] == index;
      });
      if (it == r["columns"].end()) {
        misses += "seed " + std::to_string(seed) + ": no column " + name + "\n";
        continue;
      }
      // CSV headers come back decoded to UTF-8 whatever the file's encoding.
      if (!jsonl && !name.empty()) {
        EXPECT_EQ((*it)["name"], name);
      }
      if ((*it)["type"] == label["type"]) {
        ++right;
      } else {
        misses += "seed " + std::to_string(seed) + ": " + name + " #" + std::to_string(index) +
                  " want " + label["type"].get<std::string>() + " got " +
                  (*it)["type"].get<std::string>() + "\n";
      }
    }
  }
  EXPECT_GT(total, 40);
  EXPECT_GE(right * 100, total * 99) << right << "/" << total << " right; misses:\n" << misses;
}

INSTANTIATE_TEST_SUITE_P(
    Variants, RoundTripTest,
    ::testing::Values(
        RoundTrip{"ZhHeadersUtf8", {"--headers", "zh"}, {}, 300, "csv", "utf-8"},
        RoundTrip{
            "ZhHeadersGbk", {"--headers", "zh", "--encoding", "gbk"}, {}, 300, "csv", "gb18030"},
        RoundTrip{"JsonLines", {"--format", "jsonl"}, {}, 300, "jsonl", "utf-8"},
        RoundTrip{"JsonLinesGbkMixed",
                  {"--format", "jsonl", "--encoding", "gbk", "--headers", "mixed"},
                  {},
                  300,
                  "jsonl",
                  "gb18030"},
        // Seed 1 loses a row today: BUG, see HeaderlessFirstRowIsData below.
        RoundTrip{"Headerless", {"--headers", "none"}, {}, 300, "csv", "utf-8"},
        RoundTrip{"EnTabBom",
                  {"--headers", "en", "--delimiter", "tab", "--encoding", "utf-8-bom"},
                  {},
                  300,
                  "csv",
                  "utf-8-bom"},
        // ~7 MB: several 4 MiB chunks on two worker threads, merged.
        RoundTrip{"ManyChunksGbkTwoThreads",
                  {"--headers", "zh", "--encoding", "gbk", "--line-ending", "lf"},
                  {"--threads", "2"},
                  12000,
                  "csv",
                  "gb18030"}),
    [](const ::testing::TestParamInfo<RoundTrip>& info) { return std::string(info.param.name); });

// ---------------------------------------------------------------------------------------------
// 2. Output formats.

// Column names that need HTML escaping, and what they must become.
constexpr const char* kTrickyCsv =
    "<b>姓名</b>,a&b,\"\"\"q\"\" 'x'\",<script>alert(1)</script>,手机号码\n"
    "张三,1,2,3,13800138000\n"
    "李四,4,5,6,13912345678\n";
struct EscapedName {
  const char* raw;
  const char* escaped;
};
constexpr EscapedName kEscapedNames[] = {
    {"<b>姓名</b>", "&lt;b&gt;姓名&lt;/b&gt;"},
    {"a&b", "a&amp;b"},
    {"\"q\" 'x'", "&quot;q&quot; &#39;x&#39;"},
    {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
    {"手机号码", "手机号码"},
};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Self-contained: nothing executable and nothing fetched from elsewhere.
void ExpectSelfContainedHtml(const std::string& html) {
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>")) << html.substr(0, 80);
  const std::string lower = Lower(html);
  for (const char* banned : {"<script", "<link", "<iframe", "<object", "<embed", "@import",
                             "src=\"http", "src='http", "href=\"http", "url(http", "javascript:"}) {
    EXPECT_EQ(lower.find(banned), std::string::npos) << "HTML contains " << banned;
  }
}

TEST_F(CvaultTest, HtmlToFileIsSelfContainedAndEscapesColumnNames) {
  Write("tricky.csv", kTrickyCsv);
  RunResult r = Run({"scan", "tricky.csv", "--format", "html", "--out", "report.html"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, ""s) << "--out must keep stdout empty";
  const std::string html = ReadFile(Path("report.html"));
  ExpectSelfContainedHtml(html);
  for (const auto& [raw, escaped] : kEscapedNames) {
    EXPECT_NE(html.find(escaped), std::string::npos) << "missing column " << raw;
  }
  EXPECT_EQ(html.find("<b>姓名</b>"), std::string::npos) << "column name not escaped";
}

TEST_F(CvaultTest, HtmlNamesEveryGeneratedColumnOfEverySource) {
  json zh = GenSample("zh.csv", 100, 7, {"--headers", "zh"});
  json en = GenSample("en.jsonl", 100, 8, {"--headers", "en", "--format", "jsonl"});
  RunResult r = Run({"scan", "zh.csv", "en.jsonl", "--format", "html", "--out", "r.html"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = ReadFile(Path("r.html"));
  ExpectSelfContainedHtml(html);
  EXPECT_NE(html.find("zh.csv"), std::string::npos);
  EXPECT_NE(html.find("en.jsonl"), std::string::npos);
  for (const json* labels : {&zh, &en}) {
    for (const json& c : (*labels)["columns"]) {
      EXPECT_NE(html.find(c["name"].get<std::string>()), std::string::npos) << c["name"];
    }
  }
}

TEST_F(CvaultTest, TextFormatListsColumnNames) {
  json labels = GenSample("zh.csv", 100, 9, {"--headers", "zh"});
  RunResult r = Run({"scan", "zh.csv", "--format", "text"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(r.out.starts_with("{")) << "text, not JSON";
  EXPECT_NE(r.out.find("zh.csv"), std::string::npos);
  for (const json& c : labels["columns"]) {
    EXPECT_NE(r.out.find(c["name"].get<std::string>()), std::string::npos) << c["name"];
  }
  Write("tricky.csv", kTrickyCsv);
  RunResult t = Run({"scan", "tricky.csv", "--format", "text"});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  for (const auto& [raw, escaped] : kEscapedNames) {
    EXPECT_NE(t.out.find(raw), std::string::npos) << raw;
  }
}

TEST_F(CvaultTest, DefaultFormatOnAPipeIsOneJsonObjectPerLine) {
  GenSample("a.csv", 50, 1);
  RunResult r = Run({"scan", "a.csv"});  // RunProgram gives the child a pipe for stdout
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(r.out.starts_with("{\"source\":")) << r.out.substr(0, 80);
  ASSERT_TRUE(r.out.ends_with("}\n"));
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << "compact: one line";
  std::vector<json> docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  for (const char* key : {"source", "rows", "encoding", "dataset_level", "columns",
                          "findings_prohibited", "warnings"}) {
    EXPECT_TRUE(docs[0].contains(key)) << key;
  }
  const json& col = docs[0]["columns"].at(0);
  for (const char* key : {"index", "name", "type", "category", "level", "confidence", "matched",
                          "invalid", "empty", "protections"}) {
    EXPECT_TRUE(col.contains(key)) << key;
  }
  for (const char* key : {"count", "ragged_rows", "undecodable_bytes", "items"}) {
    EXPECT_TRUE(docs[0]["warnings"].contains(key)) << key;
  }
}

TEST_F(CvaultTest, OutWithoutFormatWritesJsonToTheFile) {
  GenSample("a.csv", 50, 1);
  RunResult r = Run({"scan", "a.csv", "--out", "r.json", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, ""s);
  std::vector<json> docs = JsonLines(ReadFile(Path("r.json")));
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["source"], "a.csv"s);
}

// ---------------------------------------------------------------------------------------------
// 3. Several sources, and SQLite.

TEST_F(CvaultTest, SeveralPathsGiveOneJsonLinePerSourceInOrder) {
  GenSample("one.csv", 40, 1);
  GenSample("two.jsonl", 30, 2, {"--format", "jsonl"});
  GenSample("three.csv", 20, 3, {"--encoding", "gbk", "--headers", "none"});
  std::vector<json> docs = ScanJson({"one.csv", "two.jsonl", "three.csv"});
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0]["source"], "one.csv"s);
  EXPECT_EQ(docs[0]["rows"], 40);
  EXPECT_EQ(docs[1]["source"], "two.jsonl"s);
  EXPECT_EQ(docs[1]["format"], "jsonl"s);
  EXPECT_EQ(docs[1]["rows"], 30);
  EXPECT_EQ(docs[2]["source"], "three.csv"s);
  EXPECT_EQ(docs[2]["encoding"], "gb18030"s);
  EXPECT_EQ(docs[2]["rows"], 20);
}

// GB 11643-1999: the check character of an 18-character resident ID.
char ResidentIdCheck(const std::string& first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return "10X98765432"[sum % 11];
}

class SqliteTest : public CvaultTest {
 protected:
  static constexpr const char* kSqlite3 = "/usr/bin/sqlite3";

  void SetUp() override {
    CvaultTest::SetUp();
    if (!fs::exists(kSqlite3)) GTEST_SKIP() << "needs the sqlite3 tool (apt-get install sqlite3)";
  }

  // Two tables: 客户信息 (姓名, 身份证号, 备注) and contacts (id, mobile).
  void MakeDb(const std::string& db, bool wal) {
    std::string sql = wal ? "PRAGMA journal_mode=WAL;\n" : "";
    sql += "BEGIN;\n";  // one transaction: one fsync, not sixty
    sql += "CREATE TABLE \"客户信息\" (\"姓名\" TEXT, \"身份证号\" TEXT, \"备注\" TEXT);\n";
    sql += "CREATE TABLE contacts (id INTEGER PRIMARY KEY, mobile TEXT);\n";
    const char* names[] = {"张伟", "王芳", "李娜", "刘洋", "陈静"};
    for (int i = 0; i < 30; ++i) {
      std::string id = "11010519491231002X";  // the GB 11643 example
      if (i > 0) {
        char first17[18];  // region 330102, born 1985-10-DD, sequence 1NN
        std::snprintf(first17, sizeof first17, "330102198510%02d%03d", i, 100 + i);
        id = std::string(first17) + ResidentIdCheck(first17);
      }
      ids_.push_back(id);
      std::string mobile = "1380013" + std::to_string(8000 + i);
      mobiles_.push_back(mobile);
      sql += "INSERT INTO \"客户信息\" VALUES ('" + std::string(names[i % 5]) + "', '" + id +
             "', '按时还款');\n";
      sql += "INSERT INTO contacts (mobile) VALUES ('" + mobile + "');\n";
    }
    sql += "COMMIT;\n";
    Write("make.sql", sql);
    RunResult r = RunProgram(kSqlite3, {db, ".read make.sql"}, dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    fs::remove(Path("make.sql"));
  }

  std::set<std::string> Files() const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) names.insert(e.path().filename().string());
    return names;
  }

  std::vector<std::string> ids_, mobiles_;
};

TEST_F(SqliteTest, EveryTableIsOneLineAndTheDatabaseIsUntouched) {
  ASSERT_NO_FATAL_FAILURE(MakeDb("credit.db", /*wal=*/false));
  const std::string before = ReadFile(Path("credit.db"));
  const std::set<std::string> files_before = Files();
  RunResult r = Run({"scan", "sqlite:credit.db"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 2u) << r.out;
  std::map<std::string, json> by_source;
  for (const json& d : docs) by_source[d["source"]] = d;
  ASSERT_TRUE(by_source.contains("sqlite:credit.db#客户信息")) << r.out.substr(0, 300);
  ASSERT_TRUE(by_source.contains("sqlite:credit.db#contacts"));
  const json& customers = by_source["sqlite:credit.db#客户信息"];
  EXPECT_EQ(customers["format"], "sqlite"s);
  EXPECT_EQ(customers["rows"], 30);
  ASSERT_EQ(customers["columns"].size(), 3u);
  EXPECT_EQ(customers["columns"][0]["name"], "姓名"s);
  EXPECT_EQ(customers["columns"][0]["type"], "person_name"s);
  EXPECT_EQ(customers["columns"][1]["name"], "身份证号"s);
  EXPECT_EQ(customers["columns"][1]["type"], "cn_resident_id"s);
  EXPECT_EQ(customers["columns"][1]["matched"], 30);
  const json& contacts = by_source["sqlite:credit.db#contacts"];
  EXPECT_EQ(contacts["rows"], 30);
  ASSERT_EQ(contacts["columns"].size(), 2u);
  EXPECT_EQ(contacts["columns"][1]["type"], "cn_mobile"s);
  // Read-only: same bytes, no journal or WAL files left behind.
  EXPECT_TRUE(ReadFile(Path("credit.db")) == before) << "scan changed the database";
  EXPECT_EQ(Files(), files_before);
  for (const std::string& v : ids_) EXPECT_EQ(r.out.find(v), std::string::npos) << v;
  for (const std::string& v : mobiles_) EXPECT_EQ(r.out.find(v), std::string::npos) << v;
}

TEST_F(SqliteTest, NamedTableIsOneLine) {
  ASSERT_NO_FATAL_FAILURE(MakeDb("credit.db", /*wal=*/false));
  const std::string before = ReadFile(Path("credit.db"));
  std::vector<json> docs = ScanJson({"sqlite:credit.db#客户信息"});
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["source"], "sqlite:credit.db#客户信息"s);
  EXPECT_EQ(docs[0]["columns"][1]["type"], "cn_resident_id"s);
  EXPECT_GE(docs[0]["dataset_level"], 3);
  docs = ScanJson({"sqlite:credit.db#contacts"});
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["columns"][1]["type"], "cn_mobile"s);
  EXPECT_TRUE(ReadFile(Path("credit.db")) == before) << "scan changed the database";
}

TEST_F(SqliteTest, WalDatabaseIsReadWithoutCreatingFiles) {
  ASSERT_NO_FATAL_FAILURE(MakeDb("wal.db", /*wal=*/true));
  const std::string before = ReadFile(Path("wal.db"));
  const std::set<std::string> files_before = Files();
  std::vector<json> docs = ScanJson({"sqlite:wal.db"});
  EXPECT_EQ(docs.size(), 2u);
  EXPECT_TRUE(ReadFile(Path("wal.db")) == before) << "scan changed the database";
  EXPECT_EQ(Files(), files_before) << "scan left -wal/-shm files";
}

// ---------------------------------------------------------------------------------------------
// 5. No leak (issue #2, QRY-6): no resident ID, mobile or bank card value from the input appears
// in any report or on stderr.

// Splits LF-terminated RFC 4180 CSV into records of fields.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted && c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == ',') {
      fields.emplace_back();
    } else if (!quoted && c == '\n') {
      records.push_back(std::move(fields));
      fields.assign(1, "");
    } else {
      fields.back() += c;
    }
  }
  return records;
}

std::string DigitsOnly(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

// The identifier values of a generated CSV, as written and as bare digits ("+86 138...",
// "6222 0000 ...").
std::set<std::string> IdentifierValues(const std::string& csv, const json& labels, bool header) {
  const std::set<std::string> kinds = {"cn_resident_id", "cn_mobile", "bank_card"};
  std::set<std::string> values;
  std::vector<std::vector<std::string>> records = ParseCsv(csv);
  for (std::size_t row = header ? 1 : 0; row < records.size(); ++row) {
    for (const json& l : labels["columns"]) {
      const std::size_t i = l["index"];
      if (!kinds.contains(l["type"].get<std::string>()) || i >= records[row].size()) continue;
      const std::string& value = records[row][i];
      if (value.empty()) continue;
      values.insert(value);
      std::string digits = DigitsOnly(value);
      if (l["type"] == "cn_mobile" && digits.size() > 11)
        digits = digits.substr(digits.size() - 11);
      if (digits.size() >= 11) values.insert(digits);
    }
  }
  return values;
}

struct LeakCase {
  const char* name;
  const char* headers;  // gen-sample --headers
  std::uint64_t seed;
};

void PrintTo(const LeakCase& c, std::ostream* os) { *os << c.name; }

class NoLeakTest : public CvaultTest, public ::testing::WithParamInterface<LeakCase> {};

TEST_P(NoLeakTest, NoIdentifierValueAppearsInAnyOutputOrOnStderr) {
  const LeakCase& c = GetParam();
  const bool header = std::string(c.headers) != "none";
  json labels = GenSample("leak.csv", 300, c.seed, {"--headers", c.headers, "--line-ending", "lf"});
  std::string csv = ReadFile(Path("leak.csv"));
  // Rows that make warnings, so stderr has something to leak into: ragged and undecodable.
  const long ragged_line = std::count(csv.begin(), csv.end(), '\n') + 1;
  csv += "11010519491231002X,13800138000\n";
  csv +=
      "\xff"
      "11010519491231002X,13800138000,\xfe\n";
  Write("leak.csv", csv);
  std::set<std::string> secrets = IdentifierValues(csv, labels, header);
  secrets.insert({"11010519491231002X", "13800138000"});
  ASSERT_GT(secrets.size(), 600u);

  RunResult json_run = Run({"scan", "leak.csv"});
  RunResult text_run = Run({"scan", "leak.csv", "--format", "text"});
  RunResult html_run = Run({"scan", "leak.csv", "--format", "html", "--out", "leak.html"});
  const std::string ragged = "leak.csv:" + std::to_string(ragged_line) + ": ragged_row";
  for (const RunResult* r : {&json_run, &text_run, &html_run}) {
    ASSERT_EQ(r->exit_code, 0) << r->err;
    EXPECT_NE(r->err.find(ragged), std::string::npos) << r->err;
  }
  EXPECT_EQ(JsonLines(json_run.out).at(0)["warnings"]["ragged_rows"], 2);
  const std::string html = ReadFile(Path("leak.html"));
  ASSERT_FALSE(html.empty());
  struct Output {
    const char* what;
    const std::string* text;
  };
  for (const Output& o : {Output{"json", &json_run.out}, Output{"json stderr", &json_run.err},
                          Output{"text", &text_run.out}, Output{"text stderr", &text_run.err},
                          Output{"html", &html}, Output{"html stderr", &html_run.err}}) {
    int leaks = 0;
    for (const std::string& secret : secrets) {
      if (o.text->find(secret) != std::string::npos && ++leaks <= 5) {
        ADD_FAILURE() << o.what << " contains " << secret;
      }
    }
    EXPECT_EQ(leaks, 0) << o.what;
  }
}

// Seed 1 headerless puts "...@hotmail.com" in the first row (see HeaderlessFirstRowIsData).
INSTANTIATE_TEST_SUITE_P(Headers, NoLeakTest,
                         ::testing::Values(LeakCase{"English", "en", 11},
                                           LeakCase{"Chinese", "zh", 12},
                                           LeakCase{"HeaderlessSeed1", "none", 1}),
                         [](const ::testing::TestParamInfo<LeakCase>& info) {
                           return std::string(info.param.name);
                         });

// BUG (reported to the lead): a headerless CSV whose first row holds an e-mail address at a
// domain containing "mail" (hotmail.com, gmail.com) is taken to have a header: the first record
// is dropped from the counts and its values (resident ID, mobile, ...) become the column names,
// printed in clear in every report. Expected: rows 2, names column_1..column_4, no value echoed.
TEST_F(CvaultTest, HeaderlessFirstRowIsData) {
  Write("noheader.csv",
        "张三,11010519491231002X,13800138000,zhang.san@hotmail.com\n"
        "李四,11010519491231002X,13912345678,lisi@163.com\n");
  RunResult r = Run({"scan", "noheader.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["rows"], 2);
  ASSERT_EQ(docs[0]["columns"].size(), 4u);
  EXPECT_EQ(docs[0]["columns"][1]["type"], "cn_resident_id"s);
  EXPECT_EQ(docs[0]["columns"][1]["name"], "column_2"s);
  for (const char* v : {"11010519491231002X", "13800138000", "zhang.san@hotmail.com"}) {
    EXPECT_EQ(r.out.find(v), std::string::npos) << "report echoes " << v;
  }
}

}  // namespace
}  // namespace cv::e2e
