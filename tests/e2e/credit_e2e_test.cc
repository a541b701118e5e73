// End-to-end tests of the credit core (issue #7) through the real `cvault serve` and the real
// `cvault` client: provider batches with their feedback (GRD-4), sealed batches and data at rest
// (CRY-1), the query rules (QRY-1), masking (QRY-6), the report's audit anchor (QRY-7) and query
// history (QRY-4). An expired consent cannot be shown here (the server's clock cannot move and an
// already-expired consent is refused when recorded): ConsentTest.ExpiredConsentRefusesQuery in
// src/credit/consents_test.cc covers consent_expired with an injected clock.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "audit/internal/base64.h"
#include "audit/proof_json.h"
#include "common/hex.h"
#include "server_fixture.h"

namespace cv::e2e {
namespace {

// Synthetic subjects whose IDs pass the GB 11643 check (docs/ingest_format.md 5).
constexpr char kId1[] = "110101199003071233";
constexpr char kName1[] = "王小明";
constexpr char kMobile1[] = "13800138000";
constexpr char kCard1[] = "6222020200112233445";
constexpr char kId2[] = "51010719680229001X";
constexpr char kName2[] = "张三";
constexpr char kMobile2[] = "13900139000";

// Six records: good, bad, prohibited, malformed, good (docs/ingest_format.md 2, 3).
std::string MixedRecords() {
  return std::string(R"({"type":"identity","id_type":"resident_id","id_number":")") + kId1 +
         R"(","name":")" + kName1 + R"(","gender":"M","birth_date":"1990-03-07","mobile":")" +
         kMobile1 + "\"}\n" + R"({"type":"account","id_type":"resident_id","id_number":")" + kId1 +
         R"(","account_id":")" + kCard1 +
         R"(","kind":"credit_card","open_date":"2020-01-15","currency":"CNY","limit":"50000","balance":"1200.50","status":"active","as_of":"2024-05-31"})"
         "\n" +
         R"({"type":"account","id_type":"resident_id","id_number":")" + kId1 +
         R"(","account_id":"LN-1","kind":"loan","open_date":"2020-01-15","currency":"cny","limit":"1","balance":"1","status":"active","as_of":"2024-05-31"})"
         "\n" +
         R"({"type":"identity","id_type":"resident_id","id_number":")" + kId2 +
         R"(","name":"x","blood_type":"A"})"
         "\n"
         "not json\n" +
         R"({"type":"identity","id_type":"resident_id","id_number":")" + kId2 + R"(","name":")" +
         kName2 +
         R"(","mobile":"+86 139-0013-9000"})"
         "\n";
}

class CreditTest : public ServerTest {
 protected:
  // The server, provider-user institution PBANK (its batch key made with `cvault batch keygen`),
  // user institution LENDER, a security administrator, PBANK's reporter and querier, LENDER's
  // querier.
  void ReadyPlatform() {
    StartServer();
    officer_ = LoginOfficer();
    RunResult keygen =
        Run({"batch", "keygen", "--out-private", "pbank.key", "--out-public", "pbank.pem"});
    ASSERT_EQ(keygen.exit_code, 0) << keygen.err;
    EXPECT_EQ(fs::status(Path("pbank.key")).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    Admit("PBANK", "provider_user", ReadFile(Path("pbank.pem")));
    Admit("LENDER", "user", "");
    secadmin_ = ReadyUser(officer_, "secadmin", "AGENCY", {"security_admin"});
    reporter_ = ReadyUser(secadmin_, "rep1", "PBANK", {"reporter"});
    querier_ = ReadyUser(secadmin_, "q1", "PBANK", {"querier"});
    lender_ = ReadyUser(secadmin_, "q2", "LENDER", {"querier"});
  }

  void Admit(const std::string& code, const std::string& kind, const std::string& key) {
    json body{{"code", code}, {"name", "Bank " + code}, {"kind", kind}};
    if (!key.empty()) body["public_key"] = key;
    const server::ClientResponse c = SendJson("POST", "/api/v1/institutions", body, officer_);
    ASSERT_EQ(c.status, 201) << c.body;
    const server::ClientResponse a = SendJson("POST", "/api/v1/institutions/" + code + "/status",
                                              json{{"status", "active"}}, officer_);
    ASSERT_EQ(a.status, 200) << a.body;
  }

  // `cvault batch sign` of `records` as PBANK's batch `batch_id`; the manifest's JSON.
  json Sign(const std::string& batch_id, const std::string& records,
            const std::vector<std::string>& extra = {}) {
    Write(batch_id + ".jsonl", records);
    std::vector<std::string> args{"batch",      "sign",      "--institution", "PBANK",
                                  "--batch-id", batch_id,    "--records",     batch_id + ".jsonl",
                                  "--key",      "pbank.key", "--out",         batch_id + ".json"};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult r = Run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(ReadFile(Path(batch_id + ".json")), nullptr, false);
  }

  // Signs and submits `records` in clear as the reporter; the batch status.
  json SubmitPlain(const std::string& batch_id, const std::string& records) {
    const json body{{"manifest", Sign(batch_id, records)}, {"records", records}};
    const server::ClientResponse r = SendJson("POST", "/api/v1/batches", body, reporter_);
    EXPECT_EQ(r.status, 200) << r.body;
    return Body(r);
  }

  server::ClientResponse Query(const std::string& token, const std::string& id,
                               const std::string& name, const std::string& reason,
                               const std::string& consent = "") {
    json body{{"subject", {{"id_type", "resident_id"}, {"id_number", id}, {"name", name}}},
              {"reason", reason}};
    if (!consent.empty()) body["consent_id"] = consent;
    return SendJson("POST", "/api/v1/queries", body, token);
  }

  // A consent of kId1 to the querier's institution for reason 02, valid 60 days.
  std::string AddConsent(const std::string& token) {
    const std::string until =
        FormatRfc3339(SystemClock::Get().Now() + std::chrono::hours(24 * 60)).substr(0, 10);
    const json body{
        {"subject", {{"id_type", "resident_id"}, {"id_number", kId1}, {"name", kName1}}},
        {"reasons", {"02"}},
        {"valid_until", until},
        {"agreement", {{"version", "v1"}, {"sm3", std::string(64, 'a')}}},
        {"verification", {"id_check", "face", "sms"}},
        {"channel", "online"}};
    const server::ClientResponse r = SendJson("POST", "/api/v1/consents", body, token);
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r).value("id", "");
  }

  // The client options of a CLI session kept in `session_file`.
  std::vector<std::string> Cli(std::vector<std::string> args, const std::string& session_file) {
    for (const std::string& a : {std::string("--server"), url_, std::string("--ca-cert"),
                                 std::string(kCert), std::string("--token-file"), session_file}) {
      args.push_back(a);
    }
    return args;
  }

  std::string officer_, secadmin_, reporter_, querier_, lender_;
};

TEST_F(CreditTest, Grd4BatchFeedbackNamesEachGoodBadAndProhibitedRecord) {
  ReadyPlatform();
  const json status = SubmitPlain("b1", MixedRecords());
  EXPECT_EQ(status["state"], "done");
  EXPECT_EQ(status["accepted"], 3);
  EXPECT_EQ(status["rejected"], 3);
  const server::ClientResponse f = Send("GET", "/api/v1/batches/b1/feedback", "", reporter_);
  ASSERT_EQ(f.status, 200) << f.body;
  const std::vector<json> lines = JsonLines(f.body);
  ASSERT_EQ(lines.size(), 7u) << f.body;
  const std::vector<std::tuple<int, std::string, std::string>> want = {
      {1, "accepted", ""},
      {2, "accepted", ""},
      {3, "rejected", "invalid_code"},
      {4, "rejected", "prohibited_item"},
      {5, "rejected", "malformed_line"},
      {6, "accepted", ""}};
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(lines[i]["line"], std::get<0>(want[i])) << lines[i];
    EXPECT_EQ(lines[i]["status"], std::get<1>(want[i])) << lines[i];
    EXPECT_EQ(lines[i].value("code", ""), std::get<2>(want[i])) << lines[i];
  }
  EXPECT_EQ(lines[2]["field"], "currency");
  EXPECT_EQ(lines[6]["summary"]["by_code"],
            json({{"invalid_code", 1}, {"prohibited_item", 1}, {"malformed_line", 1}}));
  EXPECT_EQ(f.body.find(kId2), std::string::npos) << "feedback never repeats a value";
}

TEST_F(CreditTest, Qry1QueryWithoutConsentIsRefusedConsentRequired) {
  ReadyPlatform();
  SubmitPlain("b1", MixedRecords());
  const server::ClientResponse r = Query(querier_, kId1, kName1, "02");
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(ErrorCodeOf(r), "consent_required");
}

TEST_F(CreditTest, Qry1ConsentNotCoveringTheReasonIsRefused) {
  ReadyPlatform();
  SubmitPlain("b1", MixedRecords());
  const std::string consent = AddConsent(querier_);
  const server::ClientResponse r = Query(querier_, kId1, kName1, "03", consent);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(ErrorCodeOf(r), "consent_reason_not_covered");
}

TEST_F(CreditTest, Qry1RevokedConsentIsRefusedAndTheValidOneAllowed) {
  ReadyPlatform();
  SubmitPlain("b1", MixedRecords());
  const std::string consent = AddConsent(querier_);
  EXPECT_EQ(Query(querier_, kId1, kName1, "02", consent).status, 200);
  const server::ClientResponse rv = SendJson("POST", "/api/v1/consents/" + consent + "/revoke",
                                             json{{"reason", "withdrawn"}}, querier_);
  ASSERT_EQ(rv.status, 200) << rv.body;
  const server::ClientResponse r = Query(querier_, kId1, kName1, "02", consent);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(ErrorCodeOf(r), "consent_revoked");
}

TEST_F(CreditTest, Qry1PostLoanManagementNeedsAnAccountOfTheInstitution) {
  ReadyPlatform();
  SubmitPlain("b1", MixedRecords());
  EXPECT_EQ(Query(querier_, kId1, kName1, "01").status, 200);  // PBANK holds kCard1
  const server::ClientResponse other = Query(lender_, kId1, kName1, "01");
  EXPECT_EQ(other.status, 403) << other.body;
  EXPECT_EQ(ErrorCodeOf(other), "no_account_relationship");
  const server::ClientResponse no_account = Query(querier_, kId2, kName2, "01");
  EXPECT_EQ(ErrorCodeOf(no_account), "no_account_relationship") << no_account.body;
}

TEST_F(CreditTest, Acc1InstitutionAdminAndReporterCannotQuery) {
  ReadyPlatform();
  SubmitPlain("b1", MixedRecords());
  const std::string admin = ReadyUser(officer_, "padmin", "PBANK", {"inst_admin"});
  for (const std::string& token : {admin, reporter_}) {
    const server::ClientResponse r = Query(token, kId1, kName1, "01");
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.body.find("report_id"), std::string::npos);
  }
}

TEST_F(CreditTest, Qry6MaskedReportHoldsNoFullIdCardNumberOrMobile) {
  ReadyPlatform();
  SubmitPlain("b1", MixedRecords());
  const server::ClientResponse r = Query(querier_, kId1, kName1, "01");
  ASSERT_EQ(r.status, 200) << r.body;
  for (const char* clear : {kId1, kCard1, kMobile1, kName1}) {
    EXPECT_EQ(r.body.find(clear), std::string::npos) << clear << " in " << r.body;
  }
  const json report = Body(r)["report"];
  ASSERT_EQ(report["accounts"].size(), 1u);
  EXPECT_EQ(report["accounts"][0]["institution"], "PBANK");
  const std::string id = Body(r)["report_id"];
  const server::ClientResponse again = Send("GET", "/api/v1/reports/" + id, "", querier_);
  ASSERT_EQ(again.status, 200) << again.body;
  for (const char* clear : {kId1, kCard1, kMobile1}) {
    EXPECT_EQ(again.body.find(clear), std::string::npos) << clear;
  }
}

TEST_F(CreditTest, Qry7ReportInclusionProofVerifiesAndLeadsToTheCheckpointRoot) {
  ReadyPlatform();
  SubmitPlain("b1", MixedRecords());
  const server::ClientResponse r = Query(querier_, kId1, kName1, "01");
  ASSERT_EQ(r.status, 200) << r.body;
  const json audit = Body(r)["audit"];
  const json proof = audit["proof"];
  ASSERT_TRUE(audit::VerifyInclusionJson(proof.dump()));
  EXPECT_EQ(proof["leaf_index"], audit["leaf_index"]);
  // The checkpoint note: origin, tree size, base64 root (C2SP tlog-checkpoint).
  const std::string note = audit["checkpoint"];
  std::vector<std::string> body;
  for (std::size_t pos = 0; body.size() < 3;) {
    const std::size_t nl = note.find('\n', pos);
    ASSERT_NE(nl, std::string::npos) << note;
    body.push_back(note.substr(pos, nl - pos));
    pos = nl + 1;
  }
  EXPECT_EQ(body[1], std::to_string(proof["tree_size"].get<std::uint64_t>()));
  auto root = audit::internal::Base64Decode(body[2]);
  ASSERT_TRUE(root);
  EXPECT_EQ(HexEncode(*root), proof["root"]);
  // `cvault report verify` checks the same offline; a changed leaf index fails it.
  json tampered = Body(r);
  Write("answer.json", tampered.dump());
  tampered["audit"]["leaf_index"] = audit["leaf_index"].get<std::uint64_t>() + 1;
  Write("tampered.json", tampered.dump());
  RunResult ok = Run({"report", "verify", "answer.json"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("ok: leaf"), std::string::npos) << ok.out;
  RunResult bad = Run({"report", "verify", "tampered.json"});
  EXPECT_NE(bad.exit_code, 0) << bad.out;
}

TEST_F(CreditTest, Qry4NextReportListsTheEarlierQuery) {
  ReadyPlatform();
  SubmitPlain("b1", MixedRecords());
  ASSERT_EQ(Query(querier_, kId1, kName1, "01").status, 200);
  const server::ClientResponse next = Query(querier_, kId1, kName1, "01");
  ASSERT_EQ(next.status, 200) << next.body;
  const json queries = Body(next)["report"]["queries"];
  const bool listed = std::any_of(queries.begin(), queries.end(), [](const json& q) {
    return q["institution"] == "PBANK" && q["reason"] == "01";
  });
  EXPECT_TRUE(listed) << queries;
}

TEST_F(CreditTest, Cry1IngestedIdentifiersAreNotInTheDataDirectoryInClear) {
  ReadyPlatform();
  EXPECT_EQ(SubmitPlain("b1", MixedRecords())["accepted"], 3);
  ASSERT_EQ(StopServer().exit_code, 0);
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(Path("data"))) {
    if (!e.is_regular_file()) continue;
    ++files;
    const std::string bytes = ReadFile(e.path());
    for (const char* clear : {kId1, kId2, kName1, kName2, kMobile1, kMobile2, kCard1}) {
      EXPECT_EQ(bytes.find(clear), std::string::npos) << clear << " in " << e.path();
    }
  }
  EXPECT_GT(files, 0u);
}

TEST_F(CreditTest, Cry1SealedBatchIsDecryptedAndIngested) {
  ReadyPlatform();
  const server::ClientResponse key = Send("GET", "/api/v1/platform/transport-key", "", reporter_);
  ASSERT_EQ(key.status, 200) << key.body;
  Write("platform.pem", Body(key)["public_key_pem"]);
  const json manifest = Sign("s1", MixedRecords(), {"--seal-to", "platform.pem"});
  EXPECT_EQ(manifest["encryption"]["scheme"], "cvault-envelope-v1");
  const std::string sealed = ReadFile(Path("s1.jsonl.sealed"));
  EXPECT_EQ(sealed.find(kId1), std::string::npos);
  const server::ClientResponse r =
      SendJson("POST", "/api/v1/batches", json{{"manifest", manifest}, {"records_sealed", sealed}},
               reporter_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["accepted"], 3);
  EXPECT_EQ(Body(r)["rejected"], 3);
  EXPECT_EQ(Query(querier_, kId1, kName1, "01").status, 200);
}

TEST_F(CreditTest, CliSignsSubmitsFollowsAQueriesAndFetchesAReport) {
  ReadyPlatform();
  Write("pw", std::string(kFreshPassword) + "\n");
  RunResult login = Run(Cli({"login", "--user", "rep1", "--password-file", "pw"}, "rep.session"));
  ASSERT_EQ(login.exit_code, 0) << login.err;
  RunResult tk = Run(Cli({"batch", "transport-key", "--out", "platform.pem"}, "rep.session"));
  ASSERT_EQ(tk.exit_code, 0) << tk.err;
  Sign("c1", MixedRecords(), {"--seal-to", "platform.pem"});
  RunResult submit =
      Run(Cli({"batch", "submit", "c1.json", "--records", "c1.jsonl.sealed"}, "rep.session"));
  ASSERT_EQ(submit.exit_code, 0) << submit.err;
  EXPECT_NE(submit.out.find("done, 6 records, 3 accepted, 3 rejected"), std::string::npos)
      << submit.out;
  RunResult status = Run(Cli({"batch", "status", "c1", "--format", "json"}, "rep.session"));
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_EQ(json::parse(status.out)["accepted"], 3);
  RunResult feedback = Run(Cli({"batch", "feedback", "c1", "--out", "c1.feedback"}, "rep.session"));
  ASSERT_EQ(feedback.exit_code, 0) << feedback.err;
  EXPECT_EQ(JsonLines(ReadFile(Path("c1.feedback"))).size(), 7u);

  login = Run(Cli({"login", "--user", "q1", "--password-file", "pw"}, "q.session"));
  ASSERT_EQ(login.exit_code, 0) << login.err;
  RunResult refused =
      Run(Cli({"query", "--id-number", kId1, "--name", kName1, "--reason", "02"}, "q.session"));
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("consent_required"), std::string::npos) << refused.err;
  RunResult query = Run(Cli({"query", "--id-number", kId1, "--name", kName1, "--reason", "01",
                             "--out", "answer.json", "--html", "report.html"},
                            "q.session"));
  ASSERT_EQ(query.exit_code, 0) << query.err;
  EXPECT_NE(query.out.find("accounts (1):"), std::string::npos) << query.out;
  EXPECT_EQ(query.out.find(kId1), std::string::npos) << query.out;
  EXPECT_NE(ReadFile(Path("report.html")).find("<html"), std::string::npos);
  const std::string id = json::parse(ReadFile(Path("answer.json")))["report_id"];
  RunResult report = Run(Cli({"report", id, "--format", "json"}, "q.session"));
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_EQ(json::parse(report.out)["report_id"], id);
  RunResult verify = Run({"report", "verify", "answer.json"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  // With the log's key the checkpoint's signature is checked too; a forged note fails.
  RunResult key = Run(Cli({"report", "log-key", "--out", "log.key"}, "q.session"));
  ASSERT_EQ(key.exit_code, 0) << key.err;
  RunResult signed_ok = Run({"report", "verify", "answer.json", "--log-key", "log.key"});
  EXPECT_EQ(signed_ok.exit_code, 0) << signed_ok.err;
  EXPECT_NE(signed_ok.out.find("checkpoint signature verified"), std::string::npos)
      << signed_ok.out;
  json forged = json::parse(ReadFile(Path("answer.json")));
  std::string note = forged["audit"]["checkpoint"];
  note[note.size() - 3] = note[note.size() - 3] == 'A' ? 'B' : 'A';  // inside the signature
  forged["audit"]["checkpoint"] = note;
  Write("forged.json", forged.dump());
  RunResult forged_run = Run({"report", "verify", "forged.json", "--log-key", "log.key"});
  EXPECT_NE(forged_run.exit_code, 0) << forged_run.out;
}

TEST_F(CreditTest, Cry5AfterShreddingTheSubjectsDataCannotBeReadAndItsReportSaysSo) {
  ReadyPlatform();
  EXPECT_EQ(SubmitPlain("b1", MixedRecords())["accepted"], 3);
  const server::ClientResponse before = Query(querier_, kId1, kName1, "01");
  ASSERT_EQ(before.status, 200) << before.body;
  const std::string old_report = Body(before).value("report_id", "");
  ASSERT_EQ(StopServer().exit_code, 0);
  RunResult shred = Run({"keys", "shred", "--data", "data", "--passphrase-file", "pp",
                         "--id-number", kId1, "--reason", "subject's erasure request"});
  ASSERT_EQ(shred.exit_code, 0) << shred.err;
  StartServer();
  // Post-loan management still finds the account relationship; the facts are gone for good.
  const server::ClientResponse after = Query(querier_, kId1, kName1, "01");
  ASSERT_EQ(after.status, 200) << after.body;
  const json report = Body(after)["report"];
  EXPECT_TRUE(report["subject"]["shredded"].get<bool>());
  EXPECT_TRUE(report["identity"].empty());
  EXPECT_TRUE(report["accounts"].empty());
  EXPECT_NE(report.value("notice", "").find("destroyed"), std::string::npos);
  const server::ClientResponse stored = Send("GET", "/api/v1/reports/" + old_report, "", querier_);
  EXPECT_EQ(stored.status, 409) << stored.body;
  // Nothing new can be reported on the subject.
  const json again = SubmitPlain("b2", MixedRecords().substr(0, MixedRecords().find('\n') + 1));
  EXPECT_EQ(again["rejected"], 1);
}

}  // namespace
}  // namespace cv::e2e
