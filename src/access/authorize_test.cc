// The decision point (ACC-2): one named test per rule of authorize.cc and per role-table promise.
#include "access/authorize.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cv::access {
namespace {

using A = ActionId;
using R = Role;

constexpr std::string_view kBankA = "bank-a";
constexpr std::string_view kBankB = "bank-b";

Authorizer MakeAuthorizer(std::vector<ShadowRule> shadow = {}, AuthorizerOptions options = {}) {
  auto authorizer = Authorizer::Create(PermissionTable::Defaults(), std::move(shadow), options);
  EXPECT_TRUE(authorizer) << authorizer.error().ToString();
  return std::move(*authorizer);
}

// A signed-in user with a second factor and nothing pending.
Principal User(R role) {
  Principal p;
  p.user_id = "u-1";
  p.institution = IsAgencyRole(role) ? "" : std::string(kBankA);
  p.roles = {role};
  p.second_factor_done = true;
  return p;
}

// A resource every rule but the role table accepts for `action` in `institution`.
Resource ValidResource(A action, std::string_view institution, R target = R::kQuerier) {
  Resource r;
  r.institution = std::string(institution);
  r.category = DataCategory::kC2;
  r.subject = Describe(action).kind == ActionKind::kSession ? "u-1" : "u-2";
  r.field = "mobile";
  r.target_role = target;
  return r;
}

Context Ctx() { return Context{.purpose = "02", .client_address = "10.0.0.7", .request_id = "r1"}; }

void ExpectDenied(const Decision& d, std::string_view rule) {
  EXPECT_FALSE(d.allow);
  EXPECT_EQ(d.rule, rule) << d.reason;
  EXPECT_FALSE(d.reason.empty());
  EXPECT_TRUE(d.obligations.empty());
}

TEST(AuthorizeTest, QuerierQueriesForItsInstitutionWithConsentAndMasking) {
  Authorizer authz = MakeAuthorizer();
  Decision d = authz.Authorize(User(R::kQuerier), "credit.query",
                               ValidResource(A::kCreditQuery, kBankA), Ctx());
  EXPECT_TRUE(d.allow) << d.rule << ": " << d.reason;
  EXPECT_EQ(d.rule, "ROLE-TABLE");
  EXPECT_EQ(d.granted_by, R::kQuerier);
  EXPECT_TRUE(d.obligations.Has(Obligation::kRequireConsent));
  EXPECT_TRUE(d.obligations.Has(Obligation::kMaskByGrade));
  EXPECT_FALSE(d.obligations.Has(Obligation::kShowClear));
  EXPECT_TRUE(d.shadow.empty());
}

TEST(AuthorizeTest, Acc2UnknownActionDeniedByDefault) {
  Authorizer authz = MakeAuthorizer();
  Principal p = User(R::kQuerier);
  Resource r = ValidResource(A::kCreditQuery, kBankA);
  for (std::string_view name : {"credit.delete", "", "CREDIT.QUERY", "credit.query2"}) {
    ExpectDenied(authz.Authorize(p, name, r, Ctx()), "AUTHZ-1");
  }
  ExpectDenied(authz.Authorize(p, A::kCount, r, Ctx()), "AUTHZ-1");
}

TEST(AuthorizeTest, ByNameAndByIdDecideAlike) {
  Authorizer authz = MakeAuthorizer();
  for (R role : AllRoles()) {
    for (const ActionInfo& info : AllActions()) {
      Resource r = ValidResource(info.id, IsAgencyRole(role) ? kBankB : kBankA);
      Decision by_name = authz.Authorize(User(role), info.name, r, Ctx());
      Decision by_id = authz.Authorize(User(role), info.id, r, Ctx());
      EXPECT_EQ(by_name.allow, by_id.allow) << info.name;
      EXPECT_EQ(by_name.rule, by_id.rule) << info.name;
    }
  }
}

// ACC-1; Interim Measures Art.28: the institution's administrator never reads credit data.
TEST(AuthorizeTest, Acc1InstAdminDeniedEveryDataAction) {
  Authorizer authz = MakeAuthorizer();
  int data_actions = 0;
  for (const ActionInfo& info : AllActions()) {
    if (info.kind != ActionKind::kData) continue;
    ++data_actions;
    Decision d =
        authz.Authorize(User(R::kInstAdmin), info.id, ValidResource(info.id, kBankA), Ctx());
    ExpectDenied(d, "AUTHZ-8");
  }
  EXPECT_GE(data_actions, 15);
}

TEST(AuthorizeTest, Acc1EveryAdministratorDeniedCreditQuery) {
  Authorizer authz = MakeAuthorizer();
  for (R role :
       {R::kSecurityOfficer, R::kSecurityAdmin, R::kSystemAdmin, R::kInstAdmin, R::kAuditor}) {
    Resource r = ValidResource(A::kCreditQuery, IsAgencyRole(role) ? kBankB : kBankA);
    Decision d = authz.Authorize(User(role), "credit.query", r, Ctx());
    SCOPED_TRACE(RoleName(role));
    ExpectDenied(d, "AUTHZ-8");
  }
}

// Every non-session action an institution role holds: allowed at home, denied at another bank.
TEST(AuthorizeTest, InstitutionUserDeniedEverythingOfAnotherInstitution) {
  Authorizer authz = MakeAuthorizer();
  int checked = 0;
  for (R role : {R::kInstAdmin, R::kReporter, R::kQuerier, R::kDisputeUser}) {
    for (const ActionInfo& info : AllActions()) {
      if (info.kind == ActionKind::kSession || !authz.table().Holds(role, info.id)) continue;
      SCOPED_TRACE(std::string(RoleName(role)) + " " + std::string(info.name));
      EXPECT_TRUE(
          authz.Authorize(User(role), info.id, ValidResource(info.id, kBankA), Ctx()).allow);
      ExpectDenied(authz.Authorize(User(role), info.id, ValidResource(info.id, kBankB), Ctx()),
                   "AUTHZ-9");
      ++checked;
    }
  }
  EXPECT_GE(checked, 15);
}

TEST(AuthorizeTest, InstitutionUserDeniedAgencyWideResource) {
  Authorizer authz = MakeAuthorizer();
  ExpectDenied(authz.Authorize(User(R::kQuerier), A::kCreditQuery,
                               ValidResource(A::kCreditQuery, ""), Ctx()),
               "AUTHZ-9");
}

// ACC-3 (first login forces a change), ACC-5 (enrol a second factor): nothing else until done.
TEST(AuthorizeTest, Acc3MustChangePasswordLimitedToSessionActions) {
  Authorizer authz = MakeAuthorizer();
  for (bool password : {true, false}) {
    Principal p = User(R::kQuerier);
    p.must_change_password = password;
    p.must_enrol_totp = !password;
    for (const ActionInfo& info : AllActions()) {
      Decision d = authz.Authorize(p, info.id, ValidResource(info.id, kBankA), Ctx());
      bool session = info.id == A::kSessionChangePassword || info.id == A::kSessionConfirmTotp;
      EXPECT_EQ(d.allow, session) << info.name;
      if (!session) {
        EXPECT_EQ(d.rule, "AUTHZ-6") << info.name;
      }
    }
  }
}

TEST(AuthorizeTest, Acc5AdministratorWithoutSecondFactorDenied) {
  Authorizer authz = MakeAuthorizer();
  Principal p = User(R::kSystemAdmin);
  p.second_factor_done = false;
  ExpectDenied(authz.Authorize(p, A::kKeysRotate, ValidResource(A::kKeysRotate, ""), Ctx()),
               "AUTHZ-7");
  EXPECT_TRUE(
      authz.Authorize(p, A::kSessionConfirmTotp, ValidResource(A::kSessionConfirmTotp, ""), Ctx())
          .allow);
  Principal querier = User(R::kQuerier);
  querier.second_factor_done = false;
  EXPECT_TRUE(
      authz.Authorize(querier, A::kCreditQuery, ValidResource(A::kCreditQuery, kBankA), Ctx())
          .allow);
}

TEST(AuthorizeTest, Acc5SecondFactorForEveryoneByPolicy) {
  Authorizer authz = MakeAuthorizer({}, AuthorizerOptions{.second_factor_for_all = true});
  Principal p = User(R::kQuerier);
  p.second_factor_done = false;
  ExpectDenied(authz.Authorize(p, A::kCreditQuery, ValidResource(A::kCreditQuery, kBankA), Ctx()),
               "AUTHZ-7");
}

TEST(AuthorizeTest, NoUserDenied) {
  Authorizer authz = MakeAuthorizer();
  Principal p = User(R::kQuerier);
  p.user_id.clear();
  ExpectDenied(authz.Authorize(p, A::kCreditQuery, ValidResource(A::kCreditQuery, kBankA), Ctx()),
               "AUTHZ-2");
}

TEST(AuthorizeTest, Acc7DeactivatedUserDenied) {
  Authorizer authz = MakeAuthorizer();
  Principal p = User(R::kQuerier);
  p.active = false;
  ExpectDenied(authz.Authorize(p, A::kCreditQuery, ValidResource(A::kCreditQuery, kBankA), Ctx()),
               "AUTHZ-3");
}

// Defence in depth: a user record edited around CheckGrant still gets nothing.
TEST(AuthorizeTest, Acc1PrincipalBreakingSeparationDenied) {
  Authorizer authz = MakeAuthorizer();
  Principal p = User(R::kQuerier);
  p.roles.push_back(R::kReporter);
  ExpectDenied(authz.Authorize(p, A::kCreditQuery, ValidResource(A::kCreditQuery, kBankA), Ctx()),
               "AUTHZ-4");
}

TEST(AuthorizeTest, AgencyRoleWithAnInstitutionDenied) {
  Authorizer authz = MakeAuthorizer();
  Principal p = User(R::kOperator);
  p.institution = std::string(kBankA);
  ExpectDenied(authz.Authorize(p, A::kMonitorReadAlerts,
                               ValidResource(A::kMonitorReadAlerts, kBankA), Ctx()),
               "AUTHZ-5");
  Principal q = User(R::kQuerier);
  q.institution.clear();
  ExpectDenied(authz.Authorize(q, A::kCreditQuery, ValidResource(A::kCreditQuery, ""), Ctx()),
               "AUTHZ-5");
}

// The store names the agency "AGENCY" (accounts.h); "" means the agency as well.
TEST(AuthorizeTest, AgencyInstitutionIdIsTheAgency) {
  Authorizer authz = MakeAuthorizer();
  Principal op = User(R::kOperator);
  op.institution = "AGENCY";
  EXPECT_TRUE(
      authz
          .Authorize(op, A::kMonitorReadAlerts, ValidResource(A::kMonitorReadAlerts, kBankA), Ctx())
          .allow);
  Principal q = User(R::kQuerier);
  q.institution = "AGENCY";
  ExpectDenied(authz.Authorize(q, A::kCreditQuery, ValidResource(A::kCreditQuery, "AGENCY"), Ctx()),
               "AUTHZ-5");
  ExpectDenied(authz.Authorize(User(R::kQuerier), A::kCreditQuery,
                               ValidResource(A::kCreditQuery, "AGENCY"), Ctx()),
               "AUTHZ-9");
}

TEST(AuthorizeTest, SessionActionOnAnotherAccountDenied) {
  Authorizer authz = MakeAuthorizer();
  Resource r = ValidResource(A::kSessionChangePassword, kBankA);
  r.subject = "u-2";
  ExpectDenied(authz.Authorize(User(R::kQuerier), A::kSessionChangePassword, r, Ctx()), "AUTHZ-10");
}

TEST(AuthorizeTest, NoOneAdministersTheirOwnAccount) {
  Authorizer authz = MakeAuthorizer();
  Resource r = ValidResource(A::kUserUnlock, kBankA);
  r.subject = "u-1";
  ExpectDenied(authz.Authorize(User(R::kInstAdmin), A::kUserUnlock, r, Ctx()), "AUTHZ-11");
  EXPECT_TRUE(authz.Authorize(User(R::kInstAdmin), A::kUserList, r, Ctx()).allow);
}

// Interim Measures Art.28: an inst_admin creates users of its own institution, institution roles
// only.
TEST(AuthorizeTest, InstAdminCreatesOnlyInstitutionRolesOfItsInstitution) {
  Authorizer authz = MakeAuthorizer();
  Principal admin = User(R::kInstAdmin);
  for (R target : AllRoles()) {
    Decision d =
        authz.Authorize(admin, "user.create", ValidResource(A::kUserCreate, kBankA, target), Ctx());
    EXPECT_EQ(d.allow, !IsAgencyRole(target) && target != R::kInstAdmin) << RoleName(target);
    if (!d.allow) {
      EXPECT_EQ(d.rule, "AUTHZ-12");
    }
  }
  Resource no_target = ValidResource(A::kUserGrantRole, kBankA);
  no_target.target_role.reset();
  ExpectDenied(authz.Authorize(admin, A::kUserGrantRole, no_target, Ctx()), "AUTHZ-12");
  ExpectDenied(
      authz.Authorize(admin, A::kUserDeactivate, ValidResource(A::kUserDeactivate, kBankB), Ctx()),
      "AUTHZ-9");
}

TEST(AuthorizeTest, SecurityOfficerCreatesAgencyAccountsAndFirstInstAdmin) {
  Authorizer authz = MakeAuthorizer();
  Principal officer = User(R::kSecurityOfficer);
  auto create = [&](R target) {
    return authz.Authorize(officer, A::kUserCreate, ValidResource(A::kUserCreate, kBankB, target),
                           Ctx());
  };
  EXPECT_TRUE(create(R::kInstAdmin).allow);
  EXPECT_TRUE(create(R::kAuditor).allow);
  EXPECT_TRUE(create(R::kOperator).allow);
  ExpectDenied(create(R::kQuerier), "AUTHZ-12");
  ExpectDenied(create(R::kSecurityOfficer), "AUTHZ-12");
  EXPECT_TRUE(authz
                  .Authorize(officer, A::kInstitutionCreate,
                             ValidResource(A::kInstitutionCreate, kBankB), Ctx())
                  .allow);
  ExpectDenied(authz.Authorize(officer, A::kUserDeactivate,
                               ValidResource(A::kUserDeactivate, kBankB), Ctx()),
               "AUTHZ-8");
}

TEST(AuthorizeTest, SecurityAdminManagesAgencyAndInstitutionAccounts) {
  Authorizer authz = MakeAuthorizer();
  Principal admin = User(R::kSecurityAdmin);
  for (A action : {A::kUserCreate, A::kUserDeactivate, A::kUserUnlock, A::kUserResetPassword,
                   A::kUserGrantRole}) {
    EXPECT_TRUE(authz.Authorize(admin, action, ValidResource(action, kBankB), Ctx()).allow)
        << ActionName(action);
    EXPECT_TRUE(
        authz.Authorize(admin, action, ValidResource(action, "AGENCY", R::kOperator), Ctx()).allow)
        << ActionName(action);
  }
  ExpectDenied(authz.Authorize(admin, A::kUserCreate,
                               ValidResource(A::kUserCreate, "", R::kSecurityOfficer), Ctx()),
               "AUTHZ-12");
  ExpectDenied(authz.Authorize(admin, A::kUserGrantRole,
                               ValidResource(A::kUserGrantRole, "", R::kAuditor), Ctx()),
               "AUTHZ-12");
}

TEST(AuthorizeTest, AuditorReadsAndVerifiesTheAuditLog) {
  Authorizer authz = MakeAuthorizer();
  for (A action : {A::kAuditRead, A::kAuditVerify, A::kAuditExportProof}) {
    EXPECT_TRUE(authz.Authorize(User(R::kAuditor), action, ValidResource(action, ""), Ctx()).allow);
    ExpectDenied(authz.Authorize(User(R::kSystemAdmin), action, ValidResource(action, ""), Ctx()),
                 "AUTHZ-8");
  }
  ExpectDenied(authz.Authorize(User(R::kAuditor), A::kConfigChange,
                               ValidResource(A::kConfigChange, ""), Ctx()),
               "AUTHZ-8");
}

TEST(AuthorizeTest, SystemAdminRotatesKeysUnderApproval) {
  Authorizer authz = MakeAuthorizer();
  Decision d = authz.Authorize(User(R::kSystemAdmin), "keys.rotate",
                               ValidResource(A::kKeysRotate, ""), Ctx());
  EXPECT_TRUE(d.allow);
  EXPECT_TRUE(d.obligations.Has(Obligation::kRequireApproval));
}

TEST(AuthorizeTest, ReporterSubmitsButNeverQueries) {
  Authorizer authz = MakeAuthorizer();
  EXPECT_TRUE(authz
                  .Authorize(User(R::kReporter), "batch.submit",
                             ValidResource(A::kBatchSubmit, kBankA), Ctx())
                  .allow);
  ExpectDenied(authz.Authorize(User(R::kReporter), "credit.query",
                               ValidResource(A::kCreditQuery, kBankA), Ctx()),
               "AUTHZ-8");
}

TEST(AuthorizeTest, DisputeRolesHandleDisputes) {
  Authorizer authz = MakeAuthorizer();
  EXPECT_TRUE(authz
                  .Authorize(User(R::kDisputeUser), "dispute.file",
                             ValidResource(A::kDisputeFile, kBankA), Ctx())
                  .allow);
  ExpectDenied(authz.Authorize(User(R::kDisputeUser), "dispute.handle",
                               ValidResource(A::kDisputeHandle, kBankA), Ctx()),
               "AUTHZ-8");
  Decision d = authz.Authorize(User(R::kDisputeHandler), "dispute.handle",
                               ValidResource(A::kDisputeHandle, kBankB), Ctx());
  EXPECT_TRUE(d.allow);
  EXPECT_TRUE(d.obligations.Has(Obligation::kMaskByGrade));
}

TEST(AuthorizeTest, Qry1QueryWithoutReasonDenied) {
  Authorizer authz = MakeAuthorizer();
  Context ctx = Ctx();
  ctx.purpose.clear();
  for (A action : {A::kCreditQuery, A::kCreditBulkQuery}) {
    ExpectDenied(authz.Authorize(User(R::kQuerier), action, ValidResource(action, kBankA), ctx),
                 "AUTHZ-13");
  }
}

// QRY-6; JR/T 0171-2020: C3 never in clear; C2 in clear with the permission, audited.
TEST(AuthorizeTest, Qry6C3NeverShownInClear) {
  Authorizer authz = MakeAuthorizer();
  Resource r = ValidResource(A::kCreditReportClearField, kBankA);
  r.category = DataCategory::kC3;
  ExpectDenied(authz.Authorize(User(R::kQuerier), A::kCreditReportClearField, r, Ctx()),
               "AUTHZ-14");
  r.category = DataCategory::kC2;
  Decision d = authz.Authorize(User(R::kQuerier), A::kCreditReportClearField, r, Ctx());
  EXPECT_TRUE(d.allow);
  EXPECT_TRUE(d.obligations.Has(Obligation::kShowClear));
  r.field.clear();
  ExpectDenied(authz.Authorize(User(R::kQuerier), A::kCreditReportClearField, r, Ctx()),
               "AUTHZ-14");
}

TEST(AuthorizeTest, Qry6C2ClearViewWithdrawnByPolicy) {
  Authorizer authz = MakeAuthorizer({}, AuthorizerOptions{.c2_clear_view = false});
  Resource r = ValidResource(A::kCreditReportClearField, kBankA);
  ExpectDenied(authz.Authorize(User(R::kQuerier), A::kCreditReportClearField, r, Ctx()),
               "AUTHZ-14");
  r.category = DataCategory::kC1;
  EXPECT_TRUE(authz.Authorize(User(R::kQuerier), A::kCreditReportClearField, r, Ctx()).allow);
}

ShadowRule ClearViewNeedsTwoFactor() {
  ShadowRule rule;
  rule.id = "SHADOW-1";
  rule.text = "clear view of C2 needs a second factor in the session";
  rule.actions = {"credit.report_clear_field"};
  rule.roles = {R::kQuerier};
  rule.min_category = DataCategory::kC2;
  rule.when = [](const Principal& p, const Resource&, const Context&) {
    return !p.second_factor_done;
  };
  return rule;
}

TEST(AuthorizeTest, ShadowRuleEvaluatedCountedButNotEnforced) {
  Authorizer authz = MakeAuthorizer({ClearViewNeedsTwoFactor()});
  Principal p = User(R::kQuerier);
  p.second_factor_done = false;
  Resource r = ValidResource(A::kCreditReportClearField, kBankA);
  Decision d = authz.Authorize(p, "credit.report_clear_field", r, Ctx());
  EXPECT_TRUE(d.allow);
  ASSERT_EQ(d.shadow.size(), 1u);
  EXPECT_EQ(d.shadow[0].rule_id, "SHADOW-1");
  EXPECT_TRUE(d.shadow[0].would_change);
  // Not matched: a second factor, a C1 field, another action.
  p.second_factor_done = true;
  EXPECT_TRUE(authz.Authorize(p, "credit.report_clear_field", r, Ctx()).shadow.empty());
  p.second_factor_done = false;
  r.category = DataCategory::kC1;
  EXPECT_TRUE(authz.Authorize(p, "credit.report_clear_field", r, Ctx()).shadow.empty());
  EXPECT_TRUE(authz.Authorize(p, "credit.query", r, Ctx()).shadow.empty());
  std::vector<ShadowCount> counts = authz.ShadowCounts();
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts[0].id, "SHADOW-1");
  EXPECT_EQ(counts[0].matched, 1u);
  EXPECT_EQ(counts[0].would_change, 1u);
}

TEST(AuthorizeTest, ShadowAllowRuleNeverAllows) {
  ShadowRule rule;
  rule.id = "SHADOW-2";
  rule.text = "auditors could read reports";
  rule.effect = ShadowRule::Effect::kAllow;
  rule.actions = {"credit.report_masked"};
  Authorizer authz = MakeAuthorizer({rule});
  Decision d = authz.Authorize(User(R::kAuditor), "credit.report_masked",
                               ValidResource(A::kCreditReportMasked, kBankA), Ctx());
  EXPECT_FALSE(d.allow);
  ASSERT_EQ(d.shadow.size(), 1u);
  EXPECT_TRUE(d.shadow[0].would_change);
  Decision agrees = authz.Authorize(User(R::kOperator), "credit.report_masked",
                                    ValidResource(A::kCreditReportMasked, kBankA), Ctx());
  ASSERT_EQ(agrees.shadow.size(), 1u);
  EXPECT_FALSE(agrees.shadow[0].would_change);
  EXPECT_EQ(authz.ShadowCounts()[0].matched, 2u);
  EXPECT_EQ(authz.ShadowCounts()[0].would_change, 1u);
}

TEST(AuthorizeTest, CreateRefusesBadShadowRules) {
  ShadowRule unknown;
  unknown.id = "S";
  unknown.actions = {"credit.nope"};
  EXPECT_FALSE(Authorizer::Create(PermissionTable::Defaults(), {unknown}));
  ShadowRule a;
  a.id = "S";
  EXPECT_FALSE(Authorizer::Create(PermissionTable::Defaults(), {a, a}));
  ShadowRule unnamed;
  EXPECT_FALSE(Authorizer::Create(PermissionTable::Defaults(), {unnamed}));
  EXPECT_TRUE(Authorizer::Create(PermissionTable::Defaults(), {a}));
}

TEST(AuthorizeTest, Acc1CreateRefusesTableGivingAnAdministratorData) {
  PermissionTable table = PermissionTable::Defaults();
  table.Grant(R::kSystemAdmin, A::kCreditQuery);
  auto authz = Authorizer::Create(table);
  ASSERT_FALSE(authz);
  EXPECT_EQ(authz.error().code(), ErrorCode::kFailedPrecondition);
}

TEST(AuthorizeTest, CustomTableIsEnforced) {
  PermissionTable table = PermissionTable::Defaults();
  table.Revoke(R::kQuerier, A::kCreditBulkQuery);
  auto authz = Authorizer::Create(table);
  ASSERT_TRUE(authz);
  ExpectDenied(authz->Authorize(User(R::kQuerier), A::kCreditBulkQuery,
                                ValidResource(A::kCreditBulkQuery, kBankA), Ctx()),
               "AUTHZ-8");
}

TEST(AuthorizeTest, EvaluateReportsMalformedRequestsAndDecidesOthers) {
  Authorizer authz = MakeAuthorizer();
  Principal p = User(R::kQuerier);
  Resource r = ValidResource(A::kCreditQuery, kBankA);
  Context c = Ctx();
  auto ok = authz.Evaluate({.principal = p, .action = "credit.query", .resource = r, .context = c});
  ASSERT_TRUE(ok);
  EXPECT_TRUE(ok->allow);
  auto no_action = authz.Evaluate({.principal = p, .action = "", .resource = r, .context = c});
  ASSERT_FALSE(no_action);
  EXPECT_EQ(no_action.error().code(), ErrorCode::kInvalidArgument);
  p.user_id.clear();
  auto anonymous =
      authz.Evaluate({.principal = p, .action = "credit.query", .resource = r, .context = c});
  ASSERT_FALSE(anonymous);
  EXPECT_EQ(anonymous.error().code(), ErrorCode::kUnauthenticated);
}

TEST(AuthorizeTest, RuleIdsAreUniqueAndListed) {
  std::set<std::string_view> ids;
  for (const AuthzRuleInfo& rule : AuthzRules()) {
    EXPECT_TRUE(ids.insert(rule.id).second) << rule.id;
    EXPECT_FALSE(rule.reason.empty());
  }
  EXPECT_EQ(ids.size(), 15u);
  EXPECT_TRUE(ids.contains("AUTHZ-1"));
  EXPECT_TRUE(ids.contains("ROLE-TABLE"));
}

}  // namespace
}  // namespace cv::access
