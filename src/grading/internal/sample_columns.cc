// The column kind table and the plan of one generated dataset.
#include "grading/internal/sample_columns.h"

#include <algorithm>
#include <array>

namespace cv::grading::samplegen {
namespace {

using G = JsonGroup;

// A realistic bank export, in output order; non-default kinds last.
// Headers are the plain names bank systems use; each is a catalog synonym of its type (decoys:
// an exact non-personal header), except 产品代码/product_code and 指标值/metric, which name
// nothing. `values_decide` follows the catalog's ValueEvidence kStrong/kMedium, except
// birth_date (a date alone does not say whose or which date) and geo_location (without a header
// row, one unquoted "lat,lng" comma per line makes ',' look like the delimiter of a '|' or ';'
// file: the sniffing is genuinely ambiguous).
constexpr ColumnKind kKinds[] = {
    // kind, type, zh, en, gen, group, default, values_decide, json_number, styles, blank
    {"seq", "none", "序号", "seq", GenSequence, G::kTop, true, true, true, 1, 0},
    {"name", "person_name", "姓名", "name", GenPersonName, G::kCustomer, true, true, false, 1, 0},
    {"gender", "gender", "性别", "gender", GenGender, G::kCustomer, true, false, false, 5, 0},
    {"id_number", "cn_resident_id", "身份证号", "id_number", GenResidentId, G::kCustomer, true,
     true, false, 1, 0},
    {"birth_date", "birth_date", "出生日期", "birth_date", GenBirthDate, G::kCustomer, true, false,
     false, 10, 0},
    {"mobile", "cn_mobile", "手机号码", "mobile", GenMobile, G::kCustomer, true, true, false, 1, 0},
    {"landline", "landline", "固定电话", "landline", GenLandline, G::kCustomer, true, true, false,
     1, 150},
    {"email", "email", "电子邮箱", "email", GenEmail, G::kCustomer, true, true, false, 1, 50},
    {"home_address", "address", "家庭住址", "home_address", GenAddress, G::kCustomer, true, true,
     false, 1, 0},
    {"employer", "employer", "工作单位", "employer", GenEmployer, G::kCustomer, true, false, false,
     1, 30},
    {"marital_status", "marital_status", "婚姻状况", "marital_status", GenMaritalStatus,
     G::kCustomer, true, false, false, 1, 0},
    {"education", "education", "学历", "education", GenEducation, G::kCustomer, true, false, false,
     1, 0},
    {"monthly_income", "income", "月收入", "monthly_income", GenIncome, G::kCustomer, true, false,
     true, 1, 0},
    {"card_no", "bank_card", "银行卡号", "card_no", GenBankCard, G::kCard, true, true, false, 1, 0},
    {"card_expiry", "card_expiry", "卡有效期", "card_expiry", GenCardExpiry, G::kCard, true, false,
     false, 10, 0},
    {"cvn2", "card_cvn", "安全码", "cvn2", GenCardCvn, G::kCard, true, false, false, 1, 0},
    {"payment_account", "payment_account", "支付账号", "payment_account", GenPaymentAccount,
     G::kAccount, true, false, false, 1, 0},
    {"balance", "balance", "账户余额", "balance", GenBalance, G::kAccount, true, false, true, 1, 0},
    {"open_date", "account_open_date", "开户日期", "open_date", GenOpenDate, G::kAccount, true,
     false, false, 10, 0},
    {"branch", "opening_branch", "开户网点", "branch", GenOpeningBranch, G::kAccount, true, false,
     false, 1, 0},
    {"loan_amount", "loan_amount", "贷款金额", "loan_amount", GenLoanAmount, G::kLoan, true, false,
     true, 10, 0},
    {"overdue_amount", "overdue_amount", "逾期金额", "overdue_amount", GenOverdueAmount, G::kLoan,
     true, false, true, 1, 0},
    {"repayment_status", "repayment_status", "24个月还款状态", "repayment_status",
     GenRepaymentStatus, G::kLoan, true, true, false, 1, 0},
    {"org_name", "org_name", "企业名称", "org_name", GenOrgName, G::kOrg, true, false, false, 1, 0},
    {"uscc", "cn_uscc", "统一社会信用代码", "uscc", GenUscc, G::kOrg, true, true, false, 1, 0},
    {"login_ip", "ip_address", "登录IP", "login_ip", GenIpAddress, G::kDevice, true, true, false, 1,
     0},
    {"device_id", "device_id", "设备号", "device_id", GenDeviceId, G::kDevice, true, true, false, 1,
     20},
    {"geo_location", "geo_location", "经纬度", "geo_location", GenGeoLocation, G::kDevice, true,
     false, false, 1, 30},
    {"txn_id", "none", "交易流水号", "txn_id", GenTxnId18, G::kTop, true, true, false, 1, 0},
    {"ref_no", "none", "交易参考号", "reference_no", GenRefNo16, G::kTop, true, true, false, 1, 0},
    {"order_no", "none", "订单号", "order_no", GenOrderNo11, G::kTop, true, true, false, 1, 0},
    {"score", "none", "评分", "score", GenScore, G::kTop, true, true, true, 1, 0},
    {"product_code", "none", "产品代码", "product_code", GenProductCode, G::kTop, true, true, false,
     1, 0},
    {"metric", "none", "指标值", "metric", GenMetric, G::kTop, true, true, true, 1, 0},
    {"remark", "free_text", "备注", "remark", GenRemark, G::kTop, true, false, false, 1, 150},
    {"passport_no", "passport", "护照号码", "passport_no", GenPassport, G::kCustomer, false, true,
     false, 1, 0},
    {"id_number_15", "cn_resident_id_15", "旧身份证号", "old_id_number", GenResidentId15,
     G::kCustomer, false, true, false, 1, 0},
};

constexpr std::array<std::string_view, kJsonGroupCount> kGroupZh = {
    "", "客户", "银行卡", "账户", "贷款", "单位", "设备"};
constexpr std::array<std::string_view, kJsonGroupCount> kGroupEn = {
    "", "customer", "card", "account", "loan", "org", "device"};

void AddUnique(const ColumnKind* kind, std::vector<const ColumnKind*>* out) {
  if (std::find(out->begin(), out->end(), kind) == out->end()) out->push_back(kind);
}

// Adds the kinds `name` stands for: "default", a kind name, or every kind of a type id.
bool AddNamed(std::string_view name, std::vector<const ColumnKind*>* out) {
  bool found = false;
  for (const ColumnKind& k : kKinds) {
    if ((name == "default" && k.in_default) || k.kind == name) {
      AddUnique(&k, out);
      found = true;
    }
  }
  if (found) return true;
  for (const ColumnKind& k : kKinds) {
    if (k.type == name) {
      AddUnique(&k, out);
      found = true;
    }
  }
  return found;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Result<std::vector<const ColumnKind*>> SelectKinds(const SampleOptions& options) {
  std::vector<const ColumnKind*> kinds;
  if (options.columns.empty()) {
    for (const ColumnKind& k : kKinds) {
      bool headerless_ok = options.headers != SampleHeaders::kNone || k.values_decide;
      if (k.in_default && headerless_ok) kinds.push_back(&k);
    }
    return kinds;
  }
  for (const std::string& item : options.columns) {
    std::string_view name = Trim(item);
    if (name.empty()) continue;
    if (!AddNamed(name, &kinds)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "unknown column '" + std::string(name) + "' (a column kind or catalog type id)");
    }
  }
  if (kinds.empty()) return Fail(ErrorCode::kInvalidArgument, "no columns selected");
  return kinds;
}

// JSON Lines: each group's fields must be contiguous; order groups by first appearance.
void GroupColumns(std::vector<PlannedColumn>* columns) {
  std::array<int, kJsonGroupCount> first;
  first.fill(-1);
  for (int i = 0; i < static_cast<int>(columns->size()); ++i) {
    int g = (*columns)[i].group;
    if (first[g] < 0) first[g] = i;
  }
  std::stable_sort(columns->begin(), columns->end(),
                   [&](const PlannedColumn& a, const PlannedColumn& b) {
                     return first[a.group] < first[b.group];
                   });
}

}  // namespace

std::span<const ColumnKind> AllColumnKinds() { return kKinds; }

Result<PlannedSample> PlanColumns(const SampleOptions& options) {
  auto kinds = SelectKinds(options);
  if (!kinds) return std::unexpected(kinds.error());
  // Per-dataset choices come from their own stream so they do not depend on the row count.
  SampleRng rng(Mix64(options.seed ^ 0x636F6C756D6E73ull));
  const bool jsonl = options.format == SampleFormat::kJsonl;
  const bool headerless = options.headers == SampleHeaders::kNone;
  PlannedSample plan;
  for (int g = 0; g < kJsonGroupCount; ++g) {
    bool zh = options.headers == SampleHeaders::kZh ||
              (rng.Below(2) == 0 && options.headers == SampleHeaders::kMixed);
    plan.group_keys[g] = zh ? kGroupZh[g] : kGroupEn[g];
  }
  for (const ColumnKind* k : *kinds) {
    PlannedColumn c;
    c.kind = k;
    c.style = static_cast<int>(rng.Below(static_cast<std::uint64_t>(k->styles)));
    bool zh = options.headers == SampleHeaders::kZh ||
              (rng.Below(2) == 0 && options.headers == SampleHeaders::kMixed);
    if (!headerless) c.key = zh ? k->header_zh : k->header_en;
    if (jsonl && !headerless) c.group = static_cast<int>(k->group);
    c.label.type = headerless && !k->values_decide ? "none" : k->type;
    c.label.kind = k->kind;
    plan.columns.push_back(std::move(c));
  }
  if (jsonl) GroupColumns(&plan.columns);
  for (int i = 0; i < static_cast<int>(plan.columns.size()); ++i) {
    PlannedColumn& c = plan.columns[i];
    c.label.index = i;
    if (jsonl && headerless) c.key = "f" + std::to_string(i + 1);
    const std::string& group = plan.group_keys[c.group];
    c.label.name = group.empty() ? c.key : group + "." + c.key;
  }
  return plan;
}

}  // namespace cv::grading::samplegen
