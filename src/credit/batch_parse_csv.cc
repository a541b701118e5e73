// BatchReader's CSV side: the header check and one row to RawFields (RFC 4180, ',' only).
#include <algorithm>

#include "credit/batch_parse.h"
#include "credit/ingest_fields.h"
#include "credit/internal/record_builder.h"
#include "grading/internal/csv.h"

namespace cv::credit {
namespace {

using grading::internal::CsvRecordParser;
using grading::internal::TrimCell;

Error ColumnError(ErrorCode code, std::size_t index, std::string_view column,
                  std::string_view rule) {
  const std::string name = ShownFieldName(column);
  return Error(code,
               "CSV header column " + std::to_string(index + 1) + " \"" + std::string(name) +
                   "\" " + std::string(rule),
               Position{"", 1, std::string(name)});
}

// One header column: the name is a format field, not prohibited and not repeated.
Status CheckColumn(std::size_t index, std::string_view name,
                   const std::vector<std::string>& before) {
  if (index == 0) {
    if (name == "type") return Ok();
    return std::unexpected(ColumnError(ErrorCode::kMalformed, index, name, "must be type"));
  }
  if (!IsIngestFieldName(name)) {
    if (const grading::DataItem* item = ProhibitedItemFor(name)) {
      return std::unexpected(ColumnError(
          ErrorCode::kInvalidArgument, index, name,
          "names the prohibited item " + std::string(item->id) + " (Reg Art.14, GRD-4)"));
    }
    return std::unexpected(
        ColumnError(ErrorCode::kMalformed, index, name, "is not a field of the batch format"));
  }
  if (std::find(before.begin(), before.end(), name) != before.end()) {
    return std::unexpected(ColumnError(ErrorCode::kMalformed, index, name, "is repeated"));
  }
  return Ok();
}

}  // namespace

Status BatchReader::ReadCsvHeader() {
  CsvRecordParser parser(',');
  std::vector<std::string_view> cells;
  std::uint32_t newlines = 0;
  bool unterminated = false;
  const std::size_t start = pos_;
  if (!parser.Next(text_.data(), text_.size(), &pos_, &cells, &newlines, &unterminated)) {
    return Fail(ErrorCode::kMalformed, "the CSV has no header row");
  }
  if (pos_ - start > options_.max_line_bytes) {
    return Fail(ErrorCode::kResourceExhausted, "the CSV header row is too long");
  }
  if (unterminated) return Fail(ErrorCode::kMalformed, "the CSV header has an unclosed quote");
  next_line_ += newlines;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::string_view name = TrimCell(cells[i]);
    CV_RETURN_IF_ERROR(CheckColumn(i, name, columns_));
    columns_.emplace_back(name);
  }
  return Ok();
}

std::optional<ParsedLine> BatchReader::NextCsv() {
  CsvRecordParser parser(',');
  std::vector<std::string_view> cells;
  while (true) {
    std::uint32_t newlines = 0;
    bool unterminated = false;
    const std::size_t start = pos_;
    const std::uint64_t line = next_line_;
    if (!parser.Next(text_.data(), text_.size(), &pos_, &cells, &newlines, &unterminated)) {
      return std::nullopt;
    }
    next_line_ += std::max<std::uint32_t>(newlines, 1);
    if (pos_ - start > options_.max_line_bytes) {
      return ParsedLine{line, RecordError{line, "", RecordErrorCode::kLineTooLong, "",
                                          "the line is longer than " +
                                              std::to_string(options_.max_line_bytes) + " bytes"}};
    }
    if (unterminated) {
      return ParsedLine{line, RecordError{line, "", RecordErrorCode::kMalformedLine, "",
                                          "a quoted field is not closed"}};
    }
    if (cells.size() == 1 && TrimCell(cells[0]).empty()) continue;  // a blank line
    return CsvRow(line, cells);
  }
}

ParsedLine BatchReader::CsvRow(std::uint64_t line,
                               const std::vector<std::string_view>& cells) const {
  if (cells.size() != columns_.size()) {
    return ParsedLine{line,
                      RecordError{line, "", RecordErrorCode::kMalformedLine, "",
                                  "the row has " + std::to_string(cells.size()) +
                                      " cells; the header has " + std::to_string(columns_.size())}};
  }
  std::vector<internal::RawField> fields;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::string_view cell = TrimCell(cells[i]);
    if (!cell.empty())
      fields.push_back({columns_[i], internal::RawKind::kString, std::string(cell)});
  }
  return ParsedLine{line, internal::BuildRecord(line, fields, options_.today_ymd)};
}

}  // namespace cv::credit
