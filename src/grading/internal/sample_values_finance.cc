// Finance and organisation values: bank cards (Luhn), amounts, PBOC repayment strings,
// branches, unified social credit codes (GB 32100) and company names.
#include <string_view>

#include "grading/check_digits.h"
#include "grading/internal/sample_values.h"

namespace cv::grading::samplegen {
namespace {

struct CardBin {
  std::string_view prefix;
  int length;
};
// UnionPay BINs of large Chinese issuers (ICBC, ABC, CCB, CMB, BoCom, BOC, PSBC, credit cards).
constexpr CardBin kUnionPayBins[] = {
    {"622202", 19}, {"621226", 19}, {"622848", 19}, {"621700", 19}, {"622700", 19}, {"622262", 19},
    {"621661", 19}, {"621799", 19}, {"622588", 16}, {"621483", 16}, {"625911", 16}, {"622155", 16}};
constexpr CardBin kOtherBins[] = {{"427010", 16}, {"438088", 16}, {"4", 16},
                                  {"51", 16},     {"53", 16},     {"55", 16}};

constexpr std::string_view kBanks[] = {
    "中国工商银行",     "中国农业银行", "中国银行", "中国建设银行", "交通银行", "招商银行",
    "中国邮政储蓄银行", "兴业银行",     "浦发银行", "中信银行",     "平安银行", "民生银行"};

constexpr std::string_view kBrands[] = {"华信", "腾达", "恒通", "宏远", "金鼎", "鑫源", "瑞丰",
                                        "博远", "天成", "汇丰", "联创", "正泰", "安达", "新锐",
                                        "盛世", "永信", "中科", "东方", "海纳", "星辰"};
constexpr std::string_view kIndustries[] = {"科技",     "贸易",     "实业",     "信息技术",
                                            "建设工程", "餐饮管理", "物流",     "电子",
                                            "医药",     "教育咨询", "网络科技", "供应链管理"};
constexpr std::string_view kCompanySuffixes[] = {"有限公司", "有限公司", "股份有限公司",
                                                 "有限责任公司"};

// GB 32100 code alphabet (no I, O, S, V, Z).
constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// "南山区" -> "南山", "浦东新区" -> "浦东", "桐庐县" -> "桐庐" (each CJK char is 3 bytes).
std::string_view DistrictShort(std::string_view district) {
  if (district.ends_with("新区")) return district.substr(0, district.size() - 6);
  return district.substr(0, district.size() - 3);
}

void AppendCompanyName(SampleRng& rng, std::string* out) {
  out->append(PickRegion(rng).city_short);
  out->append(rng.Pick(kBrands));
  out->append(rng.Pick(kIndustries));
  out->append(rng.Pick(kCompanySuffixes));
}

void AppendCard(SampleRng& rng, const CardBin& bin, std::string* out) {
  std::size_t start = out->size();
  out->append(bin.prefix);
  AppendDigits(rng, bin.length - static_cast<int>(bin.prefix.size()) - 1, out);
  out->push_back(*LuhnCheckDigit(std::string_view(*out).substr(start)));
}

}  // namespace

// UnionPay 62 cards (16 and 19 digits), some Visa and Mastercard; all Luhn-valid; a few
// printed in groups of four.
void GenBankCard(RowContext& ctx, int, std::string* out) {
  SampleRng& rng = ctx.rng;
  const CardBin& bin = rng.Permille(800) ? rng.Pick(kUnionPayBins) : rng.Pick(kOtherBins);
  if (!rng.Permille(50)) {
    AppendCard(rng, bin, out);
    return;
  }
  std::string plain;
  AppendCard(rng, bin, &plain);
  for (std::size_t i = 0; i < plain.size(); ++i) {
    if (i > 0 && i % 4 == 0) out->push_back(' ');
    out->push_back(plain[i]);
  }
}

// Styles 0-7 "MM/YY", 8-9 "MM/YYYY".
void GenCardExpiry(RowContext& ctx, int style, std::string* out) {
  SampleRng& rng = ctx.rng;
  AppendPadded(rng.Between(1, 12), 2, out);
  out->push_back('/');
  std::int64_t year = rng.Between(2025, 2032);
  if (style >= 8) {
    AppendPadded(year, 4, out);
  } else {
    AppendPadded(year % 100, 2, out);
  }
}

void GenCardCvn(RowContext& ctx, int, std::string* out) { AppendDigits(ctx.rng, 3, out); }

// A settlement account number: 20 or 21 digits, longer than any card number.
void GenPaymentAccount(RowContext& ctx, int, std::string* out) {
  static constexpr std::string_view kPrefixes[] = {"44", "31", "11", "50", "32"};
  SampleRng& rng = ctx.rng;
  out->append(rng.Pick(kPrefixes));
  AppendDigits(rng, rng.Permille(600) ? 18 : 19, out);
}

// Monthly income, rounded to 100 yuan.
void GenIncome(RowContext& ctx, int, std::string* out) {
  AppendCents(ctx.rng.Between(30, 800) * 100 * 100, false, out);
}

void GenBalance(RowContext& ctx, int, std::string* out) {
  SampleRng& rng = ctx.rng;
  AppendCents(rng.Permille(50) ? 0 : rng.Between(1, 50'000'000), false, out);
}

// Styles 0-7 "123400.00", 8-9 "123,400.00"; rounded to 100 yuan.
void GenLoanAmount(RowContext& ctx, int style, std::string* out) {
  AppendCents(ctx.rng.Between(50, 20000) * 100 * 100, style >= 8, out);
}

// Most accounts are not overdue.
void GenOverdueAmount(RowContext& ctx, int, std::string* out) {
  SampleRng& rng = ctx.rng;
  AppendCents(rng.Permille(800) ? 0 : rng.Between(1000, 5'000'000), false, out);
}

// PBOC credit report 24-month repayment string, oldest month first: '/' not yet opened,
// 'N' paid on time, '*' nothing due, '1'-'3' months overdue, 'C' closed.
void GenRepaymentStatus(RowContext& ctx, int, std::string* out) {
  SampleRng& rng = ctx.rng;
  int opened = rng.Permille(800) ? 24 : static_cast<int>(rng.Between(1, 23));
  bool troubled = rng.Permille(150);
  out->append(static_cast<std::size_t>(24 - opened), '/');
  for (int m = 0; m < opened; ++m) {
    std::uint64_t x = rng.Below(1000);
    char c = 'N';
    if (x < 40) {
      c = '*';
    } else if (troubled && x < 140) {
      c = x < 110 ? '1' : x < 130 ? '2' : '3';
    }
    out->push_back(c);
  }
  if (opened == 24 && rng.Permille(30)) out->back() = 'C';
}

void GenOpenDate(RowContext& ctx, int style, std::string* out) {
  SampleRng& rng = ctx.rng;
  int year = static_cast<int>(rng.Between(2005, 2025));
  int month = static_cast<int>(rng.Between(1, 12));
  AppendDate(year, month, static_cast<int>(rng.Between(1, DaysInMonth(year, month))), style, out);
}

// "中国工商银行深圳分行南山支行" or "招商银行北京分行营业部".
void GenOpeningBranch(RowContext& ctx, int, std::string* out) {
  SampleRng& rng = ctx.rng;
  const Region& r = PickRegion(rng);
  out->append(rng.Pick(kBanks));
  out->append(r.city_short);
  out->append("分行");
  if (rng.Permille(150)) {
    out->append("营业部");
  } else {
    out->append(DistrictShort(r.district));
    out->append("支行");
  }
}

// GB 32100-2015: authority '9' (market regulation), type 1/2/3, region(6), GB 11714
// organisation code (8 + check), check char.
void GenUscc(RowContext& ctx, int, std::string* out) {
  SampleRng& rng = ctx.rng;
  std::size_t start = out->size();
  out->push_back('9');
  std::uint64_t type = rng.Below(10);
  out->push_back(type < 8 ? '1' : type < 9 ? '2' : '3');
  out->append(PickRegion(rng).code);
  std::size_t body = out->size();
  if (rng.Permille(500)) {
    out->append("MA");
    for (int i = 0; i < 6; ++i) out->push_back(kUsccAlphabet[rng.Below(kUsccAlphabet.size())]);
  } else {
    AppendDigits(rng, 8, out);
  }
  out->push_back(*OrgCodeCheckChar(std::string_view(*out).substr(body, 8)));
  out->push_back(*UsccCheckChar(std::string_view(*out).substr(start, 17)));
}

void GenOrgName(RowContext& ctx, int, std::string* out) { AppendCompanyName(ctx.rng, out); }

// Mostly companies; some hospitals, universities and bank branches.
void GenEmployer(RowContext& ctx, int style, std::string* out) {
  SampleRng& rng = ctx.rng;
  std::uint64_t form = rng.Below(20);
  if (form < 16) {
    AppendCompanyName(rng, out);
  } else if (form < 17) {
    out->append(PickRegion(rng).city_short);
    out->append("市第一人民医院");
  } else if (form < 18) {
    out->append(PickRegion(rng).city_short);
    out->append("大学");
  } else {
    GenOpeningBranch(ctx, style, out);
  }
}

}  // namespace cv::grading::samplegen
