// Sample generator: writes a labeled synthetic credit dataset (CSV or JSON Lines) for tests,
// benchmarks and demos, with the catalog item id the scanner should assign to each column.
//
// Thread-safety: GenerateSample() is reentrant; it keeps no state between calls.
// Invariants:
//  1. Output is a pure function of SampleOptions: the same options give the same bytes on every
//     platform and standard library (std::mt19937_64 plus our own distributions).
//  2. Identifier columns (resident ID, bank card, USCC, IMEI) carry valid check characters
//     (GRD-3); decoy columns (sequence numbers, transaction ids, scores, codes) are labeled
//     "none" and mostly fail those checks.
//  3. With headers kNone, only columns whose values alone decide their type are emitted by
//     default; an explicitly requested header-only column is labeled "none".
#ifndef CV_GRADING_SAMPLE_GEN_H_
#define CV_GRADING_SAMPLE_GEN_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace cv::grading {

enum class SampleFormat : std::uint8_t { kCsv, kJsonl };
// kGbk writes GB18030 bytes; every generated character is in GBK, so the output is also GBK.
enum class SampleEncoding : std::uint8_t { kUtf8, kUtf8Bom, kGbk };
enum class SampleHeaders : std::uint8_t { kZh, kEn, kMixed, kNone };

struct SampleOptions {
  std::uint64_t rows = 100;
  std::uint64_t seed = 1;
  SampleFormat format = SampleFormat::kCsv;
  SampleEncoding encoding = SampleEncoding::kUtf8;
  SampleHeaders headers = SampleHeaders::kZh;
  char delimiter = ',';  // CSV only: ',' ';' '\t' '|'
  bool crlf = true;      // CSV record terminator: CRLF (RFC 4180) or LF
  // Column kinds ("txn_id") or catalog type ids ("cn_resident_id", "none" = every decoy), in
  // output order. Empty: the default ~35-column bank export.
  std::vector<std::string> columns;
};

// What the scanner should conclude about one column.
struct ColumnLabel {
  int index = 0;     // 0-based position in the CSV record / JSON object order
  std::string name;  // header text; dotted path in JSON Lines ("customer.name"); "" headerless CSV
  std::string type;  // catalog item id (catalog.h), e.g. "cn_resident_id"; "none" for decoys
  std::string kind;  // generator kind, e.g. "txn_id"
};

// One column kind the generator knows.
struct SampleColumnInfo {
  std::string_view kind;
  std::string_view type;
  std::string_view header_zh;
  std::string_view header_en;
  bool in_default;
  bool values_decide;  // values alone decide the type (emitted with headers kNone)
};
std::vector<SampleColumnInfo> SampleColumnKinds();

// The columns `options` would produce, without generating data.
// Errors: kInvalidArgument for an unknown column or a bad delimiter.
[[nodiscard]] Result<std::vector<ColumnLabel>> PlanSample(const SampleOptions& options);

// Writes the dataset to `data` (binary; buffered in ~1 MiB chunks) and, when `labels` is not
// null, the column labels. Errors: kInvalidArgument (options), kInternal (iconv, or `data`
// fails to write).
[[nodiscard]] Status GenerateSample(const SampleOptions& options, std::ostream& data,
                                    std::vector<ColumnLabel>* labels);

// The labels file: {"seed", "rows", "format", "encoding", "headers", "columns": [{"index",
// "name", "type", "kind"}]}, pretty-printed.
std::string SampleLabelsJson(const SampleOptions& options, const std::vector<ColumnLabel>& labels);

// Option names as used on the command line.
[[nodiscard]] Result<SampleFormat> ParseSampleFormat(std::string_view name);  // csv | jsonl
[[nodiscard]] Result<SampleEncoding> ParseSampleEncoding(
    std::string_view name);  // utf-8 | utf-8-bom | gbk
[[nodiscard]] Result<SampleHeaders> ParseSampleHeaders(
    std::string_view name);  // zh | en | mixed | none
[[nodiscard]] Result<char> ParseSampleDelimiter(
    std::string_view text);  // "," ";" "|" "\t" (or tab, "tab")
std::string_view SampleFormatName(SampleFormat f);
std::string_view SampleEncodingName(SampleEncoding e);
std::string_view SampleHeadersName(SampleHeaders h);

}  // namespace cv::grading

#endif  // CV_GRADING_SAMPLE_GEN_H_
