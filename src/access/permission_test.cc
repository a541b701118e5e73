// The action vocabulary and the declared role table (ACC-1, ACC-2).
#include "access/permission.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

namespace cv::access {
namespace {

using A = ActionId;
using R = Role;

TEST(PermissionTest, EveryActionNameFindsItsId) {
  for (const ActionInfo& info : AllActions()) {
    std::optional<ActionId> id = FindAction(info.name);
    ASSERT_TRUE(id) << info.name;
    EXPECT_EQ(*id, info.id);
    EXPECT_EQ(ActionName(info.id), info.name);
  }
  EXPECT_EQ(AllActions().size(), kActionCount);
}

TEST(PermissionTest, UnknownNamesAreNotFound) {
  for (std::string_view name : {"", "credit", "credit.query ", "Credit.query", "credit.quer",
                                "credit.query.all", "root", "*"}) {
    EXPECT_FALSE(FindAction(name)) << "'" << name << "'";
  }
}

TEST(PermissionTest, NamesAreUniqueDottedLowercaseWithDescriptions) {
  std::set<std::string_view> names;
  for (const ActionInfo& info : AllActions()) {
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    EXPECT_NE(info.name.find('.'), std::string_view::npos) << info.name;
    for (char c : info.name) EXPECT_TRUE(std::islower(c) || c == '.' || c == '_') << info.name;
    EXPECT_FALSE(info.description.empty()) << info.name;
    EXPECT_EQ(info.description.find('\n'), std::string_view::npos) << info.name;
  }
}

TEST(PermissionTest, DefaultTableValidates) {
  Status status = PermissionTable::Defaults().Validate();
  EXPECT_TRUE(status) << status.error().ToString();
}

// ACC-1; Interim Measures Art.28: administrators never hold a data permission.
TEST(PermissionTest, Acc1AdministratorsHoldNoDataAction) {
  PermissionTable table = PermissionTable::Defaults();
  ActionSet data = ActionsOfKind(ActionKind::kData);
  EXPECT_GE(AllActions().size(), 30u);
  EXPECT_FALSE(data.empty());
  for (R role : {R::kSecurityOfficer, R::kSecurityAdmin, R::kSystemAdmin, R::kInstAdmin}) {
    EXPECT_TRUE((table.Actions(role) & data).empty()) << RoleName(role);
  }
}

TEST(PermissionTest, EveryRoleHoldsTheSessionActionsAndSomethingElse) {
  PermissionTable table = PermissionTable::Defaults();
  ActionSet session = ActionsOfKind(ActionKind::kSession);
  for (R role : AllRoles()) {
    EXPECT_EQ(table.Actions(role) & session, session) << RoleName(role);
    EXPECT_NE(table.Actions(role), session) << RoleName(role);
  }
}

TEST(PermissionTest, Acc2LeastPrivilegeSpotChecks) {
  PermissionTable t = PermissionTable::Defaults();
  EXPECT_TRUE(t.Holds(R::kQuerier, A::kCreditQuery));
  EXPECT_FALSE(t.Holds(R::kReporter, A::kCreditQuery));
  EXPECT_TRUE(t.Holds(R::kReporter, A::kBatchSubmit));
  EXPECT_FALSE(t.Holds(R::kQuerier, A::kBatchSubmit));
  EXPECT_TRUE(t.Holds(R::kDisputeHandler, A::kDisputeHandle));
  EXPECT_FALSE(t.Holds(R::kDisputeUser, A::kDisputeHandle));
  EXPECT_TRUE(t.Holds(R::kDisputeUser, A::kDisputeFile));
  EXPECT_TRUE(t.Holds(R::kSystemAdmin, A::kKeysRotate));
  EXPECT_FALSE(t.Holds(R::kSecurityAdmin, A::kKeysRotate));
  EXPECT_TRUE(t.Holds(R::kSecurityOfficer, A::kInstitutionCreate));
  EXPECT_TRUE(t.Holds(R::kSecurityAdmin, A::kInstitutionSuspend));
}

// Issue #5 (JR/T 0117 9.1, 9.2): the security officer registers, admits and deregisters
// institutions and holds their keys; the security admin suspends and reinstates; nobody else
// changes an institution.
TEST(PermissionTest, InstitutionLifecycleHolders) {
  PermissionTable t = PermissionTable::Defaults();
  const auto holders = [&](A action) {
    RoleSet set;
    for (R role : AllRoles()) {
      if (t.Holds(role, action)) set.Add(role);
    }
    return set;
  };
  EXPECT_EQ(holders(A::kInstitutionCreate), RoleSet{R::kSecurityOfficer});
  EXPECT_EQ(holders(A::kInstitutionAdmit), RoleSet{R::kSecurityOfficer});
  EXPECT_EQ(holders(A::kInstitutionDeregister), RoleSet{R::kSecurityOfficer});
  EXPECT_EQ(holders(A::kInstitutionSetKey), RoleSet{R::kSecurityOfficer});
  EXPECT_EQ(holders(A::kInstitutionSuspend), RoleSet{R::kSecurityAdmin});
  EXPECT_EQ(holders(A::kInstitutionReinstate), RoleSet{R::kSecurityAdmin});
  EXPECT_EQ(holders(A::kInstitutionList),
            (RoleSet{R::kSecurityOfficer, R::kSecurityAdmin, R::kAuditor}));
}

// JR/T 0117 7.2.3 b: leaving suspension, leaving for good and replacing a batch-signing key need
// a second person's approval.
TEST(PermissionTest, InstitutionExitsAndKeysNeedApproval) {
  for (A action : {A::kInstitutionReinstate, A::kInstitutionDeregister, A::kInstitutionSetKey}) {
    EXPECT_TRUE(Describe(action).obligations.Has(Obligation::kRequireApproval))
        << ActionName(action);
  }
  EXPECT_FALSE(Describe(A::kInstitutionSuspend).obligations.Has(Obligation::kRequireApproval));
  EXPECT_EQ(Describe(A::kInstitutionDeregister).kind, ActionKind::kInstitution);
  EXPECT_EQ(FindAction("institution.deregister"), A::kInstitutionDeregister);
  EXPECT_EQ(FindAction("institution.admit"), A::kInstitutionAdmit);
}

TEST(PermissionTest, OnlyTheAuditorReadsTheAuditLog) {
  PermissionTable t = PermissionTable::Defaults();
  for (R role : AllRoles()) {
    EXPECT_EQ(t.Holds(role, A::kAuditRead), role == R::kAuditor) << RoleName(role);
  }
}

// Interim Measures Art.28: an institution's administrator creates its own institution's users.
TEST(PermissionTest, GrantScopes) {
  PermissionTable t = PermissionTable::Defaults();
  EXPECT_EQ(t.GrantScope(R::kInstAdmin), (RoleSet{R::kReporter, R::kQuerier, R::kDisputeUser}));
  EXPECT_FALSE(t.GrantScope(R::kInstAdmin).Has(R::kInstAdmin));
  EXPECT_TRUE(t.GrantScope(R::kSecurityOfficer).Has(R::kInstAdmin));
  EXPECT_TRUE(t.GrantScope(R::kSecurityOfficer).Has(R::kAuditor));
  EXPECT_FALSE(t.GrantScope(R::kSecurityOfficer).Has(R::kQuerier));
  EXPECT_FALSE(t.GrantScope(R::kSecurityOfficer).Has(R::kSecurityOfficer));
  EXPECT_FALSE(t.GrantScope(R::kSecurityAdmin).Has(R::kAuditor));
  EXPECT_TRUE(t.GrantScope(R::kSecurityAdmin).Has(R::kQuerier));
  EXPECT_TRUE(t.GrantScope(R::kQuerier).empty());
}

TEST(PermissionTest, ValidateRefusesDataActionForAnAdministrator) {
  PermissionTable t = PermissionTable::Defaults();
  t.Grant(R::kInstAdmin, A::kCreditReportMasked);
  Status status = t.Validate();
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(status.error().message().find("inst_admin"), std::string::npos);
  EXPECT_NE(status.error().message().find("credit.report_masked"), std::string::npos);
}

TEST(PermissionTest, ValidateRefusesAgencyActionForAnInstitutionRole) {
  PermissionTable t = PermissionTable::Defaults();
  t.Grant(R::kQuerier, A::kAuditRead);
  EXPECT_FALSE(t.Validate());
}

TEST(PermissionTest, ValidateRefusesInstitutionRoleGrantingAgencyRole) {
  PermissionTable t = PermissionTable::Defaults();
  t.AllowToGrant(R::kInstAdmin, R::kOperator);
  EXPECT_FALSE(t.Validate());
}

TEST(PermissionTest, ValidateRefusesRoleWithoutSessionActions) {
  PermissionTable t = PermissionTable::Defaults();
  t.Revoke(R::kAuditor, A::kSessionChangePassword);
  EXPECT_FALSE(t.Validate());
}

TEST(PermissionTest, SetsAddAndRemove) {
  ActionSet set = {A::kCreditQuery};
  EXPECT_TRUE(set.Has(A::kCreditQuery));
  set.Remove(A::kCreditQuery);
  EXPECT_TRUE(set.empty());
  ObligationSet o = {Obligation::kShowClear};
  EXPECT_TRUE(o.Has(Obligation::kShowClear));
  EXPECT_FALSE(o.Has(Obligation::kMaskByGrade));
  EXPECT_EQ(ObligationName(Obligation::kRequireConsent), "require_consent");
  EXPECT_EQ(ActionKindName(ActionKind::kPlatform), "platform");
}

}  // namespace
}  // namespace cv::access
