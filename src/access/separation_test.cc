// Separation of duties (ACC-1): one named test per conflict, and the combinations that are allowed.
#include "access/separation.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace cv::access {
namespace {

using R = Role;

// Granting `added` to a holder of `held` is refused with `rule_id`, in both orders.
void ExpectConflict(R held, R added, std::string_view rule_id) {
  for (auto [a, b] : {std::pair{held, added}, std::pair{added, held}}) {
    std::vector<R> current = {a};
    Status status = CheckGrant(current, b);
    ASSERT_FALSE(status) << RoleName(a) << " + " << RoleName(b);
    EXPECT_EQ(status.error().code(), ErrorCode::kPermissionDenied);
    EXPECT_TRUE(status.error().message().starts_with(std::string(rule_id) + ": "))
        << status.error().message();
    EXPECT_NE(status.error().message().find(RoleName(b)), std::string::npos);
  }
}

void ExpectAllowed(std::vector<R> current, R added) {
  Status status = CheckGrant(current, added);
  EXPECT_TRUE(status) << status.error().ToString();
}

// SOD-1 (Interim Measures Art.27): administrator / data-reporting / query users, pairwise.
TEST(SeparationTest, Acc1InstAdminAndReporterRefused) {
  ExpectConflict(R::kInstAdmin, R::kReporter, "SOD-1");
}
TEST(SeparationTest, Acc1InstAdminAndQuerierRefused) {
  ExpectConflict(R::kInstAdmin, R::kQuerier, "SOD-1");
}
TEST(SeparationTest, Acc1ReporterAndQuerierRefused) {
  ExpectConflict(R::kReporter, R::kQuerier, "SOD-1");
}

// SOD-2 (JR/T 0117 7.2.2 b): the security officer holds no other agency role.
TEST(SeparationTest, Acc1SecurityOfficerAndSecurityAdminRefused) {
  ExpectConflict(R::kSecurityOfficer, R::kSecurityAdmin, "SOD-2");
}
TEST(SeparationTest, Acc1SecurityOfficerAndSystemAdminRefused) {
  ExpectConflict(R::kSecurityOfficer, R::kSystemAdmin, "SOD-2");
}
TEST(SeparationTest, Acc1SecurityOfficerAndAuditorRefused) {
  ExpectConflict(R::kSecurityOfficer, R::kAuditor, "SOD-2");
}
TEST(SeparationTest, Acc1SecurityOfficerAndOperatorRefused) {
  ExpectConflict(R::kSecurityOfficer, R::kOperator, "SOD-2");
}
TEST(SeparationTest, Acc1SecurityOfficerAndDisputeHandlerRefused) {
  ExpectConflict(R::kSecurityOfficer, R::kDisputeHandler, "SOD-2");
}

// SOD-3 (JR/T 0117 7.2.2 c).
TEST(SeparationTest, Acc1SecurityAdminAndSystemAdminRefused) {
  ExpectConflict(R::kSecurityAdmin, R::kSystemAdmin, "SOD-3");
}

// SOD-4: the auditor is independent of every other agency role.
TEST(SeparationTest, Acc1AuditorAndSecurityAdminRefused) {
  ExpectConflict(R::kAuditor, R::kSecurityAdmin, "SOD-4");
}
TEST(SeparationTest, Acc1AuditorAndSystemAdminRefused) {
  ExpectConflict(R::kAuditor, R::kSystemAdmin, "SOD-4");
}
TEST(SeparationTest, Acc1AuditorAndOperatorRefused) {
  ExpectConflict(R::kAuditor, R::kOperator, "SOD-4");
}
TEST(SeparationTest, Acc1AuditorAndDisputeHandlerRefused) {
  ExpectConflict(R::kAuditor, R::kDisputeHandler, "SOD-4");
}

// SOD-5: agency administrators never hold a business role.
TEST(SeparationTest, Acc1SecurityAdminAndOperatorRefused) {
  ExpectConflict(R::kSecurityAdmin, R::kOperator, "SOD-5");
}
TEST(SeparationTest, Acc1SecurityAdminAndDisputeHandlerRefused) {
  ExpectConflict(R::kSecurityAdmin, R::kDisputeHandler, "SOD-5");
}
TEST(SeparationTest, Acc1SystemAdminAndOperatorRefused) {
  ExpectConflict(R::kSystemAdmin, R::kOperator, "SOD-5");
}
TEST(SeparationTest, Acc1SystemAdminAndDisputeHandlerRefused) {
  ExpectConflict(R::kSystemAdmin, R::kDisputeHandler, "SOD-5");
}

// SOD-6: objections are decided apart from data operations (docs/access.md).
TEST(SeparationTest, Acc1OperatorAndDisputeHandlerRefused) {
  ExpectConflict(R::kOperator, R::kDisputeHandler, "SOD-6");
}

// SOD-7: an institution's administrator reads no dispute content.
TEST(SeparationTest, Acc1InstAdminAndDisputeUserRefused) {
  ExpectConflict(R::kInstAdmin, R::kDisputeUser, "SOD-7");
}

// SOD-8: agency and institution roles never on one user; every pair.
TEST(SeparationTest, Acc1AgencyAndInstitutionRolesNeverMixed) {
  int pairs = 0;
  for (R agency : AllRoles()) {
    for (R institution : AllRoles()) {
      if (!IsAgencyRole(agency) || IsAgencyRole(institution)) continue;
      ExpectConflict(agency, institution, "SOD-8");
      ++pairs;
    }
  }
  EXPECT_EQ(pairs, 24);
}

TEST(SeparationTest, ReporterWithDisputeUserAccepted) {
  ExpectAllowed({R::kReporter}, R::kDisputeUser);
  ExpectAllowed({R::kDisputeUser}, R::kReporter);
}

TEST(SeparationTest, QuerierWithDisputeUserAccepted) {
  ExpectAllowed({R::kQuerier}, R::kDisputeUser);
  ExpectAllowed({R::kDisputeUser}, R::kQuerier);
}

TEST(SeparationTest, FirstRoleAlwaysAccepted) {
  for (R role : AllRoles()) ExpectAllowed({}, role);
}

TEST(SeparationTest, RegrantingAHeldRoleAccepted) {
  ExpectAllowed({R::kQuerier, R::kDisputeUser}, R::kQuerier);
  ExpectAllowed({R::kSecurityOfficer}, R::kSecurityOfficer);
}

// The whole table, as pairs: exactly these two combinations are allowed.
TEST(SeparationTest, OnlyTheseTwoPairsAreAllowed) {
  std::set<std::pair<R, R>> allowed;
  for (R a : AllRoles()) {
    for (R b : AllRoles()) {
      if (a < b && FindConflict(RoleSet{a, b}) == nullptr) allowed.insert({a, b});
    }
  }
  std::set<std::pair<R, R>> expected = {{R::kReporter, R::kDisputeUser},
                                        {R::kQuerier, R::kDisputeUser}};
  EXPECT_EQ(allowed, expected);
}

TEST(SeparationTest, ThirdRoleCheckedAgainstAllHeld) {
  Status status = CheckGrant(std::vector<R>{R::kQuerier, R::kDisputeUser}, R::kReporter);
  ASSERT_FALSE(status);
  EXPECT_TRUE(status.error().message().starts_with("SOD-1: "));
}

TEST(SeparationTest, RulesHaveUniqueIdsTextAndTwoOrMoreDisjointGroups) {
  std::set<std::string_view> ids;
  for (const SodRule& rule : SodRules()) {
    EXPECT_TRUE(ids.insert(rule.id).second) << rule.id;
    EXPECT_FALSE(rule.text.empty());
    ASSERT_GE(rule.groups.size(), 2u) << rule.id;
    RoleSet seen;
    for (RoleSet group : rule.groups) {
      EXPECT_FALSE(group.Intersects(seen)) << rule.id;
      seen = seen | group;
    }
  }
  EXPECT_EQ(ids.size(), 8u);
}

}  // namespace
}  // namespace cv::access
