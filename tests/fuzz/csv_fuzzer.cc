// Fuzzes the scanner's CSV layer (grading/internal/csv.h): delimiter sniffing, the chunk
// boundary LastRecordEnd and CsvRecordParser, differentially against a plain reference of the
// documented quote rule.
//
// Invariants checked:
//  1. SniffDelimiter returns one of ',' '\t' ';' '|'; CountByte agrees with std::count.
//  2. CsvRecordParser gives exactly the records, fields, newline counts and `unterminated` flags
//     of the reference parser below, for the sniffed delimiter and one picked by the input size.
//  3. LastRecordEnd is 0 or one past a '\n' at which the parser ends a record; parsing only the
//     part before it gives the same records, none unterminated (chunks agree with the parser).
//  4. The newline counts of all records add up to the number of '\n' in the input.
//  5. TrimCell returns a sub-view without leading or trailing space, tab or '\r'.
#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "grading/internal/csv.h"
#include "tests/fuzz/fuzz_support.h"

namespace cv::grading::internal {
namespace {

struct Record {
  std::vector<std::string> fields;
  std::uint32_t newlines = 0;
  bool unterminated = false;
  std::size_t end = 0;  // offset just past the record
  friend bool operator==(const Record&, const Record&) = default;
};

// The header's quote rule, one byte at a time: '"' toggles the quoted state, except that '""'
// inside a quoted section is one literal quote; a delimiter or '\n' outside quotes ends the
// field (and '\n' the record, dropping one '\r' that ends the field's text).
std::vector<Record> ReferenceParse(std::string_view s, char delimiter) {
  std::vector<Record> records;
  std::size_t i = 0;
  while (i < s.size()) {
    Record r;
    std::string field;
    bool in_quote = false, done = false;
    while (i < s.size() && !done) {
      const char c = s[i++];
      if (in_quote && c == '"' && i < s.size() && s[i] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        in_quote = !in_quote;
      } else if (in_quote || (c != delimiter && c != '\n')) {
        r.newlines += c == '\n';
        field.push_back(c);
      } else if (c == delimiter) {
        r.fields.push_back(std::move(field));
        field.clear();
      } else {
        if (!field.empty() && field.back() == '\r') field.pop_back();
        ++r.newlines;
        done = true;
      }
    }
    r.fields.push_back(std::move(field));
    r.unterminated = in_quote;
    r.end = i;
    records.push_back(std::move(r));
  }
  return records;
}

// CsvRecordParser over an exactly-sized copy of `s` (it unescapes in place).
std::vector<Record> ParserParse(std::string_view s, char delimiter) {
  auto buf = std::make_unique<char[]>(s.size());
  std::memcpy(buf.get(), s.data(), s.size());
  const char* const begin = buf.get();
  CsvRecordParser parser(delimiter);
  std::vector<Record> records;
  std::vector<std::string_view> fields;
  std::size_t pos = 0;
  Record r;
  while (parser.Next(buf.get(), s.size(), &pos, &fields, &r.newlines, &r.unterminated)) {
    r.fields.clear();
    for (std::string_view f : fields) {
      FUZZ_CHECK(f.empty() || (f.data() >= begin && f.data() + f.size() <= begin + pos));
      r.fields.emplace_back(f);
    }
    FUZZ_CHECK(pos <= s.size());
    r.end = pos;
    records.push_back(r);
  }
  FUZZ_CHECK(pos >= s.size());
  return records;
}

void CheckDelimiter(std::string_view text, char delimiter) {
  const std::vector<Record> records = ParserParse(text, delimiter);
  FUZZ_CHECK(records == ReferenceParse(text, delimiter));
  std::size_t newlines = 0;
  for (const Record& r : records) newlines += r.newlines;
  FUZZ_CHECK(newlines == static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));

  const std::size_t boundary = LastRecordEnd(text);
  if (boundary == 0) return;
  FUZZ_CHECK(boundary <= text.size() && text[boundary - 1] == '\n');
  const std::vector<Record> head = ParserParse(text.substr(0, boundary), delimiter);
  FUZZ_CHECK(!head.empty() && head.size() <= records.size() && head.back().end == boundary);
  for (std::size_t i = 0; i < head.size(); ++i) {
    FUZZ_CHECK(head[i] == records[i]);
    FUZZ_CHECK(!head[i].unterminated);
  }
}

void CheckTrim(std::string_view text) {
  const std::string_view cell = TrimCell(text);
  FUZZ_CHECK(cell.empty() || (cell.data() >= text.data() &&
                              cell.data() + cell.size() <= text.data() + text.size()));
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  FUZZ_CHECK(cell.empty() || (!blank(cell.front()) && !blank(cell.back())));
}

}  // namespace
}  // namespace cv::grading::internal

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cv::grading::internal;
  const std::string_view text = cv::fuzz::AsText(data, size);
  const char sniffed = SniffDelimiter(text);
  FUZZ_CHECK(std::string_view(",\t;|").find(sniffed) != std::string_view::npos);
  FUZZ_CHECK(CountByte(text, '"') ==
             static_cast<std::size_t>(std::count(text.begin(), text.end(), '"')));
  CheckDelimiter(text, sniffed);
  const char other = ",\t;|"[size % 4];
  if (other != sniffed) CheckDelimiter(text, other);
  CheckTrim(text);
  return 0;
}
