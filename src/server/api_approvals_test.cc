// Dual control over the API (JR/T 0117 7.2.3 b): an action that needs approval is refused with
// approval_required until a second person approves a request for it; the approval is then used
// once, for exactly its action and target. Reinstatement and key rotation end to end.
#include <gtest/gtest.h>

#include "access/accounts.h"
#include "access/totp.h"
#include "common/testing/base32.h"
#include "server/testing/api_fixture.h"

namespace cv::server {
namespace {

using nlohmann::json;

constexpr char kOfficerPassword[] = "Chief#2026pw!";

class ApiApprovalsTest : public test::ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    auto hasher = crypto::NewHasher(keyring_->suite());
    ASSERT_TRUE(hasher);
    access::SessionManager sessions(**hasher, *log_, {}, clock_);
    access::PasswordPolicy fast;
    fast.argon2_iterations = 1;
    fast.argon2_memory_kib = 8;
    access::Accounts accounts(*keyring_, *log_, sessions, fast, {}, clock_);
    auto tx = store_->Begin();
    ASSERT_TRUE(tx);
    ASSERT_TRUE((*tx)->ExecScript(
        "INSERT INTO institutions VALUES ('B0001', 'Bank A', 'user', 'active', '', 'x', 'x');"));
    auto uri = accounts.Bootstrap(**tx, "officer", "Chief Officer", Secret(kOfficerPassword));
    ASSERT_TRUE(uri) << uri.error().ToString();
    officer_seed_ = std::move(*cv::test::OtpauthSeedForTesting(uri->View(SecretAccess::Get())));
    ASSERT_TRUE((*tx)->Commit());
    officer_ = Login("officer", kOfficerPassword, &officer_seed_);
  }

  HttpResponse Send(std::string method, std::string target, const std::string& token,
                    const json& body = nullptr) {
    HttpRequest r;
    r.method = std::move(method);
    r.target = std::move(target);
    if (!body.is_null()) {
      r.body = body.dump();
      r.headers["content-type"] = "application/json";
    }
    r.client_address = "10.0.0.1";
    if (!token.empty()) r.headers["authorization"] = "Bearer " + token;
    return api_->Handle(r);
  }

  static json Body(const HttpResponse& r) { return json::parse(r.body, nullptr, false); }
  static std::string Code(const HttpResponse& r) { return Body(r)["error"].value("code", ""); }

  std::string Otp(const Secret& seed) {
    clock_.Advance(std::chrono::seconds(30));  // a fresh step: codes are never replayed
    return *access::TotpCode(seed, clock_.Now());
  }

  std::string Login(const std::string& login, const std::string& password, const Secret* seed) {
    json body = {{"username", login}, {"password", password}};
    if (seed != nullptr) body["otp"] = Otp(*seed);
    HttpResponse r = Send("POST", "/api/v1/sessions", "", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r).value("token", "");
  }

  // An agency user with `role` created by the officer, brought to a full session: first login,
  // TOTP enrolment, password change.
  std::string Staff(const std::string& login, const std::string& role) {
    HttpResponse c = Send("POST", "/api/v1/users", officer_,
                          {{"username", login},
                           {"institution", "AGENCY"},
                           {"roles", json::array({role})},
                           {"password", "Initial#Pass1"}});
    EXPECT_EQ(c.status, 201) << c.body;
    HttpResponse l =
        Send("POST", "/api/v1/sessions", "", {{"username", login}, {"password", "Initial#Pass1"}});
    EXPECT_EQ(l.status, 201) << l.body;
    const json answer = Body(l);
    const std::string token = answer.value("token", "");
    auto seed = cv::test::OtpauthSeedForTesting(answer.value("totp_enrollment", ""));
    EXPECT_TRUE(seed);
    HttpResponse t = Send("POST", "/api/v1/sessions/current/totp", token, {{"otp", Otp(*seed)}});
    EXPECT_EQ(t.status, 200) << t.body;
    HttpResponse p = Send("POST", "/api/v1/sessions/current/password", token,
                          {{"old_password", "Initial#Pass1"}, {"new_password", "Fresh#Pass22"}});
    EXPECT_EQ(p.status, 200) << p.body;
    return token;
  }

  // Requests an approval as `token`; its id.
  std::int64_t Ask(const std::string& token, const std::string& action, const std::string& target) {
    HttpResponse r = Send("POST", "/api/v1/approvals", token,
                          {{"action", action}, {"target", target}, {"reason", "reviewed"}});
    EXPECT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(Body(r).value("state", ""), "pending");
    return Body(r).value("id", std::int64_t{0});
  }

  HttpResponse Decide(const std::string& token, std::int64_t id, const std::string& verb,
                      const json& body = nullptr) {
    return Send("POST", "/api/v1/approvals/" + std::to_string(id) + "/" + verb, token, body);
  }

  HttpResponse SetStatus(const std::string& token, const std::string& status,
                         std::optional<std::int64_t> approval = std::nullopt) {
    json body = {{"status", status}, {"reason", "settlement review"}};
    if (approval) body["approval_id"] = *approval;
    return Send("POST", "/api/v1/institutions/B0001/status", token, body);
  }

  Secret officer_seed_;
  std::string officer_;
};

TEST_F(ApiApprovalsTest, ReinstatementNeedsASecondPersonsApprovalUsedOnce) {
  const std::string admin = Staff("secadmin", "security_admin");
  ASSERT_EQ(SetStatus(admin, "suspended").status, 200);
  HttpResponse bare = SetStatus(admin, "active");
  EXPECT_EQ(bare.status, 403);
  EXPECT_EQ(Code(bare), "approval_required");

  const std::int64_t id = Ask(admin, "institution.reinstate", "B0001");
  HttpResponse early = SetStatus(admin, "active", id);  // pending, not approved yet
  EXPECT_EQ(early.status, 403) << early.body;
  HttpResponse self = Decide(admin, id, "approve");
  EXPECT_EQ(self.status, 403) << self.body;
  EXPECT_NE(self.body.find("no one approves their own request"), std::string::npos);

  HttpResponse approved = Decide(officer_, id, "approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Body(approved).value("state", ""), "approved");
  EXPECT_EQ(Body(approved).value("decided_by", ""), "officer");

  HttpResponse done = SetStatus(admin, "active", id);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Body(done).value("status", ""), "active");

  ASSERT_EQ(SetStatus(admin, "suspended").status, 200);
  HttpResponse reuse = SetStatus(admin, "active", id);
  EXPECT_EQ(reuse.status, 403);
  EXPECT_NE(reuse.body.find("used already"), std::string::npos) << reuse.body;
}

TEST_F(ApiApprovalsTest, KeyRotationWithASecondSystemAdminsApproval) {
  const std::string first = Staff("sysadmin1", "system_admin");
  const std::string second = Staff("sysadmin2", "system_admin");
  HttpResponse bare = Send("POST", "/api/v1/keys/rotate", first, {{"grade", "C2"}});
  EXPECT_EQ(bare.status, 403);
  EXPECT_EQ(Code(bare), "approval_required");

  const std::int64_t id = Ask(first, "keys.rotate", "C2");
  ASSERT_EQ(Decide(second, id, "approve").status, 200);
  HttpResponse wrong_grade =
      Send("POST", "/api/v1/keys/rotate", first, {{"grade", "C1"}, {"approval_id", id}});
  EXPECT_EQ(wrong_grade.status, 403) << wrong_grade.body;
  HttpResponse not_mine =
      Send("POST", "/api/v1/keys/rotate", second, {{"grade", "C2"}, {"approval_id", id}});
  EXPECT_EQ(not_mine.status, 403) << not_mine.body;

  HttpResponse rotated =
      Send("POST", "/api/v1/keys/rotate", first, {{"grade", "C2"}, {"approval_id", id}});
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  EXPECT_EQ(Body(rotated).value("grade", ""), "C2");
  EXPECT_EQ(Body(rotated).value("version", 0), 2);
}

TEST_F(ApiApprovalsTest, DecidersListPendingRequestsAndOthersMayNot) {
  const std::string admin = Staff("secadmin", "security_admin");
  const std::string auditor = Staff("auditor", "auditor");
  const std::int64_t id = Ask(admin, "institution.reinstate", "B0001");
  HttpResponse listed = Send("GET", "/api/v1/approvals?state=pending", officer_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(Body(listed)["approvals"].size(), 1u);
  EXPECT_EQ(Body(listed)["approvals"][0].value("id", std::int64_t{0}), id);
  EXPECT_EQ(Send("GET", "/api/v1/approvals?state=approved", officer_).body.find("\"id\""),
            std::string::npos);
  EXPECT_EQ(Send("GET", "/api/v1/approvals", auditor).status, 403);
  EXPECT_EQ(Send("GET", "/api/v1/approvals?state=bogus", officer_).status, 400);
}

TEST_F(ApiApprovalsTest, ARejectedRequestCannotBeUsed) {
  const std::string admin = Staff("secadmin", "security_admin");
  ASSERT_EQ(SetStatus(admin, "suspended").status, 200);
  const std::int64_t id = Ask(admin, "institution.reinstate", "B0001");
  EXPECT_EQ(Decide(officer_, id, "reject", json::object()).status, 400);  // a reason is required
  HttpResponse rejected = Decide(officer_, id, "reject", {{"reason", "open disputes"}});
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(Body(rejected).value("state", ""), "rejected");
  EXPECT_EQ(SetStatus(admin, "active", id).status, 403);
  EXPECT_EQ(Decide(officer_, id, "approve").status, 409);
}

TEST_F(ApiApprovalsTest, RequestsNeedTheActionAndAnActionThatNeedsApproval) {
  const std::string admin = Staff("secadmin", "security_admin");
  HttpResponse not_held = Send("POST", "/api/v1/approvals", admin,
                               {{"action", "keys.rotate"}, {"target", "C2"}, {"reason", "x"}});
  EXPECT_EQ(not_held.status, 403) << not_held.body;
  HttpResponse no_need =
      Send("POST", "/api/v1/approvals", admin,
           {{"action", "institution.suspend"}, {"target", "B0001"}, {"reason", "x"}});
  EXPECT_EQ(no_need.status, 400) << no_need.body;
  HttpResponse stray = SetStatus(admin, "suspended", 1);  // suspension needs no approval
  EXPECT_EQ(stray.status, 400) << stray.body;
  EXPECT_EQ(Decide(admin, 999, "approve").status, 404);
}

}  // namespace
}  // namespace cv::server
