// BatchReader: JSON Lines lines and CSV rows to RawFields, then RecordBuilder.
#include "credit/batch_parse.h"

#include <algorithm>
#include <utility>

#include "credit/internal/jsonl_record.h"
#include "credit/internal/record_builder.h"
#include "grading/internal/civil_date.h"
#include "grading/internal/csv.h"

namespace cv::credit {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

ParsedLine LineError(std::uint64_t line, RecordErrorCode code, std::string message) {
  return ParsedLine{line, RecordError{line, "", code, "", std::move(message)}};
}

ParsedLine TooLong(std::uint64_t line, std::size_t limit) {
  return LineError(line, RecordErrorCode::kLineTooLong,
                   "the line is longer than " + std::to_string(limit) + " bytes");
}

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool ValidToday(int ymd) {
  return grading::internal::IsValidDate(ymd / 10000, ymd / 100 % 100, ymd % 100);
}

}  // namespace

std::string_view BatchFormatName(BatchFormat format) {
  return format == BatchFormat::kCsv ? "csv" : "jsonl";
}

Result<BatchFormat> ParseBatchFormat(std::string_view name) {
  if (name == "jsonl") return BatchFormat::kJsonl;
  if (name == "csv") return BatchFormat::kCsv;
  return Fail(ErrorCode::kInvalidArgument, "format must be jsonl or csv");
}

BatchReader::BatchReader(std::string text, BatchFormat format, ParseOptions options)
    : text_(std::move(text)), format_(format), options_(options) {
  if (text_.starts_with(kBom)) pos_ = kBom.size();
}

Result<BatchReader> BatchReader::Open(std::string_view records, BatchFormat format,
                                      ParseOptions options) {
  if (!ValidToday(options.today_ymd) || options.max_line_bytes == 0) {
    return Fail(ErrorCode::kInvalidArgument, "ParseOptions need today_ymd and max_line_bytes");
  }
  BatchReader reader(std::string(records), format, options);
  if (format == BatchFormat::kCsv) CV_RETURN_IF_ERROR(reader.ReadCsvHeader());
  return reader;
}

std::uint64_t BatchReader::CountJsonl(std::string_view records, std::size_t max_line_bytes) {
  std::size_t pos = records.starts_with(kBom) ? kBom.size() : 0;
  std::uint64_t n = 0;
  while (pos < records.size()) {  // the loop of NextJsonl, without the parsing
    const std::size_t nl = records.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? records.size() : nl;
    std::string_view line = records.substr(pos, end - pos);
    pos = end + 1;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.size() > max_line_bytes || !Blank(line)) ++n;
  }
  return n;
}

std::optional<ParsedLine> BatchReader::Next() {
  return format_ == BatchFormat::kCsv ? NextCsv() : NextJsonl();
}

std::optional<ParsedLine> BatchReader::NextJsonl() {
  while (pos_ < text_.size()) {
    const std::size_t nl = text_.find('\n', pos_);
    const std::size_t end = nl == std::string::npos ? text_.size() : nl;
    std::string_view line(text_.data() + pos_, end - pos_);
    const std::uint64_t number = next_line_++;
    pos_ = end + 1;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.size() > options_.max_line_bytes) return TooLong(number, options_.max_line_bytes);
    if (Blank(line)) continue;
    auto fields = internal::ParseJsonRecordLine(line);
    if (!fields) return LineError(number, RecordErrorCode::kMalformedLine, fields.error());
    return ParsedLine{number, internal::BuildRecord(number, *fields, options_.today_ymd)};
  }
  return std::nullopt;
}

std::vector<ParsedLine> ReadAll(BatchReader& reader) {
  std::vector<ParsedLine> out;
  while (std::optional<ParsedLine> line = reader.Next()) out.push_back(std::move(*line));
  return out;
}

}  // namespace cv::credit
