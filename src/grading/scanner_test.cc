// Tests for Scan(): accuracy on labeled synthetic data, no leaks, bad input, threads, sampling.
#include "grading/scanner.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "grading/internal/csv.h"
#include "grading/sample_gen.h"

namespace cv::grading {
namespace {

namespace fs = std::filesystem;

class ScannerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cv_scanner_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  std::string Generate(const SampleOptions& o, std::vector<ColumnLabel>* labels,
                       const std::string& name) {
    std::ostringstream data;
    EXPECT_TRUE(GenerateSample(o, data, labels));
    return Write(name, data.str());
  }

  std::vector<GradingReport> MustScan(const std::string& path, ScanOptions options = {}) {
    auto r = Scan(path, options, policy::Policy::Defaults());
    EXPECT_TRUE(r) << r.error().ToString();
    return r ? *r : std::vector<GradingReport>{};
  }

  fs::path dir_;
};

struct Variant {
  SampleFormat format;
  SampleEncoding encoding;
  char delimiter;
};

// Issue #2: at least 99% of generated columns get the right type.
TEST_F(ScannerTest, AtLeast99PercentOfColumnsRightOnGeneratedData) {
  const Variant variants[] = {{SampleFormat::kCsv, SampleEncoding::kUtf8, ','},
                              {SampleFormat::kCsv, SampleEncoding::kGbk, ','},
                              {SampleFormat::kCsv, SampleEncoding::kUtf8Bom, ';'},
                              {SampleFormat::kCsv, SampleEncoding::kGbk, '|'},
                              {SampleFormat::kCsv, SampleEncoding::kUtf8, '\t'},
                              {SampleFormat::kJsonl, SampleEncoding::kUtf8, ','}};
  const SampleHeaders headers[] = {SampleHeaders::kZh, SampleHeaders::kEn, SampleHeaders::kMixed,
                                   SampleHeaders::kNone};
  int total = 0, right = 0;
  std::map<std::string, int> wrong;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    for (const Variant& v : variants) {
      for (SampleHeaders h : headers) {
        if (v.format == SampleFormat::kJsonl && h == SampleHeaders::kNone) continue;
        SampleOptions o;
        o.rows = 300;
        o.seed = seed;
        o.format = v.format;
        o.encoding = v.encoding;
        o.delimiter = v.delimiter;
        o.headers = h;
        std::vector<ColumnLabel> labels;
        std::string path = Generate(o, &labels, "acc.dat");
        auto reports = MustScan(path);
        ASSERT_EQ(reports.size(), 1u);
        EXPECT_EQ(reports[0].columns.size(), labels.size())
            << "seed " << seed << " delimiter " << v.delimiter << " headers " << static_cast<int>(h)
            << " rows " << reports[0].rows << " delim " << reports[0].delimiter;
        std::map<std::string, std::string> by_name;
        for (const ColumnReport& c : reports[0].columns) {
          std::string key = h == SampleHeaders::kNone ? std::to_string(c.index) : c.name;
          by_name[key] = std::string(Catalog::Default().Get(c.type).id);
        }
        for (const ColumnLabel& l : labels) {
          std::string key = h == SampleHeaders::kNone ? std::to_string(l.index) : l.name;
          ++total;
          if (by_name[key] == l.type) {
            ++right;
          } else {
            ++wrong[l.name + " want " + l.type + " got " + by_name[key] + " (format " +
                    std::to_string(static_cast<int>(v.format)) + ", encoding " +
                    std::to_string(static_cast<int>(v.encoding)) + ", headers " +
                    std::to_string(static_cast<int>(h)) + ")"];
          }
        }
      }
    }
  }
  std::string misses;
  for (auto& [what, n] : wrong) misses += what + " x" + std::to_string(n) + "\n";
  EXPECT_GE(right * 100, total * 99) << right << "/" << total << " right; misses:\n" << misses;
  EXPECT_GT(total, 1000);
}

// Issue #2 / QRY-6: no report contains a sensitive value in clear.
TEST_F(ScannerTest, NoRawValueLeaksIntoAnyReport) {
  SampleOptions o;
  o.rows = 200;
  o.seed = 11;
  o.crlf = false;
  std::vector<ColumnLabel> labels;
  std::ostringstream data;
  ASSERT_TRUE(GenerateSample(o, data, &labels));
  std::string path = Write("leak.csv", data.str());
  auto reports = MustScan(path);
  std::string outputs = RenderJson(reports[0]) + RenderHtml(reports) + RenderText(reports);
  const std::set<std::string> sensitive = {"cn_resident_id", "cn_mobile", "bank_card",
                                           "email",          "address",   "payment_account",
                                           "landline",       "passport"};
  std::istringstream lines(data.str());
  std::string line;
  std::getline(lines, line);  // header
  int checked = 0;
  internal::CsvRecordParser parser(',');
  std::string text = data.str();
  std::vector<std::string_view> fields;
  std::size_t pos = 0;
  std::uint32_t nl;
  bool open;
  parser.Next(text.data(), text.size(), &pos, &fields, &nl, &open);  // header
  while (parser.Next(text.data(), text.size(), &pos, &fields, &nl, &open)) {
    for (const ColumnLabel& l : labels) {
      if (!sensitive.contains(l.type) || l.index >= static_cast<int>(fields.size())) continue;
      std::string value(internal::TrimCell(fields[l.index]));
      if (value.size() < 6) continue;
      ++checked;
      EXPECT_EQ(outputs.find(value), std::string::npos) << l.type << " leaked";
    }
  }
  EXPECT_GT(checked, 1000);
}

TEST_F(ScannerTest, ThreadCountDoesNotChangeTheResult) {
  SampleOptions o;
  o.rows = 20000;
  o.seed = 5;
  std::vector<ColumnLabel> labels;
  std::string path = Generate(o, &labels, "threads.csv");
  ScanOptions one, four;
  one.threads = 1;
  four.threads = 4;
  auto a = MustScan(path, one);
  auto b = MustScan(path, four);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].rows, 20000u);
  EXPECT_EQ(b[0].rows, a[0].rows);
  ASSERT_EQ(a[0].columns.size(), b[0].columns.size());
  for (std::size_t i = 0; i < a[0].columns.size(); ++i) {
    EXPECT_EQ(a[0].columns[i].type, b[0].columns[i].type);
    EXPECT_EQ(a[0].columns[i].matched, b[0].columns[i].matched);
    EXPECT_EQ(a[0].columns[i].invalid, b[0].columns[i].invalid);
    EXPECT_EQ(a[0].columns[i].empty, b[0].columns[i].empty);
    EXPECT_EQ(a[0].columns[i].embedded, b[0].columns[i].embedded);
  }
}

// Settling (the fast path) changes no decision and no count of a column's decided item.
TEST_F(ScannerTest, SettlingDecidesLikeExhaustive) {
  SampleOptions o;
  o.rows = 6000;
  o.seed = 9;
  std::vector<ColumnLabel> labels;
  std::string path = Generate(o, &labels, "settle.csv");
  ScanOptions fast, exhaustive;
  fast.threads = exhaustive.threads = 2;
  exhaustive.exhaustive = true;
  auto a = MustScan(path, fast);
  auto b = MustScan(path, exhaustive);
  ASSERT_EQ(a[0].columns.size(), b[0].columns.size());
  for (std::size_t i = 0; i < a[0].columns.size(); ++i) {
    SCOPED_TRACE(a[0].columns[i].name);
    EXPECT_EQ(a[0].columns[i].type, b[0].columns[i].type);
    EXPECT_EQ(a[0].columns[i].matched, b[0].columns[i].matched);
    EXPECT_EQ(a[0].columns[i].invalid, b[0].columns[i].invalid);
    EXPECT_EQ(a[0].columns[i].level, b[0].columns[i].level);
  }
  EXPECT_EQ(a[0].dataset_level, b[0].dataset_level);
}

TEST_F(ScannerTest, SampleStopsAfterNRows) {
  SampleOptions o;
  o.rows = 5000;
  std::vector<ColumnLabel> labels;
  std::string path = Generate(o, &labels, "sample.csv");
  ScanOptions s;
  s.sample_rows = 100;
  auto r = MustScan(path, s);
  EXPECT_EQ(r[0].rows, 100u);
  EXPECT_TRUE(r[0].sampled);
}

// GRD-2: a bulk credit dataset (identifiers + credit facts, >= bulk_rows rows) is level 4.
TEST_F(ScannerTest, BulkCreditDatasetIsAtLeastLevel4) {
  std::string csv = "身份证号,贷款金额\n";
  for (int i = 0; i < 1000; ++i) csv += "11010519491231002X,1000.00\n";
  auto r = MustScan(Write("bulk.csv", csv));
  EXPECT_EQ(r[0].dataset_level, 4);
  ScanOptions few;
  few.bulk_rows = 5000;
  r = MustScan(Write("bulk.csv", csv), few);
  EXPECT_EQ(r[0].dataset_level, 3);
}

// GRD-4: prohibited items are listed.
TEST_F(ScannerTest, ProhibitedColumnsAreReported) {
  auto r = MustScan(Write("p.csv", "姓名,宗教信仰,血型\n张三,佛教,A型\n李四,基督教,O型\n"));
  ASSERT_EQ(r[0].findings_prohibited.size(), 2u);
  EXPECT_EQ(r[0].findings_prohibited[0].type, ItemType::kReligion);
  EXPECT_EQ(r[0].findings_prohibited[1].type, ItemType::kBloodType);
}

TEST_F(ScannerTest, EmptyFileIsAnEmptyReport) {
  auto r = MustScan(Write("empty.csv", ""));
  EXPECT_EQ(r[0].rows, 0u);
  EXPECT_TRUE(r[0].columns.empty());
  EXPECT_EQ(r[0].warning_count, 1u);
}

TEST_F(ScannerTest, BinaryFileIsMalformed) {
  auto r = Scan(Write("b.bin", std::string("\x7F"
                                           "ELF\0\0\x01\x02",
                                           8)),
                {}, policy::Policy::Defaults());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kMalformed);
  EXPECT_FALSE(r.error().position().file.empty());
}

TEST_F(ScannerTest, MissingFileAndDirectoryAreUnreadable) {
  auto r = Scan((dir_ / "nope.csv").string(), {}, policy::Policy::Defaults());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kUnreadable);
  r = Scan(dir_.string(), {}, policy::Policy::Defaults());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kUnreadable);
}

TEST_F(ScannerTest, RaggedRowsWarnWithLineNumbers) {
  auto r = MustScan(Write("r.csv", "a,b,c\n1,2,3\n1,2\n1,2,3,4\n\"x\ny\",2,3\n5\n"));
  EXPECT_EQ(r[0].ragged_rows, 3u);
  ASSERT_EQ(r[0].warnings.size(), 3u);
  EXPECT_EQ(r[0].warnings[0].line, 3u);
  EXPECT_EQ(r[0].warnings[1].line, 4u);
  EXPECT_EQ(r[0].warnings[2].line, 7u);  // the quoted newline makes record 5 span lines 5-6
  EXPECT_EQ(r[0].rows, 5u);
}

// Cells are graded in batches of rows, column by column: short rows leave their missing cells
// unobserved (not empty), across batch boundaries, and blank lines are no rows.
TEST_F(ScannerTest, ShortRowsAcrossRowBatches) {
  std::string csv = "id,mobile,email\n";
  std::uint64_t mobiles = 0, emails = 0, rows = 0;
  for (int i = 0; i < 300; ++i) {
    if (i % 50 == 49) csv += "\n";  // blank
    ++rows;
    const std::string mobile = "138" + std::to_string(10000000 + i);
    if (i % 7 == 3) {
      csv += std::to_string(i) + "\n";  // id only
    } else if (i % 11 == 5) {
      csv += std::to_string(i) + "," + mobile + "\n";
      ++mobiles;
    } else {
      csv += std::to_string(i) + "," + mobile + ",u" + std::to_string(i) + "@example.com\n";
      ++mobiles, ++emails;
    }
  }
  auto r = MustScan(Write("short.csv", csv));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].rows, rows);
  ASSERT_EQ(r[0].columns.size(), 3u);
  EXPECT_EQ(r[0].columns[1].type, ItemType::kMobile);
  EXPECT_EQ(r[0].columns[1].matched, mobiles);
  EXPECT_EQ(r[0].columns[1].non_empty, mobiles);
  EXPECT_EQ(r[0].columns[1].empty, 0u);
  EXPECT_EQ(r[0].columns[2].type, ItemType::kEmail);
  EXPECT_EQ(r[0].columns[2].matched, emails);
  EXPECT_EQ(r[0].columns[2].non_empty + r[0].columns[2].empty, emails);
}

TEST_F(ScannerTest, InvalidUtf8IsCountedWithLine) {
  auto r = MustScan(Write("u.csv", "name,mobile\nzhang,13800138000\nli\xFF\xFE,13900139000\n"));
  EXPECT_EQ(r[0].encoding, "utf-8");
  EXPECT_EQ(r[0].undecodable_bytes, 2u);
  ASSERT_FALSE(r[0].warnings.empty());
  EXPECT_EQ(r[0].warnings[0].code, "undecodable_bytes");
  EXPECT_EQ(r[0].warnings[0].line, 3u);
}

TEST_F(ScannerTest, GbkFileIsDecoded) {
  // "姓名,手机号\n张三,13800138000\n" in GBK.
  auto r = MustScan(Write("g.csv",
                          "\xD0\xD5\xC3\xFB,\xCA\xD6\xBB\xFA\xBA\xC5\n"
                          "\xD5\xC5\xC8\xFD,13800138000\n"));
  EXPECT_EQ(r[0].encoding, "gb18030");
  ASSERT_EQ(r[0].columns.size(), 2u);
  EXPECT_EQ(r[0].columns[0].name, "姓名");
  EXPECT_EQ(r[0].columns[1].type, ItemType::kMobile);
}

TEST_F(ScannerTest, HugeSingleLineIsBoundedAndScanned) {
  std::string line(50u << 20, 'a');
  auto r = MustScan(Write("long.csv", line));
  EXPECT_EQ(r[0].rows, 0u);
  ASSERT_EQ(r[0].columns.size(), 1u);
  EXPECT_LE(r[0].columns[0].name.size(), 256u);
  ScanOptions tight;
  tight.max_record_bytes = 1u << 20;
  auto e = Scan(Write("long2.csv", "h\n" + line + "\n"), tight, policy::Policy::Defaults());
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(e.error().position().line, 2u);
}

TEST_F(ScannerTest, JsonLinesNestedPaths) {
  auto r =
      MustScan(Write("j.jsonl",
                     "{\"customer\": {\"name\": \"张三\", \"id_no\": \"11010519491231002X\"}}\n"
                     "not json\n"
                     "{\"customer\": {\"name\": \"李四\", \"id_no\": \"11010519491231002X\"}}\n"));
  EXPECT_EQ(r[0].format, "jsonl");
  EXPECT_EQ(r[0].rows, 2u);
  ASSERT_EQ(r[0].columns.size(), 2u);
  EXPECT_EQ(r[0].columns[0].name, "customer.name");
  EXPECT_EQ(r[0].columns[1].type, ItemType::kResidentId);
  ASSERT_EQ(r[0].warnings.size(), 1u);
  EXPECT_EQ(r[0].warnings[0].line, 2u);
  EXPECT_EQ(r[0].warnings[0].code, "malformed_json");
}

TEST_F(ScannerTest, JsonLinesColumnLimitIsWarned) {
  ScanOptions few;
  few.max_columns = 2;
  auto r = MustScan(Write("w.jsonl", "{\"a\": 1, \"b\": 2, \"c\": 3}\n{\"a\": 4}\n"), few);
  EXPECT_EQ(r[0].columns.size(), 2u);
  ASSERT_EQ(r[0].warnings.size(), 1u);
  EXPECT_EQ(r[0].warnings[0].code, "too_many_columns");
  EXPECT_EQ(r[0].warnings[0].line, 1u);
}

TEST_F(ScannerTest, HeaderlessCsvNamesColumns) {
  auto r = MustScan(Write("nh.csv",
                          "11010519491231002X,13800138000\n"
                          "11010519491231002X,13900139000\n"));
  ASSERT_EQ(r[0].columns.size(), 2u);
  EXPECT_EQ(r[0].rows, 2u);
  EXPECT_EQ(r[0].columns[0].name, "column_1");
  EXPECT_EQ(r[0].columns[0].type, ItemType::kResidentId);
  EXPECT_EQ(r[0].columns[1].type, ItemType::kMobile);
}

}  // namespace
}  // namespace cv::grading
