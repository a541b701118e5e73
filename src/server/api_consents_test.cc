// Consents over the API (QRY-3, QRY-6; JR/T 0299): a querier records, lists, reads and revokes its
// institution's consents; other roles are refused and audited; validation errors answer 400 with
// their code; answers never carry the full identifier; another institution sees 404.
#include <gtest/gtest.h>

#include "access/totp.h"
#include "audit/audit_reader.h"
#include "common/testing/base32.h"
#include "server/testing/api_fixture.h"

namespace cv::server {
namespace {

using nlohmann::json;

constexpr char kOfficerPassword[] = "Chief#2026pw!";
constexpr char kIdNumber[] = "11010519491231002X";

json ValidBody() {
  return {{"subject", {{"id_type", "resident_id"}, {"id_number", kIdNumber}, {"name", "张三丰"}}},
          {"reasons", {"02"}},
          {"valid_until", "2026-12-31"},
          {"agreement", {{"version", "v3"}, {"sm3", std::string(64, 'b')}}},
          {"verification", {"id_check", "face", "bank_card"}},
          {"channel", "online"}};
}

class ApiConsentTest : public test::ApiFixture {
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
    ASSERT_TRUE((*tx)->ExecScript(audit::test::kTwoBanksSql));
    auto uri = accounts.Bootstrap(**tx, "officer", "Chief Officer", Secret(kOfficerPassword));
    ASSERT_TRUE(uri) << uri.error().ToString();
    officer_seed_ = std::move(*cv::test::OtpauthSeedForTesting(uri->View(SecretAccess::Get())));
    ASSERT_TRUE((*tx)->Commit());
    officer_ = Login("officer", kOfficerPassword, &officer_seed_);
    secadmin_ = User("secadmin", "AGENCY", "security_admin", officer_);
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

  // A user of `institution` with `role`, created by `creator` (default: the security admin) and
  // brought to a full session.
  std::string User(const std::string& login, const std::string& institution,
                   const std::string& role, const std::string& creator = "") {
    HttpResponse c = Send("POST", "/api/v1/users", creator.empty() ? secadmin_ : creator,
                          {{"username", login},
                           {"institution", institution},
                           {"roles", json::array({role})},
                           {"password", "Initial#Pass1"}});
    EXPECT_EQ(c.status, 201) << c.body;
    HttpResponse l =
        Send("POST", "/api/v1/sessions", "", {{"username", login}, {"password", "Initial#Pass1"}});
    EXPECT_EQ(l.status, 201) << l.body;
    const json answer = Body(l);
    const std::string token = answer.value("token", "");
    if (answer.contains("totp_enrollment")) {
      auto seed = cv::test::OtpauthSeedForTesting(answer["totp_enrollment"].get<std::string>());
      EXPECT_TRUE(seed);
      EXPECT_EQ(Send("POST", "/api/v1/sessions/current/totp", token, {{"otp", Otp(*seed)}}).status,
                200);
    }
    HttpResponse p = Send("POST", "/api/v1/sessions/current/password", token,
                          {{"old_password", "Initial#Pass1"}, {"new_password", "Fresh#Pass22"}});
    EXPECT_EQ(p.status, 200) << p.body;
    return token;
  }

  std::string Create(const std::string& token, const json& body = ValidBody()) {
    HttpResponse r = Send("POST", "/api/v1/consents", token, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r).value("id", "");
  }

  int AuditCount(const std::string& action, const std::string& result) {
    auto tx = store_->Begin(store::TxMode::kRead);
    auto reader = audit::AuditReader::Open(**tx);
    EXPECT_TRUE(reader);
    audit::EventFilter f;
    f.action = action;
    f.result = result;
    int n = 0;
    EXPECT_TRUE((*reader)->ForEachEvent(f, [&](const audit::DecodedEntry&) -> Result<bool> {
      ++n;
      return true;
    }));
    return n;
  }

  Secret officer_seed_;
  std::string officer_;
  std::string secadmin_;
};

TEST_F(ApiConsentTest, AQuerierRecordsAndReadsItMasked) {
  const std::string querier = User("q1", "B0001", "querier");
  const std::string id = Create(querier);
  ASSERT_EQ(id.substr(0, 4), "cst_");
  EXPECT_EQ(AuditCount("consent.record", "ok"), 1);

  HttpResponse got = Send("GET", "/api/v1/consents/" + id, querier);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.body.find(kIdNumber), std::string::npos);  // QRY-6
  EXPECT_EQ(got.body.find("张三丰"), std::string::npos);
  const json v = Body(got);
  EXPECT_EQ(v["subject"].value("id_number_masked", ""), "110105********002X");
  EXPECT_EQ(v.value("status", ""), "active");
  EXPECT_EQ(v.value("institution", ""), "B0001");
  EXPECT_TRUE(v.value("signature_valid", false));
  EXPECT_TRUE(v["revoked_at"].is_null());

  HttpResponse listed = Send("GET", "/api/v1/consents", querier);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.body.find(kIdNumber), std::string::npos);
  ASSERT_EQ(Body(listed)["consents"].size(), 1u);
  EXPECT_EQ(Body(listed)["consents"][0].value("id", ""), id);
}

TEST_F(ApiConsentTest, OtherRolesAreRefusedAndAudited) {
  const std::string admin = User("admin1", "B0001", "inst_admin");
  const std::string reporter = User("rep1", "B0001", "reporter");
  const int denied = AuditCount("consent.record", "denied");
  HttpResponse a = Send("POST", "/api/v1/consents", admin, ValidBody());
  EXPECT_EQ(a.status, 403) << a.body;
  HttpResponse r = Send("POST", "/api/v1/consents", reporter, ValidBody());
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(Send("GET", "/api/v1/consents", reporter).status, 403);
  EXPECT_EQ(AuditCount("consent.record", "denied"), denied + 2);
  EXPECT_EQ(AuditCount("consent.read", "denied"), 1);
}

TEST_F(ApiConsentTest, ValidationErrorsAnswer400WithTheirCode) {
  const std::string querier = User("q1", "B0001", "querier");
  json bad_check = ValidBody();
  bad_check["subject"]["id_number"] = "110105194912310021";
  HttpResponse r = Send("POST", "/api/v1/consents", querier, bad_check);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Code(r), "invalid_argument");
  EXPECT_NE(r.body.find("subject.id_number"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("110105194912310021"), std::string::npos);  // never the value

  json unknown = ValidBody();
  unknown["note"] = "x";
  HttpResponse u = Send("POST", "/api/v1/consents", querier, unknown);
  EXPECT_EQ(u.status, 400);
  EXPECT_NE(u.body.find("unknown field"), std::string::npos) << u.body;

  json nested = ValidBody();
  nested["subject"]["birth"] = "1949";
  EXPECT_EQ(Send("POST", "/api/v1/consents", querier, nested).status, 400);

  json methods = ValidBody();
  methods["verification"] = {"id_check", "face"};
  HttpResponse m = Send("POST", "/api/v1/consents", querier, methods);
  EXPECT_EQ(m.status, 400);
  EXPECT_NE(m.body.find("verification"), std::string::npos);

  json missing = ValidBody();
  missing.erase("channel");
  EXPECT_EQ(Send("POST", "/api/v1/consents", querier, missing).status, 400);
  EXPECT_EQ(AuditCount("consent.record", "ok"), 0);
}

TEST_F(ApiConsentTest, RevokeThenGetShowsRevoked) {
  const std::string querier = User("q1", "B0001", "querier");
  const std::string id = Create(querier);
  HttpResponse no_reason =
      Send("POST", "/api/v1/consents/" + id + "/revoke", querier, json::object());
  EXPECT_EQ(no_reason.status, 400);
  HttpResponse revoked =
      Send("POST", "/api/v1/consents/" + id + "/revoke", querier, {{"reason", "withdrawn"}});
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(Body(revoked).value("status", ""), "revoked");
  HttpResponse got = Send("GET", "/api/v1/consents/" + id, querier);
  EXPECT_EQ(Body(got).value("status", ""), "revoked");
  EXPECT_TRUE(Body(got)["revoked_at"].is_string());
  HttpResponse again =
      Send("POST", "/api/v1/consents/" + id + "/revoke", querier, {{"reason", "again"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(Code(again), "failed_precondition");
  EXPECT_EQ(AuditCount("consent.revoke", "ok"), 1);
}

TEST_F(ApiConsentTest, AnotherInstitutionsQuerierGets404) {
  const std::string mine = User("q1", "B0001", "querier");
  const std::string theirs = User("q2", "B0002", "querier");
  const std::string id = Create(mine);
  HttpResponse got = Send("GET", "/api/v1/consents/" + id, theirs);
  EXPECT_EQ(got.status, 404);
  EXPECT_EQ(Code(got), "not_found");
  EXPECT_EQ(Send("POST", "/api/v1/consents/" + id + "/revoke", theirs, {{"reason", "x"}}).status,
            404);
  HttpResponse listed = Send("GET", "/api/v1/consents", theirs);
  ASSERT_EQ(listed.status, 200);
  EXPECT_TRUE(Body(listed)["consents"].empty());
  EXPECT_EQ(Body(Send("GET", "/api/v1/consents/" + id, mine)).value("status", ""), "active");
}

}  // namespace
}  // namespace cv::server
