// Vocabulary words and their compile-time hash table.
#include "grading/internal/vocabulary.h"

#include <array>
#include <cstdint>

#include "grading/internal/cell_shape.h"

namespace cv::grading::internal {
namespace {

struct Word {
  std::string_view text;  // ASCII in lower case
  ItemType type;
};

constexpr ItemType G = ItemType::kGender;
constexpr ItemType M = ItemType::kMaritalStatus;
constexpr ItemType E = ItemType::kEducation;
constexpr ItemType R = ItemType::kReligion;

// Several words per line (clang-format would put one per line).
// clang-format off
constexpr Word kWords[] = {
    // GB/T 2261.1-2003 gender, and English forms.
    {"男", G}, {"女", G}, {"男性", G}, {"女性", G}, {"未知", G}, {"未说明", G}, {"未知的性别", G},
    {"未说明的性别", G}, {"m", G}, {"f", G}, {"male", G}, {"female", G}, {"man", G}, {"woman", G},
    {"unknown", G},
    // GB/T 2261.2-2003 marital status, and English forms.
    {"未婚", M}, {"已婚", M}, {"初婚", M}, {"再婚", M}, {"复婚", M}, {"丧偶", M}, {"离婚", M},
    {"离异", M}, {"single", M}, {"married", M}, {"divorced", M}, {"widowed", M}, {"unmarried", M},
    {"separated", M}, {"widow", M}, {"widower", M},
    // GB/T 4658-2006 education levels, common short forms, and English forms.
    {"研究生", E}, {"博士研究生", E}, {"博士", E}, {"硕士研究生", E}, {"硕士", E}, {"大学本科", E},
    {"本科", E}, {"大学专科", E}, {"专科", E}, {"大专", E}, {"中等专科", E}, {"中专", E},
    {"职业高中", E}, {"职高", E}, {"技工学校", E}, {"技校", E}, {"高中", E}, {"普通高中", E},
    {"初中", E}, {"小学", E}, {"文盲", E}, {"半文盲", E}, {"文盲或半文盲", E}, {"学士", E},
    {"初中及以下", E}, {"高中及以下", E}, {"大专及以上", E}, {"本科及以上", E}, {"硕士及以上", E},
    {"研究生及以上", E}, {"大专及以下", E}, {"高中/中专", E}, {"中专/高中", E}, {"phd", E},
    {"ph.d.", E}, {"doctorate", E}, {"doctor", E}, {"master", E}, {"masters", E}, {"bachelor", E},
    {"bachelors", E}, {"associate", E}, {"high school", E}, {"junior high", E},
    {"middle school", E}, {"primary school", E}, {"college", E}, {"postgraduate", E},
    {"undergraduate", E},
    // Religions as forms name them (GRD-4: a prohibited item, Reg Art.14).
    {"佛教", R}, {"道教", R}, {"伊斯兰教", R}, {"基督教", R}, {"天主教", R}, {"东正教", R},
    {"新教", R}, {"犹太教", R}, {"印度教", R}, {"藏传佛教", R}, {"喇嘛教", R}, {"佛教徒", R},
    {"基督徒", R}, {"天主教徒", R}, {"穆斯林", R}, {"无宗教信仰", R}, {"buddhism", R},
    {"buddhist", R}, {"taoism", R}, {"taoist", R}, {"islam", R}, {"muslim", R},
    {"christianity", R}, {"christian", R}, {"catholic", R}, {"catholicism", R}, {"protestant", R},
    {"orthodox", R}, {"judaism", R}, {"jewish", R}, {"hinduism", R}, {"hindu", R},
};
// clang-format on

constexpr std::size_t kMaxWord = 31;
constexpr std::size_t kSlots = 512;  // a power of two, > 4x the words: short probe runs

constexpr std::uint32_t Fnv1a(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

// Open addressing with linear probing; -1 marks a free slot. Fails to compile on a word too
// long or listed twice.
constexpr std::array<std::int16_t, kSlots> kTable = [] {
  std::array<std::int16_t, kSlots> t{};
  t.fill(-1);
  for (std::size_t i = 0; i < std::size(kWords); ++i) {
    if (kWords[i].text.size() > kMaxWord) throw "vocabulary word too long";
    std::size_t h = Fnv1a(kWords[i].text) & (kSlots - 1);
    for (; t[h] != -1; h = (h + 1) & (kSlots - 1)) {
      if (kWords[t[h]].text == kWords[i].text) throw "vocabulary word listed twice";
    }
    t[h] = static_cast<std::int16_t>(i);
  }
  return t;
}();

// Bit n is set when some word is n bytes long: most cells are rejected before hashing.
constexpr std::uint32_t kLengths = [] {
  std::uint32_t m = 0;
  for (const Word& w : kWords) m |= 1u << w.text.size();
  return m;
}();

}  // namespace

ItemType LookupWord(std::string_view v) {
  if (v.size() > kMaxWord || ((kLengths >> v.size()) & 1) == 0) return ItemType::kNone;
  char folded[kMaxWord];
  for (std::size_t i = 0; i < v.size(); ++i) {
    folded[i] = (v[i] >= 'A' && v[i] <= 'Z') ? static_cast<char>(v[i] + 32) : v[i];
  }
  const std::string_view key(folded, v.size());
  for (std::size_t h = Fnv1a(key) & (kSlots - 1); kTable[h] != -1; h = (h + 1) & (kSlots - 1)) {
    if (kWords[kTable[h]].text == key) return kWords[kTable[h]].type;
  }
  return ItemType::kNone;
}

}  // namespace cv::grading::internal
