// Surname tables.
//
// Sources: the single surnames are the common ones of the Song-dynasty 百家姓 that still rank
// among the few hundred most frequent surnames of the household registration statistics the
// Ministry of Public Security publishes, written out by hand. Left out on purpose: surnames
// that are also everyday words in credit data values (国 信 利 和 时 明 平 全 海 云 门 花 强
// 原 南 来 都 相 公 ...), so that values like 信用卡, 利息 or 全额 do not read as names. The
// compound surnames are those of 百家姓 still in use, plus 耶律 and 完颜.
#include "grading/internal/surnames.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "grading/internal/cjk_set.h"

namespace cv::grading::internal {
namespace {

constexpr std::u32string_view kSingleSurnames =
    U"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    U"余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段"
    U"雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄"
    U"聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲"
    U"翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄"
    U"窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛"
    U"仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆冀郁胥班储栗燕楚鄢劳谌奚皮粟冼蔺楼闻厉伊仝阚"
    U"屠朴廉禹祖漆卿狄索宣晋容扈晁芮阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况宿鲜印逯隆茹"
    U"诸慕亢嵇哈湛宾戎勾茅尉冶檀阴昝衡尧";

constexpr std::u32string_view kCompoundSurnames[] = {
    U"欧阳", U"司马", U"诸葛", U"上官", U"东方", U"皇甫", U"尉迟", U"公孙", U"慕容", U"长孙",
    U"宇文", U"司徒", U"夏侯", U"令狐", U"端木", U"轩辕", U"独孤", U"南宫", U"西门", U"百里",
    U"呼延", U"万俟", U"申屠", U"闻人", U"澹台", U"公冶", U"太史", U"仲孙", U"钟离", U"宗政",
    U"濮阳", U"淳于", U"单于", U"赫连", U"拓跋", U"闾丘", U"东郭", U"公羊", U"司空", U"司寇",
    U"左丘", U"梁丘", U"乐正", U"谷梁", U"第五", U"微生", U"羊舌", U"段干", U"巫马", U"漆雕",
    U"公良", U"颛孙", U"亓官", U"鲜于", U"耶律", U"完颜", U"东门", U"公西", U"南门",
};

constexpr CjkSet kSurnameSet(kSingleSurnames);

// The first characters of the compound surnames: most names are rejected with one lookup.
constexpr CjkSet kCompoundFirsts = [] {
  char32_t firsts[std::size(kCompoundSurnames)] = {};
  for (std::size_t i = 0; i < std::size(kCompoundSurnames); ++i)
    firsts[i] = kCompoundSurnames[i][0];
  return CjkSet(std::u32string_view(firsts, std::size(firsts)));
}();

// A compound surname as one integer, so that a lookup compares integers, not strings.
constexpr std::uint64_t PairKey(char32_t first, char32_t second) {
  return (std::uint64_t{first} << 32) | second;
}

constexpr auto kCompoundKeys = [] {
  std::array<std::uint64_t, std::size(kCompoundSurnames)> keys{};
  for (std::size_t i = 0; i < std::size(kCompoundSurnames); ++i) {
    if (kCompoundSurnames[i].size() != 2) throw "compound surname of other than 2 characters";
    keys[i] = PairKey(kCompoundSurnames[i][0], kCompoundSurnames[i][1]);
  }
  return keys;
}();

}  // namespace

bool IsSingleSurname(char32_t c) { return kSurnameSet.contains(c); }

bool IsCompoundSurname(char32_t first, char32_t second) {
  if (!kCompoundFirsts.contains(first)) return false;
  const std::uint64_t want = PairKey(first, second);
  return std::find(kCompoundKeys.begin(), kCompoundKeys.end(), want) != kCompoundKeys.end();
}

std::size_t SingleSurnameCount() { return kSingleSurnames.size(); }
std::size_t CompoundSurnameCount() { return std::size(kCompoundSurnames); }

}  // namespace cv::grading::internal
