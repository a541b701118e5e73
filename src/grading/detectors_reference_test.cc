// Differential tests of the detectors rewritten for speed: the implementations before the
// rewrite are kept here as references, and both must give the same verdict on many generated
// values (sample generator output of every column kind, mutated copies, random token strings).
#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "grading/check_digits.h"
#include "grading/detectors.h"
#include "grading/internal/cell_shape.h"
#include "grading/internal/civil_date.h"
#include "grading/internal/cjk_set.h"
#include "grading/internal/regions.h"
#include "grading/internal/sample_columns.h"
#include "grading/internal/sample_values.h"
#include "grading/internal/surnames.h"
#include "grading/internal/utf8.h"

namespace cv::grading {
namespace {
namespace ref {

using internal::AllDigits;
using internal::IsCjkIdeograph;
using internal::IsDigit;
using internal::NextCodePoint;
using internal::ParseDigits;
using internal::ToUpperAscii;

// ---- Reference: detectors_cjk.cc and surnames.cc before the rewrite ----

constexpr std::u32string_view kCompoundSurnames[] = {
    U"欧阳", U"司马", U"诸葛", U"上官", U"东方", U"皇甫", U"尉迟", U"公孙", U"慕容", U"长孙",
    U"宇文", U"司徒", U"夏侯", U"令狐", U"端木", U"轩辕", U"独孤", U"南宫", U"西门", U"百里",
    U"呼延", U"万俟", U"申屠", U"闻人", U"澹台", U"公冶", U"太史", U"仲孙", U"钟离", U"宗政",
    U"濮阳", U"淳于", U"单于", U"赫连", U"拓跋", U"闾丘", U"东郭", U"公羊", U"司空", U"司寇",
    U"左丘", U"梁丘", U"乐正", U"谷梁", U"第五", U"微生", U"羊舌", U"段干", U"巫马", U"漆雕",
    U"公良", U"颛孙", U"亓官", U"鲜于", U"耶律", U"完颜", U"东门", U"公西", U"南门",
};

bool IsCompoundSurname(char32_t first, char32_t second) {
  const char32_t pair[2] = {first, second};
  const std::u32string_view want(pair, 2);
  return std::find(std::begin(kCompoundSurnames), std::end(kCompoundSurnames), want) !=
         std::end(kCompoundSurnames);
}

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

// Transliterated names (阿卜杜·热合曼): CJK parts joined by single middle dots.
Verdict CheckDottedName(std::string_view v) {
  std::size_t pos = 0, part = 0, parts = 0, cjk = 0;
  while (pos < v.size()) {
    const char32_t c = NextCodePoint(v, &pos);
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

// Organisation names carry region words too; an address does not end like one.
bool EndsLikeOrganisation(std::string_view v) {
  for (std::string_view s : {"公司", "银行", "支行", "分行", "医院", "学校", "大学", "学院", "中心",
                             "集团", "委员会", "政府", "办事处", "营业部", "合作社"}) {
    if (v.ends_with(s)) return true;
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

Verdict CheckChineseName(std::string_view v) {
  if (v.size() < 6 || v.size() > 60) return Verdict::kNoMatch;
  char32_t first = 0, second = 0, last = 0;
  std::size_t pos = 0, n = 0;
  while (pos < v.size()) {
    const char32_t c = NextCodePoint(v, &pos);
    if (internal::IsNameDot(c)) return CheckDottedName(v);
    if (!IsCjkIdeograph(c)) return Verdict::kNoMatch;
    if (n == 0) first = c;
    if (n == 1) second = c;
    last = c, ++n;
  }
  if (n < 2 || n > 4 || kNonNameFinals.contains(last)) return Verdict::kNoMatch;
  const bool surname =
      (n >= 3 && IsCompoundSurname(first, second)) || internal::IsSingleSurname(first);
  return surname && !IsKnownNonName(v) ? Verdict::kMatch : Verdict::kNoMatch;
}

Verdict CheckAddress(std::string_view v) {
  if (v.size() < 12 || v.size() > 256) return Verdict::kNoMatch;
  std::size_t pos = 0, chars = 0, cjk = 0, region = 0, street = 0;
  char32_t previous = 0;
  while (pos < v.size()) {
    const char32_t c = NextThreeByteCharacter(v, &pos);
    if (++chars > 64) return Verdict::kNoMatch;
    if (!IsCjkIdeograph(c)) {
      if (IsSentenceEnd(c)) return Verdict::kNoMatch;
      continue;
    }
    ++cjk;
    region += kRegionWords.contains(c) && chars > 1;
    street += kStreetWords.contains(c) && chars > 1;
    street += (previous == U'胡' && c == U'同') || (previous == U'单' && c == U'元');
    previous = c;
  }
  if (chars < 6 || chars > 64 || cjk < 4) return Verdict::kNoMatch;
  const bool divisions = region >= 2 || (region >= 1 && street >= 1) || street >= 2;
  return divisions && !EndsLikeOrganisation(v) ? Verdict::kMatch : Verdict::kNoMatch;
}

// ---- Reference: detectors_ids.cc (USCC) before the rewrite ----

// GB 32100-2015 4.1 a): registration authority codes 1 (机构编制), 2-8 (外交, 司法行政, 文化,
// 民政, 旅游, 宗教, 工会), 9 (工商), A-G (later assignments, e.g. A 中央军委改革和编制办公室),
// N (农业: rural collective economic organisations) and Y (其他).
bool IsRegistrationAuthority(char c) {
  return (c >= '1' && c <= '9') || (c >= 'A' && c <= 'G') || c == 'N' || c == 'Y';
}

// GB 32100-2015 4.2: the code alphabet (no I, O, S, V, Z).
bool InUsccAlphabet(char c) {
  if (IsDigit(c)) return true;
  return c >= 'A' && c <= 'Y' && c != 'I' && c != 'O' && c != 'S' && c != 'V';
}

// Upper-cases an 18-character alphanumeric value into `out`; false on any other character.
bool FoldUscc(std::string_view v, char out[18]) {
  if (v.size() != 18) return false;
  for (int i = 0; i < 18; ++i) {
    if (!internal::IsAlnum(v[i])) return false;
    out[i] = ToUpperAscii(v[i]);
  }
  return true;
}

// GB 32100-2015 4.1: positions 1-8 (authority, category, region) look like a USCC.
bool UsccPrefixShape(const char u[18]) {
  if (!IsRegistrationAuthority(u[0])) return false;
  if (!AllDigits(std::string_view(u + 2, 6))) return false;
  return internal::IsUsccProvinceCode(ParseDigits(std::string_view(u + 2, 2)));
}

// GB 11714-1997 4.3: check char of the 8-character organisation code body; weights
// 3 7 9 10 5 8 4 2, letters count 10-35, C9 = 11 - sum mod 11 (10 -> 'X', 11 -> '0').
char OrgCodeCheckChar(std::string_view body) {
  static constexpr int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 8; ++i) {
    const char c = body[i];
    sum += (IsDigit(c) ? c - '0' : c - 'A' + 10) * kWeights[i];
  }
  const int check = 11 - sum % 11;
  return check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
}

Verdict CheckUscc(std::string_view v) {
  char u[18];
  if (v.size() != 18 || !IsRegistrationAuthority(ToUpperAscii(v[0]))) return Verdict::kNoMatch;
  if (!FoldUscc(v, u) || !UsccPrefixShape(u)) return Verdict::kNoMatch;
  for (char c : u) {
    if (!InUsccAlphabet(c)) return Verdict::kInvalid;
  }
  if (OrgCodeCheckChar(std::string_view(u + 8, 8)) != u[16]) return Verdict::kInvalid;
  const auto check = UsccCheckChar(std::string_view(u, 17));  // GB 32100-2015 4.3
  return check && *check == u[17] ? Verdict::kMatch : Verdict::kInvalid;
}

// ---- Reference: detectors_cards.cc (card network, bank card) before the rewrite ----

constexpr std::uint32_t Lengths(int lo, int hi) {
  std::uint32_t m = 0;
  for (int n = lo; n <= hi; ++n) m |= 1u << n;
  return m;
}

// One IIN range: numbers whose first `digits` digits are in [lo, hi] belong to `network` when
// their length is in the `lengths` bit set. The first matching row wins.
struct IinRange {
  int digits;
  int lo;
  int hi;
  std::uint32_t lengths;
  CardNetwork network;
};

// ISO/IEC 7812-1 IIN assignments as the networks publish them; most specific first.
constexpr IinRange kIinRanges[] = {
    {4, 2200, 2204, Lengths(16, 19), CardNetwork::kMir},
    {4, 2221, 2720, Lengths(16, 16), CardNetwork::kMastercard},
    {3, 300, 305, Lengths(14, 19), CardNetwork::kDinersClub},
    {2, 34, 34, Lengths(15, 15), CardNetwork::kAmex},
    {2, 37, 37, Lengths(15, 15), CardNetwork::kAmex},
    {4, 3528, 3589, Lengths(16, 19), CardNetwork::kJcb},
    {2, 36, 36, Lengths(14, 19), CardNetwork::kDinersClub},
    {2, 38, 39, Lengths(16, 19), CardNetwork::kDinersClub},
    {1, 4, 4, Lengths(13, 13) | Lengths(16, 16) | Lengths(19, 19), CardNetwork::kVisa},
    {2, 51, 55, Lengths(16, 16), CardNetwork::kMastercard},
    {2, 50, 50, Lengths(13, 19), CardNetwork::kMaestro},
    {2, 56, 59, Lengths(13, 19), CardNetwork::kMaestro},
    {4, 6011, 6011, Lengths(16, 19), CardNetwork::kDiscover},
    {2, 60, 60, Lengths(16, 19), CardNetwork::kDomestic},
    {2, 62, 62, Lengths(16, 19), CardNetwork::kUnionPay},
    {2, 63, 63, Lengths(13, 19), CardNetwork::kMaestro},
    {3, 644, 649, Lengths(16, 19), CardNetwork::kDiscover},
    {2, 65, 65, Lengths(16, 19), CardNetwork::kDiscover},
    {2, 66, 69, Lengths(13, 19), CardNetwork::kMaestro},
    {2, 81, 81, Lengths(16, 19), CardNetwork::kUnionPay},
    {1, 9, 9, Lengths(16, 19), CardNetwork::kDomestic},
};

// Copies the digits of a card number written whole or in groups of >= 3 digits split by single
// spaces or single dashes (one kind per value). False for any other layout.
bool CollectCardDigits(std::string_view v, char out[19], std::size_t* n) {
  char sep = 0;
  std::size_t group = 0;
  *n = 0;
  for (char c : v) {
    if (IsDigit(c)) {
      if (*n == 19) return false;
      out[(*n)++] = c;
      ++group;
      continue;
    }
    if ((c != ' ' && c != '-') || group < 3 || (sep != 0 && c != sep)) return false;
    sep = c;
    group = 0;
  }
  return group >= 3 && *n >= 13;
}

CardNetwork CardNetworkOf(std::string_view digits) {
  if (digits.size() < 13 || digits.size() > 19) return CardNetwork::kUnknown;
  const int first4 = ParseDigits(digits.substr(0, 4));
  if (first4 < 0) return CardNetwork::kUnknown;
  const int prefixes[5] = {0, first4 / 1000, first4 / 100, first4 / 10, first4};
  for (const IinRange& r : kIinRanges) {
    const int prefix = prefixes[r.digits];
    if (prefix < r.lo || prefix > r.hi) continue;
    return (r.lengths >> digits.size()) & 1 ? r.network : CardNetwork::kUnknown;
  }
  return CardNetwork::kUnknown;
}

Verdict CheckBankCard(std::string_view v) {
  char digits[19];
  std::size_t n = 0;
  if (v.size() > 32 || !CollectCardDigits(v, digits, &n)) return Verdict::kNoMatch;
  const std::string_view number(digits, n);
  if (CardNetworkOf(number) == CardNetwork::kUnknown) return Verdict::kNoMatch;
  return LuhnValid(number) ? Verdict::kMatch : Verdict::kInvalid;  // ISO/IEC 7812-1 Annex B
}

// ---- Reference: detectors_net.cc (email, IP address) before the rewrite ----

// RFC 5322 3.2.3 atext.
bool IsAtext(char c) {
  return internal::IsAlnum(c) ||
         std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

// RFC 5322 dot-atom: atext runs joined by single dots; at most 64 octets (RFC 5321 4.5.3.1.1).
bool LocalPartOk(std::string_view local) {
  if (local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  for (std::size_t i = 0; i < local.size(); ++i) {
    if (local[i] == '.' ? local[i - 1] == '.' : !IsAtext(local[i])) return false;
  }
  return true;
}

// RFC 1035 2.3.1 label: letters, digits, inner hyphens; 1-63 octets.
bool LabelOk(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
    return false;
  for (char c : label) {
    if (!internal::IsAlnum(c) && c != '-') return false;
  }
  return true;
}

// Two or more labels; the top-level one alphabetic (>= 2 letters) or an IDNA "xn--" label.
bool DomainOk(std::string_view domain) {
  const std::size_t last_dot = domain.rfind('.');
  if (last_dot == std::string_view::npos || domain.size() > 253) return false;
  const std::string_view tld = domain.substr(last_dot + 1);
  bool tld_ok = tld.size() >= 2 && LabelOk(tld);
  for (char c : tld)
    tld_ok = tld_ok && (internal::kCharClass[static_cast<unsigned char>(c)] & internal::kLetter);
  if (!tld_ok && !(tld.starts_with("xn--") && LabelOk(tld))) return false;
  for (std::size_t start = 0; start <= last_dot;) {
    const std::size_t dot = domain.find('.', start);
    if (!LabelOk(domain.substr(start, dot - start))) return false;
    start = dot + 1;
  }
  return true;
}

// Parses a dotted quad into its four parts; false unless it is 4 runs of 1-3 digits.
bool SplitQuad(std::string_view v, std::string_view parts[4]) {
  int n = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= v.size(); ++i) {
    if (i < v.size() && IsDigit(v[i])) continue;
    if (i < v.size() && v[i] != '.') return false;
    if (n == 4 || i == start || i - start > 3) return false;
    parts[n++] = v.substr(start, i - start);
    start = i + 1;
  }
  return n == 4;
}

Verdict CheckIpv4(std::string_view v) {
  std::string_view parts[4];
  if (!SplitQuad(v, parts)) return Verdict::kNoMatch;
  for (std::string_view p : parts) {
    if ((p.size() > 1 && p[0] == '0') || internal::ParseDigits(p) > 255) return Verdict::kInvalid;
  }
  return Verdict::kMatch;
}

Verdict CheckIpv6(std::string_view v) {
  char buf[INET6_ADDRSTRLEN];
  if (v.size() < 2 || v.size() >= sizeof(buf) || v.find(':') == v.rfind(':'))
    return Verdict::kNoMatch;
  std::memcpy(buf, v.data(), v.size());
  buf[v.size()] = '\0';
  unsigned char addr[16];
  return inet_pton(AF_INET6, buf, addr) == 1 ? Verdict::kMatch : Verdict::kNoMatch;
}

Verdict CheckEmail(std::string_view v) {
  const std::size_t at = v.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == v.size()) return Verdict::kNoMatch;
  if (v.find('@', at + 1) != std::string_view::npos) return Verdict::kNoMatch;
  for (char c : v) {
    if (static_cast<unsigned char>(c) <= ' ' || static_cast<unsigned char>(c) >= 0x7F) {
      return Verdict::kNoMatch;
    }
  }
  if (v.size() > 254 || !LocalPartOk(v.substr(0, at)) || !DomainOk(v.substr(at + 1))) {
    return Verdict::kInvalid;
  }
  return Verdict::kMatch;
}

Verdict CheckIpAddress(std::string_view v) {
  for (char c : v) {
    if (c == ':') return CheckIpv6(v);
  }
  return CheckIpv4(v);
}

// ---- Reference: detectors_ids.cc (resident ID) before the rewrite ----

// GB 11643-1999 5.2: birth date YYYYMMDD (or, legacy form, YYMMDD in 19YY).
bool BirthDateOk(std::string_view yyyymmdd) {
  return internal::IsPlausibleBirthDate(ParseDigits(yyyymmdd.substr(0, 4)),
                                        ParseDigits(yyyymmdd.substr(4, 2)),
                                        ParseDigits(yyyymmdd.substr(6, 2)));
}

bool ResidentIdShape(std::string_view v) {
  if (v.size() != 18 || !AllDigits(v.substr(0, 17))) return false;
  return IsDigit(v[17]) || v[17] == 'X' || v[17] == 'x';
}

Verdict CheckResidentId(std::string_view v) {
  if (!ResidentIdShape(v)) return Verdict::kNoMatch;
  if (!internal::IsIdProvinceCode(ParseDigits(v.substr(0, 2)))) return Verdict::kInvalid;
  if (!BirthDateOk(v.substr(6, 8))) return Verdict::kInvalid;
  const auto check = ResidentIdCheckChar(v.substr(0, 17));  // GB 11643-1999 6.2 MOD 11-2
  return check && *check == ToUpperAscii(v[17]) ? Verdict::kMatch : Verdict::kInvalid;
}

}  // namespace ref

using samplegen::AllColumnKinds;
using samplegen::RowContext;

// Byte strings that exercise the rewritten paths: surnames, known non-names, name dots (and
// their lead bytes alone), division and organisation words, sentence ends, 4-byte ideographs,
// malformed UTF-8, USCC and card alphabets.
const std::vector<std::string>& Tokens() {
  static const std::vector<std::string> tokens = {"王",
                                                  "李",
                                                  "欧",
                                                  "阳",
                                                  "司",
                                                  "马",
                                                  "高",
                                                  "中",
                                                  "石",
                                                  "家",
                                                  "庄",
                                                  "江",
                                                  "苏",
                                                  "黄",
                                                  "山",
                                                  "金",
                                                  "融",
                                                  "单",
                                                  "元",
                                                  "胡",
                                                  "同",
                                                  "于",
                                                  "夏",
                                                  "侯",
                                                  "省",
                                                  "市",
                                                  "区",
                                                  "路",
                                                  "号",
                                                  "村",
                                                  "公司",
                                                  "银行",
                                                  "支行",
                                                  "中心",
                                                  "委员会",
                                                  "合作社",
                                                  "行",
                                                  "院",
                                                  "。",
                                                  "；",
                                                  "·",
                                                  "•",
                                                  "・",
                                                  "．",
                                                  "\xC2",
                                                  "\xE2",
                                                  "\xE3",
                                                  "\xEF",
                                                  "\xE4\xB8",
                                                  "\x80",
                                                  "\xED\xA0\x80",
                                                  "\xE0\x80\x80",
                                                  "\xF0\xA0\x80\x80",
                                                  "𠀀",
                                                  "a",
                                                  "Z",
                                                  "9",
                                                  "0",
                                                  "1",
                                                  "X",
                                                  "x",
                                                  " ",
                                                  "-",
                                                  "I",
                                                  "o",
                                                  "S",
                                                  "v",
                                                  "Y",
                                                  "N",
                                                  "G",
                                                  "A",
                                                  "@",
                                                  ".",
                                                  "..",
                                                  "xn--",
                                                  "com",
                                                  "_",
                                                  "!",
                                                  "~",
                                                  "\"",
                                                  "255",
                                                  "256",
                                                  "00",
                                                  "01",
                                                  "192",
                                                  "999",
                                                  ":",
                                                  "::",
                                                  "1234",
                                                  "11",
                                                  "91",
                                                  "6222",
                                                  "4",
                                                  "3528",
                                                  "2221",
                                                  "65",
                                                  "81",
                                                  "9558",
                                                  "1234567"};
  return tokens;
}

std::string RandomTokens(samplegen::SampleRng& rng) {
  std::string s;
  const auto& tokens = Tokens();
  const std::uint64_t n = 1 + rng.Below(12);
  for (std::uint64_t i = 0; i < n; ++i) s += tokens[rng.Below(tokens.size())];
  return s;
}

// Copies of `v` with one random edit each.
void AddMutations(std::string_view v, samplegen::SampleRng& rng, std::vector<std::string>* out) {
  if (v.empty()) return;
  out->emplace_back(v.substr(0, rng.Below(v.size())));  // truncated, maybe mid-character
  out->emplace_back(v.substr(rng.Below(v.size())));     // a tail
  std::string s(v);
  s[rng.Below(s.size())] = static_cast<char>(rng.Below(256));  // one byte replaced
  out->push_back(s);
  s = v;
  s.insert(rng.Below(s.size() + 1), Tokens()[rng.Below(Tokens().size())]);
  out->push_back(s);
  s = v;
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;  // lower case
  out->push_back(s);
}

std::vector<std::string> Values() {
  std::vector<std::string> values;
  samplegen::SampleRng rng(11);
  for (const auto& kind : AllColumnKinds()) {
    for (int style = 0; style < kind.styles; ++style) {
      RowContext ctx(1000 + static_cast<std::uint64_t>(style));
      for (int row = 0; row < 600; ++row) {
        ctx.row = static_cast<std::uint64_t>(row);
        samplegen::NewPerson(&ctx);
        std::string v;
        kind.gen(ctx, style, &v);
        AddMutations(v, rng, &values);
        values.push_back(std::move(v));
      }
    }
  }
  for (int i = 0; i < 200000; ++i) values.push_back(RandomTokens(rng));
  // Every known non-name and compound surname, alone and with given names.
  for (std::string_view w : ref::kNotNames) {
    values.emplace_back(w);
    values.push_back(std::string(w) + "明");
  }
  for (std::u32string_view cs : ref::kCompoundSurnames) {
    std::string s;
    for (char32_t c : cs) {
      s += static_cast<char>(0xE0 | (c >> 12));
      s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (c & 0x3F));
    }
    values.push_back(s);
    values.push_back(s + "明");
    values.push_back(s + "明华");
  }
  return values;
}

TEST(DetectorsDifferentialTest, SameVerdictsAsReference) {
  const std::vector<std::string> values = Values();
  ASSERT_GT(values.size(), 200000u);
  std::size_t names = 0, addresses = 0, usccs = 0, cards = 0, invalid = 0, emails = 0, ips = 0,
              invalid_ips = 0, ids = 0;
  for (const std::string& v : values) {
    ASSERT_EQ(VerdictName(CheckChineseName(v)), VerdictName(ref::CheckChineseName(v))) << v;
    ASSERT_EQ(VerdictName(CheckAddress(v)), VerdictName(ref::CheckAddress(v))) << v;
    ASSERT_EQ(VerdictName(CheckUscc(v)), VerdictName(ref::CheckUscc(v))) << v;
    ASSERT_EQ(VerdictName(CheckBankCard(v)), VerdictName(ref::CheckBankCard(v))) << v;
    ASSERT_EQ(VerdictName(CheckResidentId(v)), VerdictName(ref::CheckResidentId(v))) << v;
    ids += CheckResidentId(v) == Verdict::kMatch;
    ASSERT_EQ(VerdictName(CheckEmail(v)), VerdictName(ref::CheckEmail(v))) << v;
    ASSERT_EQ(VerdictName(CheckIpAddress(v)), VerdictName(ref::CheckIpAddress(v))) << v;
    ASSERT_EQ(static_cast<int>(CardNetworkOf(v)), static_cast<int>(ref::CardNetworkOf(v))) << v;
    names += CheckChineseName(v) == Verdict::kMatch;
    addresses += CheckAddress(v) == Verdict::kMatch;
    usccs += CheckUscc(v) == Verdict::kMatch;
    cards += CheckBankCard(v) == Verdict::kMatch;
    emails += CheckEmail(v) == Verdict::kMatch;
    ips += CheckIpAddress(v) == Verdict::kMatch;
    invalid_ips += CheckIpAddress(v) == Verdict::kInvalid;
    invalid += CheckUscc(v) == Verdict::kInvalid || CheckBankCard(v) == Verdict::kInvalid;
  }
  // The values reach every verdict, not just the early kNoMatch exits.
  EXPECT_GT(names, 100u);
  EXPECT_GT(addresses, 100u);
  EXPECT_GT(usccs, 100u);
  EXPECT_GT(cards, 100u);
  EXPECT_GT(invalid, 100u);
  EXPECT_GT(emails, 100u);
  EXPECT_GT(ids, 100u);
  EXPECT_GT(ips, 100u);
  EXPECT_GT(invalid_ips, 10u);
}

TEST(DetectorsDifferentialTest, CardNetworkOfEveryPrefix) {
  for (int first4 = 0; first4 < 10000; ++first4) {
    for (std::size_t len = 12; len <= 20; ++len) {
      std::string number = std::to_string(10000 + first4).substr(1);
      number.resize(len, '7');
      ASSERT_EQ(static_cast<int>(CardNetworkOf(number)),
                static_cast<int>(ref::CardNetworkOf(number)))
          << number;
    }
  }
}

TEST(DetectorsDifferentialTest, DottedQuads) {
  const std::string_view parts[] = {"0",   "00",  "01",  "1",    "9", "10", "099", "100",
                                    "255", "256", "999", "1000", "",  "a",  " 1",  "1:"};
  std::size_t invalid = 0;
  for (int count = 3; count <= 5; ++count) {
    std::vector<std::size_t> at(static_cast<std::size_t>(count), 0);
    while (true) {
      std::string v;
      for (int i = 0; i < count; ++i) {
        if (i > 0) v += '.';
        v += parts[at[static_cast<std::size_t>(i)]];
      }
      ASSERT_EQ(VerdictName(CheckIpAddress(v)), VerdictName(ref::CheckIpAddress(v))) << v;
      invalid += CheckIpAddress(v) == Verdict::kInvalid;
      std::size_t i = 0;
      while (i < at.size() && ++at[i] == std::size(parts)) at[i++] = 0;
      if (i == at.size()) break;
    }
  }
  EXPECT_GT(invalid, 1000u);
}

TEST(DetectorsDifferentialTest, CardsAndIdsEveryDigitInEveryPosition) {
  std::size_t matches = 0;
  for (const std::string base : {"6222021234567890128", "4111111111111111", "378282246310005",
                                 "6222 0212 3456 7890 128", "11010519491231002X"}) {
    for (std::size_t len = 13; len <= base.size(); ++len) {
      for (std::size_t i = 0; i < len; ++i) {
        for (char d : std::string_view("0123456789Xx -")) {
          std::string v = base.substr(0, len);
          v[i] = d;
          ASSERT_EQ(VerdictName(CheckBankCard(v)), VerdictName(ref::CheckBankCard(v))) << v;
          ASSERT_EQ(VerdictName(CheckResidentId(v)), VerdictName(ref::CheckResidentId(v))) << v;
          matches += CheckBankCard(v) == Verdict::kMatch || CheckResidentId(v) == Verdict::kMatch;
        }
      }
    }
  }
  EXPECT_GT(matches, 50u);
}

TEST(DetectorsDifferentialTest, UsccEveryCharacterInEveryPosition) {
  const std::string base = "91350100M000100Y43";
  ASSERT_EQ(CheckUscc(base), Verdict::kMatch);
  for (std::size_t i = 0; i < base.size(); ++i) {
    for (int b = 0; b < 256; ++b) {
      std::string v = base;
      v[i] = static_cast<char>(b);
      ASSERT_EQ(VerdictName(CheckUscc(v)), VerdictName(ref::CheckUscc(v))) << v;
    }
  }
}

}  // namespace
}  // namespace cv::grading
