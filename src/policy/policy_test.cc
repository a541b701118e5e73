// Tests for the per-grade protections and the [policy] config section.
#include "policy/policy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace cv::policy {
namespace {

bool AnyActionCites(const Protection& p, std::string_view clause) {
  return std::any_of(p.actions.begin(), p.actions.end(),
                     [&](const std::string& a) { return a.find(clause) != std::string::npos; });
}

Result<Policy> FromToml(std::string_view text) {
  auto config = Config::Parse(text, "test.toml");
  EXPECT_TRUE(config.has_value()) << config.error().ToString();
  return Policy::FromConfig(*config);
}

// CRY-1: C2 and C3 are encrypted at rest and in transit; C1 at rest by default.
TEST(PolicyTest, Cry1EncryptsPersonalDataAtRest) {
  const Policy policy = Policy::Defaults();
  for (std::string_view category : {"C1", "C2", "C3"}) {
    const Protection p = policy.For(category, 1, MaskRule::kKeepLast4);
    EXPECT_TRUE(p.encrypt_at_rest) << category;
    EXPECT_TRUE(p.encrypt_in_transit) << category;
    EXPECT_TRUE(AnyActionCites(p, "CRY-1")) << category;
  }
  const Protection open = policy.For("none", 1, MaskRule::kNone);
  EXPECT_FALSE(open.encrypt_at_rest);
  EXPECT_EQ(open.cipher, "none");
}

TEST(PolicyTest, CipherNamesTheSuiteAndTheGradeKey) {
  EXPECT_EQ(Policy::Defaults().For("C2", 3, MaskRule::kFirst6Last4).cipher,
            "SM4-GCM under the per-grade key-encryption key (level 3)");
  auto intl = FromToml("[policy]\nsuite = \"intl\"\n");
  ASSERT_TRUE(intl.has_value()) << intl.error().ToString();
  EXPECT_EQ(intl->suite(), "intl");
  const Protection p = intl->For("C3", 4, MaskRule::kHideAll);
  EXPECT_EQ(p.cipher, "AES-256-GCM under the per-grade key-encryption key (level 4)");
}

// GRD-2: a category never sits below its level floor.
TEST(PolicyTest, Grd2LevelNeverBelowCategoryFloor) {
  const Policy policy = Policy::Defaults();
  EXPECT_EQ(policy.For("C3", 1, MaskRule::kHideAll).level, 4);
  EXPECT_EQ(policy.For("C2", 2, MaskRule::kRedactValue).level, 3);
  EXPECT_EQ(policy.For("C1", 1, MaskRule::kRedactValue).level, 2);
  EXPECT_EQ(policy.For("none", 0, MaskRule::kNone).level, 1);
  EXPECT_EQ(policy.For("none", 9, MaskRule::kNone).level, 5);
  EXPECT_EQ(policy.For("bogus", 1, MaskRule::kNone).category, "none");
}

// QRY-6 / JR/T 0171 C3 display rule: C3 is never shown, whatever the item's own rule.
TEST(PolicyTest, Qry6C3IsNeverShownNorExported) {
  const Protection p = Policy::Defaults().For("C3", 4, MaskRule::kKeepLast4);
  EXPECT_EQ(p.mask, MaskRule::kHideAll);
  EXPECT_TRUE(p.clear_view.starts_with("nobody"));
  EXPECT_TRUE(p.export_rule.starts_with("refused: never exported"));
  // Stricter than AUD-3: not even a hash of a PIN or CVN.
  EXPECT_TRUE(p.audit_detail.starts_with("the field name only"));
  EXPECT_TRUE(AnyActionCites(p, "CRY-6"));
}

// QRY-6: showing a C2 field in clear needs a specific permission and is audited.
TEST(PolicyTest, Qry6C2ClearViewNeedsPermission) {
  const Protection p = Policy::Defaults().For("C2", 3, MaskRule::kFirst3Last4);
  EXPECT_EQ(p.mask, MaskRule::kFirst3Last4);
  EXPECT_NE(p.clear_view.find("view_clear_c2"), std::string::npos);
  EXPECT_NE(p.clear_view.find("audited"), std::string::npos);
}

TEST(PolicyTest, PersonalDataIsNeverShownAsIs) {
  EXPECT_EQ(Policy::Defaults().For("C1", 2, MaskRule::kNone).mask, MaskRule::kRedactValue);
  EXPECT_EQ(Policy::Defaults().For("none", 1, MaskRule::kNone).mask, MaskRule::kNone);
}

// LIF-4, JR/T 0117-2014 9.9: level 3 and up leaves only under an approved export grant.
TEST(PolicyTest, Lif4ExportNeedsGrantFromLevel3) {
  const Policy policy = Policy::Defaults();
  EXPECT_TRUE(policy.For("C2", 3, MaskRule::kFirst6Last4)
                  .export_rule.starts_with("refused unless an approved export grant"));
  EXPECT_NE(policy.For("C1", 2, MaskRule::kRedactValue).export_rule.find("cross-border refused"),
            std::string::npos);
  EXPECT_EQ(policy.For("none", 1, MaskRule::kNone).export_rule, "allowed (level 1 public data)");
  EXPECT_TRUE(policy.For("none", 5, MaskRule::kRedactValue).export_rule.starts_with("refused"));
}

// AUD-3: audit records hold keyed hashes of C2 values, never the values.
TEST(PolicyTest, Aud3AuditHoldsKeyedHash) {
  const Protection p = Policy::Defaults().For("C2", 3, MaskRule::kFirst6Last4);
  EXPECT_EQ(p.audit_detail, "keyed hash (HMAC-SM3) of the value, never the value (AUD-3)");
  EXPECT_TRUE(AnyActionCites(p, "AUD-4"));
}

// LIF-1: adverse information is kept 5 years after the adverse behaviour ends.
TEST(PolicyTest, Lif1AdverseInformationRetention) {
  const Policy policy = Policy::Defaults();
  const Protection adverse = policy.For("C2", 3, MaskRule::kRedactValue, /*adverse=*/true);
  EXPECT_EQ(adverse.retention_days, Policy::kAdverseRetentionDays);
  EXPECT_TRUE(AnyActionCites(adverse, "LIF-1"));
  EXPECT_EQ(policy.For("C2", 3, MaskRule::kRedactValue).retention_days, 0);
}

TEST(PolicyTest, EveryActionCitesAClause) {
  const Policy policy = Policy::Defaults();
  for (int level = 1; level <= 5; ++level) {
    for (std::string_view category : {"none", "C1", "C2", "C3"}) {
      const Protection p = policy.For(category, level, MaskRule::kKeepLast4, level == 3);
      ASSERT_FALSE(p.actions.empty());
      for (const std::string& action : p.actions) {
        const bool cites = action.find("JR/T") != std::string::npos ||
                           action.find("-") != std::string::npos ||  // a rule id, e.g. CRY-1
                           action.find("Reg Art") != std::string::npos;
        EXPECT_TRUE(cites) << action;
      }
    }
  }
}

TEST(PolicyTest, EmptyConfigGivesDefaults) {
  auto policy = FromToml("");
  ASSERT_TRUE(policy.has_value());
  EXPECT_EQ(policy->suite(), "gm");
  EXPECT_EQ(policy->For("C2", 3, MaskRule::kFirst6Last4).export_rule,
            Policy::Defaults().For("C2", 3, MaskRule::kFirst6Last4).export_rule);
}

// Cross-cutting rule: config may only tighten. CRY-1 keeps C1 encrypted at rest.
TEST(PolicyTest, Cry1LooseningOverrideRefused) {
  auto policy = FromToml("[policy]\nc1_encrypt_at_rest = false\n");
  ASSERT_FALSE(policy.has_value());
  EXPECT_EQ(policy.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(policy.error().message().find("CRY-1"), std::string::npos);
  EXPECT_EQ(policy.error().position().line, 2u);
  EXPECT_TRUE(FromToml("[policy]\nc1_encrypt_at_rest = true\n").has_value());
}

TEST(PolicyTest, Lif4LooseningOverrideRefused) {
  auto looser = FromToml("[policy]\nexport_grant_min_level = 4\n");
  ASSERT_FALSE(looser.has_value());
  EXPECT_NE(looser.error().message().find("LIF-4"), std::string::npos);
  auto stricter = FromToml("[policy]\nexport_grant_min_level = 2\n");
  ASSERT_TRUE(stricter.has_value());
  EXPECT_TRUE(stricter->For("C1", 2, MaskRule::kRedactValue)
                  .export_rule.starts_with("refused unless an approved export grant"));
}

TEST(PolicyTest, C2ClearViewCanBeWithdrawn) {
  auto policy = FromToml("[policy]\nc2_clear_view = false\n");
  ASSERT_TRUE(policy.has_value());
  EXPECT_TRUE(policy->For("C2", 3, MaskRule::kFirst6Last4).clear_view.starts_with("nobody"));
}

TEST(PolicyTest, BadConfigValuesRefused) {
  EXPECT_FALSE(FromToml("[policy]\nsuite = \"des\"\n").has_value());
  EXPECT_FALSE(FromToml("[policy]\nsuite = 3\n").has_value());
  EXPECT_FALSE(FromToml("[policy]\nc1_encrypt_at_rest = \"yes\"\n").has_value());
  EXPECT_FALSE(FromToml("[policy]\nexport_grant_min_level = 0\n").has_value());
  auto typo = FromToml("[policy]\nc1_encrypt_at_rst = true\n");
  ASSERT_FALSE(typo.has_value());
  EXPECT_NE(typo.error().message().find("c1_encrypt_at_rst"), std::string::npos);
}

}  // namespace
}  // namespace cv::policy
