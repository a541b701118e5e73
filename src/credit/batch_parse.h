// BatchReader: a streaming parser over the records of a provider batch, in JSON Lines or CSV
// (docs/ingest_format.md "Records"), giving each line's typed credit::Record or the RecordError
// refusing it. A bad record never stops the others (JR/T 0117 9.4.1 c): feedback per record).
//
// Thread-safety: a BatchReader is owned by one thread; distinct readers are independent.
// Invariants:
//  1. Next() yields one ParsedLine per non-blank record, in input order, with strictly increasing
//     line numbers (1-based physical lines; a CSV record spanning lines has its first line).
//  2. The wall clock is never read: "today" comes from ParseOptions.
//  3. Whole-batch errors (Open) are only about the CSV header or the options; everything about
//     one record is a RecordError.
#ifndef CV_CREDIT_BATCH_PARSE_H_
#define CV_CREDIT_BATCH_PARSE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"
#include "credit/record_error.h"
#include "credit/records.h"

namespace cv::credit {

// DO NOT CHANGE the wire names "jsonl" and "csv": manifests carry them.
enum class BatchFormat : std::uint8_t { kJsonl, kCsv };
std::string_view BatchFormatName(BatchFormat format);
// "jsonl" or "csv"; kInvalidArgument otherwise.
Result<BatchFormat> ParseBatchFormat(std::string_view name);

struct ParseOptions {
  int today_ymd = 0;  // e.g. 20240131 (CST); dates after it are invalid_date. REQUIRES: set.
  std::size_t max_line_bytes = 64 * 1024;  // longer lines are line_too_long
};

struct ParsedLine {
  std::uint64_t line = 0;
  std::variant<Record, RecordError> result;
};

class BatchReader {
 public:
  // A reader over `records` (a UTF-8 byte-order mark at the start is skipped). For CSV, reads
  // and checks the header: first column `type`, every other column a field of some record type,
  // no repeats; a prohibited column (GRD-4) is kInvalidArgument, any other header fault
  // kMalformed, each naming the column and its 1-based position. An empty CSV is kMalformed.
  // kInvalidArgument when options.today_ymd is not a date.
  static Result<BatchReader> Open(std::string_view records, BatchFormat format,
                                  ParseOptions options);

  // How many results a JSON Lines reader over `records` gives, without parsing them: the lines
  // that are not blank, or are longer than `max_line_bytes` (as Next() counts them).
  static std::uint64_t CountJsonl(std::string_view records, std::size_t max_line_bytes);

  // The next record's result; nullopt at the end. Blank lines are skipped.
  std::optional<ParsedLine> Next();

  // The CSV header's columns (empty for JSON Lines).
  const std::vector<std::string>& columns() const { return columns_; }

 private:
  BatchReader(std::string text, BatchFormat format, ParseOptions options);
  Status ReadCsvHeader();
  std::optional<ParsedLine> NextJsonl();
  std::optional<ParsedLine> NextCsv();
  ParsedLine CsvRow(std::uint64_t line, const std::vector<std::string_view>& cells) const;

  std::string text_;  // a copy: the CSV parser unescapes quoted fields in place
  BatchFormat format_;
  ParseOptions options_;
  std::size_t pos_ = 0;          // next unread byte of text_
  std::uint64_t next_line_ = 1;  // physical line number at pos_
  std::vector<std::string> columns_;
};

// Every result of a reader, in order (tests and small batches).
std::vector<ParsedLine> ReadAll(BatchReader& reader);

}  // namespace cv::credit

#endif  // CV_CREDIT_BATCH_PARSE_H_
