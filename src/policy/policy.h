// Policy: what each grade demands — encryption at rest, display masking, who may see the value
// in clear, exportability, audit detail, retention (REQUIREMENTS GRD-2, CRY-1, QRY-6, AUD-3, LIF-4).
//
// Thread-safety: immutable after construction; safe to share.
// Invariant: overrides from config may only make a rule stricter than the standards' default
// (ARCHITECTURE "Cross-cutting rules"); a looser override is refused with the rule it breaks.
#ifndef CV_POLICY_POLICY_H_
#define CV_POLICY_POLICY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/config.h"
#include "common/result.h"

namespace cv::policy {

// How a value is masked for display (QRY-6).
enum class MaskRule : std::uint8_t {
  kNone,           // shown as is (level 1 public data only)
  kHideAll,        // C3: never shown, "******"
  kFirst6Last4,    // card number, ID number (hides the birth date)
  kFirst3Last4,    // mobile
  kFirstChar,      // Chinese name: 张*, 张**; Latin names: first letter
  kProvinceCityDistrict,  // address: keep up to the district/county word
  kEmailLocal,     // email: first char of the local part + "***@domain"
  kKeepLast4,      // other identifiers/accounts: "****1234"
  kRedactValue,    // amounts, statuses, dates of C2 data: "***"
};

// Stable name, e.g. "first6_last4". DO NOT CHANGE: part of the scan JSON interface.
std::string_view MaskRuleName(MaskRule rule);

// Masks `value` (UTF-8) by `rule`. Never returns more of the value than the rule keeps.
std::string Mask(std::string_view value, MaskRule rule);

// The protections one grade demands.
struct Protection {
  int level = 1;                    // JR/T 0197 level 1-5
  std::string category;             // "C1" | "C2" | "C3" | "none"
  bool encrypt_at_rest = false;     // CRY-1
  std::string cipher;               // e.g. "SM4-GCM under the C2 key-encryption key"
  bool encrypt_in_transit = false;  // TLS >= 1.2 (SEC-1)
  MaskRule mask = MaskRule::kNone;  // display rule (QRY-6)
  std::string clear_view;           // who may see the clear value, e.g. "nobody" / "permission view_clear_c2, audited"
  std::string export_rule;          // "refused" / "approved export grant, audited" / "allowed"
  std::string audit_detail;         // what audit records hold: "keyed hash (HMAC-SM3)" ...
  int retention_days = 0;           // 0 = no limit from this rule
  std::vector<std::string> actions; // plain-language "what to do", each citing its clause
};

class Policy {
 public:
  // The standards' defaults.
  static Policy Defaults();
  // Defaults tightened by [policy] in config; refuses loosening overrides.
  static Result<Policy> FromConfig(const Config& config);

  // Protections for an item of `category` (by name "C1".."C3"/"none") at `level`, masked by
  // `mask` (the item's own display rule; the grade may force a stricter one, e.g. C3 -> hide all).
  // `adverse`: the item is adverse credit information (overdue amounts, repayment status), which
  // is kept 5 years after the adverse behaviour ends (LIF-1; Reg Art.16).
  Protection For(std::string_view category, int level, MaskRule mask, bool adverse = false) const;

  // "gm" (default) or "intl" (CRY-2).
  const std::string& suite() const { return suite_; }

  // LIF-1: adverse information is removed 5 years after the adverse behaviour ends (Reg Art.16).
  static constexpr int kAdverseRetentionDays = 5 * 365 + 1;  // 5 years, one leap day

 private:
  Policy() = default;
  // Fills levels_ from suite_, export_grant_min_level_ and c2_clear_view_.
  void BuildLevels();
  // See policy.cc for the fields: per-level rules.
  struct LevelRule {
    bool encrypt_at_rest;
    std::string clear_view;
    std::string export_rule;
    std::string audit_detail;
    int retention_days;
  };
  LevelRule levels_[6];  // index 1..5
  std::string suite_ = "gm";
  int export_grant_min_level_ = 3;  // LIF-4: from this level an export needs an approved grant
  bool c2_clear_view_ = true;       // QRY-6: C2 may be shown in clear with a permission
};

}  // namespace cv::policy

#endif  // CV_POLICY_POLICY_H_
