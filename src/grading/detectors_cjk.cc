// Chinese text detectors: person names (surname list) and addresses (administrative-division
// words) (GRD-3).
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string_view>

#include "grading/detectors.h"
#include "grading/internal/cjk_set.h"
#include "grading/internal/surnames.h"
#include "grading/internal/utf8.h"

namespace cv::grading {
namespace {

using internal::IsCjkIdeograph;
using internal::NextCodePoint;
using internal::NextCodePointFast;

// Values that open with a surname character but are words seen in credit data: education,
// products, places, ethnic groups.
constexpr std::string_view kNotNames[] = {
    "高中", "高级", "高管", "高新", "高速", "文盲", "房贷", "房产", "车贷",   "车辆", "单笔",
    "单位", "应还", "应收", "应付", "商业", "商贷", "管理", "方式", "安全",   "文本", "常住",
    "康复", "储蓄", "农业", "农村", "华夏", "金融", "关闭", "关联", "关系",   "解除", "解冻",
    "江苏", "江西", "安徽", "吉林", "甘肃", "宁夏", "武汉", "沈阳", "石家庄", "包头", "黄山",
    "黄冈", "余杭", "浦东", "宁波", "桂林", "江北", "江南", "江门", "江阴",   "龙岗", "罗湖",
    "龙华", "温江", "钱包", "余额", "黄金", "白金", "任意", "严重", "冷静"};

// A final character no given name has in practice: places (市 州 ...), organisations (行 司 院
// ...), products and money (卡 贷 款 费 额 息 险), groups (族 教), documents (证 码 型 率).
constexpr internal::CjkSet kNonNameFinals(
    U"省市区县州镇乡村路街号局行司院校厂店部处室所队站库场馆卡款贷费额息险族教证型率码");

// kNotNames sorted, for a binary search.
constexpr auto kSortedNotNames = [] {
  std::array<std::string_view, std::size(kNotNames)> a{};
  std::copy(std::begin(kNotNames), std::end(kNotNames), a.begin());
  std::sort(a.begin(), a.end());
  return a;
}();

bool IsKnownNonName(std::string_view v) {
  return std::binary_search(kSortedNotNames.begin(), kSortedNotNames.end(), v);
}

// The first characters of kNotNames (all of them CJK ideographs): a name whose first character
// is not among them is no known non-name, without a search.
constexpr internal::CjkSet kNotNameFirsts = [] {
  char32_t firsts[std::size(kNotNames)] = {};
  for (std::size_t i = 0; i < std::size(kNotNames); ++i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(kNotNames[i][k]); };
    if (kNotNames[i].size() < 3 || (b(0) & 0xF0) != 0xE0) throw "kNotNames: not a CJK word";
    firsts[i] = ((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
  }
  return internal::CjkSet(std::u32string_view(firsts, std::size(firsts)));
}();

// The most characters of a word in kNotNames.
constexpr std::size_t kMaxNotNameChars = [] {
  std::size_t n = 0;
  for (std::string_view w : kNotNames) n = std::max(n, w.size() / 3);
  return n;
}();

// Transliterated names (阿卜杜·热合曼): CJK parts joined by single middle dots.
Verdict CheckDottedName(std::string_view v) {
  std::size_t pos = 0, part = 0, parts = 0, cjk = 0;
  while (pos < v.size()) {
    const char32_t c = NextCodePointFast(v, &pos);
    if (IsCjkIdeograph(c)) {
      ++part, ++cjk;
    } else if (internal::IsNameDot(c) && part > 0) {
      ++parts, part = 0;
    } else {
      return Verdict::kNoMatch;
    }
  }
  return part > 0 && parts >= 1 && cjk <= 20 ? Verdict::kMatch : Verdict::kNoMatch;
}

// Region-level words of GB/T 2260 names (省 市 区 县 州 盟 旗 镇 乡) and street-level words of
// postal addresses (路 街 道 巷 弄 号 村 组 栋 幢 楼 室 屯; 胡同 and 单元 are counted apart, as
// 胡 and 单 are also surnames).
constexpr internal::CjkSet kRegionWords(U"省市区县州盟旗镇乡");
constexpr internal::CjkSet kStreetWords(U"路街道巷弄号村组栋幢楼室屯");
// Every character that can count as a division word (the two sets, and 同 and 元 of 胡同 and
// 单元): one lookup passes over the others.
constexpr internal::CjkSet kDivisionChars(U"省市区县州盟旗镇乡路街道巷弄号村组栋幢楼室屯同元");

// False when `v` holds none of the lead bytes of the UTF-8 forms of the name dots (IsNameDot:
// C2, E2, E3, EF), so that it cannot hold a name dot. Eight bytes at a time: a word holds byte
// b when word ^ (b in every byte) has a zero byte.
bool MayHoldNameDot(std::string_view v) {
  constexpr std::uint64_t kOnes = 0x0101010101010101u, kHighs = 0x8080808080808080u;
  const auto has_zero = [](std::uint64_t x) { return ((x - kOnes) & ~x & kHighs) != 0; };
  std::size_t i = 0;
  for (; i + 8 <= v.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, v.data() + i, 8);
    if (has_zero(w ^ (kOnes * 0xC2)) || has_zero(w ^ (kOnes * 0xE2)) ||
        has_zero(w ^ (kOnes * 0xE3)) || has_zero(w ^ (kOnes * 0xEF))) {
      return true;
    }
  }
  for (; i < v.size(); ++i) {
    const auto b = static_cast<unsigned char>(v[i]);
    if (b == 0xC2 || b == 0xE2 || b == 0xE3 || b == 0xEF) return true;
  }
  return false;
}

// Organisation names carry region words too; an address does not end like one.
constexpr std::string_view kOrganisationEnds[] = {"公司",   "银行", "支行",   "分行",   "医院",
                                                  "学校",   "大学", "学院",   "中心",   "集团",
                                                  "委员会", "政府", "办事处", "营业部", "合作社"};

// The last character of each word of kOrganisationEnds (all CJK, three bytes), as the 24-bit
// number its UTF-8 bytes make: most values are told apart by one integer compare per word,
// without calling memcmp.
constexpr std::uint32_t Last3(std::string_view s) {
  const auto b = [&](std::size_t k) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(s[s.size() - k]));
  };
  return (b(3) << 16) | (b(2) << 8) | b(1);
}
constexpr auto kOrganisationLast3 = [] {
  std::array<std::uint32_t, std::size(kOrganisationEnds)> a{};
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (kOrganisationEnds[i].size() < 3) throw "kOrganisationEnds: a word shorter than 3 bytes";
    a[i] = Last3(kOrganisationEnds[i]);
  }
  return a;
}();

bool EndsLikeOrganisation(std::string_view v) {
  if (v.size() < 3) return false;
  const std::uint32_t last = Last3(v);
  for (std::size_t i = 0; i < std::size(kOrganisationEnds); ++i) {
    if (kOrganisationLast3[i] == last && v.ends_with(kOrganisationEnds[i])) return true;
  }
  return false;
}

// NextCodePoint with a fast path for the three-byte sequences of CJK text. The fast path does
// not check the continuation bytes: a malformed cell may read as other characters, never out of
// bounds (REQUIRES of ClassifyCell: valid UTF-8).
char32_t NextThreeByteCharacter(std::string_view v, std::size_t* pos) {
  const auto b = static_cast<unsigned char>(v[*pos]);
  if ((b & 0xF0) != 0xE0 || *pos + 2 >= v.size()) return NextCodePoint(v, pos);
  const char32_t c = ((b & 0x0Fu) << 12) |
                     ((static_cast<unsigned char>(v[*pos + 1]) & 0x3Fu) << 6) |
                     (static_cast<unsigned char>(v[*pos + 2]) & 0x3Fu);
  *pos += 3;
  return c;
}

// Sentence-ending punctuation marks prose, not an address.
bool IsSentenceEnd(char32_t c) { return c == U'。' || c == U'！' || c == U'？' || c == U'；'; }

}  // namespace

Verdict CheckChineseName(std::string_view v) {
  if (v.size() < 6 || v.size() > 60) return Verdict::kNoMatch;
  // More than 16 bytes are more than 4 ideographs (4 bytes at most each), so only a dotted name
  // can match. The loop below hands a value whose first non-ideograph is a name dot to
  // CheckDottedName, and CheckDottedName says kNoMatch for every other value as the loop would:
  // for these lengths it alone decides.
  if (v.size() > 16) return MayHoldNameDot(v) ? CheckDottedName(v) : Verdict::kNoMatch;
  char32_t first = 0, second = 0, last = 0;
  std::size_t pos = 0, n = 0;
  while (pos < v.size()) {
    const char32_t c = NextCodePointFast(v, &pos);
    if (internal::IsNameDot(c)) return CheckDottedName(v);
    if (!IsCjkIdeograph(c)) return Verdict::kNoMatch;
    if (n == 0) first = c;
    if (n == 1) second = c;
    last = c, ++n;
  }
  if (n < 2 || n > 4 || kNonNameFinals.contains(last)) return Verdict::kNoMatch;
  const bool surname =
      (n >= 3 && internal::IsCompoundSurname(first, second)) || internal::IsSingleSurname(first);
  if (!surname) return Verdict::kNoMatch;
  const bool maybe_known = n <= kMaxNotNameChars && kNotNameFirsts.contains(first);
  return maybe_known && IsKnownNonName(v) ? Verdict::kNoMatch : Verdict::kMatch;
}

Verdict CheckAddress(std::string_view v) {
  if (v.size() < 12 || v.size() > 256) return Verdict::kNoMatch;
  // Every other path ends in kNoMatch too, so an organisation name needs no decoding.
  if (EndsLikeOrganisation(v)) return Verdict::kNoMatch;
  std::size_t pos = 0, chars = 0, cjk = 0, region = 0, street = 0;
  char32_t previous = 0;
  while (pos < v.size()) {
    if (static_cast<unsigned char>(v[pos]) < 0x80) {  // ASCII: no ideograph, no sentence end
      ++pos;
      if (++chars > 64) return Verdict::kNoMatch;
      continue;
    }
    const char32_t c = NextThreeByteCharacter(v, &pos);
    if (++chars > 64) return Verdict::kNoMatch;
    if (!IsCjkIdeograph(c)) {
      if (IsSentenceEnd(c)) return Verdict::kNoMatch;
      continue;
    }
    ++cjk;
    if (kDivisionChars.contains(c)) {
      region += kRegionWords.contains(c) && chars > 1;
      street += kStreetWords.contains(c) && chars > 1;
      street += (previous == U'胡' && c == U'同') || (previous == U'单' && c == U'元');
    }
    previous = c;
  }
  if (chars < 6 || chars > 64 || cjk < 4) return Verdict::kNoMatch;
  const bool divisions = region >= 2 || (region >= 1 && street >= 1) || street >= 2;
  return divisions ? Verdict::kMatch : Verdict::kNoMatch;
}

}  // namespace cv::grading
