// The leading division part of a Chinese address. Divisions follow GB/T 2260 naming:
// province-level, prefecture-level and county-level units end in a fixed division word.
#include "policy/internal/address.h"

#include <algorithm>
#include <array>
#include <string>

#include "policy/internal/utf8.h"

namespace cv::policy::internal {
namespace {

enum class Tier { kNone, kProvince, kCity, kCounty };

struct DivisionWord {
  std::string_view text;  // 1-5 CJK characters
  int chars;
  Tier tier;  // kCity for 市 is resolved against the tier before it
};

// Longest first: 自治区 must win over 区 when both end at the same character.
constexpr std::array<DivisionWord, 12> kDivisionWords = {{
    {"特别行政区", 5, Tier::kProvince},
    {"自治区", 3, Tier::kProvince},
    {"自治州", 3, Tier::kCity},
    {"自治县", 3, Tier::kCounty},
    {"自治旗", 3, Tier::kCounty},
    {"地区", 2, Tier::kCity},
    {"省", 1, Tier::kProvince},
    {"市", 1, Tier::kCity},
    {"盟", 1, Tier::kCity},
    {"区", 1, Tier::kCounty},
    {"县", 1, Tier::kCounty},
    {"旗", 1, Tier::kCounty},
}};

// Characters that begin the street-level part of an address.
constexpr std::array<std::string_view, 19> kStreetWords = {
    "路", "街", "道", "巷", "弄", "号", "村", "镇", "乡", "楼",
    "栋", "幢", "室", "园", "院", "苑", "座", "层", "组",
};

// Longest segment considered, in characters: "巴音郭楞蒙古自治州" is 9.
constexpr std::size_t kMaxSegmentChars = 10;

bool IsStreetWord(std::string_view ch) {
  return std::find(kStreetWords.begin(), kStreetWords.end(), ch) != kStreetWords.end();
}

// The division word ending at chars[end - 1], leaving at least one character of name after
// `begin`; nullptr when there is none.
const DivisionWord* WordEndingAt(const std::vector<std::string_view>& chars, std::size_t begin,
                                 std::size_t end) {
  for (const DivisionWord& word : kDivisionWords) {
    if (end < begin + static_cast<std::size_t>(word.chars) + 1) continue;
    std::string joined;
    for (std::size_t k = end - word.chars; k < end; ++k) joined += chars[k];
    if (joined == word.text) return &word;
  }
  return nullptr;
}

// The end of the division segment starting at `begin`, and its division word; 0 when the
// characters from `begin` do not form one.
std::size_t SegmentEnd(const std::vector<std::string_view>& chars, std::size_t begin,
                       const DivisionWord** word) {
  const std::size_t limit = std::min(chars.size(), begin + kMaxSegmentChars);
  for (std::size_t end = begin + 1; end <= limit; ++end) {
    std::string_view ch = chars[end - 1];
    if (IsDigitChar(ch)) return 0;
    // The first character may be a street word: 镇江市, 路桥区.
    if (end - 1 > begin && IsStreetWord(ch)) return 0;
    if ((*word = WordEndingAt(chars, begin, end)) != nullptr) return end;
  }
  return 0;
}

// A second 市 below a city is a county-level city (辛集市 in 石家庄市).
Tier Resolve(Tier word_tier, Tier previous) {
  if (word_tier == Tier::kCity && previous == Tier::kCity) return Tier::kCounty;
  return word_tier;
}

}  // namespace

std::size_t LeadingDivisionChars(const std::vector<std::string_view>& chars) {
  std::size_t kept = 0;
  Tier previous = Tier::kNone;
  while (previous != Tier::kCounty) {
    const DivisionWord* word = nullptr;
    const std::size_t end = SegmentEnd(chars, kept, &word);
    if (end == 0) break;
    const Tier tier = Resolve(word->tier, previous);
    if (tier <= previous) break;  // divisions only nest downwards
    kept = end;
    previous = tier;
  }
  return kept;
}

}  // namespace cv::policy::internal
