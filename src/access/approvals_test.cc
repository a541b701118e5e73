// Approvals (dual control, JR/T 0117 7.2.3 b): one case per rule of approvals.h — who may
// request, who may decide, expiry, and the one use for exactly the approved action and target.
#include "access/approvals.h"

#include <gtest/gtest.h>

#include "access/testing/access_fixture.h"

namespace cv::access {
namespace {

using A = ActionId;
using St = ApprovalState;

class ApprovalsTest : public test::AccessFixture {
 protected:
  void SetUp() override {
    AccessFixture::SetUp();
    approvals_ = std::make_unique<Approvals>(*log_, clock_);
    security_admin_ = SecurityAdmin();
    security_admin2_ = Agency("secadmin2", Role::kSecurityAdmin);
    system_admin_ = Agency("sysadmin", Role::kSystemAdmin);
    system_admin2_ = Agency("sysadmin2", Role::kSystemAdmin);
    operator_ = Agency("operator", Role::kOperator);
    operator2_ = Agency("operator2", Role::kOperator);
  }

  // An agency user with `role`, created by the officer.
  Actor Agency(std::string login, Role role) {
    auto id = Create(Officer(), login, "AGENCY", {role});
    EXPECT_TRUE(id) << id.error().ToString();
    return Actor{id.value_or(0), login, "AGENCY", {role}, "ip"};
  }

  Result<std::int64_t> Ask(const Actor& by, std::string_view action, std::string_view target,
                           std::string_view reason = "review done") {
    return InTx([&](store::Tx& tx) { return approvals_->Request(tx, by, action, target, reason); });
  }
  Status Approve(const Actor& by, std::int64_t id) {
    return InTx([&](store::Tx& tx) { return approvals_->Approve(tx, by, id); });
  }
  Status Reject(const Actor& by, std::int64_t id, std::string_view reason) {
    return InTx([&](store::Tx& tx) { return approvals_->Reject(tx, by, id, reason); });
  }
  Status Consume(const Actor& by, std::int64_t id, ActionId action, std::string_view target) {
    return InTx([&](store::Tx& tx) { return approvals_->Consume(tx, by, id, action, target); });
  }
  St StateOf(std::int64_t id) {
    auto a = InTx([&](store::Tx& tx) { return approvals_->Get(tx, id); });
    EXPECT_TRUE(a) << a.error().ToString();
    return a ? a->state : St::kPending;
  }
  // A reinstatement of B0001 requested by the security admin and approved by the officer.
  std::int64_t ApprovedReinstatement() {
    auto id = Ask(security_admin_, "institution.reinstate", "B0001");
    EXPECT_TRUE(id) << id.error().ToString();
    EXPECT_TRUE(Approve(Officer(), id.value_or(0)));
    return id.value_or(0);
  }

  std::unique_ptr<Approvals> approvals_;
  Actor security_admin_, security_admin2_, system_admin_, system_admin2_, operator_, operator2_;
};

TEST_F(ApprovalsTest, RequestIsPendingAndAudited) {
  auto id = Ask(security_admin_, "institution.reinstate", "B0001");
  ASSERT_TRUE(id) << id.error().ToString();
  EXPECT_EQ(StateOf(*id), St::kPending);
  EXPECT_EQ(Events("approval.request", "ok"), 1);
}

TEST_F(ApprovalsTest, OnlyActionsThatNeedApprovalMayBeRequested) {
  auto id = Ask(security_admin_, "institution.suspend", "B0001");
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Ask(security_admin_, "no.such_action", "B0001").error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(Events("approval.request", "denied"), 2);
}

TEST_F(ApprovalsTest, RequesterMustHoldTheAction) {
  auto id = Ask(system_admin_, "institution.reinstate", "B0001");
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code(), ErrorCode::kPermissionDenied);
}

TEST_F(ApprovalsTest, RequestNeedsAReasonAndATarget) {
  EXPECT_EQ(Ask(security_admin_, "institution.reinstate", "B0001", "").error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(Ask(security_admin_, "institution.reinstate", "B0001", "a\nb").error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(Ask(security_admin_, "institution.reinstate", "B 0001").error().code(),
            ErrorCode::kInvalidArgument);
}

TEST_F(ApprovalsTest, NoOneApprovesTheirOwnRequest) {
  auto id = Ask(security_admin_, "institution.reinstate", "B0001");
  ASSERT_TRUE(id);
  Status s = Approve(security_admin_, *id);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(s.error().message(), "no one approves their own request");
  EXPECT_EQ(Reject(security_admin_, *id, "no").error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(StateOf(*id), St::kPending);
  EXPECT_EQ(Events("approval.approve", "denied"), 1);
}

TEST_F(ApprovalsTest, ApproverWithoutTheActionIsRefused) {
  auto id = Ask(security_admin_, "institution.reinstate", "B0001");
  ASSERT_TRUE(id);
  EXPECT_EQ(Approve(system_admin_, *id).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(Approve(operator_, *id).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(StateOf(*id), St::kPending);
}

TEST_F(ApprovalsTest, OfficerMayApproveASecurityAdminsReinstatement) {
  auto id = Ask(security_admin_, "institution.reinstate", "B0001");
  ASSERT_TRUE(id);
  ASSERT_TRUE(Approve(Officer(), *id));
  EXPECT_EQ(StateOf(*id), St::kApproved);
  EXPECT_EQ(Events("approval.approve", "ok"), 1);
}

TEST_F(ApprovalsTest, ASecondHolderOfTheActionMayApprove) {
  auto reinstate = Ask(security_admin_, "institution.reinstate", "B0001");
  ASSERT_TRUE(reinstate);
  EXPECT_TRUE(Approve(security_admin2_, *reinstate));
  auto rotate = Ask(system_admin_, "keys.rotate", "C2");
  ASSERT_TRUE(rotate);
  EXPECT_TRUE(Approve(system_admin2_, *rotate));
  auto officer_rotate = Ask(system_admin_, "keys.rotate", "C3");
  ASSERT_TRUE(officer_rotate);
  EXPECT_TRUE(Approve(Officer(), *officer_rotate));
}

TEST_F(ApprovalsTest, OfficerDecidesNoDataAction) {
  // credit.export is a data action: only another holder (an operator) approves it (Art.28).
  auto id = Ask(operator_, "credit.export", "");
  ASSERT_TRUE(id) << id.error().ToString();
  EXPECT_EQ(Approve(Officer(), *id).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_TRUE(Approve(operator2_, *id));
}

TEST_F(ApprovalsTest, AnInactiveDeciderIsRefused) {
  auto id = Ask(security_admin_, "institution.reinstate", "B0001");
  ASSERT_TRUE(id);
  ASSERT_TRUE(InTx([&](store::Tx& tx) -> Status {
    CV_RETURN_IF_ERROR(
        tx.Exec("UPDATE users SET status = 'deactivated' WHERE login = 'secadmin2'"));
    return Ok();
  }));
  EXPECT_EQ(Approve(security_admin2_, *id).error().code(), ErrorCode::kPermissionDenied);
}

TEST_F(ApprovalsTest, APendingRequestExpiresAfterItsLifetime) {
  auto id = Ask(security_admin_, "institution.reinstate", "B0001");
  ASSERT_TRUE(id);
  clock_.Advance(Approvals::kDefaultLifetime + std::chrono::seconds(1));
  EXPECT_EQ(StateOf(*id), St::kExpired);
  EXPECT_EQ(Approve(Officer(), *id).error().code(), ErrorCode::kFailedPrecondition);
  auto expired = InTx([&](store::Tx& tx) { return approvals_->List(tx, St::kExpired); });
  ASSERT_TRUE(expired);
  ASSERT_EQ(expired->size(), 1u);
  EXPECT_EQ(expired->front().id, *id);
}

TEST_F(ApprovalsTest, AnApprovalExpiresUnused) {
  const std::int64_t id = ApprovedReinstatement();
  clock_.Advance(Approvals::kDefaultLifetime);
  Status s = Consume(security_admin_, id, A::kInstitutionReinstate, "B0001");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(StateOf(id), St::kExpired);
}

TEST_F(ApprovalsTest, TheLifetimeIsConfigurable) {
  approvals_ = std::make_unique<Approvals>(*log_, clock_, std::chrono::minutes(10));
  const std::int64_t id = ApprovedReinstatement();
  clock_.Advance(std::chrono::minutes(11));
  EXPECT_FALSE(Consume(security_admin_, id, A::kInstitutionReinstate, "B0001"));
}

TEST_F(ApprovalsTest, ConsumeIsForExactlyTheApprovedActionAndTarget) {
  const std::int64_t id = ApprovedReinstatement();
  Status wrong_target = Consume(security_admin_, id, A::kInstitutionReinstate, "B0002");
  ASSERT_FALSE(wrong_target);
  EXPECT_EQ(wrong_target.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(wrong_target.error().message().find("target"), std::string::npos);
  Status wrong_action = Consume(security_admin_, id, A::kInstitutionDeregister, "B0001");
  ASSERT_FALSE(wrong_action);
  EXPECT_NE(wrong_action.error().message().find("institution.reinstate"), std::string::npos);
  EXPECT_EQ(StateOf(id), St::kApproved);
  EXPECT_EQ(Events("approval.use", "denied"), 2);
}

TEST_F(ApprovalsTest, OnlyTheRequesterConsumes) {
  const std::int64_t id = ApprovedReinstatement();
  EXPECT_EQ(Consume(security_admin2_, id, A::kInstitutionReinstate, "B0001").error().code(),
            ErrorCode::kPermissionDenied);
}

TEST_F(ApprovalsTest, AnApprovalIsUsedOnce) {
  const std::int64_t id = ApprovedReinstatement();
  ASSERT_TRUE(Consume(security_admin_, id, A::kInstitutionReinstate, "B0001"));
  EXPECT_EQ(StateOf(id), St::kUsed);
  Status again = Consume(security_admin_, id, A::kInstitutionReinstate, "B0001");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message(), "approval " + std::to_string(id) + " was used already");
  EXPECT_EQ(Events("approval.use", "ok"), 1);
}

TEST_F(ApprovalsTest, APendingApprovalCannotBeConsumed) {
  auto id = Ask(security_admin_, "institution.reinstate", "B0001");
  ASSERT_TRUE(id);
  EXPECT_EQ(Consume(security_admin_, *id, A::kInstitutionReinstate, "B0001").error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(Consume(security_admin_, 999, A::kInstitutionReinstate, "B0001").error().code(),
            ErrorCode::kPermissionDenied);
}

TEST_F(ApprovalsTest, ARejectedRequestIsFinal) {
  auto id = Ask(security_admin_, "institution.reinstate", "B0001");
  ASSERT_TRUE(id);
  EXPECT_EQ(Reject(Officer(), *id, "").error().code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(Reject(Officer(), *id, "settlement not finished"));
  EXPECT_EQ(StateOf(*id), St::kRejected);
  EXPECT_EQ(Approve(security_admin2_, *id).error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Consume(security_admin_, *id, A::kInstitutionReinstate, "B0001").error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(Events("approval.reject", "ok"), 1);
}

TEST_F(ApprovalsTest, ListFiltersByState) {
  const std::int64_t approved = ApprovedReinstatement();
  auto pending = Ask(system_admin_, "keys.rotate", "C1");
  ASSERT_TRUE(pending);
  auto all = InTx([&](store::Tx& tx) { return approvals_->List(tx, std::nullopt); });
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 2u);
  auto only = InTx([&](store::Tx& tx) { return approvals_->List(tx, St::kApproved); });
  ASSERT_TRUE(only);
  ASSERT_EQ(only->size(), 1u);
  EXPECT_EQ(only->front().id, approved);
  EXPECT_EQ(only->front().decided_by_login, "officer");
}

TEST_F(ApprovalsTest, ApprovalsAreNeverDeleted) {
  ApprovedReinstatement();
  auto tx = store_->Begin();
  ASSERT_TRUE(tx);
  EXPECT_FALSE((*tx)->Exec("DELETE FROM approvals"));
}

}  // namespace
}  // namespace cv::access
