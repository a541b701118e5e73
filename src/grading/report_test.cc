// Tests for the grading report renderers (JSON, HTML, text) and their display helpers.
// Requirements: GRD-1 (categories), GRD-2 (levels), GRD-4 (prohibited items), QRY-6 (masked
// examples are rendered as given, never unmasked).
#include "grading/report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "grading/catalog.h"
#include "grading/internal/display_text.h"
#include "grading/internal/html_escape.h"
#include "grading/internal/level_chart.h"
#include "policy/policy.h"

namespace cv::grading {
namespace {

using nlohmann::json;

constexpr std::string_view kHostile = "x<script>alert(1)</script>\"><img src=x onerror=alert(2)>";

policy::Protection MakeProtection(std::string category, int level, policy::MaskRule mask,
                                  std::vector<std::string> actions) {
  policy::Protection p;
  p.level = level;
  p.category = std::move(category);
  p.encrypt_at_rest = level >= 2;
  p.cipher = level >= 2 ? "SM4-GCM under the " + p.category + " key-encryption key" : "";
  p.encrypt_in_transit = level >= 2;
  p.mask = mask;
  p.clear_view = level >= 4 ? "nobody" : "permission view_clear_c2, audited";
  p.export_rule = level >= 4 ? "refused" : "approved export grant, audited";
  p.audit_detail = "keyed hash (HMAC-SM3)";
  p.retention_days = level >= 4 ? 0 : 1825;
  p.actions = std::move(actions);
  return p;
}

ColumnReport ResidentIdColumn() {
  ColumnReport c;
  c.index = 0;
  c.name = "身份证号";
  c.type = ItemType::kResidentId;
  c.category = Category::kC2;
  c.level = 3;
  c.confidence = 0.99876;
  c.matched = 990;
  c.invalid = 3;
  c.empty = 7;
  c.non_empty = 993;
  c.header_evidence = "cn_resident_id";
  c.example = "110101********1234";
  c.protection = MakeProtection(
      "C2", 3, policy::MaskRule::kFirst6Last4,
      {"Encrypt at rest under the C2 key (CRY-1)", "Show first 6 + last 4 only (QRY-6)"});
  return c;
}

ColumnReport CardPinColumn() {
  ColumnReport c;
  c.index = 1;
  c.name = "card_pin";
  c.type = ItemType::kCardPin;
  c.category = Category::kC3;
  c.level = 4;
  c.confidence = 0.9;
  c.matched = 1000;
  c.non_empty = 1000;
  c.example = "******";
  c.protection = MakeProtection("C3", 4, policy::MaskRule::kHideAll,
                                {"Do not store card PINs (JR/T 0171-2020 6.1.1)"});
  return c;
}

ColumnReport ReligionColumn() {
  ColumnReport c;
  c.index = 2;
  c.name = "宗教信仰";
  c.type = ItemType::kReligion;
  c.category = Category::kC2;
  c.level = 3;
  c.confidence = 1.0;
  c.matched = 1000;
  c.non_empty = 1000;
  c.header_evidence = "religion";
  c.protection = MakeProtection("C2", 3, policy::MaskRule::kRedactValue,
                                {"Delete the column: prohibited (Reg Art.14)"});
  return c;
}

ColumnReport FreeTextColumn() {
  ColumnReport c;
  c.index = 3;
  c.name = "备注";
  c.type = ItemType::kFreeText;
  c.category = Category::kC2;
  c.level = 4;
  c.confidence = 0.12345;
  c.matched = 5;
  c.empty = 500;
  c.non_empty = 500;
  c.embedded[static_cast<int>(ItemType::kResidentId)] = 3;
  c.embedded[static_cast<int>(ItemType::kMobile)] = 2;
  c.embedded_invalid[static_cast<int>(ItemType::kBankCard)] = 1;
  c.protection = MakeProtection("C2", 4, policy::MaskRule::kRedactValue,
                                {"Scrub identifiers from free text before storing"});
  return c;
}

ColumnReport PublicColumn(int index, std::string name) {
  ColumnReport c;
  c.index = index;
  c.name = std::move(name);
  c.type = ItemType::kNone;
  c.category = Category::kNone;
  c.level = 1;
  c.confidence = 0.5;
  c.matched = 10;
  c.non_empty = 10;
  return c;
}

GradingReport SampleReport() {
  GradingReport r;
  r.source = "customers.csv";
  r.format = "csv";
  r.encoding = "utf-8";
  r.delimiter = ',';
  r.rows = 1000;
  r.bytes = 123456;
  r.seconds = 0.4567;
  r.dataset_level = 4;
  r.dataset_level_reason = "bulk credit dataset: highest item level 4 (GRD-2)";
  r.columns = {ResidentIdColumn(), CardPinColumn(), ReligionColumn(), FreeTextColumn()};
  r.findings_prohibited = {
      {2, "宗教信仰", ItemType::kReligion, "header names religion (征信业管理条例 Art.14)"}};
  r.ragged_rows = 1;
  r.undecodable_bytes = 4;
  r.warning_count = 2;
  r.warnings = {{12, "ragged_row", "expected 4 fields, got 3"},
                {40, "undecodable_bytes", "4 bytes replaced"}};
  return r;
}

// A report whose every free-text field carries an HTML/script payload.
GradingReport HostileReport() {
  GradingReport r = SampleReport();
  const std::string h(kHostile);
  r.source = h;
  r.format = h;
  r.encoding = h;
  r.dataset_level_reason = h;
  for (ColumnReport& c : r.columns) {
    c.name = h;
    c.header_evidence = h;
    c.example = h;
    c.protection.cipher = h;
    c.protection.clear_view = h;
    c.protection.export_rule = h;
    c.protection.audit_detail = h;
    c.protection.actions = {h};
  }
  r.findings_prohibited[0].column_name = h;
  r.findings_prohibited[0].reason = h;
  for (ScanWarning& w : r.warnings) {
    w.code = h;
    w.message = h;
  }
  return r;
}

json ParseJson(const GradingReport& r) { return json::parse(RenderJson(r)); }

TimePoint FixedTime() {
  return TimePoint(std::chrono::seconds(1767323045));  // 2026-01-02T03:04:05Z
}

std::string Html(const std::vector<GradingReport>& reports) {
  return RenderHtml(reports, FixedTime());
}

std::size_t Count(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string_view::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool IsValidUtf8(std::string_view s) {
  for (std::size_t pos = 0; pos < s.size();) {
    const internal::Utf8Step step = internal::DecodeUtf8(s, pos);
    if (!step.valid) return false;
    pos += step.length;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// JSON

TEST(ReportJsonTest, TopLevelKeysHaveTheirTypes) {
  const json j = ParseJson(SampleReport());
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j.at("source"), "customers.csv");
  EXPECT_TRUE(j.at("rows").is_number_unsigned());
  EXPECT_EQ(j.at("rows"), 1000);
  EXPECT_EQ(j.at("encoding"), "utf-8");
  EXPECT_TRUE(j.at("dataset_level").is_number_integer());
  EXPECT_EQ(j.at("dataset_level"), 4);
  ASSERT_TRUE(j.at("columns").is_array());
  EXPECT_EQ(j.at("columns").size(), 4u);
  ASSERT_TRUE(j.at("findings_prohibited").is_array());
  EXPECT_EQ(j.at("findings_prohibited").size(), 1u);
}

TEST(ReportJsonTest, AddedTopLevelKeys) {
  const json j = ParseJson(SampleReport());
  EXPECT_EQ(j.at("format"), "csv");
  EXPECT_EQ(j.at("delimiter"), ",");
  EXPECT_EQ(j.at("bytes"), 123456);
  EXPECT_DOUBLE_EQ(j.at("seconds").get<double>(), 0.457);
  EXPECT_EQ(j.at("sampled"), false);
  EXPECT_EQ(j.at("dataset_level_reason"), "bulk credit dataset: highest item level 4 (GRD-2)");
}

TEST(ReportJsonTest, DelimiterOnlyForCsvAndTabIsATab) {
  GradingReport r = SampleReport();
  r.delimiter = '\t';
  EXPECT_EQ(ParseJson(r).at("delimiter"), "\t");
  r.format = "jsonl";
  EXPECT_FALSE(ParseJson(r).contains("delimiter"));
}

TEST(ReportJsonTest, EveryColumnHasEveryKeyWithItsType) {
  const json j = ParseJson(SampleReport());
  for (const json& c : j.at("columns")) {
    EXPECT_TRUE(c.at("index").is_number_integer());
    EXPECT_TRUE(c.at("name").is_string());
    EXPECT_TRUE(c.at("type").is_string());
    EXPECT_TRUE(c.at("category").is_string());
    EXPECT_TRUE(c.at("level").is_number_integer());
    EXPECT_TRUE(c.at("confidence").is_number());
    EXPECT_TRUE(c.at("matched").is_number_unsigned());
    EXPECT_TRUE(c.at("invalid").is_number_unsigned());
    EXPECT_TRUE(c.at("empty").is_number_unsigned());
    EXPECT_TRUE(c.at("non_empty").is_number_unsigned());
    EXPECT_TRUE(c.at("header_evidence").is_string());
    EXPECT_TRUE(c.at("example").is_string());
    EXPECT_TRUE(c.at("embedded").is_object());
    EXPECT_TRUE(c.at("embedded_invalid").is_object());
    EXPECT_TRUE(c.at("prohibited").is_boolean());
    EXPECT_TRUE(c.at("name_zh").is_string());
    EXPECT_TRUE(c.at("name_en").is_string());
    EXPECT_TRUE(c.at("protections").is_object());
  }
}

// GRD-1/GRD-2: type ids come from the catalog, category names and levels are as graded.
TEST(ReportJsonTest, ResidentIdColumnValues) {
  const json c = ParseJson(SampleReport()).at("columns").at(0);
  const DataItem& item = Catalog::Default().Get(ItemType::kResidentId);
  EXPECT_EQ(c.at("index"), 0);
  EXPECT_EQ(c.at("name"), "身份证号");
  EXPECT_EQ(c.at("type"), "cn_resident_id");
  EXPECT_EQ(c.at("type"), std::string(item.id));
  EXPECT_EQ(c.at("category"), "C2");
  EXPECT_EQ(c.at("level"), 3);
  EXPECT_EQ(c.at("matched"), 990);
  EXPECT_EQ(c.at("invalid"), 3);
  EXPECT_EQ(c.at("empty"), 7);
  EXPECT_EQ(c.at("non_empty"), 993);
  EXPECT_EQ(c.at("header_evidence"), "cn_resident_id");
  EXPECT_EQ(c.at("example"), "110101********1234");  // QRY-6: as masked by the scanner
  EXPECT_EQ(c.at("prohibited"), false);
  EXPECT_EQ(c.at("name_zh"), std::string(item.name_zh));
  EXPECT_EQ(c.at("name_en"), std::string(item.name_en));
}

TEST(ReportJsonTest, TypeAndCategoryOfEachColumn) {
  const json cols = ParseJson(SampleReport()).at("columns");
  EXPECT_EQ(cols.at(1).at("type"), "card_pin");
  EXPECT_EQ(cols.at(1).at("category"), "C3");
  EXPECT_EQ(cols.at(1).at("level"), 4);
  EXPECT_EQ(cols.at(2).at("type"), "religion");
  EXPECT_EQ(cols.at(3).at("type"), "free_text");
  GradingReport r = SampleReport();
  r.columns = {PublicColumn(0, "seq")};
  const json c = ParseJson(r).at("columns").at(0);
  EXPECT_EQ(c.at("type"), "none");
  EXPECT_EQ(c.at("category"), "none");
}

TEST(ReportJsonTest, ConfidenceRoundedToThreeDecimals) {
  const std::string out = RenderJson(SampleReport());
  const json cols = json::parse(out).at("columns");
  EXPECT_DOUBLE_EQ(cols.at(0).at("confidence").get<double>(), 0.999);
  EXPECT_DOUBLE_EQ(cols.at(3).at("confidence").get<double>(), 0.123);
  EXPECT_EQ(out.find("0.12345"), std::string::npos);
  EXPECT_EQ(out.find("0.99876"), std::string::npos);
}

TEST(ReportJsonTest, ProtectionsFromPolicy) {
  const json p = ParseJson(SampleReport()).at("columns").at(0).at("protections");
  EXPECT_EQ(p.at("encrypt_at_rest"), true);
  EXPECT_EQ(p.at("cipher"), "SM4-GCM under the C2 key-encryption key");
  EXPECT_EQ(p.at("encrypt_in_transit"), true);
  ASSERT_TRUE(p.at("mask").is_string());
  EXPECT_EQ(p.at("mask"), std::string(policy::MaskRuleName(policy::MaskRule::kFirst6Last4)));
  EXPECT_FALSE(p.at("mask").get<std::string>().empty());
  EXPECT_EQ(p.at("clear_view"), "permission view_clear_c2, audited");
  EXPECT_EQ(p.at("export"), "approved export grant, audited");
  EXPECT_EQ(p.at("audit_detail"), "keyed hash (HMAC-SM3)");
  EXPECT_EQ(p.at("retention_days"), 1825);
  ASSERT_TRUE(p.at("actions").is_array());
  EXPECT_EQ(p.at("actions"), json({"Encrypt at rest under the C2 key (CRY-1)",
                                   "Show first 6 + last 4 only (QRY-6)"}));
}

TEST(ReportJsonTest, EmbeddedCountsOnlyNonZero) {
  const json cols = ParseJson(SampleReport()).at("columns");
  EXPECT_EQ(cols.at(3).at("embedded"), json({{"cn_resident_id", 3}, {"cn_mobile", 2}}));
  EXPECT_EQ(cols.at(3).at("embedded_invalid"), json({{"bank_card", 1}}));
  EXPECT_TRUE(cols.at(0).at("embedded").empty());
  EXPECT_TRUE(cols.at(0).at("embedded_invalid").empty());
}

// GRD-4: the prohibited flag is the catalog's, and findings carry column, name, type, reason.
TEST(ReportJsonTest, ProhibitedFlagAndFindingsGrd4) {
  const json j = ParseJson(SampleReport());
  EXPECT_EQ(j.at("columns").at(2).at("prohibited"),
            Catalog::Default().Get(ItemType::kReligion).prohibited);
  EXPECT_EQ(j.at("columns").at(2).at("prohibited"), true);
  const json f = j.at("findings_prohibited").at(0);
  EXPECT_EQ(f.at("column"), 2);
  EXPECT_EQ(f.at("name"), "宗教信仰");
  EXPECT_EQ(f.at("type"), "religion");
  EXPECT_EQ(f.at("reason"), "header names religion (征信业管理条例 Art.14)");
}

TEST(ReportJsonTest, Warnings) {
  const json w = ParseJson(SampleReport()).at("warnings");
  EXPECT_EQ(w.at("count"), 2);
  EXPECT_EQ(w.at("ragged_rows"), 1);
  EXPECT_EQ(w.at("undecodable_bytes"), 4);
  ASSERT_EQ(w.at("items").size(), 2u);
  EXPECT_EQ(w.at("items").at(0),
            json({{"line", 12}, {"code", "ragged_row"}, {"message", "expected 4 fields, got 3"}}));
}

TEST(ReportJsonTest, CompactOnOneLine) {
  const std::string out = RenderJson(SampleReport());
  EXPECT_EQ(out.find('\n'), std::string::npos);
  EXPECT_EQ(out.rfind("{\"source\":\"customers.csv\",", 0), 0u) << out.substr(0, 40);
}

TEST(ReportJsonTest, InvalidUtf8InNameIsReplacedNotThrown) {
  GradingReport r = SampleReport();
  r.columns[0].name = "bad\xff\xfe name";
  r.source = "\xc3";
  std::string out;
  ASSERT_NO_THROW(out = RenderJson(r));
  EXPECT_TRUE(IsValidUtf8(out));
  const json j = json::parse(out);
  EXPECT_EQ(j.at("columns").at(0).at("name"), "bad\xEF\xBF\xBD\xEF\xBF\xBD name");
}

TEST(ReportJsonTest, EmptyReportHasEmptyArrays) {
  const json j = json::parse(RenderJson(GradingReport{}));
  EXPECT_TRUE(j.at("columns").is_array());
  EXPECT_TRUE(j.at("columns").empty());
  EXPECT_TRUE(j.at("findings_prohibited").empty());
  EXPECT_TRUE(j.at("warnings").at("items").empty());
}

// ---------------------------------------------------------------------------------------------
// HTML

TEST(ReportHtmlTest, CharsetAndCspThatForbidsScripts) {
  const std::string html = Html({SampleReport()});
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find(R"(<meta charset="utf-8">)"), std::string::npos);
  EXPECT_NE(html.find(R"(<meta http-equiv="Content-Security-Policy" content="default-src 'none'; )"
                      R"(style-src 'unsafe-inline'; img-src data:)"),
            std::string::npos);
  EXPECT_EQ(html.find("script-src"), std::string::npos);
  EXPECT_EQ(Lower(html).find("<script"), std::string::npos);
}

TEST(ReportHtmlTest, SelfContainedNoExternalResources) {
  const std::string html = Lower(Html({SampleReport()}));
  std::string without_svg_ns = html;
  for (auto pos = without_svg_ns.find("http://www.w3.org/2000/svg"); pos != std::string::npos;
       pos = without_svg_ns.find("http://www.w3.org/2000/svg")) {
    without_svg_ns.erase(pos, 26);
  }
  EXPECT_EQ(without_svg_ns.find("http://"), std::string::npos);
  EXPECT_EQ(without_svg_ns.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
}

TEST(ReportHtmlTest, OneTableRowPerColumn) {
  const std::string html = Html({SampleReport()});
  const auto begin = html.find(R"(<table class="cols">)");
  ASSERT_NE(begin, std::string::npos);
  const auto end = html.find("</table>", begin);
  const std::string table = html.substr(begin, end - begin);
  EXPECT_EQ(Count(table, "<tr"), 1u + 4u);  // header + one per column
  for (const char* name : {"身份证号", "card_pin", "宗教信仰", "备注"}) {
    EXPECT_NE(table.find(name), std::string::npos) << name;
  }
  EXPECT_NE(table.find("110101********1234"), std::string::npos);  // masked example (QRY-6)
  EXPECT_NE(table.find("99.9%"), std::string::npos);
  EXPECT_EQ(Count(table, R"(<tr class="prohibited">)"), 1u);
}

TEST(ReportHtmlTest, TypeNamesCategoriesAndLevels) {
  const std::string html = Html({SampleReport()});
  const DataItem& id = Catalog::Default().Get(ItemType::kResidentId);
  EXPECT_NE(html.find(internal::HtmlEscape(id.name_zh)), std::string::npos);
  EXPECT_NE(html.find(internal::HtmlEscape(id.name_en)), std::string::npos);
  EXPECT_NE(html.find(R"(<span class="cat cat-C3">C3</span>)"), std::string::npos);
  EXPECT_NE(html.find(R"(<span class="badge lv4">L4</span>)"), std::string::npos);
  EXPECT_NE(html.find(R"(<div class="level-card lv4"><div class="n">4</div>)"), std::string::npos);
  EXPECT_NE(html.find("bulk credit dataset: highest item level 4 (GRD-2)"), std::string::npos);
}

// Column names and every other interpolated string come from untrusted input.
TEST(ReportHtmlTest, ScriptInEveryFieldIsEscaped) {
  const std::string html = Html({HostileReport(), HostileReport()});
  const std::string lower = Lower(html);
  EXPECT_EQ(lower.find("<script"), std::string::npos);
  EXPECT_EQ(lower.find("<img"), std::string::npos);
  EXPECT_NE(html.find("x&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img"),
            std::string::npos);
  // Every column name, example, action ... appears escaped: at least one per field and column.
  EXPECT_GE(Count(html, "&lt;script&gt;"), 2u * (3u + 4u * 8u));
}

TEST(ReportHtmlTest, InvalidUtf8AndControlsBecomeReplacementCharacters) {
  GradingReport r = SampleReport();
  r.columns[0].name = "a\xff\x1b[31mb\xe2\x80\xae";
  const std::string html = Html({r});
  EXPECT_TRUE(IsValidUtf8(html));
  EXPECT_EQ(html.find('\x1b'), std::string::npos);
  EXPECT_EQ(html.find("\xe2\x80\xae"), std::string::npos);
  EXPECT_NE(html.find("a\xEF\xBF\xBD\xEF\xBF\xBD[31mb\xEF\xBF\xBD"), std::string::npos);
}

TEST(ReportHtmlTest, TagsAreBalanced) {
  const std::string html = Html({SampleReport(), SampleReport()});
  for (const char* tag : {"table", "tr", "td", "th", "div", "section", "svg", "ul", "ol", "li",
                          "dl", "span", "figure", "h2", "h3", "h4"}) {
    EXPECT_EQ(Count(html, "<" + std::string(tag) + ">") + Count(html, "<" + std::string(tag) + " "),
              Count(html, "</" + std::string(tag) + ">"))
        << tag;
  }
}

TEST(ReportHtmlTest, GeneratedTimeAndTitle) {
  const std::string html = Html({SampleReport()});
  EXPECT_NE(html.find("2026-01-02T03:04:05Z"), std::string::npos);
  EXPECT_NE(html.find("<title>"), std::string::npos);
  EXPECT_NE(html.find("Data Security Grading Report"), std::string::npos);
}

TEST(ReportHtmlTest, SummaryFacts) {
  const std::string html = Html({SampleReport()});
  EXPECT_NE(html.find("customers.csv"), std::string::npos);
  EXPECT_NE(html.find("<dd>1,000</dd>"), std::string::npos);      // rows
  EXPECT_NE(html.find("<dd>120.6 KiB</dd>"), std::string::npos);  // bytes
  EXPECT_NE(html.find("<dd>utf-8</dd>"), std::string::npos);
}

// GRD-4: a prohibited-item alert citing the Regulation, only when there are findings.
TEST(ReportHtmlTest, ProhibitedAlertOnlyWithFindingsGrd4) {
  const std::string with = Html({SampleReport()});
  EXPECT_NE(with.find(R"(<div class="alert" role="alert">)"), std::string::npos);
  EXPECT_NE(with.find("《征信业管理条例》第十四条"), std::string::npos);
  EXPECT_NE(with.find("header names religion"), std::string::npos);
  GradingReport clean = SampleReport();
  clean.findings_prohibited.clear();
  EXPECT_EQ(Html({clean}).find(R"(<div class="alert")"), std::string::npos);
}

TEST(ReportHtmlTest, ChartIsComputedFromLevels) {
  const std::string html = Html({SampleReport()});
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("Columns per level: L1=0 L2=0 L3=2 L4=2 L5=0"), std::string::npos);
  GradingReport r = SampleReport();
  r.columns.push_back(PublicColumn(4, "seq"));
  r.columns[0].level = 5;
  EXPECT_NE(Html({r}).find("Columns per level: L1=1 L2=0 L3=1 L4=2 L5=1"), std::string::npos);
}

TEST(ReportHtmlTest, WhatToDoListsPolicyActionsMostSensitiveFirst) {
  GradingReport r = SampleReport();
  r.columns.push_back(PublicColumn(4, "seq_no"));
  const std::string html = Html({r});
  for (const ColumnReport& c : SampleReport().columns) {
    for (const std::string& a : c.protection.actions) {
      EXPECT_NE(html.find("<li>" + internal::HtmlEscape(a) + "</li>"), std::string::npos) << a;
    }
  }
  // Prohibited (religion) first, then level 4 columns, then level 3.
  const auto religion = html.find(R"(class="applies-col">#2 <bdi>宗教信仰</bdi>)");
  const auto pin = html.find(R"(class="applies-col">#1 <bdi>card_pin</bdi>)");
  const auto id = html.find(R"(class="applies-col">#0 <bdi>身份证号</bdi>)");
  ASSERT_NE(religion, std::string::npos);
  ASSERT_NE(pin, std::string::npos);
  ASSERT_NE(id, std::string::npos);
  EXPECT_LT(religion, pin);
  EXPECT_LT(pin, id);
  EXPECT_NE(html.find("Do not collect: drop the column"), std::string::npos);  // GRD-4
  // The level-1 column has no card, only the "no additional protection" line.
  EXPECT_EQ(html.find(R"(class="applies-col">#4)"), std::string::npos);
  EXPECT_NE(html.find("(level 1): #4 <bdi>seq_no</bdi>"), std::string::npos);
}

TEST(ReportHtmlTest, ColumnsNeedingTheSameHandlingShareOneCard) {
  GradingReport r = SampleReport();
  ColumnReport card = ResidentIdColumn();  // same grade and protections as column 0
  card.index = 4;
  card.name = "银行卡号";
  card.type = ItemType::kBankCard;
  r.columns.push_back(card);
  const std::string html = Html({r});
  EXPECT_EQ(Count(html, R"(<div class="action )"), 4u);  // 5 columns needing action, 4 cards
  const auto id = html.find(R"(class="applies-col">#0 <bdi>身份证号</bdi>)");
  const auto card_no = html.find(R"(class="applies-col">#4 <bdi>银行卡号</bdi>)");
  ASSERT_NE(id, std::string::npos);
  ASSERT_NE(card_no, std::string::npos);
  EXPECT_LT(card_no - id, 200u);  // in the same "applies to" line
  EXPECT_NE(html.find("2 列 columns"), std::string::npos);
}

// Same grade, different masks: one card, the shared actions once, the mask-specific ones per
// column.
TEST(ReportHtmlTest, ColumnsDifferingOnlyInMaskShareOneCardWithPerColumnActions) {
  GradingReport r = SampleReport();
  ColumnReport mobile = ResidentIdColumn();
  mobile.index = 4;
  mobile.name = "手机号码";
  mobile.type = ItemType::kMobile;
  mobile.protection.mask = policy::MaskRule::kFirst3Last4;
  mobile.protection.actions = {"Encrypt at rest under the C2 key (CRY-1)",
                               "Show first 3 + last 4 only (QRY-6)"};
  r.columns.push_back(mobile);
  const std::string html = Html({r});
  EXPECT_EQ(Count(html, R"(<div class="action )"), 4u);
  EXPECT_EQ(Count(html, "<li>Encrypt at rest under the C2 key (CRY-1)</li>"), 1u);
  EXPECT_NE(html.find(R"(<li><span class="applies-col">#0 <bdi>身份证号</bdi></span>: )"
                      R"(Show first 6 + last 4 only (QRY-6)</li>)"),
            std::string::npos);
  EXPECT_NE(html.find(R"(<li><span class="applies-col">#4 <bdi>手机号码</bdi></span>: )"
                      R"(Show first 3 + last 4 only (QRY-6)</li>)"),
            std::string::npos);
  EXPECT_NE(html.find("逐列见上 per column, above"), std::string::npos);
}

TEST(ReportHtmlTest, WarningsTable) {
  const std::string html = Html({SampleReport()});
  EXPECT_NE(html.find(R"(<td class="mono">ragged_row</td><td>expected 4 fields, got 3</td>)"),
            std::string::npos);
  GradingReport clean = SampleReport();
  clean.warnings.clear();
  clean.warning_count = clean.ragged_rows = clean.undecodable_bytes = 0;
  EXPECT_NE(Html({clean}).find("无 None."), std::string::npos);
}

TEST(ReportHtmlTest, FootnoteCitesStandards) {
  const std::string html = Html({SampleReport()});
  EXPECT_NE(html.find("JR/T 0171-2020"), std::string::npos);
  EXPECT_NE(html.find("JR/T 0197-2020"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
}

TEST(ReportHtmlTest, SeveralSourcesGetAnOverviewAndAnchors) {
  GradingReport second = SampleReport();
  second.source = "sqlite:bank.db#loans";
  const std::string html = Html({SampleReport(), second});
  EXPECT_NE(html.find(R"(<a href="#src-2">sqlite:bank.db#loans</a>)"), std::string::npos);
  EXPECT_NE(html.find(R"(id="src-2")"), std::string::npos);
  EXPECT_EQ(Html({SampleReport()}).find("OVERVIEW"), std::string::npos);
}

TEST(ReportHtmlTest, NoReportsStillAPage) {
  const std::string html = Html({});
  EXPECT_NE(html.find("No dataset was scanned."), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Text

// Independent of the code under test: the table's non-ASCII text here is all CJK ideographs and
// fullwidth forms (3-byte UTF-8, 2 columns wide); ASCII is 1 column.
int TestWidth(std::string_view s) {
  int width = 0;
  for (std::size_t pos = 0; pos < s.size();) {
    const bool ascii = static_cast<unsigned char>(s[pos]) < 0x80;
    width += ascii ? 1 : 2;
    pos += ascii ? 1 : 3;
  }
  return width;
}

// The substring of `line` starting at display column `col`.
std::string FromDisplayColumn(std::string_view line, int col) {
  std::size_t pos = 0;
  while (pos < line.size() && TestWidth(line.substr(0, pos)) < col) {
    pos += static_cast<unsigned char>(line[pos]) < 0x80 ? 1 : 3;
  }
  return std::string(line.substr(pos));
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string::size_type start = 0;
  for (auto nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

TEST(ReportTextTest, ContainsEveryColumnNameAndType) {
  const std::string text = RenderText({SampleReport()});
  for (const char* s : {"身份证号", "card_pin", "宗教信仰", "备注", "cn_resident_id", "free_text",
                        "religion PROHIBITED", "110101********1234"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s;
  }
}

// CJK names are two columns wide: every row's cells start under their headers.
TEST(ReportTextTest, TableAlignedByDisplayWidth) {
  GradingReport r = SampleReport();
  r.columns.push_back(PublicColumn(4, "ｆｕｌｌ width"));
  const std::vector<std::string> lines = Lines(RenderText({r}));
  const auto header = std::find_if(lines.begin(), lines.end(), [](const std::string& l) {
    return l.find("Column") != std::string::npos && l.find("Mask") != std::string::npos;
  });
  ASSERT_NE(header, lines.end());
  const int cat = TestWidth(header->substr(0, header->find("Cat")));
  const int level = TestWidth(header->substr(0, header->find("Level")));
  const int mask = TestWidth(header->substr(0, header->find("Mask")));
  const std::vector<std::string> rows(header + 2, header + 2 + 5);
  const char* cats[] = {"C2", "C3", "C2", "C2", "none"};
  const char* levels[] = {"L3", "L4", "L3", "L4", "L1"};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(FromDisplayColumn(rows[i], cat).substr(0, std::strlen(cats[i])), cats[i]) << rows[i];
    EXPECT_EQ(FromDisplayColumn(rows[i], level).substr(0, 2), levels[i]) << rows[i];
    EXPECT_EQ(FromDisplayColumn(rows[i], mask),
              std::string(policy::MaskRuleName(r.columns[i].protection.mask)))
        << rows[i];
  }
}

TEST(ReportTextTest, DatasetLevelWarningsAndProhibited) {
  const std::string text = RenderText({SampleReport()});
  EXPECT_NE(text.find("Dataset level: 4"), std::string::npos);
  EXPECT_NE(text.find("Warnings: 2 (ragged rows 1, undecodable bytes 4)"), std::string::npos);
  EXPECT_NE(text.find("line 12 ragged_row: expected 4 fields, got 3"), std::string::npos);
  EXPECT_NE(text.find("PROHIBITED items (GRD-4"), std::string::npos);
  EXPECT_NE(text.find("column #2 宗教信仰: religion - header names religion"), std::string::npos);
  EXPECT_NE(text.find("C3 1, C2 3, C1 0, none 0"), std::string::npos);
}

TEST(ReportTextTest, EmbeddedIdentifiersListed) {
  const std::string text = RenderText({SampleReport()});
  EXPECT_NE(text.find("Found inside column #3 备注: cn_resident_id 3, cn_mobile 2 "
                      "(failed validation: bank_card 1)"),
            std::string::npos)
      << text;
}

TEST(ReportTextTest, TerminalEscapesInNamesAreNeutralized) {
  GradingReport r = SampleReport();
  r.columns[0].name = "\x1b]0;pwned\x07\x1b[2Jx\xe2\x80\xae";
  r.findings_prohibited[0].column_name = "\x1b[31m";
  const std::string text = RenderText({r});
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text.find('\x07'), std::string::npos);
  EXPECT_EQ(text.find("\xe2\x80\xae"), std::string::npos);
  EXPECT_NE(text.find("\\x1B]0;pwned\\x07"), std::string::npos);
}

TEST(ReportTextTest, LongNamesAreCut) {
  GradingReport r = SampleReport();
  r.columns[0].name = std::string(200, 'n');
  const std::string text = RenderText({r});
  EXPECT_EQ(text.find(std::string(29, 'n')), std::string::npos);
  EXPECT_NE(text.find(std::string(25, 'n') + "..."), std::string::npos);
}

TEST(ReportTextTest, SeveralReportsAndNone) {
  GradingReport second = SampleReport();
  second.source = "other.jsonl";
  second.format = "jsonl";
  const std::string text = RenderText({SampleReport(), second});
  EXPECT_NE(text.find("customers.csv\n"), std::string::npos);
  EXPECT_NE(text.find("\nother.jsonl\n"), std::string::npos);
  EXPECT_NE(text.find("delimiter \",\""), std::string::npos);
  EXPECT_EQ(RenderText({}), "No dataset scanned.\n");
}

// ---------------------------------------------------------------------------------------------
// Helpers

TEST(ReportDisplayTextTest, DisplayWidth) {
  EXPECT_EQ(internal::DisplayWidth("abc"), 3);
  EXPECT_EQ(internal::DisplayWidth("身份证"), 6);
  EXPECT_EQ(internal::DisplayWidth("ｆｕｌｌ"), 8);   // fullwidth forms
  EXPECT_EQ(internal::DisplayWidth("e\xcc\x81"), 1);  // e + combining acute
  EXPECT_EQ(internal::DisplayWidth("\xff\xfe"), 2);   // invalid bytes: one column each
  EXPECT_EQ(internal::DisplayWidth("한글"), 4);
}

TEST(ReportDisplayTextTest, DecodeRejectsOverlongAndSurrogates) {
  EXPECT_FALSE(internal::DecodeUtf8("\xc0\xaf", 0).valid);      // overlong '/'
  EXPECT_FALSE(internal::DecodeUtf8("\xed\xa0\x80", 0).valid);  // U+D800
  EXPECT_FALSE(internal::DecodeUtf8("\xf4\x90\x80\x80", 0).valid);
  EXPECT_FALSE(internal::DecodeUtf8("\xe4\xb8", 0).valid);  // truncated
  const internal::Utf8Step ok = internal::DecodeUtf8("中", 0);
  EXPECT_TRUE(ok.valid);
  EXPECT_EQ(ok.cp, U'中');
  EXPECT_EQ(ok.length, 3u);
}

TEST(ReportDisplayTextTest, TerminalSafe) {
  EXPECT_EQ(internal::TerminalSafe("\x1b[31mred"), "\\x1B[31mred");
  EXPECT_EQ(internal::TerminalSafe("a\xe2\x80\xae"
                                   "b"),
            "a\\u202Eb");
  EXPECT_EQ(internal::TerminalSafe("\xff"), "\\xFF");
  EXPECT_EQ(internal::TerminalSafe("a\tb"), "a\\x09b");
  EXPECT_EQ(internal::TerminalSafe("身份证号 ok"), "身份证号 ok");
}

TEST(ReportDisplayTextTest, TruncateAndPadByDisplayWidth) {
  const std::string cut = internal::TruncateToWidth("身份证号码很长的列名", 9);
  EXPECT_EQ(cut, "身份证...");
  EXPECT_LE(internal::DisplayWidth(cut), 9);
  EXPECT_EQ(internal::TruncateToWidth("short", 9), "short");
  EXPECT_EQ(internal::PadRight("身份", 6), "身份  ");
  EXPECT_EQ(internal::PadLeft("12", 4), "  12");
}

TEST(ReportHtmlEscapeTest, EscapesMarkupAndRepairsUtf8) {
  EXPECT_EQ(internal::HtmlEscape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(internal::HtmlEscape("a\xff"
                                 "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(internal::HtmlEscape("a\x1b"
                                 "b\n"),
            "a\xEF\xBF\xBD"
            "b\n");
  EXPECT_EQ(internal::HtmlEscape("身份证号"), "身份证号");
}

std::vector<double> BarHeights(const std::string& svg) {
  static const std::regex kRect(R"re(<rect [^>]*height="([0-9.]+)")re");
  std::vector<double> heights;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), kRect); it != std::sregex_iterator();
       ++it) {
    heights.push_back(std::stod((*it)[1]));
  }
  return heights;
}

TEST(ReportLevelChartTest, BarHeightsProportionalToCounts) {
  const std::vector<double> h = BarHeights(internal::LevelChartSvg({0, 1, 0, 3, 0, 0}));
  ASSERT_EQ(h.size(), 5u);
  EXPECT_GT(h[0], 0);
  EXPECT_EQ(h[1], 0);
  EXPECT_NEAR(h[2], 3 * h[0], 0.2);
  EXPECT_EQ(h[3], 0);
}

TEST(ReportLevelChartTest, AllZeroHasNoBarsAndNoNan) {
  const std::string svg = internal::LevelChartSvg({0, 0, 0, 0, 0, 0});
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  EXPECT_EQ(svg.find("inf"), std::string::npos);
  for (double h : BarHeights(svg)) EXPECT_EQ(h, 0);
}

}  // namespace
}  // namespace cv::grading
