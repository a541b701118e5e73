// Policy: the protections each JR/T 0197 level demands, from the standards' defaults, tightened
// (never loosened) by the [policy] config section.
#include "policy/policy.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>

namespace cv::policy {
namespace {

constexpr int kMinLevel = 1;
constexpr int kMaxLevel = 5;
// LIF-4: from level 3 (C2) an export needs an approved grant; config may lower this, not raise it.
constexpr int kDefaultExportGrantMinLevel = 3;

constexpr std::string_view kNobody =
    "nobody: never displayed in clear (JR/T 0171-2020 6.1.4 C3 display rule; QRY-6)";
constexpr std::string_view kNeverExported = "refused: never exported (JR/T 0171-2020 6.1.4; LIF-4)";
constexpr std::string_view kNameOnly =
    "the field name only: neither the value nor a hash (AUD-3; a short secret such as a PIN or "
    "CVN could be guessed from its hash)";

// "C1" | "C2" | "C3" | "none"; anything else is "none".
std::string KnownCategory(std::string_view category) {
  if (category == "C1" || category == "C2" || category == "C3") return std::string(category);
  return "none";
}

// GRD-2: a category never sits below its level floor (C3 -> 4, C2 -> 3, C1 -> 2).
int GradeLevel(const std::string& category, int level) {
  int floor = kMinLevel;
  if (category == "C1") floor = 2;
  if (category == "C2") floor = 3;
  if (category == "C3") floor = 4;
  return std::clamp(std::max(level, floor), kMinLevel, kMaxLevel);
}

// The grade may force a stricter display than the item's own rule: C3 is never shown (QRY-6),
// and personal data (level 2 and up) is never shown as is.
MaskRule EffectiveMask(const std::string& category, int level, MaskRule mask) {
  if (category == "C3") return MaskRule::kHideAll;
  if (mask == MaskRule::kNone && level >= 2) return MaskRule::kRedactValue;
  return mask;
}

std::string CipherName(const std::string& suite, int level) {
  // CRY-2: gm is SM4-GCM, intl is AES-256-GCM; CRY-3: one key-encryption key per grade.
  std::string_view aead = suite == "intl" ? "AES-256-GCM" : "SM4-GCM";
  return fmt::format("{} under the per-grade key-encryption key (level {})", aead, level);
}

std::string HmacName(const std::string& suite) {
  return suite == "intl" ? "HMAC-SHA256" : "HMAC-SM3";
}

std::string ClearView(int level, bool c2_clear_view) {
  if (level <= 1) return "anyone who may read the dataset (level 1 public data)";
  if (level == 2) return "authorised staff of the owning institution (least privilege, ACC-2)";
  if (level == 3) {
    return c2_clear_view ? "holders of permission view_clear_c2, each view audited (QRY-6)"
                         : "nobody: withdrawn by policy.c2_clear_view = false (QRY-6)";
  }
  return "nobody: level 4 and up is shown masked only (GRD-2; QRY-6)";
}

std::string ExportRule(int level, int grant_min_level) {
  if (level >= 5) {
    return "refused: important data stays in the jurisdiction (GRD-2 level 5; JR/T 0117-2014 "
           "9.9 a-b)";
  }
  if (level >= grant_min_level) {
    return "refused unless an approved export grant exists; every export audited (LIF-4; "
           "JR/T 0117-2014 9.9; JR/T 0171-2020 6.1.4)";
  }
  if (level >= 2) {
    return "within the jurisdiction by authorised staff, audited; cross-border refused unless an "
           "approved export grant exists (LIF-4; JR/T 0117-2014 9.9 b)";
  }
  return "allowed (level 1 public data)";
}

std::string AuditDetail(const std::string& suite, int level) {
  if (level <= 1) return "the value may be recorded (level 1 public data)";
  return fmt::format("keyed hash ({}) of the value, never the value (AUD-3)", HmacName(suite));
}

// ---- actions: plain-language "what to do", one line each, citing its clause ----

std::string AtRestAction(const Protection& p) {
  if (!p.encrypt_at_rest) {
    return "No encryption at rest required: level 1 public or non-personal data (JR/T 0197-2020)";
  }
  std::string_view why = p.category == "C1" ? "CRY-1 default for C1" : "CRY-1";
  return fmt::format("Encrypt at rest with {} ({}, CRY-3; JR/T 0171-2020 6.1.3)", p.cipher, why);
}

std::string TransitAction(const Protection& p) {
  if (p.category == "C2" || p.category == "C3" || p.level >= 3) {
    return "Transmit only over TLS 1.2 or newer, mutual TLS for bulk clients (CRY-1, SEC-1; "
           "JR/T 0171-2020 6.1.2; JR/T 0117-2014 8.2)";
  }
  return "Serve over TLS 1.2 or newer, like every platform interface (SEC-1)";
}

std::string DisplayAction(const Protection& p) {
  if (p.mask == MaskRule::kHideAll) {
    return "Never display, not even masked: show ****** (QRY-6; JR/T 0171-2020 6.1.4 C3 display "
           "rule)";
  }
  if (p.mask == MaskRule::kNone) return "May be displayed as is: level 1 public data (GRD-2)";
  return fmt::format("Display masked by rule {} (QRY-6; JR/T 0171-2020 Annex A); in clear: {}",
                     MaskRuleName(p.mask), p.clear_view);
}

std::string ExportAction(const Protection& p) { return fmt::format("Export: {}", p.export_rule); }

std::string AuditAction(const Protection& p) {
  return fmt::format(
      "Audit records hold {}; keep them online at least 6 months, 5 years by "
      "default (AUD-4; JR/T 0117-2014 7.1.2 e)",
      p.audit_detail);
}

std::vector<std::string> Actions(const Protection& p, bool adverse) {
  std::vector<std::string> out = {AtRestAction(p), TransitAction(p), DisplayAction(p)};
  if (p.level >= 2) {
    out.push_back(ExportAction(p));
    out.push_back(AuditAction(p));
  }
  if (p.category == "C3") {
    out.push_back(
        "Keep no C3 data of cards or accounts another institution manages; collect it encrypted; "
        "store passwords and PINs only as salted slow hashes (JR/T 0171-2020 6.1.1, 6.1.3; "
        "CRY-1)");
    out.push_back("Wipe it from memory after use (CRY-6; JR/T 0117-2014 8.3.4 enhanced d)");
  }
  if (adverse) {
    out.push_back(
        "Delete, or de-identify and move to a non-production store, 5 years after the adverse "
        "behaviour ends (LIF-1; Reg Art.16; JR/T 0117-2014 9.6 b-c)");
  }
  return out;
}

// ---- config ----

Position KeyPosition(const Config& config, const toml::node& node, std::string_view key) {
  return Position{config.origin(), static_cast<std::uint64_t>(node.source().begin.line),
                  fmt::format("policy.{}", key)};
}

// Config has no boolean reader; this one follows Config::String.
Result<bool> ReadBool(const Config& config, std::string_view key, bool fallback) {
  const toml::node* node = config.Section("policy").get(key);
  if (node == nullptr) return fallback;
  if (!node->is_boolean()) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("policy.{} must be true or false", key),
                KeyPosition(config, *node, key));
  }
  return node->value<bool>().value_or(fallback);
}

Status Loosens(const Config& config, std::string_view key, std::string_view why) {
  const toml::node* node = config.Section("policy").get(key);
  Position where = node != nullptr ? KeyPosition(config, *node, key) : Position{};
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("policy.{} is refused: it would loosen {} (config may only make a "
                          "rule stricter)",
                          key, why),
              std::move(where));
}

}  // namespace

void Policy::BuildLevels() {
  for (int level = kMinLevel; level <= kMaxLevel; ++level) {
    levels_[level] = LevelRule{
        .encrypt_at_rest = level >= 2,  // CRY-1: C2/C3, and C1 by default
        .clear_view = ClearView(level, c2_clear_view_),
        .export_rule = ExportRule(level, export_grant_min_level_),
        .audit_detail = AuditDetail(suite_, level),
        .retention_days = 0,  // governed by the business retention; adverse data: LIF-1
    };
  }
  levels_[0] = levels_[kMinLevel];
}

Policy Policy::Defaults() {
  Policy policy;
  policy.BuildLevels();
  return policy;
}

Result<Policy> Policy::FromConfig(const Config& config) {
  CV_RETURN_IF_ERROR(config.CheckKeys(
      "policy", {"suite", "c1_encrypt_at_rest", "export_grant_min_level", "c2_clear_view"}));
  Policy policy;
  auto suite = config.String("policy", "suite", "gm");
  if (!suite) return std::unexpected(suite.error());
  if (*suite != "gm" && *suite != "intl") {
    return Fail(ErrorCode::kInvalidArgument, "policy.suite must be \"gm\" or \"intl\" (CRY-2)",
                KeyPosition(config, *config.Section("policy").get("suite"), "suite"));
  }
  auto c1_at_rest = ReadBool(config, "c1_encrypt_at_rest", true);
  if (!c1_at_rest) return std::unexpected(c1_at_rest.error());
  if (!*c1_at_rest) {
    CV_RETURN_IF_ERROR(Loosens(config, "c1_encrypt_at_rest", "CRY-1: C1 is encrypted at rest"));
  }
  auto grant_from = config.Int("policy", "export_grant_min_level", kDefaultExportGrantMinLevel,
                               kMinLevel, kMaxLevel);
  if (!grant_from) return std::unexpected(grant_from.error());
  if (*grant_from > kDefaultExportGrantMinLevel) {
    CV_RETURN_IF_ERROR(Loosens(config, "export_grant_min_level",
                               "LIF-4: exporting level 3 (C2) data needs an approved grant"));
  }
  auto c2_clear = ReadBool(config, "c2_clear_view", true);
  if (!c2_clear) return std::unexpected(c2_clear.error());
  policy.suite_ = *suite;
  policy.export_grant_min_level_ = static_cast<int>(*grant_from);
  policy.c2_clear_view_ = *c2_clear;
  policy.BuildLevels();
  return policy;
}

Protection Policy::For(std::string_view category, int level, MaskRule mask, bool adverse) const {
  Protection p;
  p.category = KnownCategory(category);
  p.level = GradeLevel(p.category, level);
  const LevelRule& rule = levels_[p.level];
  p.mask = EffectiveMask(p.category, p.level, mask);
  const bool hidden = p.mask == MaskRule::kHideAll;
  p.encrypt_at_rest = rule.encrypt_at_rest || p.category != "none";
  p.cipher = p.encrypt_at_rest ? CipherName(suite_, p.level) : "none";
  p.encrypt_in_transit = true;  // SEC-1: the platform speaks TLS >= 1.2 only
  p.clear_view = hidden ? std::string(kNobody) : rule.clear_view;
  p.export_rule = hidden ? std::string(kNeverExported) : rule.export_rule;
  p.audit_detail = hidden ? std::string(kNameOnly) : rule.audit_detail;
  p.retention_days = adverse ? kAdverseRetentionDays : rule.retention_days;
  p.actions = Actions(p, adverse);
  return p;
}

}  // namespace cv::policy
