// Institutions (issue #5; JR/T 0117 9.1, 9.2): registration and its checks, every transition of
// the lifecycle allowed and refused, suspension ending sessions, deregistration deactivating users
// and waiting for settlement, login following the institution's status, key rotation.
#include "access/institutions.h"

#include <gtest/gtest.h>

#include "access/testing/access_fixture.h"
#include "crypto/signer.h"

namespace cv::access {
namespace {

using S = InstitutionStatus;
using test::kInitialPassword;

// A fresh batch-signing public key of `suite` as PEM.
std::string KeyPem(crypto::Suite suite) {
  auto pair = crypto::GenerateSigningKey(suite);
  EXPECT_TRUE(pair);
  return crypto::PublicKeyPem(pair->public_key_der).value_or("");
}

class InstitutionsTest : public test::AccessFixture {
 protected:
  void SetUp() override {
    AccessFixture::SetUp();
    security_admin_ = SecurityAdmin();
  }

  Result<Institution> Register(const Actor& by, std::string_view code,
                               std::string_view name = "Bank", std::string_view kind = "provider",
                               std::string_view pem = "") {
    return InTx(
        [&](store::Tx& tx) { return institutions_->Register(tx, by, code, name, kind, pem); });
  }

  // Runs `op` on `code` as the role the table gives it (officer or security admin).
  Status Do(InstitutionOp op, std::string_view code, std::string_view reason = "review") {
    return InTx([&](store::Tx& tx) -> Status {
      switch (op) {
        case InstitutionOp::kAdmit:
          return institutions_->Admit(tx, Officer(), code);
        case InstitutionOp::kSuspend:
          return institutions_->Suspend(tx, security_admin_, code, reason);
        case InstitutionOp::kReinstate:
          return institutions_->Reinstate(tx, security_admin_, code);
        case InstitutionOp::kDeregister:
          return institutions_->Deregister(tx, Officer(), code, reason);
      }
      return Ok();
    });
  }

  S StatusOf(std::string_view code) {
    auto found = InTx([&](store::Tx& tx) { return institutions_->Get(tx, code); });
    EXPECT_TRUE(found) << found.error().ToString();
    return found ? found->status : S::kPending;
  }

  // Registers `code` and brings it to `status` along allowed edges.
  void Bring(std::string_view code, S status) {
    ASSERT_TRUE(Register(Officer(), code));
    if (status == S::kPending) return;
    ASSERT_TRUE(Do(InstitutionOp::kAdmit, code));
    if (status == S::kSuspended) {
      ASSERT_TRUE(Do(InstitutionOp::kSuspend, code));
    }
    if (status == S::kDeregistered) {
      ASSERT_TRUE(Do(InstitutionOp::kDeregister, code));
    }
  }

  Result<SessionInfo> Check(const Secret& token) {
    return InTx([&](store::Tx& tx) { return sessions_->Check(tx, token); });
  }

  Actor security_admin_;
};

// --- Registration (JR/T 0117 9.1) ---

TEST_F(InstitutionsTest, RegisterCreatesAPendingInstitutionWithItsKey) {
  const std::string pem = KeyPem(crypto::Suite::kGm);
  auto made = Register(Officer(), "B0100", "招商银行 Branch", "provider_user", pem);
  ASSERT_TRUE(made) << made.error().ToString();
  EXPECT_EQ(made->status, S::kPending);
  auto got = InTx([&](store::Tx& tx) { return institutions_->Get(tx, "B0100"); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->name, "招商银行 Branch");
  EXPECT_EQ(got->kind, InstitutionKind::kProviderUser);
  EXPECT_EQ(got->status, S::kPending);
  EXPECT_EQ(got->public_key_pem, pem);
  auto parsed = crypto::ParsePublicKeyPem(got->public_key_pem);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->suite, crypto::Suite::kGm);
  EXPECT_EQ(Events("institution.create", "ok"), 1);
}

TEST_F(InstitutionsTest, RegisterRefusesBadInputAndAuditsEachRefusal) {
  const std::string p384 =
      "-----BEGIN PUBLIC KEY-----\n"
      "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9kZy/0e2ioSFfjzwpnN45nncdu2AQ3Ay\n"
      "km+jfAoL/m+gGc+OcP2q1FC+32QpMT/l3btCzAsaKMxGCYSHJD8Byx7/cUJ9WSdV\n"
      "xpQgmmzNiLp8Q+S7RnBSuwe0I4xrefb4\n"
      "-----END PUBLIC KEY-----\n";
  struct Case {
    std::string code, name, kind, pem;
  };
  const std::vector<Case> cases = {
      {"AGENCY", "Bank", "provider", ""},                // reserved
      {"", "Bank", "provider", ""},                      // empty code
      {"b0100", "Bank", "provider", ""},                 // lower case
      {"B 0100", "Bank", "provider", ""},                // space
      {std::string(33, 'B'), "Bank", "provider", ""},    // too long
      {"B0100", "", "provider", ""},                     // no name
      {"B0100", std::string(201, 'n'), "provider", ""},  // name too long
      {"B0100", "Bank\nB", "provider", ""},              // control character
      {"B0100", "Bank \xc0\xaf", "provider", ""},        // overlong UTF-8
      {"B0100", "Bank", "agency", ""},                   // only the bootstrap makes it
      {"B0100", "Bank", "bank", ""},                     // unknown kind
      {"B0100", "Bank", "provider", "not a key"},        // not PEM
      {"B0100", "Bank", "provider", p384},               // P-384: neither SM2 nor P-256
  };
  for (const Case& c : cases) {
    auto made = Register(Officer(), c.code, c.name, c.kind, c.pem);
    ASSERT_FALSE(made) << c.code << " / " << c.name << " / " << c.kind;
    EXPECT_EQ(made.error().code(), ErrorCode::kInvalidArgument) << made.error().ToString();
  }
  EXPECT_EQ(Events("institution.create", "denied"), static_cast<int>(cases.size()));
  auto all = InTx([&](store::Tx& tx) { return institutions_->List(tx); });
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 3u);  // AGENCY, B0001, B0002: nothing was added.
}

TEST_F(InstitutionsTest, RegisterTwiceIsAConflict) {
  ASSERT_TRUE(Register(Officer(), "B0100"));
  auto again = Register(Officer(), "B0100", "Other");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(Events("institution.create", "denied"), 1);
}

TEST_F(InstitutionsTest, RegisterNeedsInstitutionCreate) {
  auto made = Register(security_admin_, "B0100");
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(made.error().message().find("institution.create"), std::string::npos);
  EXPECT_EQ(Events("institution.create", "denied"), 1);
}

TEST_F(InstitutionsTest, ListGivesEveryInstitutionByCode) {
  ASSERT_TRUE(Register(Officer(), "A0001"));
  auto all = InTx([&](store::Tx& tx) { return institutions_->List(tx); });
  ASSERT_TRUE(all);
  std::vector<std::string> codes;
  for (const Institution& i : *all) codes.push_back(i.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"A0001", "AGENCY", "B0001", "B0002"}));
  EXPECT_EQ(all->at(1).kind, InstitutionKind::kAgency);
  EXPECT_EQ(all->at(0).status, S::kPending);
}

// --- The lifecycle ---

TEST_F(InstitutionsTest, EveryAllowedTransitionMovesTheStatus) {
  ASSERT_TRUE(Register(Officer(), "B0100"));
  ASSERT_TRUE(Do(InstitutionOp::kAdmit, "B0100"));
  EXPECT_EQ(StatusOf("B0100"), S::kActive);
  ASSERT_TRUE(Do(InstitutionOp::kSuspend, "B0100"));
  EXPECT_EQ(StatusOf("B0100"), S::kSuspended);
  ASSERT_TRUE(Do(InstitutionOp::kReinstate, "B0100"));
  EXPECT_EQ(StatusOf("B0100"), S::kActive);
  ASSERT_TRUE(Do(InstitutionOp::kSuspend, "B0100"));
  ASSERT_TRUE(Do(InstitutionOp::kDeregister, "B0100"));
  EXPECT_EQ(StatusOf("B0100"), S::kDeregistered);
  // A pending institution may be turned away; an active one may leave.
  Bring("B0101", S::kPending);
  EXPECT_TRUE(Do(InstitutionOp::kDeregister, "B0101"));
  Bring("B0102", S::kActive);
  EXPECT_TRUE(Do(InstitutionOp::kDeregister, "B0102"));
  EXPECT_EQ(Events("institution.admit", "ok"), 2);
  EXPECT_EQ(Events("institution.suspend", "ok"), 2);
  EXPECT_EQ(Events("institution.reinstate", "ok"), 1);
  EXPECT_EQ(Events("institution.deregister", "ok"), 3);
  EXPECT_NE(LastEntry("institution.deregister").find("\"active\""), std::string::npos);
}

TEST_F(InstitutionsTest, EveryOtherTransitionIsRefusedNamingFromAndTo) {
  struct Case {
    S from;
    InstitutionOp op;
    std::string edge;
  };
  const std::vector<Case> cases = {
      {S::kPending, InstitutionOp::kSuspend, "pending -> suspended"},
      {S::kPending, InstitutionOp::kReinstate, "pending -> active"},
      {S::kActive, InstitutionOp::kAdmit, "active -> active"},
      {S::kActive, InstitutionOp::kReinstate, "active -> active"},
      {S::kSuspended, InstitutionOp::kAdmit, "suspended -> active"},
      {S::kSuspended, InstitutionOp::kSuspend, "suspended -> suspended"},
      {S::kDeregistered, InstitutionOp::kAdmit, "deregistered -> active"},
      {S::kDeregistered, InstitutionOp::kSuspend, "deregistered -> suspended"},
      {S::kDeregistered, InstitutionOp::kReinstate, "deregistered -> active"},
      {S::kDeregistered, InstitutionOp::kDeregister, "deregistered -> deregistered"},
  };
  int n = 0;
  for (const Case& c : cases) {
    const std::string code = "C" + std::to_string(n++);
    Bring(code, c.from);
    Status s = Do(c.op, code);
    ASSERT_FALSE(s) << c.edge;
    EXPECT_EQ(s.error().code(), ErrorCode::kFailedPrecondition) << c.edge;
    EXPECT_NE(s.error().message().find(c.edge), std::string::npos) << s.error().message();
    EXPECT_EQ(StatusOf(code), c.from) << c.edge;
  }
  const int denied =
      Events("institution.admit", "denied") + Events("institution.suspend", "denied") +
      Events("institution.reinstate", "denied") + Events("institution.deregister", "denied");
  EXPECT_EQ(denied, static_cast<int>(cases.size()));
}

TEST_F(InstitutionsTest, StepFunctionCoversTheDiagram) {
  constexpr S kAll[] = {S::kPending, S::kActive, S::kSuspended, S::kDeregistered};
  constexpr InstitutionOp kOps[] = {InstitutionOp::kAdmit, InstitutionOp::kSuspend,
                                    InstitutionOp::kReinstate, InstitutionOp::kDeregister};
  int allowed = 0;
  for (S from : kAll) {
    for (InstitutionOp op : kOps) {
      auto to = NextInstitutionStatus(from, op);
      if (!to) continue;
      ++allowed;
      EXPECT_EQ(*to, InstitutionOpTarget(op));
      EXPECT_NE(from, S::kDeregistered);  // Final.
    }
  }
  EXPECT_EQ(allowed, 6);  // admit, suspend, reinstate and three ways to deregister.
}

TEST_F(InstitutionsTest, EachTransitionNeedsItsPermission) {
  Bring("B0100", S::kPending);
  Status admit =
      InTx([&](store::Tx& tx) { return institutions_->Admit(tx, security_admin_, "B0100"); });
  ASSERT_FALSE(admit);
  EXPECT_EQ(admit.error().code(), ErrorCode::kPermissionDenied);
  ASSERT_TRUE(Do(InstitutionOp::kAdmit, "B0100"));
  Status suspend =
      InTx([&](store::Tx& tx) { return institutions_->Suspend(tx, Officer(), "B0100", "fraud"); });
  ASSERT_FALSE(suspend);
  EXPECT_EQ(suspend.error().code(), ErrorCode::kPermissionDenied);
  Status deregister = InTx([&](store::Tx& tx) {
    return institutions_->Deregister(tx, security_admin_, "B0100", "exit");
  });
  ASSERT_FALSE(deregister);
  EXPECT_EQ(deregister.error().code(), ErrorCode::kPermissionDenied);
  Actor querier{99, "q", "B0001", {Role::kQuerier}, "ip"};
  EXPECT_FALSE(
      InTx([&](store::Tx& tx) { return institutions_->Suspend(tx, querier, "B0100", "x"); }));
  EXPECT_EQ(StatusOf("B0100"), S::kActive);
  EXPECT_EQ(Events("institution.admit", "denied"), 1);
  EXPECT_EQ(Events("institution.suspend", "denied"), 2);
  EXPECT_EQ(Events("institution.deregister", "denied"), 1);
}

TEST_F(InstitutionsTest, TheAgencyIsNeverSuspendedOrDeregistered) {
  Status suspend = Do(InstitutionOp::kSuspend, "AGENCY");
  ASSERT_FALSE(suspend);
  EXPECT_EQ(suspend.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(suspend.error().message().find("agency"), std::string::npos);
  EXPECT_FALSE(Do(InstitutionOp::kDeregister, "AGENCY"));
  EXPECT_EQ(StatusOf("AGENCY"), S::kActive);
  EXPECT_TRUE(Login("officer", test::kOfficerPassword, OfficerCode(clock_.Now())));
}

TEST_F(InstitutionsTest, UnknownInstitutionIsNotFound) {
  Status s = Do(InstitutionOp::kAdmit, "B9999");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(Events("institution.admit", "denied"), 1);
}

TEST_F(InstitutionsTest, SuspendAndDeregisterNeedAReason) {
  Bring("B0100", S::kActive);
  Status s = Do(InstitutionOp::kSuspend, "B0100", "");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(Do(InstitutionOp::kDeregister, "B0100", ""));
  EXPECT_FALSE(Do(InstitutionOp::kSuspend, "B0100", "bad\x01reason"));
  EXPECT_EQ(StatusOf("B0100"), S::kActive);
}

// --- Effects on users and logins ---

class InstitutionUsersTest : public InstitutionsTest {
 protected:
  void SetUp() override {
    InstitutionsTest::SetUp();
    admin_a_ = InstAdmin("admin-a", "B0001");
    auto q = Create(admin_a_, "q-a", "B0001", {Role::kQuerier});
    ASSERT_TRUE(q);
    auto q_b = Create(InstAdmin("admin-b", "B0002"), "q-b", "B0002", {Role::kQuerier});
    ASSERT_TRUE(q_b);
  }

  Secret LoginToken(std::string_view login) {
    auto in = Login(login, kInitialPassword);
    EXPECT_TRUE(in) << login << ": " << in.error().ToString();
    return in ? std::move(in->session.token) : Secret("");
  }

  Actor admin_a_;
};

TEST_F(InstitutionUsersTest, SuspensionEndsEverySessionOfItsUsersAtOnce) {
  Secret admin = LoginToken("admin-a");
  Secret querier = LoginToken("q-a");
  Secret other = LoginToken("q-b");
  ASSERT_TRUE(Do(InstitutionOp::kSuspend, "B0001", "abnormal queries"));
  EXPECT_FALSE(Check(admin));
  EXPECT_FALSE(Check(querier));
  EXPECT_TRUE(Check(other));  // Another institution's users keep theirs.
  EXPECT_NE(LastEntry("institution.suspend").find("\"sessions_ended\":\"2\""), std::string::npos)
      << LastEntry("institution.suspend");
  EXPECT_EQ(UserColumn("q-a", "status"), "active");  // Suspension is not deactivation.
}

TEST_F(InstitutionUsersTest, LoginIsRefusedWhileSuspendedAndAllowedAfterReinstatement) {
  ASSERT_TRUE(Do(InstitutionOp::kSuspend, "B0001", "abnormal queries"));
  auto refused = Login("q-a", kInitialPassword);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kUnauthenticated);
  EXPECT_NE(LastEntry("auth.login").find("institution suspended"), std::string::npos);
  EXPECT_EQ(refused.error().message(), Login("nobody", kInitialPassword).error().message());
  EXPECT_EQ(UserColumn("q-a", "failed_logins"), "0");  // Not a password failure.
  ASSERT_TRUE(Do(InstitutionOp::kReinstate, "B0001"));
  EXPECT_TRUE(Login("q-a", kInitialPassword));
}

TEST_F(InstitutionUsersTest, PendingInstitutionsAdminLogsInOnlyAfterAdmission) {
  ASSERT_TRUE(Register(Officer(), "B0100"));
  ASSERT_TRUE(Create(Officer(), "admin-c", "B0100", {Role::kInstAdmin}));
  auto refused = Login("admin-c", kInitialPassword);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message(), "login failed");
  EXPECT_NE(LastEntry("auth.login").find("institution pending"), std::string::npos);
  ASSERT_TRUE(Do(InstitutionOp::kAdmit, "B0100"));
  auto in = Login("admin-c", kInitialPassword);
  ASSERT_TRUE(in) << in.error().ToString();
  EXPECT_TRUE(in->must_enrol_second_factor);
}

TEST_F(InstitutionUsersTest, Acc7DeregistrationDeactivatesEveryUserAndEndsSessions) {
  Secret querier = LoginToken("q-a");
  ASSERT_TRUE(Do(InstitutionOp::kDeregister, "B0001", "left the market"));
  EXPECT_FALSE(Check(querier));
  EXPECT_EQ(UserColumn("admin-a", "status"), "deactivated");
  EXPECT_EQ(UserColumn("q-a", "status"), "deactivated");
  EXPECT_EQ(UserColumn("q-b", "status"), "active");
  EXPECT_EQ(Events("user.deactivate", "ok"), 2);
  EXPECT_FALSE(Login("q-a", kInitialPassword));
  auto created = Create(Officer(), "admin-a2", "B0001", {Role::kInstAdmin});
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code(), ErrorCode::kFailedPrecondition);
  auto tx = store_->Begin(store::TxMode::kRead);
  auto rows = (*tx)->QueryOne("SELECT count(*) FROM users WHERE institution = 'B0001'");
  EXPECT_EQ((*rows)->Int(0).value_or(0), 2);  // Never deleted.
}

// --- Settlement before exit (issue #5; checks registered by the credit core, issue #7) ---

SettlementCheck Counting(std::string name, std::int64_t count, std::string* seen = nullptr) {
  return {std::move(name),
          [count, seen](store::Tx&, std::string_view code) -> Result<std::int64_t> {
            if (seen != nullptr) *seen = std::string(code);
            return count;
          }};
}

TEST_F(InstitutionUsersTest, DeregistrationWaitsForEverySettlementCheck) {
  institutions_->AddSettlementCheck(Counting("open disputes", 0));
  institutions_->AddSettlementCheck(Counting("unsettled batches", 2));
  Status s = Do(InstitutionOp::kDeregister, "B0001", "exit");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(s.error().message().find("2 unsettled batches"), std::string::npos);
  EXPECT_EQ(s.error().message().find("open disputes"), std::string::npos);  // Counted 0.
  EXPECT_EQ(StatusOf("B0001"), S::kActive);
  EXPECT_EQ(UserColumn("q-a", "status"), "active");
  EXPECT_EQ(Events("institution.deregister", "denied"), 1);
  EXPECT_NE(LastEntry("institution.deregister").find("2 unsettled batches"), std::string::npos);
}

TEST_F(InstitutionUsersTest, DeregistrationProceedsWhenEveryCheckCountsZero) {
  std::string seen;
  institutions_->AddSettlementCheck(Counting("unsettled batches", 0, &seen));
  institutions_->AddSettlementCheck(Counting("open disputes", 0));
  ASSERT_TRUE(Do(InstitutionOp::kDeregister, "B0001", "exit"));
  EXPECT_EQ(seen, "B0001");
  EXPECT_EQ(StatusOf("B0001"), S::kDeregistered);
}

TEST_F(InstitutionUsersTest, FailingSettlementCheckPropagatesItsErrorAndChangesNothing) {
  institutions_->AddSettlementCheck(Counting("open disputes", 0));
  institutions_->AddSettlementCheck(
      {"unsettled batches", [](store::Tx&, std::string_view) -> Result<std::int64_t> {
         return Fail(ErrorCode::kInternal, "batches table unreadable");
       }});
  Secret querier = LoginToken("q-a");
  Status s = Do(InstitutionOp::kDeregister, "B0001", "exit");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kInternal);
  EXPECT_EQ(s.error().message(), "batches table unreadable");
  EXPECT_EQ(StatusOf("B0001"), S::kActive);
  EXPECT_EQ(UserColumn("q-a", "status"), "active");
  EXPECT_TRUE(Check(querier));
  EXPECT_EQ(Events("institution.deregister", "error"), 1);
}

// --- Batch-signing keys ---

TEST_F(InstitutionsTest, SetPublicKeyRotatesTheKey) {
  Bring("B0100", S::kActive);
  const std::string gm = KeyPem(crypto::Suite::kGm);
  const std::string intl = KeyPem(crypto::Suite::kIntl);
  const auto set = [&](const Actor& by, std::string_view pem) {
    return InTx([&](store::Tx& tx) { return institutions_->SetPublicKey(tx, by, "B0100", pem); });
  };
  ASSERT_TRUE(set(Officer(), gm));
  EXPECT_EQ(InTx([&](store::Tx& tx) { return institutions_->Get(tx, "B0100"); })->public_key_pem,
            gm);
  ASSERT_TRUE(set(Officer(), intl));
  EXPECT_EQ(InTx([&](store::Tx& tx) { return institutions_->Get(tx, "B0100"); })->public_key_pem,
            intl);
  EXPECT_NE(LastEntry("institution.set_key").find("key replaced"), std::string::npos);
  Status garbage = set(Officer(), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code(), ErrorCode::kInvalidArgument);
  Status by_admin = set(security_admin_, gm);
  ASSERT_FALSE(by_admin);
  EXPECT_EQ(by_admin.error().code(), ErrorCode::kPermissionDenied);
  ASSERT_TRUE(Do(InstitutionOp::kDeregister, "B0100"));
  Status after = set(Officer(), gm);
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(InTx([&](store::Tx& tx) { return institutions_->Get(tx, "B0100"); })->public_key_pem,
            intl);
  EXPECT_EQ(Events("institution.set_key", "denied"), 3);
}

}  // namespace
}  // namespace cv::access
