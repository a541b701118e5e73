// Catalog data: identity, contact, demographic, device and prohibited items.
// Categories: JR/T 0171-2020 4.2 a) C3, b) C2, c) C1 (GRD-1). Levels: JR/T 0197-2020 (GRD-2).
// Synonyms are normalized headers (NormalizeHeader): lower-case ASCII without punctuation,
// Chinese as is. Decisions where the standards are silent are recorded in docs/grading.md.
#include "grading/internal/catalog_items.h"

namespace cv::grading::internal {
namespace {

using policy::MaskRule;

DataItem NoneItem() {
  return {.type = ItemType::kNone,
          .id = "none",
          .category = Category::kNone,
          .level = 1,
          .prohibited = false,
          .evidence = ValueEvidence::kNone,
          .name_zh = "非个人信息",
          .name_en = "Not personal data",
          .synonyms = {},
          .clause = "JR/T 0197-2020 level 1 (public or non-personal)",
          .mask = MaskRule::kNone};
}

// clang-format off
constexpr std::string_view kCnResidentIdSynonyms[] = {
    "身份证", "身份证号", "身份证号码", "身份证件号码", "身份证件号", "身份证编号", "居民身份证",
    "居民身份证号", "居民身份证号码", "公民身份号码", "公民身份证号", "公民身份证号码", "证件号",
    "证件号码", "证件编号", "有效证件号码", "证照号码", "idcard", "idcardno", "idcardnum",
    "idcardnumber", "idno", "idnum", "idnumber", "identityno", "identitynumber", "identitycard",
    "identitycardno", "certno", "certnum", "certid", "certificateno", "certificatenumber",
    "certificateid", "residentid", "residentidno", "residentidnumber", "nationalid", "nationalidno",
    "nationalidnumber", "citizenid", "sfz", "sfzh", "sfzhm", "zjhm", "zjh"};
// clang-format on

DataItem ResidentId() {
  return {.type = ItemType::kResidentId,
          .id = "cn_resident_id",
          .category = Category::kC2,
          .level = 3,
          .prohibited = false,
          .evidence = ValueEvidence::kStrong,
          .name_zh = "居民身份证号码",
          .name_en = "Resident identity card number",
          .synonyms = Synonyms(kCnResidentIdSynonyms),
          .clause = "JR/T 0171-2020 4.2 b) C2: 证件类识别标识与证件信息(身份证)",
          .mask = MaskRule::kFirst6Last4};
}

// clang-format off
constexpr std::string_view kCnResidentId15Synonyms[] = {
    "15位身份证号", "15位身份证号码", "十五位身份证号码", "旧身份证号", "旧身份证号码",
    "一代身份证号", "一代身份证号码", "老身份证号码", "oldidno", "oldidnumber", "idno15",
    "idcard15"};
// clang-format on

DataItem ResidentId15() {
  return {.type = ItemType::kResidentId15,
          .id = "cn_resident_id_15",
          .category = Category::kC2,
          .level = 3,
          .prohibited = false,
          // No check character: region and date only, so values decide only when nearly all
          // cells match (docs/grading.md, decision D3).
          .evidence = ValueEvidence::kMedium,
          .name_zh = "15位居民身份证号码",
          .name_en = "Legacy 15-digit resident identity card number",
          .synonyms = Synonyms(kCnResidentId15Synonyms),
          .clause = "JR/T 0171-2020 4.2 b) C2: 证件类识别标识与证件信息(身份证)",
          .mask = MaskRule::kFirst6Last4};
}

// clang-format off
constexpr std::string_view kPassportSynonyms[] = {
    "护照", "护照号", "护照号码", "护照编号", "护照证件号", "passport", "passportno", "passportnum",
    "passportnumber", "passportid", "hzhm"};
// clang-format on

DataItem Passport() {
  return {.type = ItemType::kPassport,
          .id = "passport",
          .category = Category::kC2,
          .level = 3,
          .prohibited = false,
          .evidence = ValueEvidence::kMedium,
          .name_zh = "护照号码",
          .name_en = "Passport number",
          .synonyms = Synonyms(kPassportSynonyms),
          .clause = "JR/T 0171-2020 4.2 b) C2: 证件类识别标识与证件信息(护照)",
          // Nine characters: first 6 + last 4 would show all of it (decision D5).
          .mask = MaskRule::kKeepLast4};
}

// clang-format off
constexpr std::string_view kPersonNameSynonyms[] = {
    "姓名", "名字", "真实姓名", "客户姓名", "客户名称", "户名", "账户名", "账户名称", "开户名",
    "开户人", "开户人姓名", "持卡人", "持卡人姓名", "借款人", "借款人姓名", "申请人", "申请人姓名",
    "担保人", "担保人姓名", "联系人", "联系人姓名", "紧急联系人", "配偶姓名", "收款人",
    "收款人姓名", "收款方户名", "付款人", "付款人姓名", "付款方户名", "对方户名", "被查询人姓名",
    "信息主体姓名", "投保人", "被保险人", "受益人", "name", "fullname", "realname", "customername",
    "custname", "clientname", "holdername", "cardholder", "cardholdername", "accountname",
    "accountholder", "accountholdername", "firstname", "lastname", "surname", "givenname",
    "familyname", "borrower", "borrowername", "applicant", "applicantname", "contactname",
    "payeename", "payername", "spousename", "chinesename", "englishname", "legalname", "xm", "khxm"};
// clang-format on

DataItem PersonName() {
  return {.type = ItemType::kPersonName,
          .id = "person_name",
          .category = Category::kC2,
          .level = 3,
          .prohibited = false,
          .evidence = ValueEvidence::kMedium,
          .name_zh = "姓名",
          .name_en = "Person name",
          .synonyms = Synonyms(kPersonNameSynonyms),
          .clause =
              "JR/T 0171-2020 4.2 b) C2: 其他能够识别特定主体的信息 (a name in credit data "
              "identifies its subject)",
          .mask = MaskRule::kFirstChar};
}

// clang-format off
constexpr std::string_view kGenderSynonyms[] = {
    "性别", "客户性别", "sex", "gender", "xb"};
// clang-format on

DataItem Gender() {
  return {.type = ItemType::kGender,
          .id = "gender",
          .category = Category::kC1,
          .level = 2,
          .prohibited = false,
          .evidence = ValueEvidence::kWeak,
          .name_zh = "性别",
          .name_en = "Gender",
          .synonyms = Synonyms(kGenderSynonyms),
          .clause = "JR/T 0171-2020 4.2 c) C1: C2和C3类别信息中未包含的其他个人金融信息",
          .mask = MaskRule::kRedactValue};
}

// clang-format off
constexpr std::string_view kBirthDateSynonyms[] = {
    "出生日期", "出生年月", "出生年月日", "生日", "出生时间", "年龄", "birthday", "birthdate",
    "dateofbirth", "dob", "age", "csrq"};
// clang-format on

DataItem BirthDate() {
  return {.type = ItemType::kBirthDate,
          .id = "birth_date",
          .category = Category::kC1,
          .level = 2,
          .prohibited = false,
          .evidence = ValueEvidence::kMedium,
          .name_zh = "出生日期",
          .name_en = "Date of birth",
          // Age derives from the birth date and is graded with it (decision D12).
          .synonyms = Synonyms(kBirthDateSynonyms),
          .clause = "JR/T 0171-2020 4.2 c) C1: C2和C3类别信息中未包含的其他个人金融信息",
          .mask = MaskRule::kRedactValue};
}

// clang-format off
constexpr std::string_view kCnMobileSynonyms[] = {
    "手机", "手机号", "手机号码", "手机电话", "移动电话", "移动电话号码", "联系手机", "本人手机",
    "本人手机号", "预留手机号", "银行预留手机号", "绑定手机号", "注册手机号", "电话", "电话号码",
    "联系电话", "联系方式", "联系号码", "mobile", "mobileno", "mobilenum", "mobilenumber",
    "mobilephone", "mobilephoneno", "mobilephonenumber", "cellphone", "cellphoneno",
    "cellphonenumber", "cellno", "msisdn", "phone", "phoneno", "phonenum", "phonenumber", "tel",
    "telno", "telephone", "telephoneno", "contactphone", "contactnumber", "contactno", "sjh",
    "sjhm", "lxdh"};
// clang-format on

DataItem Mobile() {
  return {.type = ItemType::kMobile,
          .id = "cn_mobile",
          .category = Category::kC2,
          .level = 3,
          .prohibited = false,
          .evidence = ValueEvidence::kMedium,
          .name_zh = "手机号码",
          .name_en = "Mobile phone number",
          // "电话", "联系电话", "phone", "tel"... name a mobile or a landline; they are listed
          // under both, mobile first (decision D7).
          .synonyms = Synonyms(kCnMobileSynonyms),
          .clause = "JR/T 0171-2020 4.2 b) C2: 手机号码",
          .mask = MaskRule::kFirst3Last4};
}

// clang-format off
constexpr std::string_view kLandlineSynonyms[] = {
    "固定电话", "固定电话号码", "固话", "座机", "座机号", "座机号码", "家庭电话", "住宅电话",
    "宅电", "单位电话", "办公电话", "工作电话", "公司电话", "电话", "电话号码", "联系电话",
    "联系方式", "联系号码", "landline", "landlineno", "homephone", "homephoneno", "hometel",
    "officephone", "officetel", "workphone", "fixedphone", "fixedline", "phone", "phoneno",
    "phonenum", "phonenumber", "tel", "telno", "telephone", "telephoneno", "contactphone",
    "contactnumber", "contactno", "lxdh", "gddh"};
// clang-format on

DataItem Landline() {
  return {.type = ItemType::kLandline,
          .id = "landline",
          .category = Category::kC2,
          .level = 3,
          .prohibited = false,
          .evidence = ValueEvidence::kMedium,
          .name_zh = "固定电话",
          .name_en = "Landline phone number",
          .synonyms = Synonyms(kLandlineSynonyms),
          .clause = "JR/T 0171-2020 4.2 b) C2: 其他能够识别特定主体的信息 (like 手机号码)",
          .mask = MaskRule::kKeepLast4};
}

// clang-format off
constexpr std::string_view kEmailSynonyms[] = {
    "邮箱", "电子邮箱", "电子邮件", "电子邮箱地址", "邮箱地址", "邮件地址", "电邮", "email",
    "emailaddress", "emailaddr", "mail", "mailaddress", "dzyx"};
// clang-format on

DataItem Email() {
  return {
      .type = ItemType::kEmail,
      .id = "email",
      .category = Category::kC2,
      .level = 3,
      .prohibited = false,
      .evidence = ValueEvidence::kMedium,
      .name_zh = "电子邮箱",
      .name_en = "Email address",
      .synonyms = Synonyms(kEmailSynonyms),
      .clause = "JR/T 0171-2020 4.2 b) C2: 其他能够识别特定主体的信息 (often also the login name)",
      .mask = MaskRule::kEmailLocal};
}

// clang-format off
constexpr std::string_view kAddressSynonyms[] = {
    "地址", "住址", "家庭住址", "家庭地址", "居住地址", "现住址", "现居住地址", "常住地址",
    "户籍地址", "户籍所在地", "户口所在地", "通讯地址", "通信地址", "联系地址", "邮寄地址",
    "身份证地址", "证件地址", "单位地址", "工作地址", "公司地址", "详细地址", "收货地址", "住所",
    "住所地", "居住地", "address", "addr", "homeaddress", "homeaddr", "residentialaddress",
    "residenceaddress", "mailingaddress", "postaladdress", "contactaddress", "streetaddress",
    "workaddress", "companyaddress", "dz", "jtzz", "jzdz", "hjdz", "txdz"};
// clang-format on

DataItem Address() {
  return {.type = ItemType::kAddress,
          .id = "address",
          .category = Category::kC2,
          .level = 3,
          .prohibited = false,
          .evidence = ValueEvidence::kMedium,
          .name_zh = "地址",
          .name_en = "Address",
          .synonyms = Synonyms(kAddressSynonyms),
          .clause = "JR/T 0171-2020 4.2 b) C2: 其他能够识别特定主体的信息,如家庭地址",
          .mask = MaskRule::kProvinceCityDistrict};
}

// clang-format off
constexpr std::string_view kEmployerSynonyms[] = {
    "工作单位", "工作单位名称", "单位名称", "所在单位", "任职单位", "就职单位", "就职公司", "雇主",
    "公司名称", "职业", "职务", "职位", "employer", "employername", "companyname", "workunit",
    "workplace", "occupation", "jobtitle", "gzdw", "dwmc"};
// clang-format on

DataItem Employer() {
  return {.type = ItemType::kEmployer,
          .id = "employer",
          .category = Category::kC1,
          .level = 2,
          .prohibited = false,
          .evidence = ValueEvidence::kNone,
          .name_zh = "工作单位",
          .name_en = "Employer and occupation",
          .synonyms = Synonyms(kEmployerSynonyms),
          .clause = "JR/T 0171-2020 4.2 c) C1: C2和C3类别信息中未包含的其他个人金融信息",
          .mask = MaskRule::kRedactValue};
}

// clang-format off
constexpr std::string_view kMaritalStatusSynonyms[] = {
    "婚姻状况", "婚姻状态", "婚姻", "婚否", "maritalstatus", "marital", "marriage",
    "marriagestatus", "hyzk"};
// clang-format on

DataItem MaritalStatus() {
  return {.type = ItemType::kMaritalStatus,
          .id = "marital_status",
          .category = Category::kC1,
          .level = 2,
          .prohibited = false,
          .evidence = ValueEvidence::kWeak,
          .name_zh = "婚姻状况",
          .name_en = "Marital status",
          .synonyms = Synonyms(kMaritalStatusSynonyms),
          .clause = "JR/T 0171-2020 4.2 c) C1: C2和C3类别信息中未包含的其他个人金融信息",
          .mask = MaskRule::kRedactValue};
}

// clang-format off
constexpr std::string_view kEducationSynonyms[] = {
    "学历", "最高学历", "学位", "最高学位", "教育程度", "文化程度", "受教育程度", "education",
    "educationlevel", "degree", "edu", "xl"};
// clang-format on

DataItem Education() {
  return {.type = ItemType::kEducation,
          .id = "education",
          .category = Category::kC1,
          .level = 2,
          .prohibited = false,
          .evidence = ValueEvidence::kWeak,
          .name_zh = "学历",
          .name_en = "Education",
          .synonyms = Synonyms(kEducationSynonyms),
          .clause = "JR/T 0171-2020 4.2 c) C1: C2和C3类别信息中未包含的其他个人金融信息",
          .mask = MaskRule::kRedactValue};
}

// clang-format off
constexpr std::string_view kIpAddressSynonyms[] = {
    "ip地址", "登录ip", "客户端ip", "来源ip", "访问ip", "终端ip", "ip", "ipaddress", "ipaddr",
    "ipv4", "ipv6", "clientip", "loginip", "sourceip", "srcip", "remoteip", "remoteaddr", "userip"};
// clang-format on

DataItem IpAddress() {
  return {.type = ItemType::kIpAddress,
          .id = "ip_address",
          .category = Category::kC1,
          .level = 2,
          .prohibited = false,
          .evidence = ValueEvidence::kMedium,
          .name_zh = "IP地址",
          .name_en = "IP address",
          .synonyms = Synonyms(kIpAddressSynonyms),
          .clause = "JR/T 0171-2020 4.2 c) C1: C2和C3类别信息中未包含的其他个人金融信息",
          .mask = MaskRule::kRedactValue};
}

// clang-format off
constexpr std::string_view kDeviceIdSynonyms[] = {
    "设备号", "设备编号", "设备id", "设备标识", "设备标识码", "设备指纹", "浏览器指纹", "手机串号",
    "mac地址", "imei", "imsi", "meid", "idfa", "idfv", "oaid", "androidid", "udid", "mac",
    "macaddress", "macaddr", "deviceid", "deviceno", "devicecode", "devicefingerprint",
    "browserfingerprint"};
// clang-format on

DataItem DeviceId() {
  return {.type = ItemType::kDeviceId,
          .id = "device_id",
          .category = Category::kC1,
          .level = 2,
          .prohibited = false,
          .evidence = ValueEvidence::kMedium,
          .name_zh = "设备标识",
          .name_en = "Device identifier",
          .synonyms = Synonyms(kDeviceIdSynonyms),
          .clause = "JR/T 0171-2020 4.2 c) C1: C2和C3类别信息中未包含的其他个人金融信息",
          .mask = MaskRule::kKeepLast4};
}

// clang-format off
constexpr std::string_view kGeoLocationSynonyms[] = {
    "经纬度", "地理位置", "位置", "位置信息", "定位", "定位信息", "gps坐标", "坐标", "经度", "纬度",
    "登录位置", "gps", "latitude", "longitude", "lat", "lng", "lon", "location", "geolocation",
    "geo", "coordinates", "latlng", "latlon", "gpslocation"};
// clang-format on

DataItem GeoLocation() {
  return {.type = ItemType::kGeoLocation,
          .id = "geo_location",
          .category = Category::kC2,
          .level = 3,
          .prohibited = false,
          .evidence = ValueEvidence::kMedium,
          .name_zh = "地理位置",
          .name_en = "Precise location",
          .synonyms = Synonyms(kGeoLocationSynonyms),
          .clause =
              "JR/T 0171-2020 4.2 b) C2: 其他能够识别特定主体的信息 (a precise location, like a "
              "home address)",
          .mask = MaskRule::kRedactValue};
}

// clang-format off
constexpr std::string_view kBiometricTemplateSynonyms[] = {
    "生物特征", "生物特征模板", "生物识别信息", "人脸", "人脸特征", "人脸特征值", "人脸模板",
    "面部特征", "声纹", "声纹特征", "虹膜", "虹膜特征", "掌纹", "指静脉", "静脉特征", "biometric",
    "biometrics", "biometrictemplate", "facetemplate", "facefeature", "faceembedding", "voiceprint",
    "iris", "iristemplate", "palmprint", "veinpattern"};
// clang-format on

DataItem BiometricTemplate() {
  return {.type = ItemType::kBiometricTemplate,
          .id = "biometric_template",
          .category = Category::kC3,
          .level = 4,
          .prohibited = false,
          .evidence = ValueEvidence::kNone,
          .name_zh = "生物识别信息",
          .name_en = "Biometric template used to authenticate",
          .synonyms = Synonyms(kBiometricTemplateSynonyms),
          .clause = "JR/T 0171-2020 4.2 a) C3: 用于用户鉴别的个人生物识别信息",
          .mask = MaskRule::kHideAll};
}

// GRD-4: items the credit reporting regulation forbids collecting (Reg Art.14). They are graded
// level 4, so a dataset holding them is graded high even before the finding is read.
DataItem Prohibited(ItemType type, std::string_view id, Category category, ValueEvidence evidence,
                    std::string_view zh, std::string_view en,
                    std::vector<std::string_view> synonyms, std::string_view clause) {
  return {.type = type,
          .id = id,
          .category = category,
          .level = 4,
          .prohibited = true,
          .evidence = evidence,
          .name_zh = zh,
          .name_en = en,
          .synonyms = std::move(synonyms),
          .clause = clause,
          .mask = MaskRule::kHideAll};
}

// clang-format off
constexpr std::string_view kReligionSynonyms[] = {
    "宗教", "宗教信仰", "信仰", "religion", "religiousbelief", "faith", "zjxy"};
// clang-format on
// clang-format off
constexpr std::string_view kBloodTypeSynonyms[] = {
    "血型", "bloodtype", "bloodgroup"};
// clang-format on
// clang-format off
constexpr std::string_view kMedicalHistorySynonyms[] = {
    "病史", "既往病史", "既往史", "疾病史", "疾病", "病历", "病情", "健康状况", "健康信息", "诊断",
    "诊断结果", "医疗记录", "就诊记录", "住院记录", "medicalhistory", "medicalrecord",
    "medicalcondition", "disease", "diagnosis", "illness", "healthstatus", "healthcondition"};
// clang-format on
// clang-format off
constexpr std::string_view kFingerprintSynonyms[] = {
    "指纹", "指纹信息", "指纹特征", "指纹模板", "指纹数据", "fingerprint", "fingerprintdata",
    "fingerprinttemplate"};
// clang-format on
// clang-format off
constexpr std::string_view kGeneticDataSynonyms[] = {
    "基因", "基因信息", "基因数据", "基因检测", "基因检测结果", "dna", "genetic", "geneticdata",
    "genome", "genotype"};
// clang-format on

std::vector<DataItem> ProhibitedItems() {
  constexpr std::string_view kArt14 =
      "征信业管理条例 Art.14: 禁止采集宗教信仰、基因、指纹、血型、疾病和病史信息 (GRD-4)";
  return {
      Prohibited(ItemType::kReligion, "religion", Category::kNone, ValueEvidence::kWeak, "宗教信仰",
                 "Religion", Synonyms(kReligionSynonyms), kArt14),
      Prohibited(ItemType::kBloodType, "blood_type", Category::kNone, ValueEvidence::kWeak, "血型",
                 "Blood type", Synonyms(kBloodTypeSynonyms), kArt14),
      Prohibited(ItemType::kMedicalHistory, "medical_history", Category::kNone,
                 ValueEvidence::kNone, "疾病和病史", "Disease and medical history",
                 Synonyms(kMedicalHistorySynonyms), kArt14),
      // A fingerprint is also a biometric: C3 when held at all (JR/T 0171-2020 4.2 a)).
      Prohibited(ItemType::kFingerprint, "fingerprint", Category::kC3, ValueEvidence::kNone, "指纹",
                 "Fingerprint", Synonyms(kFingerprintSynonyms), kArt14),
      Prohibited(ItemType::kGeneticData, "genetic_data", Category::kNone, ValueEvidence::kNone,
                 "基因信息", "Genetic data", Synonyms(kGeneticDataSynonyms), kArt14),
  };
}

// clang-format off
constexpr std::string_view kFreeTextSynonyms[] = {
    "备注", "备注信息", "说明", "描述", "摘要", "附言", "交易附言", "留言", "内容", "详情", "评论",
    "用途", "remark", "remarks", "comment", "comments", "note", "notes", "memo", "description",
    "desc", "text", "content", "message", "msg", "details", "summary", "narrative", "freetext",
    "bz"};
// clang-format on

DataItem FreeText() {
  return {.type = ItemType::kFreeText,
          .id = "free_text",
          .category = Category::kNone,
          .level = 1,
          .prohibited = false,
          .evidence = ValueEvidence::kNone,
          .name_zh = "自由文本",
          .name_en = "Free text (graded by what is found inside)",
          .synonyms = Synonyms(kFreeTextSynonyms),
          .clause = "graded by the identifiers found inside (GRD-2: highest item level)",
          // Prose may hold anything: an example is never shown (decision D9).
          .mask = MaskRule::kRedactValue};
}

}  // namespace

std::vector<DataItem> PersonalItems() {
  std::vector<DataItem> items = {
      NoneItem(),      ResidentId(), ResidentId15(), Passport(), PersonName(),  Gender(),
      BirthDate(),     Mobile(),     Landline(),     Email(),    Address(),     Employer(),
      MaritalStatus(), Education(),  IpAddress(),    DeviceId(), GeoLocation(), BiometricTemplate(),
      FreeText(),
  };
  for (DataItem& item : ProhibitedItems()) items.push_back(std::move(item));
  return items;
}

}  // namespace cv::grading::internal
