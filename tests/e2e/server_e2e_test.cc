// End-to-end tests of the HTTPS API server (issue #6 "Tests and evidence"): the real `cvault
// serve` runs as a child process on a free port and is driven over real TLS with HttpsClient and
// `openssl s_client` — login and logout, lockout, the second factor, idle expiry, the concurrent
// session limit, separation of duties and institution scope, rate and body limits, protocol
// versions, hostile strings, security headers and the graceful stop. The in-process chain is
// tested in src/server/api_test.cc; these tests check what only the binary and the wire show.
#include <openssl/ssl.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "access/totp.h"
#include "common/clock.h"
#include "common/testing/base32.h"
#include "e2e_helpers.h"
#include "server/client.h"
#include "server_fixture.h"

namespace cv::e2e {
namespace {

TEST_F(ServerTest, LoginGivesAWorkingTokenAndLogoutEndsIt) {
  StartServer();
  const std::string token = LoginOfficer();
  ASSERT_FALSE(token.empty());
  const server::ClientResponse who = Send("GET", "/api/v1/sessions/current", "", token);
  ASSERT_EQ(who.status, 200) << who.body;
  EXPECT_EQ(Body(who)["username"], "officer");
  EXPECT_EQ(Body(who)["second_factor_done"], true);
  EXPECT_EQ(Send("DELETE", "/api/v1/sessions/current", "", token).status, 204);
  const server::ClientResponse after = Send("GET", "/api/v1/sessions/current", "", token);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(ErrorCodeOf(after), "unauthenticated");
}

// ACC-4: five wrong passwords lock the account; the right one is then refused with the same
// answer, and the lock is an audit event.
TEST_F(ServerTest, Acc4FiveWrongPasswordsLockEvenTheRightOneOut) {
  StartServer();
  for (int i = 0; i < 5; ++i) {
    const server::ClientResponse r = LoginAnswer("officer", "Wrong#Guess" + std::to_string(i));
    EXPECT_EQ(r.status, 401) << r.body;
  }
  const server::ClientResponse right =
      LoginAnswer("officer", kOfficerPassword, FreshCode(officer_seed_, officer_step_));
  EXPECT_EQ(right.status, 401) << right.body;
  EXPECT_EQ(ErrorCodeOf(right), "unauthenticated");
  EXPECT_EQ(Body(right)["error"]["message"], "login failed");  // no hint that it is locked
  EXPECT_FALSE(Body(right).contains("token"));
  ASSERT_EQ(StopServer().exit_code, 0);
  const std::vector<json> locks = AuditEvents({"--action", "auth.lock"});
  ASSERT_EQ(locks.size(), 1u);
  EXPECT_EQ(locks[0]["object_id"], "officer");
  EXPECT_EQ(locks[0]["client"], "127.0.0.1");
  const std::vector<json> refusals = AuditEvents({"--action", "auth.login", "--result", "denied"});
  EXPECT_EQ(refusals.size(), 6u);  // five wrong passwords and the locked-out right one
}

// ACC-5: an administrator's password alone is not enough.
TEST_F(ServerTest, Acc5OfficerWithoutTheCodeIsRefused) {
  StartServer();
  const server::ClientResponse r = LoginAnswer("officer", kOfficerPassword);
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(ErrorCodeOf(r), "unauthenticated");
  EXPECT_FALSE(Body(r).contains("token"));
}

// ACC-3, ACC-5: a new agency user gets its enrolment URI at first login and can do nothing but
// change its password and confirm the second factor until both are done.
TEST_F(ServerTest, Acc5NewAgencyUserMustChangePasswordAndEnrolBeforeAnythingElse) {
  StartServer();
  const std::string officer = LoginOfficer();
  CreateUser(officer, "auditor1", "AGENCY", {"auditor"});
  const server::ClientResponse l = LoginAnswer("auditor1", kInitialPassword);
  ASSERT_EQ(l.status, 201) << l.body;
  const json answer = Body(l);
  EXPECT_EQ(answer["must_change_password"], true);
  ASSERT_TRUE(answer.contains("totp_enrollment")) << l.body;
  const std::string uri = answer["totp_enrollment"];
  EXPECT_EQ(uri.rfind("otpauth://totp/CreditVault:auditor1?secret=", 0), 0u) << uri;
  const std::string token = answer["token"];

  server::ClientResponse blocked = Send("GET", "/api/v1/audit/events", "", token);
  EXPECT_EQ(blocked.status, 403) << blocked.body;
  EXPECT_EQ(ErrorCodeOf(blocked), "password_change_required");
  const server::ClientResponse changed =
      SendJson("POST", "/api/v1/sessions/current/password",
               json{{"old_password", kInitialPassword}, {"new_password", kFreshPassword}}, token);
  ASSERT_EQ(changed.status, 200) << changed.body;

  blocked = Send("GET", "/api/v1/audit/events", "", token);
  EXPECT_EQ(blocked.status, 403) << blocked.body;
  EXPECT_EQ(ErrorCodeOf(blocked), "totp_enrollment_required");
  auto seed = test::OtpauthSeedForTesting(uri);
  ASSERT_TRUE(seed);
  std::int64_t step = -1;
  const server::ClientResponse confirmed = SendJson("POST", "/api/v1/sessions/current/totp",
                                                    json{{"otp", FreshCode(*seed, step)}}, token);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;

  const server::ClientResponse events = Send("GET", "/api/v1/audit/events?limit=3", "", token);
  EXPECT_EQ(events.status, 200) << events.body;
  EXPECT_EQ(Body(events)["events"].size(), 3u);
}

// ACC-6: a session unused for longer than the idle limit is over. The configured limit is the
// shortest allowed step (2 s) and the test sleeps past it: the passing of time is what is under
// test here, so a wait is the honest way to check it, and the 1 s margin is not a race.
TEST_F(ServerTest, Acc6IdleSessionExpires) {
  StartServer("[access]\nsession_idle_seconds = 2\n");
  const std::string token = LoginOfficer();
  EXPECT_EQ(Send("GET", "/api/v1/sessions/current", "", token).status, 200);
  std::this_thread::sleep_for(std::chrono::seconds(3));
  const server::ClientResponse r = Send("GET", "/api/v1/sessions/current", "", token);
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(ErrorCodeOf(r), "unauthenticated");
  ASSERT_EQ(StopServer().exit_code, 0);
  const std::vector<json> ends = AuditEvents({"--action", "session.end"});
  ASSERT_EQ(ends.size(), 1u);
  EXPECT_EQ(ends[0]["reason"], "idle timeout");
}

// ACC-6: a querier has one session at a time; logging in again ends the first.
TEST_F(ServerTest, Acc6QuerierSecondLoginEndsTheFirstSession) {
  StartServer();
  const std::string admin = ReadyBankAdmin();
  CreateUser(admin, "teller", "B0001", {"querier"});
  const server::ClientResponse first = LoginAnswer("teller", kInitialPassword);
  ASSERT_EQ(first.status, 201) << first.body;
  const server::ClientResponse second = LoginAnswer("teller", kInitialPassword);
  ASSERT_EQ(second.status, 201) << second.body;
  const server::ClientResponse old =
      Send("GET", "/api/v1/sessions/current", "", Body(first).value("token", ""));
  EXPECT_EQ(old.status, 401) << old.body;
  const server::ClientResponse now =
      Send("GET", "/api/v1/sessions/current", "", Body(second).value("token", ""));
  EXPECT_EQ(now.status, 200) << now.body;
  EXPECT_EQ(Body(now)["username"], "teller");
}

// ACC-1: conflicting roles (SOD-1: reporter and querier) are refused, and nothing is created.
TEST_F(ServerTest, Acc1ReporterAndQuerierTogetherAreRefusedSod1) {
  StartServer();
  const std::string admin = ReadyBankAdmin();
  const server::ClientResponse r = SendJson("POST", "/api/v1/users",
                                            json{{"username", "both"},
                                                 {"institution", "B0001"},
                                                 {"roles", {"reporter", "querier"}},
                                                 {"password", kInitialPassword}},
                                            admin);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(ErrorCodeOf(r), "permission_denied");
  EXPECT_NE(r.body.find("SOD-1"), std::string::npos) << r.body;
  EXPECT_EQ(Send("GET", "/api/v1/users/both", "", admin).status, 404);
}

// AUTHZ-9: an institution's administrator sees its own institution only.
TEST_F(ServerTest, Authz9InstitutionAdminIsDeniedAnotherInstitution) {
  StartServer();
  const std::string officer = LoginOfficer();
  AdmitInstitution(officer, "B0001");
  AdmitInstitution(officer, "B0002");
  const std::string admin = ReadyUser(officer, "bankadmin", "B0001", {"inst_admin"});
  const server::ClientResponse own = Send("GET", "/api/v1/users?institution=B0001", "", admin);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(Body(own)["users"].size(), 1u);
  for (const char* target : {"/api/v1/users?institution=B0002", "/api/v1/users/officer"}) {
    const server::ClientResponse other = Send("GET", target, "", admin);
    EXPECT_EQ(other.status, 403) << target << ": " << other.body;
    EXPECT_NE(other.body.find("AUTHZ-9"), std::string::npos) << target << ": " << other.body;
  }
}

TEST_F(ServerTest, RequestsBeyondTheAddressBurstAre429) {
  StartServer("[server]\naddress_rate = 0.01\naddress_burst = 3\n");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Send("GET", "/api/v1/sessions/current").status, 401);
  }
  const server::ClientResponse r = Send("GET", "/api/v1/sessions/current");
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(ErrorCodeOf(r), "rate_limited");
  EXPECT_EQ(r.Header("Retry-After"), "1");
  EXPECT_EQ(SendJson("POST", "/api/v1/sessions", json{{"username", "x"}, {"password", "y"}}).status,
            429);                                  // logins count against the address too
  EXPECT_EQ(Send("GET", "/healthz").status, 200);  // probes are not limited
}

TEST_F(ServerTest, RequestsBeyondTheUserBurstAre429) {
  StartServer("[server]\nuser_rate = 0.01\nuser_burst = 2\n");
  const std::string token = LoginOfficer();
  EXPECT_EQ(Send("GET", "/api/v1/sessions/current", "", token).status, 200);
  EXPECT_EQ(Send("GET", "/api/v1/sessions/current", "", token).status, 200);
  const server::ClientResponse r = Send("GET", "/api/v1/sessions/current", "", token);
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(ErrorCodeOf(r), "rate_limited");
}

// SEC-2: the listener refuses a body over max_body_bytes while reading it (its answers carry the
// request id "-": the Api never saw the request) and closes the connection.
TEST_F(ServerTest, Sec2OversizedBodyIsRefusedWhileReading413) {
  StartServer("[server]\nmax_body_bytes = 1024\n");
  const std::string big = json{{"username", std::string(4096, 'x')}, {"password", "y"}}.dump();
  const server::ClientResponse r = Send("POST", "/api/v1/sessions", big);
  EXPECT_EQ(r.status, 413) << r.body;
  EXPECT_EQ(ErrorCodeOf(r), "payload_too_large");
  EXPECT_EQ(Body(r)["error"]["request_id"], "-");
  EXPECT_EQ(r.Header("Connection"), "close");
  EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(Send("GET", "/healthz").status, 200);  // the server carries on
}

TEST_F(ServerTest, MalformedJsonIs400AndUnknownRouteIs404WithJsonErrors) {
  StartServer();
  const server::ClientResponse bad = Send("POST", "/api/v1/sessions", "{\"username\": ");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(ErrorCodeOf(bad), "invalid_argument");
  EXPECT_EQ(bad.Header("Content-Type"), "application/json");
  const server::ClientResponse missing = Send("GET", "/api/v1/no/such/route");
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_EQ(ErrorCodeOf(missing), "not_found");
  EXPECT_EQ(Body(missing)["error"]["request_id"], missing.Header("X-Request-Id"));
}

// SEC-1: TLS 1.0 and 1.1 are refused by the server (a protocol_version alert, though the client
// offers them); TLS 1.2 and 1.3 are accepted.
TEST_F(ServerTest, Sec1OldTlsVersionsAreRefusedAndTls12And13Accepted) {
  StartServer();
  for (const char* old : {"-tls1", "-tls1_1"}) {
    const RunResult r = SClient(old);
    EXPECT_NE(r.exit_code, 0) << old;
    EXPECT_NE((r.out + r.err).find("alert protocol version"), std::string::npos) << old << "\n"
                                                                                 << r.out << r.err;
    EXPECT_NE(r.out.find("Cipher is (NONE)"), std::string::npos) << old << "\n" << r.out;
  }
  for (const auto& [flag, version] : std::vector<std::pair<std::string, std::string>>{
           {"-tls1_2", "TLSv1.2"}, {"-tls1_3", "TLSv1.3"}}) {
    const RunResult r = SClient(flag);
    EXPECT_EQ(r.exit_code, 0) << flag << "\n" << r.out << r.err;
    // The handshake summary; the "Protocol :" session block is printed only if TLS 1.3's
    // post-handshake ticket beats s_client's end of input.
    EXPECT_NE(r.out.find("New, " + version + ", Cipher is "), std::string::npos) << flag << "\n"
                                                                                 << r.out;
    EXPECT_NE(r.out.find("Verify return code: 0 (ok)"), std::string::npos) << r.out;
  }
  EXPECT_EQ(client_->TlsVersion(), "TLSv1.3");
  auto tls12 = NewClient(TLS1_2_VERSION);
  ASSERT_NE(tls12, nullptr);
  EXPECT_EQ(tls12->TlsVersion(), "TLSv1.2");
  auto r = tls12->Request("GET", "/healthz");
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->status, 200);
}

// SQL and script payloads in every string field of a user: stored and returned as the same
// bytes, in JSON that browsers must not sniff; fields that name things are refused, not run.
TEST_F(ServerTest, HostileStringsInUserFieldsAreStoredAndReturnedInert) {
  StartServer();
  const std::string officer = LoginOfficer();
  const std::string login = "x'); DROP TABLE users;--<script>";
  const std::string display =
      "Robert'); DELETE FROM sessions; -- <img src=x onerror=alert(1)> \"q\" \\ \xE4\xB8\xAD";
  const std::string password = "' OR 1=1 --Zz9</b>";
  const server::ClientResponse c = SendJson("POST", "/api/v1/users",
                                            json{{"username", login},
                                                 {"institution", "AGENCY"},
                                                 {"roles", {"auditor"}},
                                                 {"display_name", display},
                                                 {"password", password}},
                                            officer);
  ASSERT_EQ(c.status, 201) << c.body;
  EXPECT_EQ(Body(c)["username"], login);

  const server::ClientResponse list = Send("GET", "/api/v1/users?institution=AGENCY", "", officer);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.Header("Content-Type"), "application/json");
  EXPECT_EQ(list.Header("X-Content-Type-Options"), "nosniff");
  const json users = Body(list)["users"];
  ASSERT_EQ(users.size(), 2u) << list.body;  // the officer and the new user: no table dropped
  const auto it = std::find_if(users.begin(), users.end(),
                               [&](const json& u) { return u["username"] == login; });
  ASSERT_NE(it, users.end()) << list.body;
  EXPECT_EQ((*it)["display_name"].get<std::string>(), display);  // byte for byte
  EXPECT_EQ((*it)["roles"], json::array({"auditor"}));

  // The password was stored as given: the new user can sign in with it.
  const server::ClientResponse l = LoginAnswer(login, password);
  EXPECT_EQ(l.status, 201) << l.body;
  EXPECT_EQ(LoginAnswer("' OR '1'='1", "' OR '1'='1").status, 401);

  // Names of things are looked up, never interpolated: unknown ones are refused.
  const server::ClientResponse bad_institution = SendJson("POST", "/api/v1/users",
                                                          json{{"username", "other1"},
                                                               {"institution", "AGENCY' OR '1'='1"},
                                                               {"roles", {"auditor"}},
                                                               {"password", kInitialPassword}},
                                                          officer);
  EXPECT_GE(bad_institution.status, 400) << bad_institution.body;
  EXPECT_LT(bad_institution.status, 500) << bad_institution.body;
  const server::ClientResponse bad_role = SendJson("POST", "/api/v1/users",
                                                   json{{"username", "other2"},
                                                        {"institution", "AGENCY"},
                                                        {"roles", {"auditor' OR '1'='1"}},
                                                        {"password", kInitialPassword}},
                                                   officer);
  EXPECT_EQ(bad_role.status, 400) << bad_role.body;
  const server::ClientResponse again = Send("GET", "/api/v1/users?institution=AGENCY", "", officer);
  EXPECT_EQ(Body(again)["users"].size(), 2u) << again.body;
}

TEST_F(ServerTest, SecurityHeadersAreOnRealAnswers) {
  StartServer();
  for (const char* target : {"/healthz", "/api/v1/sessions/current", "/nothing"}) {
    const server::ClientResponse r = Send("GET", target);
    EXPECT_NE(r.status, 0) << target;
    EXPECT_EQ(r.Header("Strict-Transport-Security"), "max-age=31536000; includeSubDomains")
        << target;
    EXPECT_NE(r.Header("Content-Security-Policy").find("default-src 'none'"), std::string::npos)
        << target;
    EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff") << target;
    EXPECT_EQ(r.Header("Cache-Control"), "no-store") << target;
    EXPECT_FALSE(r.Header("X-Request-Id").empty()) << target;
  }
}

// AUD-2: SIGTERM stops the server cleanly; its last word in the audit log is server.stop and
// the log still verifies.
TEST_F(ServerTest, Aud2SigtermStopsGracefullyAndTheLogVerifies) {
  StartServer();
  const std::string token = LoginOfficer();
  EXPECT_EQ(Send("GET", "/api/v1/sessions/current", "", token).status, 200);
  // A client idle on a keep-alive connection must not hold the stop up (the server closes it;
  // today that costs the listener's 5 s wait for the client's TLS close_notify).
  std::unique_ptr<server::HttpsClient> idle = NewClient();
  ASSERT_NE(idle, nullptr);
  ASSERT_TRUE(idle->Request("GET", "/healthz"));
  const RunResult stopped = StopServer();
  ASSERT_EQ(stopped.exit_code, 0) << stopped.err;
  EXPECT_NE(stopped.out.find("\nstopped\n"), std::string::npos) << stopped.out;
  RunResult verify = Run({"audit", "verify", "--data", "data"});
  ASSERT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_EQ(json::parse(verify.out)["ok"], true);
  const std::vector<json> events = AuditEvents();
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events.back()["action"], "server.stop");
  const auto start = std::find_if(events.begin(), events.end(),
                                  [](const json& e) { return e["action"] == "server.start"; });
  ASSERT_NE(start, events.end());
  EXPECT_NE((*start)["reason"].get<std::string>().find("127.0.0.1:" + port_), std::string::npos);
}

// QRY-3 through the CLI and the real server: a querier logs in with `cvault login`, records a
// consent with `cvault consent add` (the agreement hashed locally with SM3), sees it masked with
// `show` and `list`, revokes it once; the events are in the audit log.
TEST_F(ServerTest, Qry3QuerierRecordsShowsAndRevokesAConsentWithTheCli) {
  StartServer();
  const std::string officer = LoginOfficer();
  AdmitInstitution(officer, "B0001");
  const std::string secadmin = ReadyUser(officer, "secadmin", "AGENCY", {"security_admin"});
  ReadyUser(secadmin, "q1", "B0001", {"querier"});
  Write("q1.pw", std::string(kFreshPassword) + "\n");
  Write("agreement.txt", "本人同意查询个人信用报告。\n");
  const std::vector<std::string> client{"--server", url_,           "--ca-cert",
                                        kCert,      "--token-file", "q1.session"};
  auto cli = [&](std::vector<std::string> args) {
    args.insert(args.end(), client.begin(), client.end());
    return Run(args);
  };
  RunResult login = cli({"login", "--user", "q1", "--password-file", "q1.pw"});
  ASSERT_EQ(login.exit_code, 0) << login.err;
  RunResult add = cli({"consent",
                       "add",
                       "--id-number",
                       "11010519491231002X",
                       "--name",
                       "张三丰",
                       "--reason",
                       "02",
                       "--valid-until",
                       "2099-01-01",
                       "--agreement-version",
                       "v1",
                       "--agreement-file",
                       "agreement.txt",
                       "--verification",
                       "id_check",
                       "--verification",
                       "face",
                       "--verification",
                       "sms",
                       "--channel",
                       "online"});
  EXPECT_NE(add.exit_code, 0) << add.out << add.err;  // the window is too long
  EXPECT_NE(add.err.find("valid_until"), std::string::npos) << add.err;
  const std::string until =
      FormatRfc3339(SystemClock::Get().Now() + std::chrono::hours(24 * 60)).substr(0, 10);
  add = cli({"consent",
             "add",
             "--id-number",
             "11010519491231002X",
             "--name",
             "张三丰",
             "--reason",
             "02",
             "--valid-until",
             until,
             "--agreement-version",
             "v1",
             "--agreement-file",
             "agreement.txt",
             "--verification",
             "id_check",
             "--verification",
             "face",
             "--verification",
             "sms",
             "--channel",
             "online"});
  ASSERT_EQ(add.exit_code, 0) << add.out << add.err;
  const std::string id = add.out.substr(0, add.out.find('\n'));
  ASSERT_EQ(id.rfind("cst_", 0), 0u) << add.out;
  RunResult show = cli({"consent", "show", id, "--format", "json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(show.out.find("11010519491231002X"), std::string::npos);
  const json shown = json::parse(show.out);
  EXPECT_EQ(shown["subject"]["id_number_masked"], "110105********002X");
  EXPECT_EQ(shown["status"], "active");
  EXPECT_EQ(shown["signature_valid"], true);
  EXPECT_EQ(shown["agreement"]["sm3"].get<std::string>().size(), 64u);
  RunResult list = cli({"consent", "list", "--format", "json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(json::parse(list.out)["consents"].size(), 1u);
  RunResult revoke = cli({"consent", "revoke", id, "--reason", "withdrawn", "--format", "json"});
  ASSERT_EQ(revoke.exit_code, 0) << revoke.err;
  EXPECT_EQ(json::parse(revoke.out)["status"], "revoked");
  RunResult again = cli({"consent", "revoke", id, "--reason", "again"});
  EXPECT_NE(again.exit_code, 0);
  ASSERT_EQ(StopServer().exit_code, 0);
  EXPECT_EQ(AuditEvents({"--action", "consent.record", "--result", "ok"}).size(), 1u);
  EXPECT_EQ(AuditEvents({"--action", "consent.revoke", "--result", "ok"}).size(), 1u);
}

}  // namespace
}  // namespace cv::e2e
