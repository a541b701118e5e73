// Network identifiers, free-text remarks and decoys: columns that look like identifiers or
// amounts but are not personal data (sequence numbers, transaction ids, scores, codes).
#include <string_view>

#include "grading/check_digits.h"
#include "grading/internal/sample_values.h"

namespace cv::grading::samplegen {
namespace {

// Remark templates. Placeholders: {m} mobile, {id} resident ID, {card} bank card, {name}
// person name, {amt} amount, {date} date. Several contain ',', '"', ';', '|' or line breaks
// so that a CSV writer must quote them.
constexpr std::string_view kRemarks[] = {
    "客户来电咨询提前还款流程，已告知需携带身份证原件到网点办理。",
    "客户称\"上月已还清\"，系统显示仍有逾期，已提交核查。",
    "联系人手机{m}，工作日9:00-18:00可联系。",
    "客户身份证{id}复印件已归档,资料齐全。",
    "还款卡{card}扣款失败\n已短信提醒客户及时存入。",
    "{name}于{date}申请调整还款日，待审批。",
    "催收记录：{date}电话联系本人，承诺三日内还款{amt}元。",
    "Customer requested a paper statement, sent by post, no further action.",
    "客户反映APP登录异常，已重置密码，建议更新至最新版本。",
    "资料变更：新手机号{m}，原号码停用。\r\n核实人：{name}",
    "无",
    "客户对\"利率\"有异议, 已解释计息规则; 客户表示理解。",
    "担保人{name}，身份证号{id}，联系电话{m}。",
    "分期还款计划：共12期，每期{amt}元，首期{date}。",
    "客户要求关闭短信提醒。",
    "多次致电未接通，\n\n已发送催收函。",
    "标签：优质客户|按时还款|无逾期",
    "已核实工作单位及收入证明，额度调整为{amt}元。",
    "客户说：\"下周一前一定还上\"。",
    "代扣账户变更为{card}，自下期生效。",
};

constexpr std::string_view kProductPrefixes[] = {"PL", "CL", "MG", "CC", "XF", "JY"};

void AppendMobilePlain(SampleRng& rng, std::string* out) {
  out->push_back('1');
  out->push_back(static_cast<char>('3' + rng.Below(7)));
  AppendDigits(rng, 9, out);
}

void ExpandPlaceholder(RowContext& ctx, std::string_view name, std::string* out) {
  SampleRng& rng = ctx.rng;
  if (name == "m") {
    AppendMobilePlain(rng, out);
  } else if (name == "id") {
    GenResidentId(ctx, 0, out);
  } else if (name == "card") {
    std::size_t start = out->size();
    out->append("622202");
    AppendDigits(rng, 12, out);
    out->push_back(*LuhnCheckDigit(std::string_view(*out).substr(start)));
  } else if (name == "name") {
    out->append(ctx.person.name);
  } else if (name == "amt") {
    AppendCents(rng.Between(100, 2'000'000), false, out);
  } else if (name == "date") {
    AppendDate(2025, static_cast<int>(rng.Between(1, 12)), static_cast<int>(rng.Between(1, 28)), 0,
               out);
  }
}

}  // namespace

// IPv4 (public and private ranges) and some IPv6 in China Telecom's 240e::/20.
void GenIpAddress(RowContext& ctx, int, std::string* out) {
  SampleRng& rng = ctx.rng;
  std::uint64_t form = rng.Below(100);
  if (form < 8) {
    out->append("240e:");
    for (int i = 0; i < 7; ++i) {
      static constexpr std::string_view kHex = "0123456789abcdef";
      if (i > 0) out->push_back(':');
      std::uint64_t v = rng.Below(0x10000);
      bool started = false;
      for (int shift = 12; shift >= 0; shift -= 4) {
        int nibble = static_cast<int>((v >> shift) & 0xF);
        if (nibble == 0 && !started && shift > 0) continue;
        started = true;
        out->push_back(kHex[nibble]);
      }
    }
    return;
  }
  if (form < 20) {
    out->append("192.168.");
  } else {
    std::int64_t first = rng.Between(1, 223);
    if (first == 10 || first == 127) first = 116;
    AppendPadded(first, 1, out);
    out->push_back('.');
    AppendPadded(rng.Below(256), 1, out);
    out->push_back('.');
  }
  AppendPadded(rng.Below(256), 1, out);
  out->push_back('.');
  AppendPadded(rng.Between(1, 254), 1, out);
}

// IMEI (TAC 86xxxxxx, Luhn), an upper-case UUID (IDFA/OAID style) or a MAC address.
void GenDeviceId(RowContext& ctx, int, std::string* out) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  SampleRng& rng = ctx.rng;
  std::uint64_t form = rng.Below(10);
  if (form < 5) {
    std::size_t start = out->size();
    out->append("86");
    AppendDigits(rng, 12, out);
    out->push_back(*LuhnCheckDigit(std::string_view(*out).substr(start)));
  } else if (form < 9) {
    for (int i = 0; i < 32; ++i) {  // RFC 4122 version 4
      if (i == 8 || i == 12 || i == 16 || i == 20) out->push_back('-');
      out->push_back(i == 12 ? '4' : i == 16 ? kHex[8 + rng.Below(4)] : kHex[rng.Below(16)]);
    }
  } else {
    for (int i = 0; i < 6; ++i) {
      if (i > 0) out->push_back(':');
      std::uint64_t v = rng.Below(256);
      out->push_back(kHex[v >> 4]);
      out->push_back(kHex[v & 0xF]);
    }
  }
}

// "22.543099,113.936500": latitude and longitude inside mainland China, 6 decimals.
void GenGeoLocation(RowContext& ctx, int, std::string* out) {
  SampleRng& rng = ctx.rng;
  std::int64_t lat = rng.Between(18'200'000, 53'500'000);
  std::int64_t lng = rng.Between(73'500'000, 134'700'000);
  AppendPadded(lat / 1'000'000, 1, out);
  out->push_back('.');
  AppendPadded(lat % 1'000'000, 6, out);
  out->push_back(',');
  AppendPadded(lng / 1'000'000, 1, out);
  out->push_back('.');
  AppendPadded(lng % 1'000'000, 6, out);
}

void GenRemark(RowContext& ctx, int, std::string* out) {
  std::string_view tmpl = ctx.rng.Pick(kRemarks);
  while (!tmpl.empty()) {
    std::size_t open = tmpl.find('{');
    out->append(tmpl.substr(0, open));
    if (open == std::string_view::npos) break;
    std::size_t close = tmpl.find('}', open);
    ExpandPlaceholder(ctx, tmpl.substr(open + 1, close - open - 1), out);
    tmpl.remove_prefix(close + 1);
  }
}

// Decoy: the row number, 1..N.
void GenSequence(RowContext& ctx, int, std::string* out) { AppendPadded(ctx.row + 1, 1, out); }

// Decoy: 18-digit transaction id, date-prefixed or random; rarely a valid resident ID.
void GenTxnId18(RowContext& ctx, int, std::string* out) {
  SampleRng& rng = ctx.rng;
  if (rng.Permille(500)) {
    int month = static_cast<int>(rng.Between(1, 12));
    AppendDate(static_cast<int>(rng.Between(2020, 2025)), month,
               static_cast<int>(rng.Between(1, 28)), 8, out);
    AppendDigits(rng, 10, out);
  } else {
    out->push_back(static_cast<char>('1' + rng.Below(9)));
    AppendDigits(rng, 17, out);
  }
}

// Decoy: 16 random digits; passes Luhn one time in ten, by chance.
void GenRefNo16(RowContext& ctx, int, std::string* out) {
  SampleRng& rng = ctx.rng;
  out->push_back(static_cast<char>('1' + rng.Below(9)));
  AppendDigits(rng, 15, out);
}

// Decoy: 11-digit order number that cannot be a mobile (never 1[3-9]).
void GenOrderNo11(RowContext& ctx, int, std::string* out) {
  SampleRng& rng = ctx.rng;
  if (rng.Permille(200)) {
    out->push_back('1');
    out->push_back(static_cast<char>('0' + rng.Below(3)));
  } else {
    out->push_back(static_cast<char>('2' + rng.Below(8)));
    out->push_back(static_cast<char>('0' + rng.Below(10)));
  }
  AppendDigits(rng, 9, out);
}

// Decoy: a credit score, 300-900.
void GenScore(RowContext& ctx, int, std::string* out) {
  AppendPadded(ctx.rng.Between(300, 900), 1, out);
}

// Decoy: "XF-2023-0042".
void GenProductCode(RowContext& ctx, int, std::string* out) {
  SampleRng& rng = ctx.rng;
  out->append(rng.Pick(kProductPrefixes));
  out->push_back('-');
  AppendPadded(rng.Between(2018, 2025), 4, out);
  out->push_back('-');
  AppendDigits(rng, 4, out);
}

// Decoy: a model feature in [-1, 1) with 6 decimals.
void GenMetric(RowContext& ctx, int, std::string* out) {
  std::int64_t micro = ctx.rng.Between(-999'999, 999'999);
  if (micro < 0) {
    out->push_back('-');
    micro = -micro;
  }
  AppendPadded(micro / 1'000'000, 1, out);
  out->push_back('.');
  AppendPadded(micro % 1'000'000, 6, out);
}

}  // namespace cv::grading::samplegen
