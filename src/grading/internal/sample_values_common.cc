// Helpers and the region table shared by the sample value generators.
#include <charconv>

#include "grading/internal/sample_values.h"

namespace cv::grading::samplegen {
namespace {

// GB/T 2260 county-level codes in use today (a few per province, including municipalities,
// autonomous regions and one county).
constexpr Region kRegions[] = {
    {"110101", "北京市", "", "东城区", "北京"},
    {"110105", "北京市", "", "朝阳区", "北京"},
    {"110108", "北京市", "", "海淀区", "北京"},
    {"120101", "天津市", "", "和平区", "天津"},
    {"120104", "天津市", "", "南开区", "天津"},
    {"130102", "河北省", "石家庄市", "长安区", "石家庄"},
    {"140105", "山西省", "太原市", "小店区", "太原"},
    {"150102", "内蒙古自治区", "呼和浩特市", "新城区", "呼和浩特"},
    {"210102", "辽宁省", "沈阳市", "和平区", "沈阳"},
    {"210202", "辽宁省", "大连市", "中山区", "大连"},
    {"220102", "吉林省", "长春市", "南关区", "长春"},
    {"230102", "黑龙江省", "哈尔滨市", "道里区", "哈尔滨"},
    {"310101", "上海市", "", "黄浦区", "上海"},
    {"310104", "上海市", "", "徐汇区", "上海"},
    {"310115", "上海市", "", "浦东新区", "上海"},
    {"320102", "江苏省", "南京市", "玄武区", "南京"},
    {"320505", "江苏省", "苏州市", "虎丘区", "苏州"},
    {"330102", "浙江省", "杭州市", "上城区", "杭州"},
    {"330106", "浙江省", "杭州市", "西湖区", "杭州"},
    {"330122", "浙江省", "杭州市", "桐庐县", "杭州"},
    {"330203", "浙江省", "宁波市", "海曙区", "宁波"},
    {"340102", "安徽省", "合肥市", "瑶海区", "合肥"},
    {"350102", "福建省", "福州市", "鼓楼区", "福州"},
    {"350203", "福建省", "厦门市", "思明区", "厦门"},
    {"360102", "江西省", "南昌市", "东湖区", "南昌"},
    {"370102", "山东省", "济南市", "历下区", "济南"},
    {"370202", "山东省", "青岛市", "市南区", "青岛"},
    {"410105", "河南省", "郑州市", "金水区", "郑州"},
    {"420106", "湖北省", "武汉市", "武昌区", "武汉"},
    {"430104", "湖南省", "长沙市", "岳麓区", "长沙"},
    {"440103", "广东省", "广州市", "荔湾区", "广州"},
    {"440106", "广东省", "广州市", "天河区", "广州"},
    {"440304", "广东省", "深圳市", "福田区", "深圳"},
    {"440305", "广东省", "深圳市", "南山区", "深圳"},
    {"440306", "广东省", "深圳市", "宝安区", "深圳"},
    {"450103", "广西壮族自治区", "南宁市", "青秀区", "南宁"},
    {"460105", "海南省", "海口市", "秀英区", "海口"},
    {"500103", "重庆市", "", "渝中区", "重庆"},
    {"510104", "四川省", "成都市", "锦江区", "成都"},
    {"510107", "四川省", "成都市", "武侯区", "成都"},
    {"520102", "贵州省", "贵阳市", "南明区", "贵阳"},
    {"530102", "云南省", "昆明市", "五华区", "昆明"},
    {"540102", "西藏自治区", "拉萨市", "城关区", "拉萨"},
    {"610103", "陕西省", "西安市", "碑林区", "西安"},
    {"620102", "甘肃省", "兰州市", "城关区", "兰州"},
    {"630102", "青海省", "西宁市", "城东区", "西宁"},
    {"640104", "宁夏回族自治区", "银川市", "兴庆区", "银川"},
    {"650102", "新疆维吾尔自治区", "乌鲁木齐市", "天山区", "乌鲁木齐"},
};

constexpr std::uint64_t kPow10[19] = {1ull,
                                      10ull,
                                      100ull,
                                      1000ull,
                                      10000ull,
                                      100000ull,
                                      1000000ull,
                                      10000000ull,
                                      100000000ull,
                                      1000000000ull,
                                      10000000000ull,
                                      100000000000ull,
                                      1000000000000ull,
                                      10000000000000ull,
                                      100000000000000ull,
                                      1000000000000000ull,
                                      10000000000000000ull,
                                      100000000000000000ull,
                                      1000000000000000000ull};

}  // namespace

void AppendPadded(std::uint64_t value, int width, std::string* out) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof(buf), value);
  int len = static_cast<int>(res.ptr - buf);
  if (len < width) out->append(static_cast<std::size_t>(width - len), '0');
  out->append(buf, res.ptr);
}

void AppendDigits(SampleRng& rng, int count, std::string* out) {
  while (count > 0) {
    int chunk = count > 18 ? 18 : count;
    AppendPadded(rng.Below(kPow10[chunk]), chunk, out);
    count -= chunk;
  }
}

void AppendCents(std::int64_t cents, bool thousands, std::string* out) {
  if (cents < 0) {
    out->push_back('-');
    cents = -cents;
  }
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof(buf), cents / 100);
  int len = static_cast<int>(res.ptr - buf);
  for (int i = 0; i < len; ++i) {
    if (thousands && i > 0 && (len - i) % 3 == 0) out->push_back(',');
    out->push_back(buf[i]);
  }
  out->push_back('.');
  AppendPadded(static_cast<std::uint64_t>(cents % 100), 2, out);
}

// Styles 0-5 "1985-07-21", 6-7 "1985/07/21", 8 "19850721", 9 "1985年7月21日".
void AppendDate(int year, int month, int day, int style, std::string* out) {
  if (style == 9) {
    AppendPadded(year, 4, out);
    out->append("年");
    AppendPadded(month, 1, out);
    out->append("月");
    AppendPadded(day, 1, out);
    out->append("日");
    return;
  }
  const char* sep = style <= 5 ? "-" : style <= 7 ? "/" : "";
  AppendPadded(year, 4, out);
  out->append(sep);
  AppendPadded(month, 2, out);
  out->append(sep);
  AppendPadded(day, 2, out);
}

const Region& PickRegion(SampleRng& rng) { return rng.Pick(kRegions); }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace cv::grading::samplegen
