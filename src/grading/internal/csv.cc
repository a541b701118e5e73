// CSV record boundaries, delimiter sniffing and field splitting.
#include "grading/internal/csv.h"

#include <algorithm>
#include <cstring>
#include <map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cv::grading::internal {
namespace {

constexpr char kCandidates[] = {',', '\t', ';', '|'};

// Per line, how many times `d` occurs outside quotes.
std::vector<int> CountsPerLine(std::string_view head, char d, int max_lines) {
  std::vector<int> counts;
  int count = 0;
  bool in_quote = false;
  for (char c : head) {
    if (c == '"') in_quote = !in_quote;
    if (in_quote) continue;
    if (c == d) ++count;
    if (c == '\n') {
      counts.push_back(count);
      count = 0;
      if (static_cast<int>(counts.size()) >= max_lines) return counts;
    }
  }
  if (count > 0) counts.push_back(count);
  return counts;
}

// How well `d` splits the lines: the share of lines whose count equals the most common non-zero
// count, and that count (the number of delimiters per line).
struct Fit {
  double consistency = 0;
  int per_line = 0;
};

Fit FitOf(const std::vector<int>& counts) {
  std::map<int, int> freq;
  for (int c : counts) {
    if (c > 0) ++freq[c];
  }
  Fit fit;
  if (freq.empty() || counts.empty()) return fit;
  int best = 0;
  for (auto& [value, n] : freq) {
    if (n > best) {
      best = n;
      fit.per_line = value;
    }
  }
  fit.consistency = static_cast<double>(best) / static_cast<double>(counts.size());
  return fit;
}

// A clearly more consistent delimiter wins; among equally consistent ones, the one that splits
// lines into more fields (a "lat,lng" value inside '|'-separated rows must not win).
bool Better(const Fit& a, const Fit& b) {
  if (a.consistency > b.consistency + 0.05) return true;
  if (b.consistency > a.consistency + 0.05) return false;
  return a.per_line > b.per_line;
}

}  // namespace

char SniffDelimiter(std::string_view head) {
  char best = ',';
  Fit best_fit;
  for (char d : kCandidates) {
    Fit fit = FitOf(CountsPerLine(head, d, 50));
    if (fit.per_line > 0 && Better(fit, best_fit)) {
      best = d;
      best_fit = fit;
    }
  }
  return best;
}

std::string_view TrimCellEnds(std::string_view cell) {
  std::size_t b = 0, e = cell.size();
  while (b < e && (cell[b] == ' ' || cell[b] == '\t' || cell[b] == '\r')) ++b;
  while (e > b && (cell[e - 1] == ' ' || cell[e - 1] == '\t' || cell[e - 1] == '\r')) --e;
  return cell.substr(b, e - b);
}

std::size_t CountByte(std::string_view text, char c) {
  std::size_t n = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
#if defined(__SSE2__)
  // Each compare gives 0xFF (-1) per hit, subtracted into byte counters; a counter takes at most
  // 255 blocks before the sums of absolute differences fold them into 64-bit lanes.
  const __m128i needle = _mm_set1_epi8(c);
  while (end - p >= 16) {
    const std::size_t blocks = std::min<std::size_t>(static_cast<std::size_t>(end - p) / 16, 255);
    const char* const stop = p + blocks * 16;
    __m128i counts = _mm_setzero_si128();
    for (; p < stop; p += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(v, needle));
    }
    const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
    n += static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
         static_cast<std::size_t>(_mm_extract_epi16(sums, 4));
  }
#endif
  for (; p < end; ++p) n += *p == c;
  return n;
}

std::size_t LastRecordEnd(std::string_view data) {
  std::size_t quotes = CountByte(data, '"');
  bool in_quote_at_end = quotes % 2 != 0;
  // Walk back over newlines, tracking the parity of quotes between each and the end.
  std::size_t tail_quotes = 0;
  std::size_t scan_end = data.size();
  while (scan_end > 0) {
    const void* hit = memrchr(data.data(), '\n', scan_end);
    if (hit == nullptr) return 0;
    std::size_t nl = static_cast<const char*>(hit) - data.data();
    tail_quotes += CountByte(data.substr(nl + 1, scan_end - nl - 1), '"');
    bool in_quote_here = in_quote_at_end != (tail_quotes % 2 != 0);
    if (!in_quote_here) return nl + 1;
    scan_end = nl;
  }
  return 0;
}

CsvRecordParser::CsvRecordParser(char delimiter) : delimiter_(delimiter) {
  special_[static_cast<unsigned char>(delimiter)] = true;
  special_['\n'] = true;
  special_['"'] = true;
}

// Inline part of the search: most fields end in the block already searched.
inline char* CsvRecordParser::FindSpecial(char* p, char* end) {
  const std::size_t at = static_cast<std::size_t>(p - buf_);
  if (at - block_ < 64) {
    const std::uint64_t rest = mask_ >> (at - block_);
    if (rest != 0) return p + __builtin_ctzll(rest);
  }
  return FindSpecialSlow(p, end);
}

bool CsvRecordParser::Next(char* buf, std::size_t size, std::size_t* pos,
                           std::vector<std::string_view>* fields, std::uint32_t* newlines,
                           bool* unterminated) {
  if (buf != buf_ || size != size_) {
    buf_ = buf;
    size_ = size;
    block_ = kNoBlock;
  }
  fields->clear();
  *newlines = 0;
  *unterminated = false;
  if (*pos >= size) return false;
  char* p = buf + *pos;
  char* end = buf + size;
  char* field_start = p;
  bool record_done = false;
  while (!record_done) {
    p = FindSpecial(p, end);
    if (p == end) {
      fields->emplace_back(field_start, p - field_start);
      break;
    }
    if (*p == delimiter_) {
      fields->emplace_back(field_start, p - field_start);
      field_start = ++p;
    } else if (*p == '\n') {
      char* field_end = p;
      if (field_end > field_start && field_end[-1] == '\r') --field_end;
      fields->emplace_back(field_start, field_end - field_start);
      ++*newlines;
      ++p;
      record_done = true;
    } else {
      p = QuotedField(field_start, p, end, fields, newlines, &record_done, unterminated);
      field_start = p;
    }
  }
  *pos = static_cast<std::size_t>(p - buf);
  return true;
}

std::uint64_t CsvRecordParser::SpecialMask(const char* p, const char* end) const {
  std::uint64_t mask = 0;
#if defined(__SSE2__)
  if (end - p >= 64) {  // SSE2 is part of x86-64: 16 bytes per compare
    const __m128i delimiter = _mm_set1_epi8(delimiter_);
    const __m128i newline = _mm_set1_epi8('\n');
    const __m128i quote = _mm_set1_epi8('"');
    for (int i = 0; i < 4; ++i) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
      const __m128i hits =
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, delimiter), _mm_cmpeq_epi8(v, newline)),
                       _mm_cmpeq_epi8(v, quote));
      mask |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(hits)))
              << (16 * i);
    }
    return mask;
  }
#endif
  const std::size_t n = std::min<std::size_t>(64, static_cast<std::size_t>(end - p));
  for (std::size_t i = 0; i < n; ++i) {
    mask |= static_cast<std::uint64_t>(special_[static_cast<unsigned char>(p[i])]) << i;
  }
  return mask;
}

char* CsvRecordParser::FindSpecialSlow(char* p, char* end) {
  std::size_t at = static_cast<std::size_t>(p - buf_);
  const std::size_t size = static_cast<std::size_t>(end - buf_);
  while (at < size) {
    if (at - block_ < 64) {  // unsigned: false too when at < block_ (kNoBlock included)
      const std::uint64_t rest = mask_ >> (at - block_);
      if (rest != 0) return buf_ + at + static_cast<std::size_t>(__builtin_ctzll(rest));
      at = block_ + 64;
      continue;
    }
    block_ = at;
    mask_ = SpecialMask(buf_ + at, end);
  }
  return end;
}

char* CsvRecordParser::QuotedField(char* field_start, char* p, char* end,
                                   std::vector<std::string_view>* fields, std::uint32_t* newlines,
                                   bool* record_done, bool* unterminated) {
  char* w = p;  // write position: quotes are dropped, so w <= p
  bool in_quote = false;
  while (p < end) {
    if (in_quote) {
      char* q = static_cast<char*>(std::memchr(p, '"', end - p));
      char* stop = q != nullptr ? q : end;
      *newlines += static_cast<std::uint32_t>(std::count(p, stop, '\n'));
      std::memmove(w, p, stop - p);
      w += stop - p;
      if (q == nullptr) {
        p = end;
        break;
      }
      if (q + 1 < end && q[1] == '"') {
        *w++ = '"';
        p = q + 2;
      } else {
        in_quote = false;
        p = q + 1;
      }
      continue;
    }
    char c = *p;
    if (c == '"') {
      in_quote = true;
      ++p;
    } else if (c == delimiter_) {
      fields->emplace_back(field_start, w - field_start);
      return p + 1;
    } else if (c == '\n') {
      char* field_end = w;
      if (field_end > field_start && field_end[-1] == '\r') --field_end;
      fields->emplace_back(field_start, field_end - field_start);
      ++*newlines;
      *record_done = true;
      return p + 1;
    } else {
      *w++ = *p++;
    }
  }
  fields->emplace_back(field_start, w - field_start);
  *record_done = true;
  *unterminated = in_quote;  // also when the buffer ends right after an opening or escaped quote
  return end;
}

}  // namespace cv::grading::internal
