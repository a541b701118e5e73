// Catalog data: cards, authentication data, accounts, credit and transaction items,
// organisations. Categories: JR/T 0171-2020 4.2 a) C3, b) C2, c) C1 (GRD-1). Levels:
// JR/T 0197-2020 (GRD-2). Decisions where the standards are silent: docs/grading.md.
#include "grading/internal/catalog_items.h"

namespace cv::grading::internal {
namespace {

using policy::MaskRule;

// One C3 item: authentication data, never shown (QRY-6), level 4 (GRD-2).
DataItem C3(ItemType type, std::string_view id, ValueEvidence evidence, std::string_view zh,
            std::string_view en, std::vector<std::string_view> synonyms, std::string_view clause) {
  return {.type = type,
          .id = id,
          .category = Category::kC3,
          .level = 4,
          .prohibited = false,
          .evidence = evidence,
          .name_zh = zh,
          .name_en = en,
          .synonyms = std::move(synonyms),
          .clause = clause,
          .mask = MaskRule::kHideAll};
}

// One C2 item at level 3.
DataItem C2(ItemType type, std::string_view id, ValueEvidence evidence, std::string_view zh,
            std::string_view en, std::vector<std::string_view> synonyms, std::string_view clause,
            MaskRule mask, bool adverse = false) {
  return {.type = type,
          .id = id,
          .category = Category::kC2,
          .level = 3,
          .prohibited = false,
          .evidence = evidence,
          .name_zh = zh,
          .name_en = en,
          .synonyms = std::move(synonyms),
          .clause = clause,
          .mask = mask,
          .adverse = adverse};
}

// One C1 item at level 2.
DataItem C1(ItemType type, std::string_view id, ValueEvidence evidence, std::string_view zh,
            std::string_view en, std::vector<std::string_view> synonyms, std::string_view clause,
            MaskRule mask) {
  return {.type = type,
          .id = id,
          .category = Category::kC1,
          .level = 2,
          .prohibited = false,
          .evidence = evidence,
          .name_zh = zh,
          .name_en = en,
          .synonyms = std::move(synonyms),
          .clause = clause,
          .mask = mask};
}

// A non-personal item at level 1, shown as is.
DataItem Public(ItemType type, std::string_view id, ValueEvidence evidence, std::string_view zh,
                std::string_view en, std::vector<std::string_view> synonyms,
                std::string_view clause) {
  return {.type = type,
          .id = id,
          .category = Category::kNone,
          .level = 1,
          .prohibited = false,
          .evidence = evidence,
          .name_zh = zh,
          .name_en = en,
          .synonyms = std::move(synonyms),
          .clause = clause,
          .mask = MaskRule::kNone};
}

// clang-format off
constexpr std::string_view kBankCardSynonyms[] = {
    "银行卡", "银行卡号", "银行卡号码", "银行卡卡号", "卡号", "卡号码", "借记卡号", "借记卡卡号",
    "信用卡号", "信用卡卡号", "贷记卡号", "准贷记卡号", "交易卡号", "主卡号", "绑定卡号",
    "绑卡卡号", "收款卡号", "付款卡号", "还款卡号", "cardno", "cardnum", "cardnumber", "bankcard",
    "bankcardno", "bankcardnum", "bankcardnumber", "creditcard", "creditcardno", "creditcardnumber",
    "debitcard", "debitcardno", "debitcardnumber", "pan", "primaryaccountnumber", "yhkh"};
// clang-format on
// clang-format off
constexpr std::string_view kCardCvnSynonyms[] = {
    "cvn", "cvn2", "cvv", "cvv2", "cvc", "cvc2", "安全码", "卡安全码", "信用卡安全码", "卡片验证码",
    "卡验证码", "卡片验证值", "cardverificationcode", "cardverificationvalue", "cardsecuritycode",
    "securitycode"};
// clang-format on
// clang-format off
constexpr std::string_view kCardExpirySynonyms[] = {
    "卡有效期", "银行卡有效期", "卡片有效期", "信用卡有效期", "卡片有效期至", "卡到期日",
    "cardexpiry", "cardexpirydate", "cardexpdate", "cardexpirationdate", "expdate", "expirydate",
    "expirationdate", "validthru", "validthrough", "yxq"};
// clang-format on
// clang-format off
constexpr std::string_view kCardPinSynonyms[] = {
    "银行卡密码", "卡密码", "取款密码", "借记卡密码", "信用卡密码", "pin", "pincode", "pinblock",
    "cardpin", "pinnumber"};
// clang-format on
// clang-format off
constexpr std::string_view kCardTrackDataSynonyms[] = {
    "磁道", "磁道数据", "磁道信息", "一磁道", "二磁道", "三磁道", "二磁道数据", "三磁道数据",
    "磁条信息", "磁条数据", "芯片数据", "芯片等效信息", "ic卡数据", "55域", "track1", "track2",
    "track3", "trackdata", "track1data", "track2data", "track3data", "trk2", "magstripe",
    "magneticstripe", "magstripedata", "emvdata", "iccdata", "field55"};
// clang-format on

std::vector<DataItem> CardItems() {
  return {
      C2(ItemType::kBankCard, "bank_card", ValueEvidence::kStrong, "银行卡号", "Bank card number",
         Synonyms(kBankCardSynonyms), "JR/T 0171-2020 4.2 b) C2: 支付账号及其等效信息(银行卡号)",
         MaskRule::kFirst6Last4),
      C3(ItemType::kCardCvn, "card_cvn", ValueEvidence::kWeak, "卡片验证码",
         "Card verification code", Synonyms(kCardCvnSynonyms),
         "JR/T 0171-2020 4.2 a) C3: 卡片验证码(CVN和CVN2)"),
      C3(ItemType::kCardExpiry, "card_expiry", ValueEvidence::kWeak, "银行卡有效期",
         "Card expiry date", Synonyms(kCardExpirySynonyms), "JR/T 0171-2020 4.2 a) C3: 卡片有效期"),
      C3(ItemType::kCardPin, "card_pin", ValueEvidence::kWeak, "银行卡密码", "Card PIN",
         Synonyms(kCardPinSynonyms), "JR/T 0171-2020 4.2 a) C3: 银行卡密码"),
      C3(ItemType::kCardTrack, "card_track_data", ValueEvidence::kNone, "银行卡磁道数据",
         "Card track or chip data", Synonyms(kCardTrackDataSynonyms),
         "JR/T 0171-2020 4.2 a) C3: 银行卡磁道数据(或芯片等效信息)"),
  };
}

// clang-format off
constexpr std::string_view kPasswordSynonyms[] = {
    "密码", "登录密码", "交易密码", "支付密码", "查询密码", "网银密码", "用户密码", "账户密码",
    "口令", "登录口令", "密码哈希", "password", "passwd", "pwd", "loginpassword", "loginpwd",
    "paypassword", "paymentpassword", "paypwd", "tradepassword", "transactionpassword",
    "querypassword", "userpassword", "passwordhash", "pwdhash", "accesstoken", "sessiontoken",
    "authtoken", "refreshtoken", "dlmm", "jymm", "zfmm"};
// clang-format on
// clang-format off
constexpr std::string_view kSmsCodeSynonyms[] = {
    "短信验证码", "验证码", "手机验证码", "短信码", "动态码", "动态口令", "动态密码", "一次性密码",
    "otp", "otpcode", "smscode", "sms", "smsverifycode", "verifycode", "verificationcode",
    "authcode", "dynamiccode", "onetimepassword", "totp", "yzm"};
// clang-format on
// clang-format off
constexpr std::string_view kSecurityAnswerSynonyms[] = {
    "密码提示问题答案", "密码提示答案", "安全问题答案", "密保", "密保答案", "密保问题答案",
    "预留问题答案", "securityanswer", "securityquestionanswer", "secretanswer", "passwordanswer",
    "passwordhintanswer"};
// clang-format on
// clang-format off
constexpr std::string_view kLoginNameSynonyms[] = {
    "登录名", "登录账号", "登录帐号", "登录用户名", "用户名", "用户账号", "用户帐号", "网银用户名",
    "会员名", "会员账号", "qq", "qq号", "qq号码", "微信号", "微信id", "loginname", "loginid",
    "loginaccount", "username", "logonname", "logonid", "signinname", "wechat", "wechatid",
    "weixin", "wxid", "dlm", "yhm"};
// clang-format on

std::vector<DataItem> AuthenticationItems() {
  return {
      C3(ItemType::kPassword, "password", ValueEvidence::kNone, "密码",
         "Login, payment, transaction or query password", Synonyms(kPasswordSynonyms),
         "JR/T 0171-2020 4.2 a) C3: 账户登录密码、交易密码、查询密码、网络支付交易密码"),
      // GRD-1 lists an SMS code as a C2 authentication aid, and as C3 when it alone completes
      // authentication; a scan cannot tell which, so the item is graded level 4 and hidden like
      // C3 (decision D4).
      {.type = ItemType::kSmsCode,
       .id = "sms_code",
       .category = Category::kC2,
       .level = 4,
       .prohibited = false,
       .evidence = ValueEvidence::kWeak,
       .name_zh = "短信验证码",
       .name_en = "SMS or one-time code",
       .synonyms = Synonyms(kSmsCodeSynonyms),
       .clause =
           "JR/T 0171-2020 4.2 b) C2: 用户鉴别辅助信息(动态口令、短信验证码); 4.2 a) C3 when it "
           "alone completes authentication",
       .mask = MaskRule::kHideAll},
      {.type = ItemType::kSecurityAnswer,
       .id = "security_answer",
       .category = Category::kC2,
       .level = 3,
       .prohibited = false,
       .evidence = ValueEvidence::kNone,
       .name_zh = "密码提示问题答案",
       .name_en = "Security question answer",
       .synonyms = Synonyms(kSecurityAnswerSynonyms),
       .clause = "JR/T 0171-2020 4.2 b) C2: 用户鉴别辅助信息(密码提示问题答案)",
       .mask = MaskRule::kHideAll},
      C2(ItemType::kLoginName, "login_name", ValueEvidence::kNone, "登录名", "Login name",
         Synonyms(kLoginNameSynonyms), "JR/T 0171-2020 4.2 b) C2: 账户登录的用户名",
         MaskRule::kKeepLast4),
  };
}

// clang-format off
constexpr std::string_view kPaymentAccountSynonyms[] = {
    "账号", "帐号", "账户", "帐户", "银行账号", "银行帐号", "银行账户", "账户号", "账户号码",
    "帐户号码", "结算账户", "结算账号", "支付账号", "支付账户", "收款账号", "付款账号",
    "收款人账号", "付款人账号", "对方账号", "对手账号", "交易对手账号", "开户账号", "存款账号",
    "贷款账号", "借款账号", "还款账号", "电子账户", "支付宝", "支付宝账号", "支付宝账户",
    "微信支付账号", "alipay", "alipayaccount", "alipayid", "accountno", "accountnum",
    "accountnumber", "acctno", "acctnum", "acct", "bankaccount", "bankaccountno",
    "bankaccountnumber", "bankacct", "paymentaccount", "payaccount", "depositaccount",
    "depositaccountno", "payeeaccount", "payeraccount", "iban", "accno", "yhzh"};
// clang-format on
// clang-format off
constexpr std::string_view kSecuritiesAccountSynonyms[] = {
    "证券账户", "证券账号", "证券账户号码", "股东账户", "股东账号", "股东代码", "资金账号",
    "资金账户", "基金账户", "基金账号", "期货账户", "期货账号", "securitiesaccount",
    "securityaccount", "stockaccount", "brokerageaccount", "shareholderaccount", "fundaccount",
    "futuresaccount"};
// clang-format on
// clang-format off
constexpr std::string_view kInsurancePolicyNoSynonyms[] = {
    "保单号", "保单号码", "保单编号", "保险单号", "保险单号码", "保险合同号", "投保单号",
    "保险账户", "policyno", "policynum", "policynumber", "policyid", "insurancepolicyno",
    "insurancepolicynumber", "insuranceaccount"};
// clang-format on

std::vector<DataItem> AccountItems() {
  return {
      C2(ItemType::kPaymentAccount, "payment_account", ValueEvidence::kNone, "支付账号",
         "Payment or bank account number", Synonyms(kPaymentAccountSynonyms),
         "JR/T 0171-2020 4.2 b) C2: 支付账号及其等效信息", MaskRule::kKeepLast4),
      C2(ItemType::kSecuritiesAccount, "securities_account", ValueEvidence::kNone, "证券账户",
         "Securities, fund or futures account", Synonyms(kSecuritiesAccountSynonyms),
         "JR/T 0171-2020 4.2 b) C2: 支付账号及其等效信息(证券账户)", MaskRule::kKeepLast4),
      C2(ItemType::kInsurancePolicyNo, "insurance_policy_no", ValueEvidence::kNone, "保单号",
         "Insurance policy number", Synonyms(kInsurancePolicyNoSynonyms),
         "JR/T 0171-2020 4.2 b) C2: 支付账号及其等效信息(保险账户)", MaskRule::kKeepLast4),
  };
}

// clang-format off
constexpr std::string_view kIncomeSynonyms[] = {
    "收入", "月收入", "年收入", "个人收入", "个人月收入", "个人年收入", "家庭收入", "家庭月收入",
    "家庭年收入", "税前收入", "税后收入", "工资", "月工资", "工资收入", "薪资", "薪水", "月薪",
    "年薪", "income", "monthlyincome", "annualincome", "yearlyincome", "salary", "monthlysalary",
    "wage", "wages", "ysr"};
// clang-format on
// clang-format off
constexpr std::string_view kBalanceSynonyms[] = {
    "余额", "账户余额", "可用余额", "当前余额", "账面余额", "存款余额", "贷款余额", "借款余额",
    "本金余额", "欠款余额", "透支余额", "剩余本金", "未还本金", "资产", "总资产", "资产总额",
    "个人资产", "金融资产", "存款", "存款金额", "财产", "房产价值", "balance", "accountbalance",
    "availablebalance", "currentbalance", "ledgerbalance", "outstandingbalance", "outstanding",
    "principalbalance", "loanbalance", "remainingprincipal", "bal", "assets", "totalassets",
    "netassets", "networth", "deposit", "deposits", "ye"};
// clang-format on
// clang-format off
constexpr std::string_view kLoanAmountSynonyms[] = {
    "贷款金额", "借款金额", "放款金额", "发放金额", "贷款本金", "借款本金", "本金", "合同金额",
    "申请金额", "分期金额", "授信额度", "授信金额", "信用额度", "贷款额度", "借款额度", "额度",
    "loanamount", "loanamt", "loanprincipal", "principal", "contractamount", "approvedamount",
    "disbursedamount", "amountborrowed", "creditlimit", "creditline", "facilityamount", "dkje",
    "jkje"};
// clang-format on
// clang-format off
constexpr std::string_view kOverdueAmountSynonyms[] = {
    "逾期金额", "逾期本金", "逾期总额", "逾期总金额", "当前逾期金额", "当前逾期总额",
    "最高逾期金额", "逾期未还金额", "逾期欠款", "拖欠金额", "欠款", "欠款金额", "违约金额",
    "overdueamount", "overdueamt", "overdueprincipal", "amountoverdue", "pastdueamount", "pastdue",
    "arrears", "delinquentamount", "defaultamount", "yqje"};
// clang-format on
// clang-format off
constexpr std::string_view kRepaymentStatusSynonyms[] = {
    "还款状态", "还款记录", "还款情况", "还款表现", "24个月还款状态", "近24个月还款状态",
    "还款历史", "逾期状态", "是否逾期", "逾期天数", "逾期期数", "当前逾期期数", "累计逾期次数",
    "逾期次数", "最长逾期期数", "五级分类", "贷款五级分类", "账户状态", "贷款状态", "不良记录",
    "不良信息", "违约记录", "呆账", "repaymentstatus", "repaymenthistory", "repaymentrecord",
    "paymentstatus", "paymenthistory", "delinquencystatus", "overduestatus", "overduedays",
    "dayspastdue", "dpd", "loanstatus", "accountstatus", "loanclassification", "fivecategory",
    "hkzt"};
// clang-format on
// clang-format off
constexpr std::string_view kTransactionRecordSynonyms[] = {
    "交易记录", "交易明细", "交易流水", "交易信息", "交易详情", "流水", "流水明细", "账户流水",
    "银行流水", "资金流水", "收支明细", "消费记录", "支付记录", "转账记录", "交易金额", "交易额",
    "支付金额", "消费金额", "转账金额", "发生额", "金额", "交易对手", "交易对方", "交易指令",
    "证券委托", "委托记录", "成交记录", "持仓", "持仓信息", "理赔记录", "理赔信息", "理赔金额",
    "transaction", "transactions", "transactionrecord", "transactionrecords", "transactionhistory",
    "transactiondetail", "transactiondetails", "transactionamount", "txnrecord", "txnhistory",
    "txndetail", "txnamount", "tradeamount", "paymentamount", "amount", "amt", "statement",
    "bankstatement", "counterparty", "holdings", "claimrecord", "jyje"};
// clang-format on

std::vector<DataItem> CreditItems() {
  constexpr std::string_view kProperty =
      "JR/T 0171-2020 4.2 b) C2: 直接反映金融状况的信息(个人财产信息)";
  constexpr std::string_view kLoan = "JR/T 0171-2020 4.2 b) C2: 直接反映金融状况的信息(借贷信息)";
  return {
      C2(ItemType::kIncome, "income", ValueEvidence::kWeak, "收入", "Income",
         Synonyms(kIncomeSynonyms), kProperty, MaskRule::kRedactValue),
      // Property and asset values are the "balance" item (decision D8).
      C2(ItemType::kBalance, "balance", ValueEvidence::kWeak, "余额与财产",
         "Balance or asset value", Synonyms(kBalanceSynonyms), kProperty, MaskRule::kRedactValue),
      C2(ItemType::kLoanAmount, "loan_amount", ValueEvidence::kWeak, "贷款金额与授信额度",
         "Loan amount or credit limit", Synonyms(kLoanAmountSynonyms), kLoan,
         MaskRule::kRedactValue),
      C2(ItemType::kOverdueAmount, "overdue_amount", ValueEvidence::kWeak, "逾期金额",
         "Overdue amount", Synonyms(kOverdueAmountSynonyms), kLoan, MaskRule::kRedactValue,
         /*adverse=*/true),
      C2(ItemType::kRepaymentStatus, "repayment_status", ValueEvidence::kMedium, "还款状态",
         "Repayment status and history", Synonyms(kRepaymentStatusSynonyms), kLoan,
         MaskRule::kRedactValue, /*adverse=*/true),
      C2(ItemType::kTransactionRecord, "transaction_record", ValueEvidence::kNone, "交易记录",
         "Transaction record", Synonyms(kTransactionRecordSynonyms),
         "JR/T 0171-2020 4.2 b) C2: 交易信息(交易指令、交易流水、证券委托、保险理赔)",
         MaskRule::kRedactValue),
  };
}

// clang-format off
constexpr std::string_view kAccountOpenDateSynonyms[] = {
    "开户日期", "开户时间", "开户日", "账户开立日期", "账户开立时间", "开立日期", "开立时间",
    "开卡日期", "发卡日期", "accountopendate", "accountopeningdate", "acctopendate", "opendate",
    "openingdate", "opentime", "dateopened", "khrq"};
// clang-format on
// clang-format off
constexpr std::string_view kOpeningBranchSynonyms[] = {
    "开户行", "开户银行", "开户机构", "开户网点", "开户支行", "开户分行", "开户行名称",
    "开户银行名称", "开户机构名称", "开户地", "发卡行", "发卡银行", "发卡机构", "所属网点",
    "银行名称", "openingbranch", "openingbank", "openbank", "branch", "branchname", "bankbranch",
    "bankname", "issuingbank", "issuer", "accountbank", "khh"};
// clang-format on
// clang-format off
constexpr std::string_view kPaymentTokenSynonyms[] = {
    "支付标记", "支付标记信息", "支付令牌", "令牌", "标记号", "paymenttoken", "token", "cardtoken",
    "networktoken", "tokenpan"};
// clang-format on
// clang-format off
constexpr std::string_view kCnUsccSynonyms[] = {
    "统一社会信用代码", "社会信用代码", "统一信用代码", "信用代码", "统一代码", "营业执照号",
    "营业执照号码", "营业执照注册号", "组织机构代码", "企业代码", "纳税人识别号", "纳税人识别码",
    "税号", "uscc", "usci", "unifiedsocialcreditcode", "socialcreditcode", "creditcode",
    "businesslicenseno", "businesslicense", "orgcode", "organizationcode", "taxid", "taxno",
    "taxpayerid", "tyshxydm"};
// clang-format on
// clang-format off
constexpr std::string_view kOrgNameSynonyms[] = {
    "机构名称", "企业名称", "机构", "企业", "商户", "商户名称", "商户名", "放款机构", "贷款机构",
    "授信机构", "业务机构", "金融机构", "金融机构名称", "查询机构", "担保机构", "数据提供机构",
    "orgname", "organization", "organizationname", "organisation", "institution", "institutionname",
    "enterprisename", "corpname", "corporatename", "merchant", "merchantname", "lender",
    "lendername", "qymc", "jgmc"};
// clang-format on

std::vector<DataItem> InternalAndOrgItems() {
  return {
      C1(ItemType::kAccountOpenDate, "account_open_date", ValueEvidence::kWeak, "账户开立时间",
         "Account opening date", Synonyms(kAccountOpenDateSynonyms),
         "JR/T 0171-2020 4.2 c) C1: 账户开立时间", MaskRule::kRedactValue),
      C1(ItemType::kOpeningBranch, "opening_branch", ValueEvidence::kNone, "开户机构",
         "Account opening institution or branch", Synonyms(kOpeningBranchSynonyms),
         "JR/T 0171-2020 4.2 c) C1: 开户机构", MaskRule::kRedactValue),
      C1(ItemType::kPaymentToken, "payment_token", ValueEvidence::kNone, "支付标记",
         "Payment token", Synonyms(kPaymentTokenSynonyms),
         "JR/T 0171-2020 4.2 c) C1: 基于账户信息产生的支付标记信息", MaskRule::kKeepLast4),
      Public(ItemType::kUscc, "cn_uscc", ValueEvidence::kStrong, "统一社会信用代码",
             "Unified social credit code", Synonyms(kCnUsccSynonyms),
             "GB 32100-2015 public register identifier of an organisation; not personal "
             "information (JR/T 0171-2020 4.1)"),
      Public(ItemType::kOrgName, "org_name", ValueEvidence::kNone, "机构名称", "Organisation name",
             Synonyms(kOrgNameSynonyms),
             "not personal information (JR/T 0171-2020 4.1); an organisation name"),
  };
}

}  // namespace

std::vector<DataItem> FinancialItems() {
  std::vector<DataItem> items;
  for (std::vector<DataItem> (*group)() :
       {CardItems, AuthenticationItems, AccountItems, CreditItems, InternalAndOrgItems}) {
    for (DataItem& item : group()) items.push_back(std::move(item));
  }
  return items;
}

}  // namespace cv::grading::internal
