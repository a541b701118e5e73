// Tests for the labeled sample generator (grading/sample_gen.h): determinism, valid check
// characters on identifiers (GRD-3), decoys that fail them, RFC 4180 well-formedness, GBK
// output, header-less and JSON Lines variants.
#include "grading/sample_gen.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "grading/check_digits.h"
#include "grading/internal/sample_output.h"
#include "grading/internal/sample_rng.h"

namespace cv::grading {
namespace {

using Record = std::vector<std::string>;

struct Sample {
  std::string data;
  std::vector<ColumnLabel> labels;
};

Sample Generate(const SampleOptions& options) {
  Sample s;
  std::ostringstream out;
  auto st = GenerateSample(options, out, &s.labels);
  EXPECT_TRUE(st.has_value()) << (st ? "" : st.error().ToString());
  s.data = out.str();
  return s;
}

SampleOptions Rows(std::uint64_t rows, std::uint64_t seed = 7) {
  SampleOptions o;
  o.rows = rows;
  o.seed = seed;
  return o;
}

// A strict RFC 4180 reader: records end at CRLF or LF outside quotes; a quote may only open a
// field or, doubled, stand inside a quoted one. False on malformed input.
bool ParseCsv(std::string_view text, char delim, std::vector<Record>* records) {
  enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };
  State state = State::kFieldStart;
  Record record;
  std::string field;
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
  };
  auto end_record = [&] {
    end_field();
    records->push_back(std::move(record));
    record.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool eol = c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n');
    switch (state) {
      case State::kFieldStart:
      case State::kUnquoted:
        if (c == '"' && state == State::kFieldStart) {
          state = State::kQuoted;
        } else if (c == '"' || (c == '\r' && !eol)) {
          return false;
        } else if (c == delim) {
          end_field();
          state = State::kFieldStart;
        } else if (eol) {
          if (c == '\r') ++i;
          end_record();
          state = State::kFieldStart;
        } else {
          field.push_back(c);
          state = State::kUnquoted;
        }
        break;
      case State::kQuoted:
        if (c == '"') {
          state = State::kQuoteInQuoted;
        } else {
          field.push_back(c);
        }
        break;
      case State::kQuoteInQuoted:
        if (c == '"') {
          field.push_back('"');
          state = State::kQuoted;
        } else if (c == delim) {
          end_field();
          state = State::kFieldStart;
        } else if (eol) {
          if (c == '\r') ++i;
          end_record();
          state = State::kFieldStart;
        } else {
          return false;
        }
        break;
    }
  }
  if (state == State::kQuoted) return false;
  if (state != State::kFieldStart || !record.empty()) end_record();
  return true;
}

std::vector<Record> ParseOrDie(const std::string& data, char delim = ',') {
  std::vector<Record> records;
  EXPECT_TRUE(ParseCsv(data, delim, &records));
  return records;
}

int ColumnOf(const std::vector<ColumnLabel>& labels, std::string_view kind) {
  for (const ColumnLabel& l : labels) {
    if (l.kind == kind) return l.index;
  }
  ADD_FAILURE() << "no column of kind " << kind;
  return 0;
}

// The non-empty cells of one column, header row skipped.
std::vector<std::string> Cells(const Sample& s, std::string_view kind) {
  std::vector<Record> records = ParseOrDie(s.data);
  int col = ColumnOf(s.labels, kind);
  std::vector<std::string> out;
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (!records[r][col].empty()) out.push_back(records[r][col]);
  }
  return out;
}

std::string Digits(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  return out;
}

bool ValidResidentId(std::string_view id) {
  return id.size() == 18 && ResidentIdCheckChar(id.substr(0, 17)) == id[17];
}

std::string Iconv(const std::string& in, const char* to, const char* from) {
  iconv_t cd = iconv_open(to, from);
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(in.size() * 4 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
  EXPECT_NE(rc, static_cast<std::size_t>(-1)) << "iconv " << from << " -> " << to;
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

TEST(SampleRngTest, SameSeedSameStreamOnEveryLibrary) {
  // std::mt19937_64 is fully specified (C++ [rand.predef]: the 10000th output for the default
  // seed 5489 is 9981545732273789042), and Below() is our own arithmetic on top of it.
  std::mt19937_64 reference;
  reference.discard(9999);
  EXPECT_EQ(reference(), 9981545732273789042ull);
  samplegen::SampleRng a(42), b(42);
  for (int i = 0; i < 1000; ++i) {
    std::uint64_t n = static_cast<std::uint64_t>(i % 97 + 1);
    std::uint64_t x = a.Below(n);
    EXPECT_LT(x, n);
    EXPECT_EQ(x, b.Below(n));
  }
}

TEST(SampleRngTest, BelowCoversTheWholeRange) {
  samplegen::SampleRng rng(1);
  std::vector<int> seen(10, 0);
  for (int i = 0; i < 10000; ++i) ++seen[rng.Below(10)];
  for (int count : seen) EXPECT_GT(count, 850);
  for (int i = 0; i < 1000; ++i) {
    std::int64_t v = rng.Between(-3, 3);
    EXPECT_GE(v, -3);
    EXPECT_LE(v, 3);
  }
}

TEST(SampleGenTest, SameSeedGivesSameBytes) {
  Sample a = Generate(Rows(500, 3));
  Sample b = Generate(Rows(500, 3));
  EXPECT_EQ(a.data, b.data);
  EXPECT_NE(a.data, Generate(Rows(500, 4)).data);
}

TEST(SampleGenTest, FewerRowsGiveAPrefix) {
  // Rows come in independently seeded blocks, so the row count does not change earlier rows.
  Sample small = Generate(Rows(1500));
  Sample large = Generate(Rows(3000));
  ASSERT_LT(small.data.size(), large.data.size());
  EXPECT_EQ(large.data.substr(0, small.data.size()), small.data);
}

TEST(SampleGenTest, LabelsMatchHeaderRow) {
  for (SampleHeaders h : {SampleHeaders::kZh, SampleHeaders::kEn, SampleHeaders::kMixed}) {
    SampleOptions o = Rows(5);
    o.headers = h;
    Sample s = Generate(o);
    std::vector<Record> records = ParseOrDie(s.data);
    ASSERT_EQ(records.size(), 6u);
    ASSERT_EQ(records[0].size(), s.labels.size());
    for (std::size_t i = 0; i < s.labels.size(); ++i) {
      EXPECT_EQ(s.labels[i].index, static_cast<int>(i));
      EXPECT_EQ(s.labels[i].name, records[0][i]);
      EXPECT_FALSE(s.labels[i].type.empty());
    }
  }
}

TEST(SampleGenTest, DefaultSetIsABankExportWithDecoys) {
  Sample s = Generate(Rows(1));
  EXPECT_GE(s.labels.size(), 30u);
  std::set<std::string> types;
  int decoys = 0;
  for (const ColumnLabel& l : s.labels) {
    types.insert(l.type);
    decoys += l.type == "none";
  }
  EXPECT_GE(decoys, 6);
  for (const char* t : {"cn_resident_id", "person_name", "cn_mobile", "bank_card", "card_cvn",
                        "balance", "loan_amount", "repayment_status", "cn_uscc", "free_text"}) {
    EXPECT_TRUE(types.count(t)) << t;
  }
}

TEST(SampleGenTest, MixedHeadersUseBothLanguages) {
  SampleOptions o = Rows(1);
  o.headers = SampleHeaders::kMixed;
  Sample s = Generate(o);
  int ascii = 0;
  for (const ColumnLabel& l : s.labels) ascii += static_cast<unsigned char>(l.name[0]) < 0x80;
  EXPECT_GT(ascii, 3);
  EXPECT_LT(ascii, static_cast<int>(s.labels.size()) - 3);
}

// GRD-3: resident IDs carry a valid MOD 11-2 check char, birth date and order code parity
// agree with the birth_date and gender columns.
TEST(SampleGenTest, ResidentIdsAreValidAndAgreeWithTheRow) {
  SampleOptions o = Rows(3000);
  o.columns = {"id_number", "birth_date", "gender"};
  o.headers = SampleHeaders::kEn;
  Sample s = Generate(o);
  std::vector<Record> records = ParseOrDie(s.data);
  ASSERT_EQ(records.size(), 3001u);
  for (std::size_t r = 1; r < records.size(); ++r) {
    const std::string& id = records[r][0];
    ASSERT_TRUE(ValidResidentId(id)) << id;
    int year = std::stoi(id.substr(6, 4));
    EXPECT_GE(year, 1950);
    EXPECT_LE(year, 2005);
    EXPECT_EQ(Digits(records[r][1]).substr(0, 8), Digits(id.substr(6, 8)));
    bool male = (id[16] - '0') % 2 == 1;
    EXPECT_TRUE(records[r][2] == (male ? "男" : "女") || records[r][2] == (male ? "M" : "F"));
  }
}

TEST(SampleGenTest, LegacyIdsHaveFifteenDigitsAndADate) {
  SampleOptions o = Rows(500);
  o.columns = {"cn_resident_id_15"};
  for (const std::string& id : Cells(Generate(o), "id_number_15")) {
    ASSERT_EQ(id.size(), 15u);
    EXPECT_EQ(Digits(id), id);
    int month = std::stoi(id.substr(8, 2));
    int day = std::stoi(id.substr(10, 2));
    EXPECT_TRUE(month >= 1 && month <= 12 && day >= 1 && day <= 31) << id;
  }
}

TEST(SampleGenTest, BankCardsPassLuhnWithKnownPrefixes) {
  SampleOptions o = Rows(3000);
  o.columns = {"bank_card"};
  int unionpay = 0, grouped = 0, total = 0;
  for (const std::string& cell : Cells(Generate(o), "card_no")) {
    std::string card = Digits(cell);
    ++total;
    grouped += card != cell;
    EXPECT_TRUE(card.size() == 16 || card.size() == 19) << cell;
    EXPECT_TRUE(LuhnValid(card)) << cell;
    EXPECT_TRUE(card[0] == '6' || card[0] == '4' || card[0] == '5') << cell;
    unionpay += card.starts_with("62");
  }
  EXPECT_GT(unionpay, total * 7 / 10);
  EXPECT_GT(grouped, 0);
}

TEST(SampleGenTest, UsccHaveValidCheckChars) {
  SampleOptions o = Rows(3000);
  o.columns = {"cn_uscc"};
  for (const std::string& code : Cells(Generate(o), "uscc")) {
    ASSERT_EQ(code.size(), 18u);
    EXPECT_EQ(code[0], '9');
    EXPECT_EQ(UsccCheckChar(code.substr(0, 17)), code[17]) << code;
  }
}

TEST(SampleGenTest, MobilesAndPassportsHaveTheirShapes) {
  SampleOptions o = Rows(2000);
  o.columns = {"cn_mobile", "passport"};
  Sample s = Generate(o);
  for (const std::string& cell : Cells(s, "mobile")) {
    std::string d = Digits(cell);
    if (cell.starts_with("+86")) d = d.substr(2);
    if (cell.starts_with("0086")) d = d.substr(4);
    ASSERT_EQ(d.size(), 11u) << cell;
    EXPECT_EQ(d[0], '1');
    EXPECT_GE(d[1], '3');
  }
  for (const std::string& p : Cells(s, "passport_no")) {
    ASSERT_EQ(p.size(), 9u);
    EXPECT_EQ(p[0], 'E');
    EXPECT_EQ(Digits(p.substr(2)), p.substr(2));
  }
}

TEST(SampleGenTest, ImeisPassLuhn) {
  SampleOptions o = Rows(1000);
  o.columns = {"device_id"};
  int imeis = 0;
  for (const std::string& d : Cells(Generate(o), "device_id")) {
    if (Digits(d) != d) continue;
    ++imeis;
    EXPECT_EQ(d.size(), 15u);
    EXPECT_TRUE(LuhnValid(d)) << d;
  }
  EXPECT_GT(imeis, 300);
}

TEST(SampleGenTest, DecoysMostlyFailIdentifierChecks) {
  SampleOptions o = Rows(5000);
  o.columns = {"none"};
  Sample s = Generate(o);
  for (const ColumnLabel& l : s.labels) EXPECT_EQ(l.type, "none") << l.kind;
  int valid_ids = 0, luhn_ok = 0;
  std::vector<std::string> txn = Cells(s, "txn_id");
  for (const std::string& t : txn) {
    ASSERT_EQ(t.size(), 18u);
    valid_ids += ValidResidentId(t);
  }
  std::vector<std::string> refs = Cells(s, "ref_no");
  for (const std::string& r : refs) {
    ASSERT_EQ(r.size(), 16u);
    luhn_ok += LuhnValid(r);
  }
  EXPECT_LT(valid_ids, static_cast<int>(txn.size()) / 10);
  EXPECT_LT(luhn_ok, static_cast<int>(refs.size()) * 15 / 100);
  for (const std::string& n : Cells(s, "order_no")) {
    ASSERT_EQ(n.size(), 11u);
    EXPECT_FALSE(n[0] == '1' && n[1] >= '3') << n;
  }
  for (const std::string& v : Cells(s, "score")) {
    EXPECT_GE(std::stoi(v), 300);
    EXPECT_LE(std::stoi(v), 900);
  }
  std::vector<std::string> seq = Cells(s, "seq");
  EXPECT_EQ(seq.front(), "1");
  EXPECT_EQ(seq.back(), "5000");
}

TEST(SampleGenTest, RemarksEmbedIdentifiersAndNeedQuoting) {
  SampleOptions o = Rows(2000);
  o.columns = {"free_text"};
  Sample s = Generate(o);
  int with_id = 0, with_newline = 0, with_quote = 0, with_comma = 0;
  for (const std::string& r : Cells(s, "remark")) {
    with_newline += r.find('\n') != std::string::npos;
    with_quote += r.find('"') != std::string::npos;
    with_comma += r.find(',') != std::string::npos;
    for (std::size_t i = 0; i + 18 <= r.size(); ++i) {
      if (ValidResidentId(r.substr(i, 18))) {
        ++with_id;
        break;
      }
    }
  }
  EXPECT_GT(with_id, 50);
  EXPECT_GT(with_newline, 50);
  EXPECT_GT(with_quote, 50);
  EXPECT_GT(with_comma, 50);
}

TEST(SampleGenTest, CsvIsWellFormedForEveryDelimiter) {
  for (char delim : {',', ';', '\t', '|'}) {
    for (bool crlf : {true, false}) {
      SampleOptions o = Rows(2000);
      o.delimiter = delim;
      o.crlf = crlf;
      Sample s = Generate(o);
      std::vector<Record> records;
      ASSERT_TRUE(ParseCsv(s.data, delim, &records)) << "delimiter " << int(delim);
      ASSERT_EQ(records.size(), 2001u);
      for (const Record& r : records) ASSERT_EQ(r.size(), s.labels.size());
    }
  }
}

TEST(SampleGenTest, Utf8BomIsWrittenOnce) {
  SampleOptions o = Rows(3);
  o.encoding = SampleEncoding::kUtf8Bom;
  Sample bom = Generate(o);
  Sample plain = Generate(Rows(3));
  EXPECT_EQ(bom.data, "\xEF\xBB\xBF" + plain.data);
}

TEST(SampleGenTest, GbkOutputRoundTripsAndIsPlainGbk) {
  SampleOptions o = Rows(3000);
  Sample utf8 = Generate(o);
  o.encoding = SampleEncoding::kGbk;
  Sample gbk = Generate(o);
  EXPECT_NE(gbk.data, utf8.data);
  EXPECT_EQ(Iconv(gbk.data, "UTF-8", "GB18030"), utf8.data);
  // Every character is in GBK: a strict GBK encoder gives the very same bytes.
  EXPECT_EQ(Iconv(utf8.data, "GBK", "UTF-8"), gbk.data);
}

TEST(SampleGenTest, HeaderlessKeepsValueDecidedColumns) {
  SampleOptions o = Rows(10);
  o.headers = SampleHeaders::kNone;
  Sample s = Generate(o);
  std::vector<Record> records = ParseOrDie(s.data);
  ASSERT_EQ(records.size(), 10u);  // no header row
  EXPECT_EQ(records[0][ColumnOf(s.labels, "seq")], "1");
  std::set<std::string> kinds;
  for (const ColumnLabel& l : s.labels) {
    kinds.insert(l.kind);
    EXPECT_EQ(l.name, "");
  }
  EXPECT_TRUE(kinds.count("id_number"));
  EXPECT_TRUE(kinds.count("txn_id"));
  EXPECT_FALSE(kinds.count("balance"));
  EXPECT_FALSE(kinds.count("gender"));
}

TEST(SampleGenTest, HeaderlessHeaderOnlyColumnIsLabeledNone) {
  SampleOptions o = Rows(10);
  o.headers = SampleHeaders::kNone;
  o.columns = {"balance", "cn_resident_id"};
  Sample s = Generate(o);
  ASSERT_EQ(s.labels.size(), 2u);
  EXPECT_EQ(s.labels[0].type, "none");
  EXPECT_EQ(s.labels[1].type, "cn_resident_id");
}

TEST(SampleGenTest, JsonlNestsGroupsUnderDottedLabels) {
  SampleOptions o = Rows(300);
  o.format = SampleFormat::kJsonl;
  o.headers = SampleHeaders::kEn;
  Sample s = Generate(o);
  std::istringstream lines(s.data);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    ++n;
    nlohmann::json j = nlohmann::json::parse(line);
    for (const ColumnLabel& l : s.labels) {
      std::string path = l.name;
      std::replace(path.begin(), path.end(), '.', '/');
      ASSERT_TRUE(j.contains(nlohmann::json::json_pointer("/" + path))) << l.name;
    }
    EXPECT_TRUE(j["seq"].is_number());
    EXPECT_TRUE(j["customer"]["id_number"].is_string());
  }
  EXPECT_EQ(n, 300);
  int index = 0;
  for (const ColumnLabel& l : s.labels) EXPECT_EQ(l.index, index++);
  EXPECT_EQ(s.labels[ColumnOf(s.labels, "name")].name, "customer.name");
}

TEST(SampleGenTest, HeaderlessJsonlUsesNeutralKeys) {
  SampleOptions o = Rows(2);
  o.format = SampleFormat::kJsonl;
  o.headers = SampleHeaders::kNone;
  Sample s = Generate(o);
  EXPECT_EQ(s.labels[0].name, "f1");
  nlohmann::json j = nlohmann::json::parse(s.data.substr(0, s.data.find('\n')));
  EXPECT_EQ(j.size(), s.labels.size());
}

TEST(SampleGenTest, ColumnsSelectByKindOrType) {
  SampleOptions o = Rows(1);
  o.columns = {"cn_resident_id", " txn_id", "none", "cn_resident_id"};
  auto labels = PlanSample(o);
  ASSERT_TRUE(labels.has_value());
  ASSERT_GE(labels->size(), 5u);
  EXPECT_EQ((*labels)[0].kind, "id_number");
  EXPECT_EQ((*labels)[1].kind, "txn_id");
  EXPECT_EQ((*labels)[2].kind, "seq");  // the rest of "none", duplicates dropped
  o.columns = {"nonsense"};
  auto bad = PlanSample(o);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
}

TEST(SampleGenTest, LabelsJsonHasSeedRowsAndColumns) {
  SampleOptions o = Rows(12, 99);
  o.columns = {"person_name"};
  Sample s = Generate(o);
  nlohmann::json j = nlohmann::json::parse(SampleLabelsJson(o, s.labels));
  EXPECT_EQ(j["seed"], 99);
  EXPECT_EQ(j["rows"], 12);
  ASSERT_EQ(j["columns"].size(), 1u);
  EXPECT_EQ(j["columns"][0]["index"], 0);
  EXPECT_EQ(j["columns"][0]["name"], "姓名");
  EXPECT_EQ(j["columns"][0]["type"], "person_name");
}

TEST(SampleGenTest, OptionNamesParse) {
  EXPECT_EQ(ParseSampleDelimiter("\\t").value(), '\t');
  EXPECT_EQ(ParseSampleDelimiter("|").value(), '|');
  EXPECT_FALSE(ParseSampleDelimiter("::").has_value());
  EXPECT_EQ(ParseSampleEncoding("gbk").value(), SampleEncoding::kGbk);
  EXPECT_FALSE(ParseSampleHeaders("fr").has_value());
  SampleOptions o = Rows(1);
  o.delimiter = ':';
  std::ostringstream out;
  EXPECT_FALSE(GenerateSample(o, out, nullptr).has_value());
}

TEST(SampleOutputTest, QuotesOnlyWhenNeeded) {
  std::string buf = "a,";
  samplegen::QuoteCsvFieldInPlace(&buf, 2, ',');
  EXPECT_EQ(buf, "a,");
  buf = "x|say \"hi\", ok";
  samplegen::QuoteCsvFieldInPlace(&buf, 2, '|');
  EXPECT_EQ(buf, "x|\"say \"\"hi\"\", ok\"");
  buf = "line\nbreak";
  samplegen::QuoteCsvFieldInPlace(&buf, 0, ';');
  EXPECT_EQ(buf, "\"line\nbreak\"");
}

TEST(SampleOutputTest, JsonNumbersAndStrings) {
  EXPECT_TRUE(samplegen::IsJsonNumber("0.00"));
  EXPECT_TRUE(samplegen::IsJsonNumber("-0.5"));
  EXPECT_TRUE(samplegen::IsJsonNumber("1234"));
  EXPECT_FALSE(samplegen::IsJsonNumber("012"));
  EXPECT_FALSE(samplegen::IsJsonNumber("1,234.00"));
  EXPECT_FALSE(samplegen::IsJsonNumber("1."));
  std::string out;
  samplegen::AppendJsonString("a\"b\\c\nd\x01", &out);
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\u0001\"");
}

}  // namespace
}  // namespace cv::grading
