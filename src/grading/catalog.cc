// Catalog: the built-in item table and header matching. The table itself is data, in
// internal/items_personal.cc, internal/items_financial.cc and internal/non_personal.cc.
#include "grading/catalog.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "grading/internal/catalog_items.h"

namespace cv::grading {
namespace {

constexpr double kExactScore = 1.0;      // the normalized header is a synonym
constexpr double kContainedScore = 0.7;  // the normalized header contains a synonym

// A synonym is looked for inside longer headers only when it is specific enough: at least two
// CJK characters ("姓名" in "借款人姓名") or four ASCII characters ("phone" in "homephone").
// "id", "tel" or "名" would match inside unrelated words.
constexpr int kMinContainedCjk = 2;
constexpr int kMinContainedAscii = 4;

// Decodes the UTF-8 character at s[i]; returns its length, or 0 when malformed.
std::size_t DecodeUtf8(std::string_view s, std::size_t i, char32_t* cp) {
  const auto b = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
  const std::uint8_t lead = b(i);
  std::size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (len == 0 || lead > 0xF4 || i + len > s.size()) return 0;
  char32_t value = len == 1 ? lead : lead & (0xFF >> (len + 1));
  for (std::size_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    value = (value << 6) | (b(i + k) & 0x3F);
  }
  if ((len == 3 && value < 0x800) || (len == 4 && value < 0x10000) ||
      (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) {
    return 0;
  }
  *cp = value;
  return len;
}

// Spaces and punctuation a header may carry around its words: CJK symbols and punctuation,
// general punctuation, Latin-1 punctuation, CJK compatibility and small forms, half-width CJK
// punctuation, and the byte-order mark.
bool IsNonAsciiPunctuation(char32_t cp) {
  return (cp >= 0x00A0 && cp <= 0x00BF) || cp == 0x00D7 || (cp >= 0x2000 && cp <= 0x206F) ||
         (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE10 && cp <= 0xFE1F) ||
         (cp >= 0xFE30 && cp <= 0xFE6F) || (cp >= 0xFF5F && cp <= 0xFF65) || cp == 0xFEFF;
}

bool IsContainable(std::string_view synonym) {
  int ascii = 0, cjk = 0;
  for (char c : synonym) {
    const auto byte = static_cast<std::uint8_t>(c);
    if (byte < 0x80) ++ascii;
    if (byte >= 0xC0) ++cjk;  // a lead byte: one non-ASCII character
  }
  return cjk >= kMinContainedCjk || ascii >= kMinContainedAscii;
}

// One candidate per type while matching; ordered by Better().
struct Candidate {
  ItemType type;
  double score;
  std::size_t end;     // where the synonym ends in the header: later is the head noun
  std::size_t length;  // longer synonyms are more specific
};

// Chinese and English headers are head-final ("借款人身份证号码", "applicant_id_no"), so at
// equal score the synonym ending last wins, then the longest; a personal item outranks kNone
// (over-protection is the safe failure), then catalog order.
bool Better(const Candidate& a, const Candidate& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.end != b.end) return a.end > b.end;
  if (a.length != b.length) return a.length > b.length;
  const bool a_personal = a.type != ItemType::kNone, b_personal = b.type != ItemType::kNone;
  if (a_personal != b_personal) return a_personal;
  return a.type < b.type;
}

void Offer(const Candidate& c, std::vector<Candidate>* best) {
  for (Candidate& have : *best) {
    if (have.type == c.type) {
      if (Better(c, have)) have = c;
      return;
    }
  }
  best->push_back(c);
}

// The candidate `synonym` makes for normalized header `h`, if any.
bool MatchSynonym(std::string_view h, std::string_view synonym, ItemType type, Candidate* out) {
  if (synonym == h) {
    *out = {type, kExactScore, h.size(), synonym.size()};
    return true;
  }
  if (!IsContainable(synonym)) return false;
  const std::size_t at = h.rfind(synonym);
  if (at == std::string_view::npos) return false;
  *out = {type, kContainedScore, at + synonym.size(), synonym.size()};
  return true;
}

std::vector<DataItem> BuiltinItems() {
  std::vector<DataItem> items = internal::PersonalItems();
  for (DataItem& item : internal::FinancialItems()) items.push_back(std::move(item));
  return items;
}

}  // namespace

std::string_view CategoryName(Category c) {
  switch (c) {
    case Category::kNone:
      return "none";
    case Category::kC1:
      return "C1";
    case Category::kC2:
      return "C2";
    case Category::kC3:
      return "C3";
  }
  return "none";
}

int LevelFloor(Category c) {
  switch (c) {
    case Category::kNone:
      return 1;
    case Category::kC1:
      return 2;
    case Category::kC2:
      return 3;
    case Category::kC3:
      return 4;
  }
  return 1;
}

std::string NormalizeHeader(std::string_view header) {
  std::string out;
  out.reserve(header.size());
  for (std::size_t i = 0; i < header.size();) {
    char32_t cp = 0;
    const std::size_t len = DecodeUtf8(header, i, &cp);
    if (len == 0) {  // a malformed byte says nothing about the column
      ++i;
      continue;
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII -> ASCII
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    } else if (!IsNonAsciiPunctuation(cp)) {
      out.append(header.substr(i, len));
    }
    i += len;
  }
  return out;
}

Catalog::Catalog(std::vector<DataItem> items) : items_(std::move(items)) {
  std::sort(items_.begin(), items_.end(),
            [](const DataItem& a, const DataItem& b) { return a.type < b.type; });
  // Invariant 1: one item per type, at index static_cast<int>(type).
  bool ok = static_cast<int>(items_.size()) == kItemTypeCount;
  for (int i = 0; ok && i < kItemTypeCount; ++i) ok = static_cast<int>(items_[i].type) == i;
  if (!ok) {
    std::fputs("cv::grading::Catalog: item table does not cover every ItemType once\n", stderr);
    std::abort();
  }
}

const Catalog& Catalog::Default() {
  static const Catalog* const catalog = new Catalog(BuiltinItems());
  return *catalog;
}

const DataItem* Catalog::FindById(std::string_view id) const {
  for (const DataItem& item : items_) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

std::vector<HeaderMatch> Catalog::MatchHeader(std::string_view header) const {
  const std::string h = NormalizeHeader(header);
  if (h.empty()) return {};
  std::vector<Candidate> best;
  Candidate c;
  for (const DataItem& item : items_) {
    for (std::string_view synonym : item.synonyms) {
      if (MatchSynonym(h, synonym, item.type, &c)) Offer(c, &best);
    }
  }
  for (std::string_view name : internal::NonPersonalHeaders()) {
    if (name == h) Offer({ItemType::kNone, kExactScore, h.size(), h.size()}, &best);
  }
  std::sort(best.begin(), best.end(), Better);
  std::vector<HeaderMatch> out;
  out.reserve(best.size());
  for (const Candidate& candidate : best) out.push_back({candidate.type, candidate.score});
  return out;
}

}  // namespace cv::grading
