// Tests for the data-item catalog and header matching.
// Requirements: GRD-1 (categories), GRD-2 (levels), GRD-4 (prohibited items), QRY-6 (mask rules).
#include "grading/catalog.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "grading/internal/catalog_items.h"
#include "policy/policy.h"

namespace cv::grading {
namespace {

using policy::MaskRule;

const Catalog& Cat() { return Catalog::Default(); }

// The best type a header names; kCount when it names nothing.
ItemType Best(std::string_view header) {
  std::vector<HeaderMatch> m = Cat().MatchHeader(header);
  return m.empty() ? ItemType::kCount : m[0].type;
}

double BestScore(std::string_view header) {
  std::vector<HeaderMatch> m = Cat().MatchHeader(header);
  return m.empty() ? 0 : m[0].score;
}

// Synonyms deliberately shared by two items: a bare "phone" may be a mobile or a landline
// (docs/grading.md, decision D7). Mobile comes first.
const std::set<std::string_view> kSharedSynonyms = {
    "电话",        "电话号码",     "联系电话",      "联系方式",  "联系号码", "phone",
    "phoneno",     "phonenum",     "phonenumber",   "tel",       "telno",    "telephone",
    "telephoneno", "contactphone", "contactnumber", "contactno", "lxdh"};

// Invariant 1: one item per type at index static_cast<int>(type).
TEST(CatalogTest, EveryItemTypePresentAtItsIndex) {
  ASSERT_EQ(Cat().items().size(), static_cast<std::size_t>(kItemTypeCount));
  for (int i = 0; i < kItemTypeCount; ++i) {
    EXPECT_EQ(static_cast<int>(Cat().items()[i].type), i);
    EXPECT_EQ(&Cat().Get(static_cast<ItemType>(i)), &Cat().items()[i]);
  }
}

// Invariant 3: the ids are the scan JSON interface. DO NOT CHANGE these expectations.
TEST(CatalogTest, IdsAreStable) {
  const std::map<ItemType, std::string_view> ids = {
      {ItemType::kNone, "none"},
      {ItemType::kResidentId, "cn_resident_id"},
      {ItemType::kResidentId15, "cn_resident_id_15"},
      {ItemType::kPassport, "passport"},
      {ItemType::kPersonName, "person_name"},
      {ItemType::kGender, "gender"},
      {ItemType::kBirthDate, "birth_date"},
      {ItemType::kMobile, "cn_mobile"},
      {ItemType::kLandline, "landline"},
      {ItemType::kEmail, "email"},
      {ItemType::kAddress, "address"},
      {ItemType::kEmployer, "employer"},
      {ItemType::kMaritalStatus, "marital_status"},
      {ItemType::kEducation, "education"},
      {ItemType::kIncome, "income"},
      {ItemType::kBankCard, "bank_card"},
      {ItemType::kCardCvn, "card_cvn"},
      {ItemType::kCardExpiry, "card_expiry"},
      {ItemType::kCardPin, "card_pin"},
      {ItemType::kCardTrack, "card_track_data"},
      {ItemType::kPassword, "password"},
      {ItemType::kSmsCode, "sms_code"},
      {ItemType::kSecurityAnswer, "security_answer"},
      {ItemType::kLoginName, "login_name"},
      {ItemType::kPaymentAccount, "payment_account"},
      {ItemType::kSecuritiesAccount, "securities_account"},
      {ItemType::kInsurancePolicyNo, "insurance_policy_no"},
      {ItemType::kBalance, "balance"},
      {ItemType::kLoanAmount, "loan_amount"},
      {ItemType::kOverdueAmount, "overdue_amount"},
      {ItemType::kRepaymentStatus, "repayment_status"},
      {ItemType::kTransactionRecord, "transaction_record"},
      {ItemType::kAccountOpenDate, "account_open_date"},
      {ItemType::kOpeningBranch, "opening_branch"},
      {ItemType::kPaymentToken, "payment_token"},
      {ItemType::kUscc, "cn_uscc"},
      {ItemType::kOrgName, "org_name"},
      {ItemType::kIpAddress, "ip_address"},
      {ItemType::kDeviceId, "device_id"},
      {ItemType::kGeoLocation, "geo_location"},
      {ItemType::kBiometricTemplate, "biometric_template"},
      {ItemType::kReligion, "religion"},
      {ItemType::kBloodType, "blood_type"},
      {ItemType::kMedicalHistory, "medical_history"},
      {ItemType::kFingerprint, "fingerprint"},
      {ItemType::kGeneticData, "genetic_data"},
      {ItemType::kFreeText, "free_text"},
  };
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(kItemTypeCount));
  for (const auto& [type, id] : ids) {
    EXPECT_EQ(Cat().Get(type).id, id);
    ASSERT_NE(Cat().FindById(id), nullptr) << id;
    EXPECT_EQ(Cat().FindById(id)->type, type);
  }
  EXPECT_EQ(Cat().FindById("no_such_item"), nullptr);
}

TEST(CatalogTest, IdsUnique) {
  std::set<std::string_view> seen;
  for (const DataItem& item : Cat().items()) EXPECT_TRUE(seen.insert(item.id).second) << item.id;
}

// Invariant 2 (GRD-2): level >= LevelFloor(category), within 1-5.
TEST(CatalogTest, Grd2LevelNotBelowCategoryFloor) {
  for (const DataItem& item : Cat().items()) {
    EXPECT_GE(item.level, LevelFloor(item.category)) << item.id;
    EXPECT_LE(item.level, 5) << item.id;
  }
  EXPECT_EQ(LevelFloor(Category::kC3), 4);
  EXPECT_EQ(LevelFloor(Category::kC2), 3);
  EXPECT_EQ(LevelFloor(Category::kC1), 2);
  EXPECT_EQ(LevelFloor(Category::kNone), 1);
}

TEST(CatalogTest, CategoryNames) {
  EXPECT_EQ(CategoryName(Category::kNone), "none");
  EXPECT_EQ(CategoryName(Category::kC1), "C1");
  EXPECT_EQ(CategoryName(Category::kC2), "C2");
  EXPECT_EQ(CategoryName(Category::kC3), "C3");
}

TEST(CatalogTest, EveryItemDocumented) {
  for (const DataItem& item : Cat().items()) {
    EXPECT_FALSE(item.name_zh.empty()) << item.id;
    EXPECT_FALSE(item.name_en.empty()) << item.id;
    EXPECT_FALSE(item.clause.empty()) << item.id;
    if (item.type != ItemType::kNone) {
      EXPECT_FALSE(item.synonyms.empty()) << item.id;
    }
  }
}

TEST(CatalogTest, SynonymsAreNormalized) {
  for (const DataItem& item : Cat().items()) {
    for (std::string_view s : item.synonyms) {
      EXPECT_EQ(NormalizeHeader(s), s) << item.id;
      EXPECT_FALSE(s.empty()) << item.id;
    }
  }
  for (std::string_view s : internal::NonPersonalHeaders()) EXPECT_EQ(NormalizeHeader(s), s);
}

// A synonym names one item, except the deliberately shared ones; no non-personal header is also
// a personal synonym.
TEST(CatalogTest, NoSynonymNamesTwoItemsUnlessIntended) {
  std::map<std::string_view, std::vector<ItemType>> owners;
  for (const DataItem& item : Cat().items()) {
    std::set<std::string_view> own;
    for (std::string_view s : item.synonyms) {
      EXPECT_TRUE(own.insert(s).second) << "listed twice in " << item.id << ": " << s;
      owners[s].push_back(item.type);
    }
  }
  for (const auto& [synonym, types] : owners) {
    if (kSharedSynonyms.contains(synonym)) {
      EXPECT_EQ(types, (std::vector<ItemType>{ItemType::kMobile, ItemType::kLandline})) << synonym;
    } else {
      EXPECT_EQ(types.size(), 1u) << synonym << " names " << types.size() << " items";
    }
  }
  std::set<std::string_view> non_personal;
  for (std::string_view s : internal::NonPersonalHeaders()) {
    EXPECT_TRUE(non_personal.insert(s).second) << s;
    EXPECT_FALSE(owners.contains(s)) << s << " is both personal and non-personal";
  }
}

// GRD-1: the categories of the examples REQUIREMENTS GRD-1 lists (JR/T 0171-2020 4.2).
TEST(CatalogTest, Grd1CategoriesOfListedExamples) {
  for (ItemType t : {ItemType::kCardTrack, ItemType::kCardCvn, ItemType::kCardExpiry,
                     ItemType::kCardPin, ItemType::kPassword, ItemType::kBiometricTemplate}) {
    EXPECT_EQ(Cat().Get(t).category, Category::kC3) << Cat().Get(t).id;
    EXPECT_EQ(Cat().Get(t).level, 4) << Cat().Get(t).id;
  }
  for (ItemType t :
       {ItemType::kPaymentAccount, ItemType::kBankCard, ItemType::kResidentId,
        ItemType::kResidentId15, ItemType::kPassport, ItemType::kMobile, ItemType::kLoginName,
        ItemType::kSmsCode, ItemType::kSecurityAnswer, ItemType::kBalance, ItemType::kIncome,
        ItemType::kLoanAmount, ItemType::kRepaymentStatus, ItemType::kOverdueAmount,
        ItemType::kTransactionRecord, ItemType::kAddress, ItemType::kSecuritiesAccount,
        ItemType::kInsurancePolicyNo}) {
    EXPECT_EQ(Cat().Get(t).category, Category::kC2) << Cat().Get(t).id;
  }
  for (ItemType t :
       {ItemType::kAccountOpenDate, ItemType::kOpeningBranch, ItemType::kPaymentToken}) {
    EXPECT_EQ(Cat().Get(t).category, Category::kC1) << Cat().Get(t).id;
    EXPECT_EQ(Cat().Get(t).level, 2) << Cat().Get(t).id;
  }
  // An SMS code may alone complete authentication (C3): graded level 4 and hidden.
  EXPECT_EQ(Cat().Get(ItemType::kSmsCode).level, 4);
  EXPECT_EQ(Cat().Get(ItemType::kSmsCode).mask, MaskRule::kHideAll);
}

TEST(CatalogTest, Grd1ClausesCiteTheCategory) {
  for (const DataItem& item : Cat().items()) {
    if (item.prohibited) continue;
    switch (item.category) {
      case Category::kC3:
        EXPECT_NE(item.clause.find("4.2 a) C3"), item.clause.npos);
        break;
      case Category::kC2:
        EXPECT_NE(item.clause.find("4.2 b) C2"), item.clause.npos);
        break;
      case Category::kC1:
        EXPECT_NE(item.clause.find("4.2 c) C1"), item.clause.npos);
        break;
      case Category::kNone:
        break;
    }
  }
}

// GRD-4: religion, genes, fingerprints, blood type, disease and medical history are refused at
// collection (Reg Art.14), and graded level 4 so a dataset holding them is graded high.
TEST(CatalogTest, Grd4ProhibitedItems) {
  const std::set<ItemType> prohibited = {ItemType::kReligion, ItemType::kBloodType,
                                         ItemType::kMedicalHistory, ItemType::kFingerprint,
                                         ItemType::kGeneticData};
  for (const DataItem& item : Cat().items()) {
    EXPECT_EQ(item.prohibited, prohibited.contains(item.type)) << item.id;
    if (!item.prohibited) continue;
    EXPECT_EQ(item.level, 4) << item.id;
    EXPECT_EQ(item.mask, MaskRule::kHideAll) << item.id;
    EXPECT_NE(item.clause.find("Art.14"), item.clause.npos) << item.id;
    EXPECT_NE(item.clause.find("GRD-4"), item.clause.npos) << item.id;
  }
}

TEST(CatalogTest, Grd4ProhibitedHeadersMatch) {
  EXPECT_EQ(Best("宗教信仰"), ItemType::kReligion);
  EXPECT_EQ(Best("Religion"), ItemType::kReligion);
  EXPECT_EQ(Best("血型"), ItemType::kBloodType);
  EXPECT_EQ(Best("blood_type"), ItemType::kBloodType);
  EXPECT_EQ(Best("既往病史"), ItemType::kMedicalHistory);
  EXPECT_EQ(Best("Medical History"), ItemType::kMedicalHistory);
  EXPECT_EQ(Best("指纹"), ItemType::kFingerprint);
  EXPECT_EQ(Best("基因检测结果"), ItemType::kGeneticData);
  EXPECT_EQ(Best("DNA"), ItemType::kGeneticData);
  // "general" holds "gene" and "device fingerprint" holds "fingerprint": neither is prohibited.
  EXPECT_NE(Best("general_ledger"), ItemType::kGeneticData);
  EXPECT_EQ(Best("设备指纹"), ItemType::kDeviceId);
  EXPECT_EQ(Best("device_fingerprint"), ItemType::kDeviceId);
}

// QRY-6: the display rules of the items it names.
TEST(CatalogTest, Qry6MaskRules) {
  EXPECT_EQ(Cat().Get(ItemType::kResidentId).mask, MaskRule::kFirst6Last4);
  EXPECT_EQ(Cat().Get(ItemType::kBankCard).mask, MaskRule::kFirst6Last4);
  EXPECT_EQ(Cat().Get(ItemType::kMobile).mask, MaskRule::kFirst3Last4);
  EXPECT_EQ(Cat().Get(ItemType::kPersonName).mask, MaskRule::kFirstChar);
  EXPECT_EQ(Cat().Get(ItemType::kAddress).mask, MaskRule::kProvinceCityDistrict);
  EXPECT_EQ(Cat().Get(ItemType::kEmail).mask, MaskRule::kEmailLocal);
  for (const DataItem& item : Cat().items()) {
    if (item.category == Category::kC3) {
      EXPECT_EQ(item.mask, MaskRule::kHideAll) << item.id;
    }
    if (item.level >= 2) {
      EXPECT_NE(item.mask, MaskRule::kNone) << item.id;
    }
  }
}

TEST(CatalogTest, ValueEvidence) {
  for (ItemType t : {ItemType::kResidentId, ItemType::kBankCard, ItemType::kUscc}) {
    EXPECT_EQ(Cat().Get(t).evidence, ValueEvidence::kStrong) << Cat().Get(t).id;
  }
  for (ItemType t : {ItemType::kMobile, ItemType::kEmail, ItemType::kIpAddress, ItemType::kPassport,
                     ItemType::kRepaymentStatus}) {
    EXPECT_EQ(Cat().Get(t).evidence, ValueEvidence::kMedium) << Cat().Get(t).id;
  }
  for (ItemType t : {ItemType::kBalance, ItemType::kIncome, ItemType::kCardCvn, ItemType::kCardPin,
                     ItemType::kGender}) {
    EXPECT_EQ(Cat().Get(t).evidence, ValueEvidence::kWeak) << Cat().Get(t).id;
  }
  for (ItemType t : {ItemType::kPassword, ItemType::kOrgName, ItemType::kLoginName}) {
    EXPECT_EQ(Cat().Get(t).evidence, ValueEvidence::kNone) << Cat().Get(t).id;
  }
}

// LIF-1: adverse information carries its retention through the catalog.
TEST(CatalogTest, Lif1AdverseItems) {
  for (const DataItem& item : Cat().items()) {
    const bool adverse =
        item.type == ItemType::kOverdueAmount || item.type == ItemType::kRepaymentStatus;
    EXPECT_EQ(item.adverse, adverse) << item.id;
  }
}

std::string_view EvidenceName(ValueEvidence e) {
  switch (e) {
    case ValueEvidence::kStrong:
      return "strong";
    case ValueEvidence::kMedium:
      return "medium";
    case ValueEvidence::kWeak:
      return "weak";
    case ValueEvidence::kNone:
      return "none";
  }
  return "?";
}

// docs/grading.md section 2 lists every item; the table must say what the code says.
TEST(CatalogTest, DocsTableMatchesCatalog) {
  std::ifstream in(std::string(CV_SOURCE_DIR) + "/docs/grading.md");
  ASSERT_TRUE(in) << "docs/grading.md missing";
  std::stringstream doc;
  doc << in.rdbuf();
  for (const DataItem& item : Cat().items()) {
    const std::string flags = item.prohibited ? "prohibited" : item.adverse ? "adverse" : "";
    std::string row = "| `" + std::string(item.id) + "` | " + std::string(item.name_zh) + " | " +
                      std::string(CategoryName(item.category)) + " | " +
                      std::to_string(item.level) + " | " +
                      std::string(policy::MaskRuleName(item.mask)) + " | " +
                      std::string(EvidenceName(item.evidence)) + " | " + flags + " | " +
                      std::string(item.clause) + " |";
    EXPECT_NE(doc.str().find(row), std::string::npos) << "docs/grading.md lacks: " << row;
  }
}

TEST(NormalizeHeaderTest, Examples) {
  EXPECT_EQ(NormalizeHeader("Customer_ID No."), "customeridno");
  EXPECT_EQ(NormalizeHeader("  Mobile-Phone "), "mobilephone");
  EXPECT_EQ(NormalizeHeader("身份证号码（必填）"), "身份证号码必填");
  EXPECT_EQ(NormalizeHeader("【姓名】"), "姓名");
  EXPECT_EQ(NormalizeHeader("ＩＤ　Ｎｏ．"), "idno");      // full-width letters and space
  EXPECT_EQ(NormalizeHeader("\xEF\xBB\xBF姓名"), "姓名");  // byte-order mark
  EXPECT_EQ(NormalizeHeader("客户·姓名"), "客户姓名");
  EXPECT_EQ(NormalizeHeader("“手机号”"), "手机号");
  EXPECT_EQ(NormalizeHeader("金额(元)/笔"), "金额元笔");
  EXPECT_EQ(NormalizeHeader("a\xFF"
                            "b"),
            "ab");  // malformed byte dropped
  EXPECT_EQ(NormalizeHeader(""), "");
}

// Arbitrary bytes never crash header matching; a normalized header holds no ASCII punctuation.
TEST(NormalizeHeaderTest, ArbitraryBytes) {
  std::mt19937 rng(3);
  for (int round = 0; round < 5000; ++round) {
    std::string header(rng() % 24, '\0');
    for (char& c : header) c = static_cast<char>(rng() % 256);
    const std::string h = NormalizeHeader(header);
    for (char c : h) {
      const bool ascii = static_cast<unsigned char>(c) < 0x80;
      EXPECT_TRUE(!ascii || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) << h;
    }
    EXPECT_EQ(NormalizeHeader(h), h);
    Cat().MatchHeader(header);
  }
}

TEST(CatalogMatchTest, ChineseHeaders) {
  const std::vector<std::pair<std::string_view, ItemType>> cases = {
      {"身份证号", ItemType::kResidentId},
      {"身份证号码", ItemType::kResidentId},
      {"证件号码", ItemType::kResidentId},
      {"公民身份号码", ItemType::kResidentId},
      {"借款人身份证号码", ItemType::kResidentId},
      {"15位身份证号码", ItemType::kResidentId15},
      {"护照号码", ItemType::kPassport},
      {"姓名", ItemType::kPersonName},
      {"客户姓名", ItemType::kPersonName},
      {"借款人姓名", ItemType::kPersonName},
      {"户名", ItemType::kPersonName},
      {"性别", ItemType::kGender},
      {"出生日期", ItemType::kBirthDate},
      {"手机号", ItemType::kMobile},
      {"手机号码", ItemType::kMobile},
      {"移动电话", ItemType::kMobile},
      {"联系电话", ItemType::kMobile},
      {"紧急联系人手机号", ItemType::kMobile},
      {"固定电话", ItemType::kLandline},
      {"单位电话", ItemType::kLandline},
      {"电子邮箱", ItemType::kEmail},
      {"家庭住址", ItemType::kAddress},
      {"身份证地址", ItemType::kAddress},
      {"户籍所在地", ItemType::kAddress},
      {"工作单位", ItemType::kEmployer},
      {"婚姻状况", ItemType::kMaritalStatus},
      {"最高学历", ItemType::kEducation},
      {"月收入", ItemType::kIncome},
      {"银行卡号", ItemType::kBankCard},
      {"信用卡卡号", ItemType::kBankCard},
      {"卡号", ItemType::kBankCard},
      {"CVN2", ItemType::kCardCvn},
      {"卡片有效期", ItemType::kCardExpiry},
      {"取款密码", ItemType::kCardPin},
      {"二磁道数据", ItemType::kCardTrack},
      {"登录密码", ItemType::kPassword},
      {"短信验证码", ItemType::kSmsCode},
      {"密保问题答案", ItemType::kSecurityAnswer},
      {"用户名", ItemType::kLoginName},
      {"登录账号", ItemType::kLoginName},
      {"账号", ItemType::kPaymentAccount},
      {"收款人账号", ItemType::kPaymentAccount},
      {"证券账户", ItemType::kSecuritiesAccount},
      {"保单号", ItemType::kInsurancePolicyNo},
      {"账户余额", ItemType::kBalance},
      {"贷款余额", ItemType::kBalance},
      {"贷款金额", ItemType::kLoanAmount},
      {"授信额度", ItemType::kLoanAmount},
      {"逾期金额", ItemType::kOverdueAmount},
      {"当前逾期金额(元)", ItemType::kOverdueAmount},
      {"还款状态", ItemType::kRepaymentStatus},
      {"近24个月还款状态", ItemType::kRepaymentStatus},
      {"五级分类", ItemType::kRepaymentStatus},
      {"交易记录", ItemType::kTransactionRecord},
      {"交易明细", ItemType::kTransactionRecord},
      {"交易金额", ItemType::kTransactionRecord},
      {"开户日期", ItemType::kAccountOpenDate},
      {"开户行", ItemType::kOpeningBranch},
      {"支付标记", ItemType::kPaymentToken},
      {"统一社会信用代码", ItemType::kUscc},
      {"企业名称", ItemType::kOrgName},
      {"IP地址", ItemType::kIpAddress},
      {"设备号", ItemType::kDeviceId},
      {"经纬度", ItemType::kGeoLocation},
      {"人脸特征值", ItemType::kBiometricTemplate},
      {"备注", ItemType::kFreeText},
      {"年龄", ItemType::kBirthDate},
      {"微信号", ItemType::kLoginName},
      {"支付宝账号", ItemType::kPaymentAccount},
      {"持卡人身份证号", ItemType::kResidentId},
      {"担保人证件号码", ItemType::kResidentId},
      {"配偶手机号", ItemType::kMobile},
      {"开户地址", ItemType::kAddress},
  };
  for (const auto& [header, type] : cases) {
    EXPECT_EQ(Best(header), type) << header << " -> " << Cat().Get(Best(header)).id;
  }
}

TEST(CatalogMatchTest, EnglishHeaders) {
  const std::vector<std::pair<std::string_view, ItemType>> cases = {
      {"id_card_no", ItemType::kResidentId},
      {"ID Number", ItemType::kResidentId},
      {"IdentityNo", ItemType::kResidentId},
      {"cert_no", ItemType::kResidentId},
      {"sfzh", ItemType::kResidentId},
      {"applicant_id_no", ItemType::kResidentId},
      {"passport_no", ItemType::kPassport},
      {"Name", ItemType::kPersonName},
      {"customer_name", ItemType::kPersonName},
      {"Gender", ItemType::kGender},
      {"date_of_birth", ItemType::kBirthDate},
      {"mobile", ItemType::kMobile},
      {"Mobile No.", ItemType::kMobile},
      {"cell_phone", ItemType::kMobile},
      {"phone", ItemType::kMobile},
      {"home_phone", ItemType::kLandline},
      {"E-mail", ItemType::kEmail},
      {"home_address", ItemType::kAddress},
      {"employer_name", ItemType::kEmployer},
      {"marital_status", ItemType::kMaritalStatus},
      {"education", ItemType::kEducation},
      {"monthly_income", ItemType::kIncome},
      {"card_no", ItemType::kBankCard},
      {"CreditCardNumber", ItemType::kBankCard},
      {"cvv2", ItemType::kCardCvn},
      {"exp_date", ItemType::kCardExpiry},
      {"PIN", ItemType::kCardPin},
      {"track2_data", ItemType::kCardTrack},
      {"password", ItemType::kPassword},
      {"login_pwd", ItemType::kPassword},
      {"access_token", ItemType::kPassword},
      {"otp", ItemType::kSmsCode},
      {"sms_code", ItemType::kSmsCode},
      {"security_answer", ItemType::kSecurityAnswer},
      {"username", ItemType::kLoginName},
      {"account_no", ItemType::kPaymentAccount},
      {"IBAN", ItemType::kPaymentAccount},
      {"policy_number", ItemType::kInsurancePolicyNo},
      {"balance", ItemType::kBalance},
      {"outstanding_balance", ItemType::kBalance},
      {"loan_amount", ItemType::kLoanAmount},
      {"credit_limit", ItemType::kLoanAmount},
      {"overdue_amount", ItemType::kOverdueAmount},
      {"repayment_status", ItemType::kRepaymentStatus},
      {"days_past_due", ItemType::kRepaymentStatus},
      {"transaction_history", ItemType::kTransactionRecord},
      {"amount", ItemType::kTransactionRecord},
      {"account_open_date", ItemType::kAccountOpenDate},
      {"opening_bank", ItemType::kOpeningBranch},
      {"payment_token", ItemType::kPaymentToken},
      {"USCC", ItemType::kUscc},
      {"org_name", ItemType::kOrgName},
      {"client_ip", ItemType::kIpAddress},
      {"IMEI", ItemType::kDeviceId},
      {"latitude", ItemType::kGeoLocation},
      {"voiceprint", ItemType::kBiometricTemplate},
      {"remarks", ItemType::kFreeText},
      {"Card Holder Name", ItemType::kPersonName},
      {"Loan Amount (CNY)", ItemType::kLoanAmount},
      {"E-Mail Address", ItemType::kEmail},
      {"bank_name", ItemType::kOpeningBranch},
      {"alipay_account", ItemType::kPaymentAccount},
  };
  for (const auto& [header, type] : cases) {
    EXPECT_EQ(Best(header), type) << header << " -> " << Cat().Get(Best(header)).id;
  }
}

TEST(CatalogMatchTest, ExactScoresOneContainedScoresPointSeven) {
  EXPECT_DOUBLE_EQ(BestScore("身份证号码"), 1.0);
  EXPECT_DOUBLE_EQ(BestScore("借款人身份证号码"), 0.7);
  EXPECT_DOUBLE_EQ(BestScore("Mobile_Phone"), 1.0);
  EXPECT_DOUBLE_EQ(BestScore("primary_mobile"), 0.7);
}

TEST(CatalogMatchTest, ShortSynonymsMatchOnlyExactly) {
  // "tel" (3 ASCII), "pin", "id", "xm" are too short to look for inside other words.
  EXPECT_EQ(Best("hotel_name"), ItemType::kPersonName);  // via "name", not "tel"
  EXPECT_TRUE(Cat().MatchHeader("spinner").empty());
  EXPECT_TRUE(Cat().MatchHeader("width").empty());
  EXPECT_TRUE(Cat().MatchHeader("").empty());
  EXPECT_TRUE(Cat().MatchHeader("（）").empty());
}

TEST(CatalogMatchTest, NonPersonalHeadersYieldNone) {
  for (std::string_view h : {"序号",           "编号",      "流水号",   "交易流水号",
                             "订单号",         "交易编号",  "评分",     "分数",
                             "得分",           "ID",        "id",       "seq",
                             "Sequence",       "row_id",    "order_id", "txn_id",
                             "Transaction ID", "serial_no", "score",    "rank",
                             "count",          "page"}) {
    std::vector<HeaderMatch> m = Cat().MatchHeader(h);
    ASSERT_FALSE(m.empty()) << h;
    EXPECT_EQ(m[0].type, ItemType::kNone) << h;
    EXPECT_DOUBLE_EQ(m[0].score, 1.0) << h;
  }
}

// A transaction id is not personal, but a column of transaction records is (C2).
TEST(CatalogMatchTest, TransactionIdVersusTransactionRecords) {
  EXPECT_EQ(Best("交易流水号"), ItemType::kNone);
  EXPECT_EQ(Best("交易流水"), ItemType::kTransactionRecord);
  EXPECT_EQ(Best("transaction_id"), ItemType::kNone);
  EXPECT_EQ(Best("transactions"), ItemType::kTransactionRecord);
  // The id still records that the header mentions transactions, as a weaker candidate.
  std::vector<HeaderMatch> m = Cat().MatchHeader("交易流水号");
  ASSERT_GE(m.size(), 2u);
  EXPECT_EQ(m[1].type, ItemType::kTransactionRecord);
  EXPECT_DOUBLE_EQ(m[1].score, 0.7);
}

// A credit score is a derived credit product about a person (JR/T 0117-2014 9.5 b): it is not
// declared non-personal, though a bare "评分" is.
TEST(CatalogMatchTest, CreditScoreIsNotDeclaredNonPersonal) {
  for (std::string_view h : {"信用评分", "credit_score", "客户编号"}) {
    for (const HeaderMatch& m : Cat().MatchHeader(h)) EXPECT_NE(m.type, ItemType::kNone) << h;
  }
}

TEST(CatalogMatchTest, AmbiguousPhoneNamesBoth) {
  std::vector<HeaderMatch> m = Cat().MatchHeader("联系电话");
  ASSERT_GE(m.size(), 2u);
  EXPECT_EQ(m[0].type, ItemType::kMobile);
  EXPECT_EQ(m[1].type, ItemType::kLandline);
  EXPECT_DOUBLE_EQ(m[1].score, 1.0);
}

TEST(CatalogMatchTest, OneCandidatePerTypeBestFirst) {
  for (std::string_view h : {"借款人身份证号码", "银行卡密码", "登录账号", "账户开立日期",
                             "mailing_address", "交易对手账号"}) {
    std::vector<HeaderMatch> m = Cat().MatchHeader(h);
    std::set<ItemType> seen;
    for (std::size_t i = 0; i < m.size(); ++i) {
      EXPECT_TRUE(seen.insert(m[i].type).second) << h;
      if (i > 0) {
        EXPECT_GE(m[i - 1].score, m[i].score) << h;
      }
    }
  }
  EXPECT_EQ(Best("银行卡密码"), ItemType::kCardPin);
  EXPECT_EQ(Best("mailing_address"), ItemType::kAddress);
  EXPECT_EQ(Best("交易对手账号"), ItemType::kPaymentAccount);
}

}  // namespace
}  // namespace cv::grading
