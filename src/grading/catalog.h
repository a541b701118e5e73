// Catalog: every personal data item the credit domain knows, with its JR/T 0171 category and
// JR/T 0197 level (REQUIREMENTS GRD-1, GRD-2, GRD-4).
//
// Thread-safety: the catalog is immutable and safe to share.
// Invariants:
//  1. Every ItemType below kCount has exactly one DataItem, at index static_cast<int>(type).
//  2. level >= LevelFloor(category): C3 -> 4, C2 -> 3, C1 -> 2, none -> 1 (GRD-2).
//  3. `id` strings are part of the scan JSON interface. DO NOT CHANGE existing ids.
#ifndef CV_GRADING_CATALOG_H_
#define CV_GRADING_CATALOG_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "policy/policy.h"

namespace cv::grading {

// JR/T 0171-2020 4.2 categories.
enum class Category : std::uint8_t { kNone, kC1, kC2, kC3 };

// "C1" | "C2" | "C3" | "none".
std::string_view CategoryName(Category c);
// The lowest JR/T 0197 level a category implies (GRD-2).
int LevelFloor(Category c);

// Item types. Order is not stored anywhere; ids are.
enum class ItemType : std::uint8_t {
  kNone,
  kResidentId,          // cn_resident_id
  kResidentId15,        // cn_resident_id_15
  kPassport,            // passport
  kPersonName,          // person_name
  kGender,              // gender
  kBirthDate,           // birth_date
  kMobile,              // cn_mobile
  kLandline,            // landline
  kEmail,               // email
  kAddress,             // address
  kEmployer,            // employer
  kMaritalStatus,       // marital_status
  kEducation,           // education
  kIncome,              // income
  kBankCard,            // bank_card
  kCardCvn,             // card_cvn
  kCardExpiry,          // card_expiry
  kCardPin,             // card_pin
  kCardTrack,           // card_track_data
  kPassword,            // password
  kSmsCode,             // sms_code
  kSecurityAnswer,      // security_answer
  kLoginName,           // login_name
  kPaymentAccount,      // payment_account
  kSecuritiesAccount,   // securities_account
  kInsurancePolicyNo,   // insurance_policy_no
  kBalance,             // balance
  kLoanAmount,          // loan_amount
  kOverdueAmount,       // overdue_amount
  kRepaymentStatus,     // repayment_status
  kTransactionRecord,   // transaction_record
  kAccountOpenDate,     // account_open_date
  kOpeningBranch,       // opening_branch
  kPaymentToken,        // payment_token
  kUscc,                // cn_uscc
  kOrgName,             // org_name
  kIpAddress,           // ip_address
  kDeviceId,            // device_id
  kGeoLocation,         // geo_location
  kBiometricTemplate,   // biometric_template
  kReligion,            // religion (prohibited)
  kBloodType,           // blood_type (prohibited)
  kMedicalHistory,      // medical_history (prohibited)
  kFingerprint,         // fingerprint (prohibited)
  kGeneticData,         // genetic_data (prohibited)
  kFreeText,            // free_text: graded by what is found inside
  kCount
};

inline constexpr int kItemTypeCount = static_cast<int>(ItemType::kCount);

// How far value evidence alone can decide a column's type.
enum class ValueEvidence : std::uint8_t {
  kStrong,  // a check digit or a strict structure: values alone decide (ID, card, USCC).
  kMedium,  // a recognisable shape: values alone decide when nearly all cells match (mobile, email).
  kWeak,    // values only confirm plausibility; the header must name the item (amounts, PINs).
  kNone,    // no value detector; header only.
};

struct DataItem {
  ItemType type;
  std::string_view id;  // DO NOT CHANGE: part of the scan JSON interface.
  Category category;
  int level;  // JR/T 0197 minimum level, 1-5.
  bool prohibited;  // GRD-4: refused at collection (Reg Art.14).
  ValueEvidence evidence;
  std::string_view name_zh;
  std::string_view name_en;
  // Header synonyms, already normalized (see NormalizeHeader): lower-case ASCII, no spaces,
  // underscores, dashes or punctuation; Chinese as is.
  std::vector<std::string_view> synonyms;
  std::string_view clause;  // e.g. "JR/T 0171-2020 4.2 a) C3"
  policy::MaskRule mask;    // display rule for a value of this item (QRY-6)
  // Adverse credit information (overdue amounts, repayment status): removed 5 years after the
  // adverse behaviour ends (LIF-1; Reg Art.16). Pass to policy::Policy::For.
  bool adverse = false;
};

// A header's evidence for one item type.
struct HeaderMatch {
  ItemType type;
  double score;  // 1.0 exact synonym; 0.7 synonym contained in the header; see catalog.cc.
};

class Catalog {
 public:
  // The built-in catalog.
  static const Catalog& Default();

  const DataItem& Get(ItemType type) const { return items_[static_cast<int>(type)]; }
  // nullptr when `id` is unknown.
  const DataItem* FindById(std::string_view id) const;
  std::span<const DataItem> items() const { return items_; }

  // Candidate types for a column header, best first. A header that names a known non-personal
  // column (sequence number, transaction id, score) yields {kNone, score}.
  std::vector<HeaderMatch> MatchHeader(std::string_view header) const;

 private:
  explicit Catalog(std::vector<DataItem> items);
  std::vector<DataItem> items_;
};

// Lower-cases ASCII, maps full-width ASCII to half-width, removes spaces, '_', '-', '.', '/',
// brackets and other punctuation. "Customer_ID No." -> "customeridno".
std::string NormalizeHeader(std::string_view header);

}  // namespace cv::grading

#endif  // CV_GRADING_CATALOG_H_
