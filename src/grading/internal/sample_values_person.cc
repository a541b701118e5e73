// Person and contact values: names, resident IDs (GB 11643), passports, phones, e-mail,
// addresses.
#include <string_view>

#include "grading/check_digits.h"
#include "grading/internal/sample_values.h"

namespace cv::grading::samplegen {
namespace {

// Common single surnames (the top ~100 by population), then compound surnames.
constexpr std::string_view kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹",
    "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵",
    "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤"};
constexpr std::string_view kCompoundSurnames[] = {"欧阳", "司马", "诸葛", "上官", "东方",
                                                  "皇甫", "慕容", "令狐", "夏侯", "尉迟"};
constexpr std::string_view kGivenChars[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "霞", "平", "刚", "华", "建", "国", "文", "斌", "宇", "浩", "鹏", "辉", "玲",
    "婷", "雪", "琳", "晨", "阳", "欣", "怡", "子", "涵", "梓", "轩", "思", "雨", "嘉", "俊",
    "博", "雅", "秀", "英", "兰", "桂", "志", "红", "海", "燕", "波", "宁", "晓", "亮", "凯",
    "佳", "倩", "瑶", "悦", "鑫", "昊", "然", "萍", "春", "梅", "东", "峰", "林", "丹", "莉"};

// Syllables for e-mail local parts.
constexpr std::string_view kPinyin[] = {
    "wang", "li",   "zhang", "liu", "chen", "yang", "huang", "zhao", "wu",   "zhou",
    "xu",   "sun",  "ma",    "zhu", "hu",   "guo",  "lin",   "luo",  "wei",  "fang",
    "jing", "min",  "qiang", "lei", "jun",  "yong", "jie",   "tao",  "ming", "chao",
    "xia",  "ping", "gang",  "hua", "wen",  "bin",  "yu",    "hao",  "peng", "hui"};
constexpr std::string_view kMailDomains[] = {"qq.com",      "163.com",     "126.com",
                                             "sina.com",    "foxmail.com", "gmail.com",
                                             "outlook.com", "139.com",     "hotmail.com"};

// Mainland mobile number segments (MIIT allocations), 1[3-9]x.
constexpr std::string_view kMobilePrefixes[] = {
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147",
    "150", "151", "152", "153", "155", "156", "157", "158", "159", "166", "170", "173",
    "175", "176", "177", "178", "180", "181", "182", "183", "184", "185", "186", "187",
    "188", "189", "191", "193", "195", "196", "197", "198", "199"};

struct AreaCode {
  std::string_view code;
  int digits;  // length of the local number
};
constexpr AreaCode kAreaCodes[] = {{"010", 8},  {"020", 8},  {"021", 8},  {"022", 8},  {"023", 8},
                                   {"024", 8},  {"025", 8},  {"027", 8},  {"028", 8},  {"029", 8},
                                   {"0755", 8}, {"0571", 8}, {"0512", 8}, {"0731", 8}, {"0871", 7},
                                   {"0991", 7}, {"0898", 8}, {"0532", 8}};

constexpr std::string_view kRoads[] = {"科技园路", "人民路",   "建设路", "解放路",   "中山路",
                                       "和平路",   "朝阳路",   "长江路", "深南大道", "南京路",
                                       "文化路",   "迎宾大道", "学府路", "滨江路",   "新华街"};
constexpr std::string_view kEstates[] = {"阳光花园", "翠苑小区", "锦绣家园", "金色港湾",
                                         "幸福里",   "碧桂园",   "万科城",   "华侨新村"};

void AppendPersonName(SampleRng& rng, std::string* out) {
  if (rng.Permille(30)) {
    out->append(rng.Pick(kCompoundSurnames));
  } else {
    out->append(rng.Pick(kSurnames));
  }
  out->append(rng.Pick(kGivenChars));
  if (rng.Permille(700)) out->append(rng.Pick(kGivenChars));
}

// Local number of a landline: first digit 2-8 (0, 1 and 9 are prefixes and service numbers).
void AppendLocalNumber(SampleRng& rng, int digits, std::string* out) {
  out->push_back(static_cast<char>('2' + rng.Below(7)));
  AppendDigits(rng, digits - 1, out);
}

}  // namespace

void NewPerson(RowContext* ctx) {
  SampleRng& rng = ctx->rng;
  Person& p = ctx->person;
  p.region = &PickRegion(rng);
  p.year = static_cast<int>(rng.Between(1950, 2005));
  p.month = static_cast<int>(rng.Between(1, 12));
  p.day = static_cast<int>(rng.Between(1, DaysInMonth(p.year, p.month)));
  p.sequence = static_cast<int>(rng.Below(1000));
  p.male = p.sequence % 2 == 1;  // GB 11643-1999 5.4: odd order code for men
  p.name.clear();
  AppendPersonName(rng, &p.name);
}

void GenPersonName(RowContext& ctx, int, std::string* out) { out->append(ctx.person.name); }

// Styles 0-3 "男"/"女", 4 "M"/"F".
void GenGender(RowContext& ctx, int style, std::string* out) {
  if (style == 4) {
    out->append(ctx.person.male ? "M" : "F");
  } else {
    out->append(ctx.person.male ? "男" : "女");
  }
}

// GB 11643-1999: region(6) birth date(8) order(3) check(1).
void GenResidentId(RowContext& ctx, int, std::string* out) {
  const Person& p = ctx.person;
  std::size_t start = out->size();
  out->append(p.region->code);
  AppendPadded(p.year, 4, out);
  AppendPadded(p.month, 2, out);
  AppendPadded(p.day, 2, out);
  AppendPadded(p.sequence, 3, out);
  out->push_back(*ResidentIdCheckChar(std::string_view(*out).substr(start, 17)));
}

// Legacy 15-digit ID (before 1999): region(6) yymmdd(6) order(3); issued to people born
// 1940-1984, independent of the row's person.
void GenResidentId15(RowContext& ctx, int, std::string* out) {
  SampleRng& rng = ctx.rng;
  out->append(PickRegion(rng).code);
  int year = static_cast<int>(rng.Between(1940, 1984));
  int month = static_cast<int>(rng.Between(1, 12));
  AppendPadded(year % 100, 2, out);
  AppendPadded(month, 2, out);
  AppendPadded(rng.Between(1, DaysInMonth(year, month)), 2, out);
  AppendDigits(rng, 3, out);
}

// PRC ordinary e-passport: "E" + 8 digits, or "E" + letter (no I/O) + 7 digits.
void GenPassport(RowContext& ctx, int, std::string* out) {
  static constexpr std::string_view kLetters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  SampleRng& rng = ctx.rng;
  out->push_back('E');
  if (rng.Permille(250)) {
    out->push_back(kLetters[rng.Below(kLetters.size())]);
    AppendDigits(rng, 7, out);
  } else {
    AppendDigits(rng, 8, out);
  }
}

void GenBirthDate(RowContext& ctx, int style, std::string* out) {
  const Person& p = ctx.person;
  AppendDate(p.year, p.month, p.day, style, out);
}

// Mostly 11 plain digits; some "+86 ", "+86" or "0086" prefixed, some grouped "138 1234 5678".
void GenMobile(RowContext& ctx, int, std::string* out) {
  SampleRng& rng = ctx.rng;
  std::uint64_t form = rng.Below(100);
  if (form < 4) {
    out->append("+86 ");
  } else if (form < 7) {
    out->append("+86");
  } else if (form < 8) {
    out->append("0086");
  }
  out->append(rng.Pick(kMobilePrefixes));
  if (form >= 8 && form < 14) {
    out->push_back(' ');
    AppendDigits(rng, 4, out);
    out->push_back(' ');
    AppendDigits(rng, 4, out);
  } else {
    AppendDigits(rng, 8, out);
  }
}

// "010-87654321", "0755-26001234", "0871-6543210".
void GenLandline(RowContext& ctx, int, std::string* out) {
  SampleRng& rng = ctx.rng;
  const AreaCode& area = rng.Pick(kAreaCodes);
  out->append(area.code);
  out->push_back('-');
  AppendLocalNumber(rng, area.digits, out);
}

void GenEmail(RowContext& ctx, int, std::string* out) {
  SampleRng& rng = ctx.rng;
  std::uint64_t form = rng.Below(10);
  if (form < 3) {  // a QQ number
    out->push_back(static_cast<char>('1' + rng.Below(9)));
    AppendDigits(rng, static_cast<int>(rng.Between(5, 9)), out);
    out->append("@qq.com");
    return;
  }
  out->append(rng.Pick(kPinyin));
  if (form < 6) out->push_back(form == 3 ? '.' : '_');
  out->append(rng.Pick(kPinyin));
  if (form >= 6) AppendPadded(rng.Between(1, 2005), 1, out);
  out->push_back('@');
  out->append(rng.Pick(kMailDomains));
}

// "广东省深圳市南山区科技园路1号", sometimes with building and room.
void GenAddress(RowContext& ctx, int, std::string* out) {
  SampleRng& rng = ctx.rng;
  const Region& r = rng.Permille(700) && ctx.person.region ? *ctx.person.region : PickRegion(rng);
  out->append(r.province);
  out->append(r.city);
  out->append(r.district);
  out->append(rng.Pick(kRoads));
  AppendPadded(rng.Between(1, 999), 1, out);
  out->append("号");
  std::uint64_t form = rng.Below(10);
  if (form < 4) {
    out->append(rng.Pick(kEstates));
    AppendPadded(rng.Between(1, 30), 1, out);
    out->append("栋");
    AppendPadded(rng.Between(1, 33), 1, out);
    AppendPadded(rng.Between(1, 6), 2, out);
    out->append("室");
  } else if (form < 6) {
    AppendPadded(rng.Between(1, 12), 1, out);
    out->append("单元");
    AppendPadded(rng.Between(1, 28), 1, out);
    AppendPadded(rng.Between(1, 4), 2, out);
    out->append("室");
  }
}

void GenMaritalStatus(RowContext& ctx, int, std::string* out) {
  std::uint64_t x = ctx.rng.Below(100);
  out->append(x < 30 ? "未婚" : x < 88 ? "已婚" : x < 97 ? "离异" : "丧偶");
}

void GenEducation(RowContext& ctx, int, std::string* out) {
  static constexpr std::string_view kLevels[] = {"博士", "硕士", "本科", "本科", "本科",
                                                 "大专", "大专", "中专", "高中", "初中及以下"};
  out->append(ctx.rng.Pick(kLevels));
}

}  // namespace cv::grading::samplegen
