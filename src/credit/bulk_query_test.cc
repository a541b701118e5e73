// Tests for BulkQueries (QRY-5): the request file's rules (stated institution, user and count),
// one result line per subject with its rule, one anchor for the job, and the result sealed to the
// institution's registered key.
#include "credit/bulk_query.h"

#include <gtest/gtest.h>

#include <sstream>

#include "audit/proof_json.h"
#include "audit/testing/unsealed_vault.h"
#include "common/testing/scoped_temp_dir.h"
#include "crypto/envelope.h"
#include "crypto/signer.h"

namespace cv::credit {
namespace {

constexpr char kId[] = "11010519491231002X";
constexpr char kName[] = "张三丰";
const TimePoint kStart = TimePoint(std::chrono::seconds(1'780'272'000));  // 2026-06-01

class BulkQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto keys = crypto::GenerateSigningKey(crypto::Suite::kGm);
    ASSERT_TRUE(keys);
    keys_ = std::move(*keys);
    auto pem = crypto::PublicKeyPem(keys_.public_key_der);
    ASSERT_TRUE(pem);
    const std::string seed =
        "INSERT INTO institutions VALUES ('B0001', 'Bank A', 'provider_user', 'active', '" + *pem +
        "', 'x', 'x');"
        "INSERT INTO institutions VALUES ('B0002', 'Bank B', 'user', 'active', '', 'x', 'x');";
    auto v = audit::test::MakeUnsealedVault(dir_.path() + "/d", clock_, seed);
    ASSERT_TRUE(v) << v.error().ToString();
    vault_ = std::move(*v);
    credit_ = std::make_unique<CreditStore>(*vault_.keyring);
    consents_ = std::make_unique<Consents>(*credit_, *vault_.log, clock_);
    queries_ = std::make_unique<QueryService>(*credit_, *consents_, *vault_.log, clock_);
    bulk_ = std::make_unique<BulkQueries>(*vault_.store, *queries_, *vault_.log, clock_, 2);
    auto tx = vault_.store->Begin();
    IdentityRecord id;
    id.subject = {"resident_id", kId};
    id.name = kName;
    auto subject = credit_->EnsureSubject(**tx, *credit_->SubjectRef(id.subject), clock_.Now());
    ASSERT_TRUE(credit_->PutIdentity(**tx, *subject, id, {"B0001", 1, 1, clock_.Now()}));
    ConsentRequest c;
    c.subject = id.subject;
    c.name = kName;
    c.reasons = {"02"};
    c.valid_until = "2026-12-31";
    c.agreement_version = "v1";
    c.agreement_sm3 = std::string(64, 'c');
    c.verification = {"id_check", "face", "sms"};
    c.channel = "online";
    auto consent = consents_->Record(**tx, querier_, c);
    ASSERT_TRUE(consent) << consent.error().ToString();
    consent_ = *consent;
    ASSERT_TRUE((*tx)->Commit());
  }

  std::string RequestText(std::string user = "q1", int count = 3) {
    nlohmann::json j = {
        {"institution", "B0001"},
        {"user", user},
        {"time", "2026-06-01T08:00:00+08:00"},
        {"reason", "02"},
        {"content", "credit_report"},
        {"count", count},
        {"subjects",
         nlohmann::json::array({{{"id_type", "resident_id"},
                                 {"id_number", kId},
                                 {"name", kName},
                                 {"consent_id", consent_}},
                                {{"id_type", "resident_id"}, {"id_number", kId}, {"name", kName}},
                                {{"id_type", "resident_id"},
                                 {"id_number", "110105194912310021"},
                                 {"name", kName}}})}};
    return j.dump();
  }

  Result<BulkJob> Run(const std::string& text, const access::Actor& by) {
    auto request = ParseBulkRequest(text);
    if (!request) return std::unexpected(request.error());
    return bulk_->Run(by, *request, text);
  }

  std::int64_t Count(std::string_view sql) {
    auto tx = vault_.store->Begin(store::TxMode::kRead);
    EXPECT_TRUE(tx) << "a transaction is still open on this thread";
    if (!tx) return -1;
    return *(*(*tx)->QueryOne(sql))->Int(0);
  }

  test::ScopedTempDir dir_;
  FakeClock clock_{kStart};
  audit::test::UnsealedVault vault_;
  crypto::SigningKeyPair keys_;
  std::unique_ptr<CreditStore> credit_;
  std::unique_ptr<Consents> consents_;
  std::unique_ptr<QueryService> queries_;
  std::unique_ptr<BulkQueries> bulk_;
  access::Actor querier_{7, "q1", "B0001", {access::Role::kQuerier}, "10.0.0.1"};
  std::string consent_;
};

TEST_F(BulkQueryTest, EverySubjectGetsALineAndTheResultIsSealedToTheInstitution) {
  auto job = Run(RequestText(), querier_);
  ASSERT_TRUE(job) << job.error().ToString();
  EXPECT_EQ(job->state, "done");
  EXPECT_EQ(job->subject_count, 3);
  EXPECT_EQ(job->done, 3);
  Result<std::string> sealed = [&] {
    auto tx = vault_.store->Begin(store::TxMode::kRead);
    return bulk_->SealedResult(**tx, querier_, job->id);
  }();
  ASSERT_TRUE(sealed) << sealed.error().ToString();
  EXPECT_EQ(sealed->find(kName), std::string::npos);
  auto wrong = crypto::OpenSealed(keys_.private_key_der, *sealed, "cvault-bulk|other");
  EXPECT_FALSE(wrong);
  auto clear = crypto::OpenSealed(keys_.private_key_der, *sealed, "cvault-bulk|" + job->id);
  ASSERT_TRUE(clear) << clear.error().ToString();
  std::istringstream in(*clear);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(lines.size(), 4u);  // header + one per subject
  EXPECT_EQ(lines[0]["job"], job->id);
  EXPECT_EQ(lines[1]["status"], "ok");
  EXPECT_TRUE(audit::VerifyInclusionJson(lines[1]["proof"].dump()));
  EXPECT_EQ(lines[2]["status"], "refused");
  EXPECT_EQ(lines[2]["rule"], "consent_required");
  EXPECT_EQ(lines[3]["rule"], "invalid_subject");
  EXPECT_EQ(lines[1].dump().find(kId), std::string::npos);  // masked
  // QRY-4: each subject's query is its own record and event; one checkpoint for the job.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_queries"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'credit.query'"), 2);
}

TEST_F(BulkQueryTest, AFileThatMisstatesItsRequesterOrCountIsRefusedAndAudited) {
  auto other_user = Run(RequestText("someone_else"), querier_);
  ASSERT_FALSE(other_user);
  EXPECT_EQ(other_user.error().code(), ErrorCode::kPermissionDenied);
  auto miscounted = Run(RequestText("q1", 5), querier_);
  ASSERT_FALSE(miscounted);
  EXPECT_EQ(miscounted.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_bulk_jobs"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'credit.bulk_query' AND "
                  "result = 'denied'"),
            2);
}

TEST_F(BulkQueryTest, AnInstitutionWithoutAKeyCannotReceiveAResult) {
  access::Actor other{8, "q2", "B0002", {access::Role::kQuerier}, "10.0.0.2"};
  nlohmann::json j = nlohmann::json::parse(RequestText());
  j["institution"] = "B0002";
  j["user"] = "q2";
  auto job = Run(j.dump(), other);
  ASSERT_FALSE(job);
  EXPECT_EQ(job.error().code(), ErrorCode::kPermissionDenied);
}

TEST_F(BulkQueryTest, MalformedFilesNameTheField) {
  auto bad = ParseBulkRequest(R"({"institution":"B0001","user":"q1","time":"t","reason":"02",)"
                              R"("content":"credit_report","count":1,"subjects":[{"id_type":1}]})");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("subjects[0].id_type"), std::string::npos);
  EXPECT_FALSE(ParseBulkRequest("[]"));
  EXPECT_FALSE(ParseBulkRequest(R"({"extra":1})"));
}

}  // namespace
}  // namespace cv::credit
