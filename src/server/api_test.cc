// Api: the request chain end to end without sockets — errors, security headers, login and
// second factor, restricted sessions, separation of duties and institution scope over the API,
// rate limits, body limits, idle expiry, audit of denials, inert hostile strings (issue #6).
#include "server/api.h"

#include <gtest/gtest.h>

#include <set>

#include "access/totp.h"
#include "audit/audit_reader.h"
#include "audit/testing/unsealed_vault.h"
#include "common/testing/base32.h"
#include "common/testing/scoped_temp_dir.h"

namespace cv::server {
namespace {

using nlohmann::json;

constexpr char kOfficerPassword[] = "Chief#2026pw!";

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override { Build(ApiOptions{}); }

  void Build(ApiOptions options) {
    auto vault = audit::test::MakeUnsealedVault(dir_.Join("d"), clock_, audit::test::kTwoBanksSql);
    ASSERT_TRUE(vault) << vault.error().ToString();
    store_ = std::move(vault->store);
    keyring_ = std::move(vault->keyring);
    log_ = std::move(vault->log);
    access::PasswordPolicy fast;  // production rules, cheap Argon2 cost for tests
    fast.argon2_iterations = 1;
    fast.argon2_memory_kib = 8;
    ApiDeps deps{*store_, *keyring_, *log_, clock_, fast};
    options.scratch_dir = dir_.Join("scratch");
    auto api = Api::Create(deps, options);
    ASSERT_TRUE(api) << api.error().ToString();
    api_ = std::move(*api);
    // Bootstrap the first security officer as `cvault init` does.
    access::SessionManager sessions(*hasher_, *log_, {}, clock_);
    access::Accounts accounts(*keyring_, *log_, sessions, fast, {}, clock_);
    auto tx = store_->Begin();
    auto uri = accounts.Bootstrap(**tx, "officer", "Chief Officer", Secret(kOfficerPassword));
    ASSERT_TRUE(uri);
    officer_seed_ = std::move(*test::OtpauthSeedForTesting(uri->View(SecretAccess::Get())));
    ASSERT_TRUE((*tx)->Commit());
  }

  HttpResponse Send(std::string method, std::string target, std::string body = "",
                    std::string token = "", std::string address = "10.0.0.1") {
    HttpRequest r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.body = std::move(body);
    r.client_address = std::move(address);
    if (!r.body.empty()) r.headers["content-type"] = "application/json";
    if (!token.empty()) r.headers["authorization"] = "Bearer " + token;
    return api_->Handle(r);
  }

  static json Body(const HttpResponse& r) { return json::parse(r.body, nullptr, false); }
  static std::string Code(const HttpResponse& r) { return Body(r)["error"].value("code", ""); }

  std::string Code(const Secret& seed) {
    clock_.Advance(std::chrono::seconds(30));  // a fresh step: codes are never replayed
    return *access::TotpCode(seed, clock_.Now());
  }

  std::string LoginOfficer() {
    HttpResponse r = Send(
        "POST", "/api/v1/sessions",
        json{{"username", "officer"}, {"password", kOfficerPassword}, {"otp", Code(officer_seed_)}}
            .dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r).value("token", "");
  }

  // Creates `login` with `roles` as the officer and brings it to a full session: first login,
  // TOTP enrolment when required, password change.
  std::string ReadyUser(const std::string& officer, const std::string& login,
                        const std::string& institution, const std::vector<std::string>& roles) {
    HttpResponse c = Send("POST", "/api/v1/users",
                          json{{"username", login},
                               {"institution", institution},
                               {"roles", roles},
                               {"password", "Initial#Pass1"}}
                              .dump(),
                          officer);
    EXPECT_EQ(c.status, 201) << c.body;
    HttpResponse l = Send("POST", "/api/v1/sessions",
                          json{{"username", login}, {"password", "Initial#Pass1"}}.dump());
    EXPECT_EQ(l.status, 201) << l.body;
    const json answer = Body(l);
    const std::string token = answer.value("token", "");
    if (answer.contains("totp_enrollment")) {
      auto seed = test::OtpauthSeedForTesting(answer["totp_enrollment"].get<std::string>());
      EXPECT_TRUE(seed);
      HttpResponse t =
          Send("POST", "/api/v1/sessions/current/totp", json{{"otp", Code(*seed)}}.dump(), token);
      EXPECT_EQ(t.status, 200) << t.body;
    }
    HttpResponse p = Send(
        "POST", "/api/v1/sessions/current/password",
        json{{"old_password", "Initial#Pass1"}, {"new_password", "Fresh#Pass22"}}.dump(), token);
    EXPECT_EQ(p.status, 200) << p.body;
    return token;
  }

  int AuditCount(std::string_view result) {
    auto tx = store_->Begin(store::TxMode::kRead);
    int n = 0;
    auto reader = audit::AuditReader::Open(**tx);
    EXPECT_TRUE(reader);
    audit::EventFilter f;
    f.result = std::string(result);
    EXPECT_TRUE((*reader)->ForEachEvent(f, [&](const audit::DecodedEntry&) -> Result<bool> {
      ++n;
      return true;
    }));
    return n;
  }

  test::ScopedTempDir dir_;
  FakeClock clock_{TimePoint(std::chrono::hours(24 * 365 * 56))};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<crypto::keyring::Keyring> keyring_;
  std::unique_ptr<audit::AuditLog> log_;
  std::unique_ptr<crypto::Hasher> hasher_ = std::move(*crypto::NewHasher(crypto::Suite::kGm));
  std::unique_ptr<Api> api_;
  Secret officer_seed_;
};

TEST_F(ApiTest, HealthzAnswersWithEverySecurityHeader) {
  HttpResponse r = Send("GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Body(r)["status"], "ok");
  EXPECT_EQ(r.Header("Strict-Transport-Security"), "max-age=31536000; includeSubDomains");
  EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(r.Header("Content-Security-Policy").find("frame-ancestors 'none'"),
            std::string_view::npos);
  EXPECT_FALSE(r.Header("X-Request-Id").empty());
}

TEST_F(ApiTest, UnknownRouteIs404AndWrongMethodIs405WithJsonErrors) {
  HttpResponse r = Send("GET", "/api/v1/nothing");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Code(r), "not_found");
  EXPECT_EQ(Body(r)["error"]["request_id"], r.Header("X-Request-Id"));
  HttpResponse m = Send("PUT", "/api/v1/sessions");
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.Header("Allow"), "POST");
}

TEST_F(ApiTest, MalformedJsonIs400AndWrongContentTypeIs415) {
  HttpResponse r = Send("POST", "/api/v1/sessions", "{\"username\": ");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Code(r), "invalid_argument");
  HttpRequest form;
  form.method = "POST";
  form.target = "/api/v1/sessions";
  form.body = "username=a";
  form.headers["content-type"] = "application/x-www-form-urlencoded";
  EXPECT_EQ(api_->Handle(form).status, 415);
  HttpResponse wrong_type = Send("POST", "/api/v1/sessions", R"({"username": 5})");
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_NE(Body(wrong_type)["error"]["message"].get<std::string>().find("username"),
            std::string::npos);
}

TEST_F(ApiTest, OfficerNeedsTheCodeAndGetsASecureCookie) {
  HttpResponse no_code = Send("POST", "/api/v1/sessions",
                              json{{"username", "officer"}, {"password", kOfficerPassword}}.dump());
  EXPECT_EQ(no_code.status, 401);
  EXPECT_EQ(Code(no_code), "unauthenticated");
  HttpResponse ok = Send(
      "POST", "/api/v1/sessions",
      json{{"username", "officer"}, {"password", kOfficerPassword}, {"otp", Code(officer_seed_)}}
          .dump());
  ASSERT_EQ(ok.status, 201) << ok.body;
  const json b = Body(ok);
  EXPECT_EQ(b["token"].get<std::string>().size(), 43u);
  EXPECT_FALSE(b["must_change_password"].get<bool>());
  EXPECT_TRUE(b.contains("expires_at"));
  EXPECT_FALSE(b.contains("totp_enrollment"));
  const std::string cookie(ok.Header("Set-Cookie"));
  EXPECT_NE(cookie.find("Secure; HttpOnly; SameSite=Strict"), std::string::npos);
  // The cookie authenticates like the header.
  HttpRequest r;
  r.method = "GET";
  r.target = "/api/v1/sessions/current";
  r.headers["cookie"] = "theme=dark; cvault_session=" + b["token"].get<std::string>();
  HttpResponse who = api_->Handle(r);
  EXPECT_EQ(who.status, 200) << who.body;
  EXPECT_EQ(Body(who)["username"], "officer");
}

TEST_F(ApiTest, NoTokenOrAForgedOneIs401) {
  EXPECT_EQ(Send("GET", "/api/v1/sessions/current").status, 401);
  HttpResponse forged = Send("GET", "/api/v1/sessions/current", "", std::string(43, 'A'));
  EXPECT_EQ(forged.status, 401);
  EXPECT_EQ(Code(forged), "unauthenticated");
}

TEST_F(ApiTest, NewUserMayOnlyEnrolAndChangePasswordFirst) {
  const std::string officer = LoginOfficer();
  ASSERT_EQ(Send("POST", "/api/v1/users",
                 json{{"username", "secadmin"},
                      {"institution", "AGENCY"},
                      {"roles", {"security_admin"}},
                      {"password", "Initial#Pass1"}}
                     .dump(),
                 officer)
                .status,
            201);
  HttpResponse l = Send("POST", "/api/v1/sessions",
                        json{{"username", "secadmin"}, {"password", "Initial#Pass1"}}.dump());
  ASSERT_EQ(l.status, 201);
  const json b = Body(l);
  EXPECT_TRUE(b["must_change_password"].get<bool>());
  ASSERT_TRUE(b.contains("totp_enrollment"));
  EXPECT_EQ(b["totp_enrollment"].get<std::string>().rfind("otpauth://totp/", 0), 0u);
  const std::string token = b["token"];
  HttpResponse blocked = Send("GET", "/api/v1/users", "", token);
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(Code(blocked), "password_change_required");
}

TEST_F(ApiTest, SeparationOfDutiesIsRefusedOverTheApi) {
  const std::string officer = LoginOfficer();
  const std::string secadmin = ReadyUser(officer, "secadmin", "AGENCY", {"security_admin"});
  HttpResponse r = Send("POST", "/api/v1/users",
                        json{{"username", "both"},
                             {"institution", "B0001"},
                             {"roles", {"reporter", "querier"}},
                             {"password", "Initial#Pass1"}}
                            .dump(),
                        secadmin);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_NE(r.body.find("SOD-1"), std::string::npos);
  // One role is fine; the conflicting second one is refused when granted later.
  ASSERT_EQ(Send("POST", "/api/v1/users",
                 json{{"username", "rep"},
                      {"institution", "B0001"},
                      {"roles", {"reporter"}},
                      {"password", "Initial#Pass1"}}
                     .dump(),
                 secadmin)
                .status,
            201);
  HttpResponse grant =
      Send("POST", "/api/v1/users/rep/roles", json{{"role", "querier"}}.dump(), secadmin);
  EXPECT_EQ(grant.status, 403) << grant.body;
  EXPECT_NE(grant.body.find("SOD-1"), std::string::npos);
}

TEST_F(ApiTest, AnInstitutionsAdminSeesOnlyItsOwnInstitution) {
  const std::string officer = LoginOfficer();
  const std::string admin_a = ReadyUser(officer, "admin_a", "B0001", {"inst_admin"});
  ReadyUser(officer, "admin_b", "B0002", {"inst_admin"});
  HttpResponse own = Send("GET", "/api/v1/users?institution=B0001", "", admin_a);
  EXPECT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(Body(own)["users"].size(), 1u);
  const int denied_before = AuditCount("denied");
  HttpResponse other = Send("GET", "/api/v1/users?institution=B0002", "", admin_a);
  EXPECT_EQ(other.status, 403);
  EXPECT_NE(other.body.find("AUTHZ-9"), std::string::npos);
  EXPECT_EQ(Send("GET", "/api/v1/users/admin_b", "", admin_a).status, 403);
  EXPECT_EQ(AuditCount("denied"), denied_before + 2);  // every denial is an audit event
}

TEST_F(ApiTest, AdministratorsCannotReadTheAuditLogButTheAuditorCan) {
  const std::string officer = LoginOfficer();
  EXPECT_EQ(Send("GET", "/api/v1/audit/events", "", officer).status, 403);
  const std::string auditor = ReadyUser(officer, "auditor1", "AGENCY", {"auditor"});
  HttpResponse events = Send("GET", "/api/v1/audit/events?limit=5", "", auditor);
  ASSERT_EQ(events.status, 200) << events.body;
  EXPECT_EQ(Body(events)["events"].size(), 5u);
  HttpResponse bad = Send("GET", "/api/v1/audit/events?limit=0", "", auditor);
  EXPECT_EQ(bad.status, 400);
  HttpResponse proof = Send("GET", "/api/v1/audit/proofs/inclusion?index=0", "", auditor);
  EXPECT_EQ(proof.status, 200) << proof.body;
}

TEST_F(ApiTest, AReadIsAuditedDurablyBeforeItIsAnswered) {
  const std::string officer = LoginOfficer();
  const int before = AuditCount("ok");
  HttpResponse r = Send("GET", "/api/v1/institutions", "", officer);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["institutions"].size(), 3u);  // AGENCY, B0001, B0002
  EXPECT_EQ(AuditCount("ok"), before + 1);
  // A read refused by the decision point is audited as denied.
  const int denied = AuditCount("denied");
  EXPECT_EQ(Send("GET", "/api/v1/keys/status", "", officer).status, 403);
  EXPECT_EQ(AuditCount("denied"), denied + 1);
}

TEST_F(ApiTest, MetricsCountRequestsAndReadGaugesFromTheStore) {
  const std::string officer = LoginOfficer();
  Send("GET", "/api/v1/nothing");
  HttpResponse m = Send("GET", "/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_EQ(m.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(m.body.find("cvault_sessions_open 1"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("cvault_http_requests_total{route=\"/api/v1/sessions\",status=\"201\"} 1"),
            std::string::npos)
      << m.body;
  EXPECT_NE(m.body.find("route=\"unmatched\",status=\"404\""), std::string::npos);
  EXPECT_NE(m.body.find("cvault_audit_tree_size "), std::string::npos);
}

TEST_F(ApiTest, ScanGradesAnUploadForOperatorsButNotForAdministrators) {
  const std::string officer = LoginOfficer();
  const std::string csv =
      "name,id_number,mobile\n张三,11010519491231002X,13800138000\n"
      "李四,440524188001010014,13912345678\n";
  HttpRequest r;
  r.method = "POST";
  r.target = "/api/v1/scan?name=customers.csv";
  r.body = csv;
  r.headers["content-type"] = "text/csv";
  r.headers["authorization"] = "Bearer " + officer;
  r.client_address = "10.0.0.1";
  EXPECT_EQ(api_->Handle(r).status, 403);  // administrators hold no data action (ACC-1)
  r.headers["authorization"] = "Bearer " + ReadyUser(officer, "op1", "AGENCY", {"operator"});
  HttpResponse ok = api_->Handle(r);
  ASSERT_EQ(ok.status, 200) << ok.body;
  const json report = Body(ok)["reports"][0];
  EXPECT_EQ(report["source"], "customers.csv");
  EXPECT_EQ(ok.body.find("11010519491231002X"), std::string::npos);  // examples are masked
  EXPECT_EQ(ok.body.find("scratch"), std::string::npos);
}

TEST_F(ApiTest, AClientCertificateBindsSessionsAndLoginsToItsInstitution) {
  const std::string officer = LoginOfficer();
  const std::string admin = ReadyUser(officer, "admin_a", "B0001", {"inst_admin"});
  HttpRequest r;
  r.method = "GET";
  r.target = "/api/v1/sessions/current";
  r.client_address = "10.0.0.1";
  r.headers["authorization"] = "Bearer " + admin;
  r.client_cert_cn = "B0001";
  EXPECT_EQ(api_->Handle(r).status, 200);
  r.client_cert_cn = "B0002";  // a certificate of another institution
  EXPECT_EQ(api_->Handle(r).status, 401);
  HttpRequest login;
  login.method = "POST";
  login.target = "/api/v1/sessions";
  login.client_address = "10.0.0.1";
  login.headers["content-type"] = "application/json";
  login.body = json{{"username", "officer"}, {"password", kOfficerPassword}}.dump();
  login.client_cert_cn = "B0002";
  const int denied = AuditCount("denied");
  EXPECT_EQ(api_->Handle(login).status, 401);
  EXPECT_EQ(AuditCount("denied"), denied + 1);
}

TEST_F(ApiTest, AdministratorsUnlockResetAndRevokeInTheirScope) {
  const std::string officer = LoginOfficer();
  const std::string secadmin = ReadyUser(officer, "secadmin", "AGENCY", {"security_admin"});
  ASSERT_EQ(Send("POST", "/api/v1/users",
                 json{{"username", "rep"},
                      {"institution", "B0001"},
                      {"roles", {"reporter"}},
                      {"password", "Initial#Pass1"}}
                     .dump(),
                 secadmin)
                .status,
            201);
  for (int i = 0; i < 5; ++i) {
    Send("POST", "/api/v1/sessions",
         json{{"username", "rep"}, {"password", "Wrong#Pass11"}}.dump());
  }
  EXPECT_EQ(Send("POST", "/api/v1/sessions",
                 json{{"username", "rep"}, {"password", "Initial#Pass1"}}.dump())
                .status,
            401);  // locked
  EXPECT_EQ(Send("POST", "/api/v1/users/rep/unlock", "", secadmin).status, 200);
  HttpResponse reset = Send("POST", "/api/v1/users/rep/password",
                            json{{"password", "Another#Pass2"}}.dump(), secadmin);
  EXPECT_EQ(reset.status, 200) << reset.body;
  HttpResponse l = Send("POST", "/api/v1/sessions",
                        json{{"username", "rep"}, {"password", "Another#Pass2"}}.dump());
  ASSERT_EQ(l.status, 201) << l.body;
  EXPECT_TRUE(Body(l)["must_change_password"].get<bool>());
  HttpResponse revoke = Send("DELETE", "/api/v1/users/rep/roles/reporter", "", secadmin);
  EXPECT_EQ(revoke.status, 200) << revoke.body;
  EXPECT_TRUE(Body(revoke)["roles"].empty());
  EXPECT_EQ(Send("POST", "/api/v1/users/rep/unlock", "", officer).status,
            403);  // not the officer's
}

TEST_F(ApiTest, SessionsExpireWhenIdle) {
  const std::string officer = LoginOfficer();
  EXPECT_EQ(Send("GET", "/api/v1/sessions/current", "", officer).status, 200);
  clock_.Advance(std::chrono::minutes(16));
  EXPECT_EQ(Send("GET", "/api/v1/sessions/current", "", officer).status, 401);
}

TEST_F(ApiTest, LogoutEndsTheSession) {
  const std::string officer = LoginOfficer();
  EXPECT_EQ(Send("DELETE", "/api/v1/sessions/current", "", officer).status, 204);
  EXPECT_EQ(Send("GET", "/api/v1/sessions/current", "", officer).status, 401);
}

TEST_F(ApiTest, OversizedBodyIs413) {
  HttpResponse r = Send("POST", "/api/v1/sessions", std::string(2 << 20, 'x'));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(Code(r), "payload_too_large");
}

TEST_F(ApiTest, HostileStringsAreStoredAndReturnedInert) {
  const std::string officer = LoginOfficer();
  const std::string payload = "<script>alert(1)</script>' OR 1=1; DROP TABLE users; --";
  HttpResponse c = Send("POST", "/api/v1/users",
                        json{{"username", "auditor2"},
                             {"institution", "AGENCY"},
                             {"roles", {"auditor"}},
                             {"display_name", payload},
                             {"password", "Initial#Pass1"}}
                            .dump(),
                        officer);
  ASSERT_EQ(c.status, 201) << c.body;
  HttpResponse g = Send("GET", "/api/v1/users/auditor2", "", officer);
  ASSERT_EQ(g.status, 200) << g.body;
  EXPECT_EQ(Body(g)["display_name"], payload);  // byte for byte, as data
  EXPECT_EQ(g.content_type, "application/json");
  EXPECT_EQ(g.Header("X-Content-Type-Options"), "nosniff");
  HttpResponse evil_login =
      Send("POST", "/api/v1/sessions", json{{"username", "' OR '1'='1"}, {"password", "x"}}.dump());
  EXPECT_EQ(evil_login.status, 401);
}

TEST_F(ApiTest, EveryRouteHasAnAuthorizationOrIsDeclaredPublic) {
  // The route table is the list the OpenAPI test checks; here: its size is what we expect to
  // document, and no pattern is declared twice.
  std::set<std::string> seen;
  for (const auto& e : api_->router().entries()) {
    EXPECT_TRUE(seen.insert(e.method + " " + e.pattern).second) << e.pattern;
  }
  EXPECT_GE(seen.size(), 15u);
}

class ApiRateLimitTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiOptions o;
    o.address_rate = 0.001;
    o.address_burst = 3;
    Build(o);
  }
};

TEST_F(ApiRateLimitTest, TheFourthRequestFromOneAddressIs429) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Send("GET", "/api/v1/sessions/current", "", "", "10.9.9.9").status, 401);
  }
  HttpResponse r = Send("GET", "/api/v1/sessions/current", "", "", "10.9.9.9");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(Code(r), "rate_limited");
  EXPECT_FALSE(r.Header("Retry-After").empty());
  EXPECT_EQ(Send("GET", "/api/v1/sessions/current", "", "", "10.9.9.10").status, 401);
  EXPECT_NE(api_->metrics().Render().find("cvault_rate_limited_total"), std::string::npos);
}

}  // namespace
}  // namespace cv::server
