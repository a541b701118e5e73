// Vocabulary detectors: values drawn from a closed list of words (gender, marital status,
// education, religion, blood type) (GRD-3, GRD-4).
#include <span>
#include <string_view>

#include "grading/detectors.h"
#include "grading/internal/cell_shape.h"

namespace cv::grading {
namespace {

// GB/T 2261.1-2003 gender words and their English forms.
constexpr std::string_view kGenderWords[] = {
    "男", "女", "男性", "女性",   "未知", "未说明", "未知的性别", "未说明的性别",
    "M",  "F",  "male", "female", "man",  "woman",  "unknown"};

// GB/T 2261.2-2003 marital status words and their English forms.
constexpr std::string_view kMaritalWords[] = {
    "未婚",   "已婚",    "初婚",     "再婚",    "复婚",      "丧偶",      "离婚",  "离异",
    "single", "married", "divorced", "widowed", "unmarried", "separated", "widow", "widower"};

// GB/T 4658-2006 education levels, common short forms and their English forms.
constexpr std::string_view kEducationWords[] = {
    "研究生",        "博士研究生",     "博士",         "硕士研究生",   "硕士",
    "大学本科",      "本科",           "大学专科",     "专科",         "大专",
    "中等专科",      "中专",           "职业高中",     "职高",         "技工学校",
    "技校",          "高中",           "普通高中",     "初中",         "小学",
    "文盲",          "半文盲",         "文盲或半文盲", "学士",         "phd",
    "ph.d.",         "doctorate",      "doctor",       "master",       "masters",
    "bachelor",      "bachelors",      "associate",    "high school",  "junior high",
    "middle school", "primary school", "college",      "postgraduate", "undergraduate"};

// Religions (GRD-4: a prohibited item, Reg Art.14) as they appear in forms.
constexpr std::string_view kReligionWords[] = {
    "佛教",    "道教",         "伊斯兰教",  "基督教",   "天主教",      "东正教",     "新教",
    "犹太教",  "印度教",       "藏传佛教",  "喇嘛教",   "佛教徒",      "基督徒",     "天主教徒",
    "穆斯林",  "无宗教信仰",   "buddhism",  "buddhist", "taoism",      "taoist",     "islam",
    "muslim",  "christianity", "christian", "catholic", "catholicism", "protestant", "orthodox",
    "judaism", "jewish",       "hinduism",  "hindu"};

bool InVocabulary(std::string_view v, std::span<const std::string_view> words) {
  if (v.size() > 24) return false;
  for (std::string_view w : words) {
    if (internal::EqualsIgnoreAsciiCase(v, w)) return true;
  }
  return false;
}

bool TakeLiteral(std::string_view* v, std::string_view lit) {
  if (!v->starts_with(lit)) return false;
  v->remove_prefix(lit.size());
  return true;
}

// ABO group, upper case only ("a" and "o" are too common as other values).
bool TakeAbo(std::string_view* v) {
  return TakeLiteral(v, "AB") || TakeLiteral(v, "A") || TakeLiteral(v, "B") || TakeLiteral(v, "O");
}

// Rh factor: "+", "-", "Rh+", "Rh-", "RH阳性", "Rh阴性", "(+)", ... after an optional space.
// Consumes nothing unless it finds one.
bool TakeRh(std::string_view* v) {
  std::string_view rest = *v;
  TakeLiteral(&rest, " ");
  if (TakeLiteral(&rest, "Rh") || TakeLiteral(&rest, "RH") || TakeLiteral(&rest, "rh")) {
    TakeLiteral(&rest, " ");
  }
  for (std::string_view s : {"(+)", "(-)", "+", "-", "阳性", "阴性"}) {
    if (TakeLiteral(&rest, s)) return *v = rest, true;
  }
  return false;
}

}  // namespace

Verdict CheckGender(std::string_view v) {
  return InVocabulary(v, kGenderWords) ? Verdict::kMatch : Verdict::kNoMatch;
}

Verdict CheckMaritalStatus(std::string_view v) {
  return InVocabulary(v, kMaritalWords) ? Verdict::kMatch : Verdict::kNoMatch;
}

Verdict CheckEducation(std::string_view v) {
  return InVocabulary(v, kEducationWords) ? Verdict::kMatch : Verdict::kNoMatch;
}

Verdict CheckReligion(std::string_view v) {
  return InVocabulary(v, kReligionWords) ? Verdict::kMatch : Verdict::kNoMatch;
}

Verdict CheckBloodType(std::string_view v) {
  if (v.empty() || v.size() > 20) return Verdict::kNoMatch;
  const bool rh_first = TakeRh(&v);  // "Rh阴性A型"
  if (!TakeAbo(&v)) return Verdict::kNoMatch;
  TakeLiteral(&v, "型");
  TakeLiteral(&v, "血");
  if (!rh_first && !v.empty()) TakeRh(&v);
  return v.empty() ? Verdict::kMatch : Verdict::kNoMatch;
}

}  // namespace cv::grading
