// CSV reading per RFC 4180 with the leniency real bank exports need: delimiter sniffing among
// ',' ';' '\t' '|', quoted fields with doubled quotes and embedded newlines, CRLF or LF.
//
// Thread-safety: pure functions; a CsvRecordParser is cheap and owned by one thread.
// Quote rule (so that chunk boundaries found by LastRecordEnd agree with the parser): every '"'
// opens or closes a quoted section wherever it stands, except that '""' inside a quoted section
// is one literal quote. RFC 4180 input parses exactly as the RFC says; a stray quote in an
// unquoted field opens a quoted section, which the scanner then reports as a ragged row.
#ifndef CV_GRADING_INTERNAL_CSV_H_
#define CV_GRADING_INTERNAL_CSV_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace cv::grading::internal {

// The most consistent delimiter over the first lines of `head`; ',' when none fits.
char SniffDelimiter(std::string_view head);

// One past the '\n' that ends the last complete record in `data`, which starts at a record
// boundary; 0 when `data` holds no complete record.
std::size_t LastRecordEnd(std::string_view data);

// Splits records out of a mutable buffer, unescaping quoted fields in place.
class CsvRecordParser {
 public:
  explicit CsvRecordParser(char delimiter);

  // Parses the record at `*pos` in buf[0, size) into `fields` (views into buf) and advances
  // `*pos` past it. `*newlines` receives the number of line breaks consumed (1 for a plain
  // record; more when quoted fields hold newlines; 0 for a last record without newline).
  // Returns false at the end of the buffer. `*unterminated` is set when the buffer ended inside
  // a quoted section.
  // REQUIRES: between calls with the same buffer, its bytes from *pos on are unchanged (the
  // parser remembers which of them it has searched); use a new parser for new contents.
  bool Next(char* buf, std::size_t size, std::size_t* pos, std::vector<std::string_view>* fields,
            std::uint32_t* newlines, bool* unterminated);

 private:
  // Handles a field from its first quote on; returns the position after the field's end.
  char* QuotedField(char* field_start, char* p, char* end, std::vector<std::string_view>* fields,
                    std::uint32_t* newlines, bool* record_done, bool* unterminated);

  // The first delimiter, newline or quote at or after `p`; `end` if none.
  // REQUIRES: p and end point into buf_ (the buffer of the current Next call).
  char* FindSpecial(char* p, char* end);
  char* FindSpecialSlow(char* p, char* end);
  // Bit i says p[i] is special, for the 64 bytes from `p` (bits past `end` clear).
  std::uint64_t SpecialMask(const char* p, const char* end) const;

  char delimiter_;
  std::array<bool, 256> special_{};  // delimiter, '\n', '"'
  // The last 64-byte block searched, so that each byte is compared once however short the
  // fields: bit i of mask_ says buf_[block_ + i] is special. Valid while Next is called with
  // the same buffer, whose bytes from *pos on do not change between calls (QuotedField writes
  // only before the position it returns).
  char* buf_ = nullptr;
  std::size_t size_ = 0;
  std::size_t block_ = kNoBlock;
  std::uint64_t mask_ = 0;
  // No block: far above any offset, so that `at - block_ < 64` is false for every `at`.
  static constexpr std::size_t kNoBlock = static_cast<std::size_t>(-1) / 2;
};

// Occurrences of `c` in `text`: one SSE2 pass of compares summed in byte counters, so the cost
// does not depend on how often `c` occurs (newlines every few hundred bytes, quotes anywhere).
std::size_t CountByte(std::string_view text, char c);

// TrimCell for a cell that starts or ends with a byte <= ' ' (csv.cc).
std::string_view TrimCellEnds(std::string_view cell);

// Removes ASCII spaces, tabs and '\r' at both ends. Inline test first: most cells have nothing
// to trim, and ' ', '\t' and '\r' are all <= ' '.
inline std::string_view TrimCell(std::string_view cell) {
  if (cell.empty() || (static_cast<unsigned char>(cell.front()) > ' ' &&
                       static_cast<unsigned char>(cell.back()) > ' ')) {
    return cell;
  }
  return TrimCellEnds(cell);
}

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_CSV_H_
