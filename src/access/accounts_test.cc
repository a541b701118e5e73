// Accounts: bootstrap, who manages whom, separation of duties at creation, lockout, second
// factor, password change and deactivation (ACC-1, ACC-3..7).
#include "access/accounts.h"

#include <gtest/gtest.h>

#include "access/testing/access_fixture.h"

namespace cv::access {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;
using test::kInitialPassword;
using test::kOfficerPassword;

class AccountsTest : public test::AccessFixture {};

TEST_F(AccountsTest, BootstrapHappensOnce) {
  auto again = InTx([&](store::Tx& tx) {
    return accounts_->Bootstrap(tx, "other", "Other", Secret("Another#Pass9"));
  });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(otpauth_.rfind("otpauth://totp/CreditVault:officer?secret=", 0), 0u) << otpauth_;
}

TEST_F(AccountsTest, Acc5EnrolledOfficerNeedsTheCodeAndReplaysAreRefused) {
  EXPECT_FALSE(Login("officer", kOfficerPassword));
  const std::string code = OfficerCode(clock_.Now());
  auto ok = Login("officer", kOfficerPassword, code);
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_FALSE(ok->must_change_password);
  EXPECT_FALSE(Login("officer", kOfficerPassword, code));  // Same code again: replay.
}

TEST_F(AccountsTest, Acc5SeedIsStoredEncrypted) {
  auto tx = store_->Begin(store::TxMode::kRead);
  auto row = (*tx)->QueryOne("SELECT totp_seed FROM users WHERE login = 'officer'");
  ASSERT_TRUE(row && *row);
  const std::string stored = *(*row)->Blob(0);
  EXPECT_EQ(static_cast<std::uint8_t>(stored[2]), 3u);  // A C3 field ciphertext.
  const std::size_t at = otpauth_.find("secret=") + 7;
  auto seed = test::Base32DecodeForTesting(otpauth_.substr(at, otpauth_.find('&', at) - at));
  EXPECT_EQ(stored.find(seed->View(SecretAccess::Get())), std::string::npos);
}

TEST_F(AccountsTest, Acc4FifthFailureLocksForThirtyMinutes) {
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(Login("officer", "Wrong#Password1"));
  EXPECT_EQ(Events("auth.lock", "ok"), 1);
  EXPECT_FALSE(Login("officer", kOfficerPassword, OfficerCode(clock_.Now())));  // Locked.
  clock_.Advance(minutes(30) + seconds(1));
  EXPECT_TRUE(Login("officer", kOfficerPassword, OfficerCode(clock_.Now())));
}

TEST_F(AccountsTest, Acc4UnknownUserFailsTheSameWayAndIsAudited) {
  auto r = Login("nobody", "Whatever#123");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(), "login failed");
  auto wrong = Login("officer", "Whatever#123");
  EXPECT_EQ(wrong.error().message(), r.error().message());
  EXPECT_EQ(Events("auth.login", "denied"), 2);
}

TEST_F(AccountsTest, OfficerCreatesAnInstitutionsFirstAdminOnly) {
  EXPECT_TRUE(Create(Officer(), "admin-a", "B0001", {Role::kInstAdmin}));
  auto querier = Create(Officer(), "q-a", "B0001", {Role::kQuerier});
  ASSERT_FALSE(querier);
  EXPECT_EQ(querier.error().code(), ErrorCode::kPermissionDenied);
}

TEST_F(AccountsTest, InstAdminManagesOnlyItsOwnInstitutionAndNoAdmins) {
  auto admin = Create(Officer(), "admin-a", "B0001", {Role::kInstAdmin});
  ASSERT_TRUE(admin);
  Actor a{*admin, "admin-a", "B0001", {Role::kInstAdmin}, "ip"};
  EXPECT_TRUE(Create(a, "q-a", "B0001", {Role::kQuerier}));
  EXPECT_FALSE(Create(a, "q-b", "B0002", {Role::kQuerier}));
  EXPECT_FALSE(Create(a, "admin-a2", "B0001", {Role::kInstAdmin}));
  EXPECT_GE(Events("user.create", "denied"), 2);
}

TEST_F(AccountsTest, Acc1ConflictingRolesAreRefusedAtCreation) {
  auto admin = Create(Officer(), "admin-a", "B0001", {Role::kInstAdmin});
  Actor a{*admin, "admin-a", "B0001", {Role::kInstAdmin}, "ip"};
  auto both = Create(a, "rq", "B0001", {Role::kReporter, Role::kQuerier});
  ASSERT_FALSE(both);
  EXPECT_EQ(both.error().code(), ErrorCode::kPermissionDenied);
}

TEST_F(AccountsTest, Acc3NewUserMustChangePasswordAndCannotReuseIt) {
  auto admin = Create(Officer(), "admin-a", "B0001", {Role::kInstAdmin});
  Actor a{*admin, "admin-a", "B0001", {Role::kInstAdmin}, "ip"};
  ASSERT_TRUE(Create(a, "q-a", "B0001", {Role::kQuerier}));
  auto first = Login("q-a", kInitialPassword);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_TRUE(first->must_change_password);
  EXPECT_FALSE(first->must_enrol_second_factor);  // Not mandatory for queriers.
  SessionInfo session =
      *InTx([&](store::Tx& tx) { return sessions_->Check(tx, first->session.token); });
  auto reuse = InTx([&](store::Tx& tx) {
    return accounts_->ChangePassword(tx, session, Secret(kInitialPassword),
                                     Secret(kInitialPassword));
  });
  EXPECT_FALSE(reuse);
  EXPECT_TRUE(InTx([&](store::Tx& tx) {
    return accounts_->ChangePassword(tx, session, Secret(kInitialPassword), Secret("Brand#New2pw"));
  }));
  EXPECT_FALSE(Login("q-a", kInitialPassword));
  auto again = Login("q-a", "Brand#New2pw");
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->must_change_password);
}

TEST_F(AccountsTest, Acc5InstAdminIsEnrolledAtFirstLogin) {
  ASSERT_TRUE(Create(Officer(), "admin-a", "B0001", {Role::kInstAdmin}));
  auto first = Login("admin-a", kInitialPassword);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_TRUE(first->must_enrol_second_factor);
  ASSERT_TRUE(first->otpauth_uri.has_value());
}

TEST_F(AccountsTest, Acc7DeactivationEndsSessionsAndLogins) {
  auto admin = Create(Officer(), "admin-a", "B0001", {Role::kInstAdmin});
  Actor a{*admin, "admin-a", "B0001", {Role::kInstAdmin}, "ip"};
  auto id = Create(a, "q-a", "B0001", {Role::kQuerier});
  auto login = Login("q-a", kInitialPassword);
  ASSERT_TRUE(login);
  ASSERT_TRUE(InTx([&](store::Tx& tx) { return accounts_->Deactivate(tx, a, *id, "left"); }));
  EXPECT_FALSE(InTx([&](store::Tx& tx) { return sessions_->Check(tx, login->session.token); }));
  EXPECT_FALSE(Login("q-a", kInitialPassword));
  auto tx = store_->Begin();
  EXPECT_FALSE((*tx)->Exec("DELETE FROM users WHERE login = 'q-a'"));  // Never deleted.
}

// --- Institutions' status at user creation (issue #5) ---

TEST_F(AccountsTest, CreateUserAtAnUnknownInstitutionIsNotFoundAndAudited) {
  auto id = Create(Officer(), "admin-x", "B9999", {Role::kInstAdmin});
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(Events("user.create", "denied"), 1);
  EXPECT_EQ(UserColumn("admin-x", "id"), "");
}

TEST_F(AccountsTest, CreateUserAtADeregisteredInstitutionIsRefused) {
  ASSERT_TRUE(InTx([&](store::Tx& tx) {
    return tx.Exec("UPDATE institutions SET status = 'deregistered' WHERE code = 'B0002'");
  }));
  auto id = Create(Officer(), "admin-b", "B0002", {Role::kInstAdmin});
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(id.error().message().find("deregistered"), std::string::npos);
  EXPECT_EQ(Events("user.create", "denied"), 1);
}

TEST_F(AccountsTest, PendingInstitutionGetsItsAdminButNoOtherUser) {
  ASSERT_TRUE(InTx([&](store::Tx& tx) {
    return tx.Exec("UPDATE institutions SET status = 'pending' WHERE code = 'B0002'");
  }));
  EXPECT_TRUE(Create(Officer(), "admin-b", "B0002", {Role::kInstAdmin}));
  auto querier = Create(SecurityAdmin(), "q-b", "B0002", {Role::kQuerier});
  ASSERT_FALSE(querier);
  EXPECT_EQ(querier.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(querier.error().message().find("pending admission"), std::string::npos);
}

// --- Grants and revocations (ACC-1) ---

class AccountsManageTest : public AccountsTest {
 protected:
  void SetUp() override {
    AccountsTest::SetUp();
    admin_a_ = InstAdmin("admin-a", "B0001");
    admin_b_ = InstAdmin("admin-b", "B0002");
    auto q = Create(admin_a_, "q-a", "B0001", {Role::kQuerier});
    ASSERT_TRUE(q) << q.error().ToString();
    querier_ = *q;
  }

  std::vector<Role> Roles(std::int64_t id) {
    return InTx([&](store::Tx& tx) { return accounts_->RolesOf(tx, id); })
        .value_or(std::vector<Role>{});
  }

  Status Grant(const Actor& by, std::int64_t id, Role role) {
    return InTx([&](store::Tx& tx) { return accounts_->GrantRole(tx, by, id, role); });
  }
  Status Revoke(const Actor& by, std::int64_t id, Role role) {
    return InTx([&](store::Tx& tx) { return accounts_->RevokeRole(tx, by, id, role); });
  }

  Actor admin_a_;
  Actor admin_b_;
  std::int64_t querier_ = 0;
};

TEST_F(AccountsManageTest, InstAdminGrantsARoleInItsScope) {
  ASSERT_TRUE(Grant(admin_a_, querier_, Role::kDisputeUser));
  EXPECT_EQ(Roles(querier_), (std::vector<Role>{Role::kDisputeUser, Role::kQuerier}));
  EXPECT_EQ(Events("user.grant_role", "ok"), 1);
  EXPECT_NE(LastEntry("user.grant_role").find("granted dispute_user"), std::string::npos);
}

TEST_F(AccountsManageTest, Acc1GrantBreakingSeparationOfDutiesNamesTheRule) {
  Status s = Grant(admin_a_, querier_, Role::kReporter);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_TRUE(s.error().message().starts_with("SOD-1: ")) << s.error().message();
  EXPECT_EQ(Roles(querier_), std::vector<Role>{Role::kQuerier});
  EXPECT_EQ(Events("user.grant_role", "denied"), 1);
  EXPECT_NE(LastEntry("user.grant_role").find("SOD-1"), std::string::npos);
}

TEST_F(AccountsManageTest, Acc1AgencyGrantBreakingSeparationOfDutiesNamesTheRule) {
  auto sys = Create(Officer(), "sys", "AGENCY", {Role::kSystemAdmin});
  ASSERT_TRUE(sys);
  Status s = Grant(SecurityAdmin(), *sys, Role::kOperator);  // Both in the admin's scope.
  ASSERT_FALSE(s);
  EXPECT_TRUE(s.error().message().starts_with("SOD-5: ")) << s.error().message();
  EXPECT_EQ(Roles(*sys), std::vector<Role>{Role::kSystemAdmin});
}

TEST_F(AccountsManageTest, InstAdminCannotGrantInAnotherInstitution) {
  Status s = Grant(admin_b_, querier_, Role::kDisputeUser);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(s.error().message().find("own institution"), std::string::npos);
  EXPECT_EQ(Roles(querier_), std::vector<Role>{Role::kQuerier});
  EXPECT_EQ(Events("user.grant_role", "denied"), 1);
}

TEST_F(AccountsManageTest, InstAdminCannotGrantOutsideItsScope) {
  Status s = Grant(admin_a_, querier_, Role::kInstAdmin);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(s.error().message().find("inst_admin"), std::string::npos);
  // Nor manage an account holding a role outside its scope: another administrator.
  auto admin_a2 = Create(Officer(), "admin-a2", "B0001", {Role::kInstAdmin});
  ASSERT_TRUE(admin_a2);
  EXPECT_FALSE(Grant(admin_a_, *admin_a2, Role::kDisputeUser));
}

TEST_F(AccountsManageTest, NobodyGrantsToTheirOwnAccount) {
  Actor admin = SecurityAdmin();
  Status s = Grant(admin, admin.user_id, Role::kOperator);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(s.error().message().find("own account"), std::string::npos);
}

TEST_F(AccountsManageTest, AgencyRoleIsNotGrantedToAnInstitutionsUser) {
  Status s = Grant(SecurityAdmin(), querier_, Role::kOperator);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Roles(querier_), std::vector<Role>{Role::kQuerier});
}

TEST_F(AccountsManageTest, GrantingAHeldRoleChangesNothing) {
  ASSERT_TRUE(Grant(admin_a_, querier_, Role::kQuerier));
  EXPECT_EQ(Roles(querier_), std::vector<Role>{Role::kQuerier});
  EXPECT_NE(LastEntry("user.grant_role").find("already held"), std::string::npos);
}

TEST_F(AccountsManageTest, DeactivatedAccountGetsNoRole) {
  ASSERT_TRUE(
      InTx([&](store::Tx& tx) { return accounts_->Deactivate(tx, admin_a_, querier_, ""); }));
  Status s = Grant(admin_a_, querier_, Role::kDisputeUser);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(AccountsManageTest, RevokeRoleRemovesItAndEndsTheUsersSessions) {
  ASSERT_TRUE(Grant(admin_a_, querier_, Role::kDisputeUser));
  auto login = Login("q-a", kInitialPassword);
  ASSERT_TRUE(login) << login.error().ToString();
  ASSERT_TRUE(Revoke(admin_a_, querier_, Role::kDisputeUser));
  EXPECT_EQ(Roles(querier_), std::vector<Role>{Role::kQuerier});
  EXPECT_FALSE(InTx([&](store::Tx& tx) { return sessions_->Check(tx, login->session.token); }));
  EXPECT_EQ(Events("user.revoke_role", "ok"), 1);
  Status again = Revoke(admin_a_, querier_, Role::kDisputeUser);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(Events("user.revoke_role", "denied"), 1);
}

TEST_F(AccountsManageTest, InstAdminCannotRevokeInAnotherInstitution) {
  Status s = Revoke(admin_b_, querier_, Role::kQuerier);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(Roles(querier_), std::vector<Role>{Role::kQuerier});
}

// --- Unlock (ACC-4) and password reset (ACC-3) ---

TEST_F(AccountsManageTest, Acc4UnlockClearsTheLockAndTheFailureCount) {
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(Login("q-a", "Wrong#Password1"));
  EXPECT_EQ(UserColumn("q-a", "status"), "locked");
  EXPECT_FALSE(Login("q-a", kInitialPassword));  // Locked, for 30 minutes.
  ASSERT_TRUE(InTx([&](store::Tx& tx) { return accounts_->Unlock(tx, admin_a_, querier_); }));
  EXPECT_EQ(UserColumn("q-a", "status"), "active");
  EXPECT_EQ(UserColumn("q-a", "failed_logins"), "0");
  EXPECT_EQ(UserColumn("q-a", "locked_until_us"), "0");
  EXPECT_TRUE(Login("q-a", kInitialPassword));
  EXPECT_EQ(Events("user.unlock", "ok"), 1);
}

TEST_F(AccountsManageTest, UnlockByAnotherInstitutionsAdminIsRefused) {
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(Login("q-a", "Wrong#Password1"));
  Status s = InTx([&](store::Tx& tx) { return accounts_->Unlock(tx, admin_b_, querier_); });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(UserColumn("q-a", "status"), "locked");
  EXPECT_EQ(Events("user.unlock", "denied"), 1);
}

TEST_F(AccountsManageTest, Acc3ResetPasswordForcesAChangeAndEndsSessions) {
  auto first = Login("q-a", kInitialPassword);
  ASSERT_TRUE(first);
  SessionInfo session =
      *InTx([&](store::Tx& tx) { return sessions_->Check(tx, first->session.token); });
  ASSERT_TRUE(InTx([&](store::Tx& tx) {
    return accounts_->ChangePassword(tx, session, Secret(kInitialPassword), Secret("Brand#New2pw"));
  }));
  ASSERT_TRUE(InTx([&](store::Tx& tx) {
    return accounts_->ResetPassword(tx, admin_a_, querier_, Secret("Reset#Pass77"));
  }));
  EXPECT_FALSE(InTx([&](store::Tx& tx) { return sessions_->Check(tx, first->session.token); }));
  EXPECT_FALSE(Login("q-a", "Brand#New2pw"));
  auto after = Login("q-a", "Reset#Pass77");
  ASSERT_TRUE(after) << after.error().ToString();
  EXPECT_TRUE(after->must_change_password);
  EXPECT_EQ(Events("user.reset_password", "ok"), 1);
}

TEST_F(AccountsManageTest, Acc3ResetPasswordAppliesTheRulesAndTheHistory) {
  const auto reset = [&](std::string_view pw) {
    return InTx([&](store::Tx& tx) {
      return accounts_->ResetPassword(tx, admin_a_, querier_, Secret(pw));
    });
  };
  Status weak = reset("short");
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().code(), ErrorCode::kInvalidArgument);
  Status reused = reset(kInitialPassword);  // The current password: in the history.
  ASSERT_FALSE(reused);
  EXPECT_EQ(reused.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Events("user.reset_password", "denied"), 2);
  EXPECT_EQ(LastEntry("user.reset_password").find(kInitialPassword), std::string::npos);
  EXPECT_TRUE(Login("q-a", kInitialPassword));  // Unchanged.
}

TEST_F(AccountsManageTest, NobodyResetsTheirOwnPasswordThisWay) {
  Status s = InTx([&](store::Tx& tx) {
    return accounts_->ResetPassword(tx, admin_a_, admin_a_.user_id, Secret("Reset#Pass77"));
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kPermissionDenied);
}

TEST_F(AccountsManageTest, FindUserIdByLogin) {
  EXPECT_EQ(InTx([&](store::Tx& tx) { return accounts_->FindUserId(tx, "q-a"); }).value_or(0),
            querier_);
  auto none = InTx([&](store::Tx& tx) { return accounts_->FindUserId(tx, "nobody"); });
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace cv::access
