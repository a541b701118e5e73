// Tests for Ingest: a batch with good, bad, prohibited and dangling records gives the exact
// feedback; resubmission is idempotent; an interrupted batch resumes without duplicates; a batch
// is refused (and audited) for a wrong institution, key or digest.
#include "credit/ingest.h"

#include <gtest/gtest.h>

#include "audit/testing/unsealed_vault.h"
#include "common/testing/scoped_temp_dir.h"
#include "credit/batch_signing.h"
#include "credit/settlement.h"
#include "crypto/signer.h"

namespace cv::credit {
namespace {

// IDs pass the GB 11643 check (docs/ingest_format.md section 5).
constexpr std::string_view kRecords =
    R"({"type":"identity","id_type":"resident_id","id_number":"51010719680229001X","name":"张三","gender":"M","birth_date":"1968-02-29","mobile":"13800138000"}
{"type":"account","id_type":"resident_id","id_number":"51010719680229001X","account_id":"LN-1","kind":"loan","open_date":"2020-01-15","currency":"CNY","limit":"200000.00","balance":"1234.50","status":"active","repayment_24m":"NNNN1N","as_of":"2024-05-31"}
{"type":"repayment","account_id":"LN-1","month":"2024-05","status":"1","balance":"1000.50","overdue_amount":"300"}
{"type":"repayment","account_id":"LN-404","month":"2024-05","status":"N","balance":"0","overdue_amount":"0"}
{"type":"identity","id_type":"resident_id","id_number":"110101199003071233","name":"李四","religion":"x"}
{"type":"account","id_type":"resident_id","id_number":"440305198511204563","account_id":"LN-2","kind":"loan","open_date":"2020-01-15","currency":"CNY","limit":"1","balance":"1","status":"active","repayment_24m":"N","as_of":"2024-05-31"}
{"type":"identity","id_type":"resident_id","id_number":"110101199003071234","name":"王五"}
{"type":"adverse","id_type":"resident_id","id_number":"51010719680229001X","event_id":"EV-1","kind":"overdue","account_id":"LN-1","amount":"300","start_date":"2024-05-01"}
)";

class IngestTest : public ::testing::Test {
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
        "INSERT INTO institutions VALUES ('B0002', 'Bank B', 'provider_user', 'active', '', 'x', "
        "'x');";
    auto v = audit::test::MakeUnsealedVault(dir_.path() + "/d", clock_, seed);
    ASSERT_TRUE(v) << v.error().ToString();
    vault_ = std::move(*v);
    credit_ = std::make_unique<CreditStore>(*vault_.keyring);
    IngestOptions options;
    options.chunk_records = 2;
    ingest_ = std::make_unique<Ingest>(*vault_.store, *credit_, *vault_.log, clock_, options);
  }

  BatchSubmission Batch(std::string batch_id, std::string_view records,
                        std::string institution = "B0001") {
    BatchToSign b{std::move(institution), std::move(batch_id), BatchFormat::kJsonl, 0, {}};
    auto count = CountRecords(records, BatchFormat::kJsonl);
    EXPECT_TRUE(count);
    b.record_count = *count;
    auto manifest = SignedManifest(b, records, crypto::Suite::kGm, keys_.private_key_der);
    EXPECT_TRUE(manifest) << manifest.error().ToString();
    return BatchSubmission{*manifest, std::string(records)};
  }

  std::vector<FeedbackLine> FeedbackOf(std::string_view batch_id) {
    auto tx = vault_.store->Begin(store::TxMode::kRead);
    EXPECT_TRUE(tx);
    auto f = ingest_->Feedback(**tx, reporter_, batch_id);
    EXPECT_TRUE(f) << f.error().ToString();
    return f.value_or(std::vector<FeedbackLine>{});
  }

  std::int64_t Count(std::string_view sql) {
    auto tx = vault_.store->Begin(store::TxMode::kRead);
    auto row = (*tx)->QueryOne(sql);
    return *(*row)->Int(0);
  }

  // The "unsettled batches" settlement check of B0001.
  std::int64_t Unsettled() {
    auto tx = vault_.store->Begin(store::TxMode::kRead);
    auto checks = CreditSettlementChecks();
    EXPECT_EQ(checks[0].name, "unsettled batches");
    auto n = checks[0].count(**tx, "B0001");
    EXPECT_TRUE(n);
    return n.value_or(-1);
  }

  test::ScopedTempDir dir_;
  // 2024-06-15: the example batch's dates are in the past.
  FakeClock clock_{TimePoint(std::chrono::seconds(1'718'400'000))};
  audit::test::UnsealedVault vault_;
  crypto::SigningKeyPair keys_;
  std::unique_ptr<CreditStore> credit_;
  std::unique_ptr<Ingest> ingest_;
  access::Actor reporter_{7, "rep1", "B0001", {access::Role::kReporter}, "10.0.0.1"};
};

TEST_F(IngestTest, MixedBatchGivesExactFeedbackAndStoresTheGoodRecords) {
  auto status = ingest_->Submit(reporter_, Batch("b-1", kRecords));
  ASSERT_TRUE(status) << status.error().ToString();
  EXPECT_EQ(status->state, "done");
  EXPECT_EQ(status->record_count, 8);
  EXPECT_EQ(status->accepted, 4);
  EXPECT_EQ(status->rejected, 4);
  auto f = FeedbackOf("b-1");
  ASSERT_EQ(f.size(), 8u);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"accepted", ""},
      {"accepted", ""},
      {"accepted", ""},
      {"rejected", "account_not_found"},
      {"rejected", "prohibited_item"},
      {"rejected", "unknown_subject"},
      {"rejected", "invalid_id_number"},
      {"accepted", ""}};
  for (std::size_t i = 0; i < f.size(); ++i) {
    EXPECT_EQ(f[i].line, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(f[i].status, expected[i].first) << "line " << i + 1;
    EXPECT_EQ(f[i].code, expected[i].second) << "line " << i + 1;
  }
  EXPECT_EQ(f[4].field, "religion");
  EXPECT_EQ(f[3].field, "account_id");
  for (const FeedbackLine& line : f) {
    EXPECT_EQ(line.message.find("110101199003071234"), std::string::npos);  // never the value
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_subjects"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_account_versions"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_repayments"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_adverse"), 1);
  // Audited: the submission, one event per chunk (4 chunks of 2), and the end.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'batch.apply'"), 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'batch.done'"), 1);
  const std::string jsonl = FeedbackJsonl(*status, f);
  EXPECT_NE(
      jsonl.find(R"({"line":4,"type":"repayment","status":"rejected","code":"account_not_found")"),
      std::string::npos);
  EXPECT_NE(jsonl.find(R"("accepted":4,"rejected":4)"), std::string::npos);
}

// Several versions of one fact inside one chunk (the chunk's rows are sealed on another thread
// and inserted later: every version number must come from the write cache) and across batches,
// with a chunk of 2 records and one of the whole batch.
TEST_F(IngestTest, RepeatedFactsGetConsecutiveVersionsWithinAndAcrossChunks) {
  for (const std::size_t chunk : {std::size_t{2}, std::size_t{5000}}) {
    SCOPED_TRACE(chunk);
    const std::string id = chunk == 2 ? "51010719680229001X" : "110101199003071233";
    const std::string acct = "LN-C" + std::to_string(chunk);
    const std::string ev = "EV-C" + std::to_string(chunk);
    auto line = [&](std::string body) {
      for (auto [from, to] :
           {std::pair<std::string, std::string>{"$ID", id}, {"$AC", acct}, {"$EV", ev}}) {
        for (std::size_t at; (at = body.find(from)) != std::string::npos;) {
          body.replace(at, from.size(), to);
        }
      }
      return body + "\n";
    };
    const std::string identity =
        R"({"type":"identity","id_type":"resident_id","id_number":"$ID","name":"张三","mobile":")";
    const std::string account =
        R"({"type":"account","id_type":"resident_id","id_number":"$ID","account_id":"$AC","kind":"loan","open_date":"2020-01-15","currency":"CNY","limit":"200000.00","status":"active","repayment_24m":"NNNN1N","as_of":"2024-05-31","balance":")";
    const std::string month =
        R"({"type":"repayment","account_id":"$AC","month":"2024-05","balance":"1","overdue_amount":"0","status":")";
    const std::string adverse =
        R"({"type":"adverse","id_type":"resident_id","id_number":"$ID","event_id":"$EV","kind":"overdue","start_date":"2024-05-01","amount":")";
    const std::string first = line(identity + R"(13800138000"})") + line(account + R"(1234.50"})") +
                              line(month + R"(1"})") + line(month + R"(2"})") +
                              line(account + R"(1000.00"})") + line(adverse + R"(300"})") +
                              line(adverse + R"(400"})") + line(identity + R"(13900139000"})");
    const std::string second = line(identity + R"(13900139000"})") + line(account + R"(900.00"})") +
                               line(month + R"(N"})") + line(adverse + R"(500"})");
    IngestOptions options;
    options.chunk_records = chunk;
    Ingest ingest(*vault_.store, *credit_, *vault_.log, clock_, options);
    for (const auto& [batch, records] :
         {std::pair{"v-1-" + acct, first}, {"v-2-" + acct, second}}) {
      auto status = ingest.Submit(reporter_, Batch(batch, records));
      ASSERT_TRUE(status) << status.error().ToString();
      EXPECT_EQ(status->rejected, 0) << batch;
    }
    auto tx = vault_.store->Begin(store::TxMode::kRead);
    ASSERT_TRUE(tx);
    auto ref = credit_->SubjectRef(SubjectKey{"resident_id", id});
    ASSERT_TRUE(ref);
    auto subject = credit_->FindSubject(**tx, *ref);
    ASSERT_TRUE(subject && *subject);
    auto file = credit_->Load(**tx, **subject);
    ASSERT_TRUE(file) << file.error().ToString();
    EXPECT_EQ(file->identity.at("cn_mobile").value, "13900139000");
    EXPECT_EQ(file->identity.at("cn_mobile").version, 2);  // the unchanged third report adds none
    ASSERT_EQ(file->accounts.size(), 1u);
    EXPECT_EQ(file->accounts[0].version, 3);
    EXPECT_EQ(file->accounts[0].facts.balance, 90000);
    EXPECT_EQ(file->accounts[0].months.at("2024-05").status, "N");
    ASSERT_EQ(file->adverse.size(), 1u);
    EXPECT_EQ(file->adverse[0].version, 3);
    EXPECT_EQ(file->adverse[0].facts.amount, 50000);
    auto months = (*tx)->QueryOne(
        "SELECT COUNT(*), MAX(version) FROM credit_repayments r JOIN credit_accounts a ON "
        "a.id = r.account_id WHERE a.subject_id = ?1",
        {store::Int((*subject)->id)});
    ASSERT_TRUE(months && *months);
    EXPECT_EQ(*(*months)->Int(0), 3);  // DSP-2: every version kept
    EXPECT_EQ(*(*months)->Int(1), 3);
  }
}

TEST_F(IngestTest, ResubmittingTheSameBatchChangesNothing) {
  ASSERT_TRUE(ingest_->Submit(reporter_, Batch("b-1", kRecords)));
  const std::int64_t versions = Count("SELECT COUNT(*) FROM credit_identity_versions");
  auto again = ingest_->Submit(reporter_, Batch("b-1", kRecords));
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ(again->accepted, 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_identity_versions"), versions);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_batch_feedback"), 8);
  // The same id with other content is a conflict, never a silent overwrite.
  const std::string first_line(kRecords.substr(0, kRecords.find('\n') + 1));
  auto other = ingest_->Submit(reporter_, Batch("b-1", first_line));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), ErrorCode::kConflict);
}

TEST_F(IngestTest, AnInterruptedBatchResumesWhereItStopped) {
  {
    auto tx = vault_.store->Begin();
    ASSERT_TRUE(
        (*tx)->Exec("CREATE TRIGGER injected BEFORE INSERT ON credit_batch_feedback WHEN "
                    "NEW.line = 5 BEGIN SELECT RAISE(ABORT, 'injected failure'); END"));
    ASSERT_TRUE((*tx)->Commit());
  }
  auto failed = ingest_->Submit(reporter_, Batch("b-1", kRecords));
  ASSERT_FALSE(failed);
  EXPECT_EQ(Count("SELECT next_line FROM credit_batches"), 5);  // chunks 1-2 and 3-4 committed
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_batch_feedback"), 4);
  EXPECT_EQ(Unsettled(), 1);  // JR/T 0117 9.1: the institution may not leave now
  {
    auto tx = vault_.store->Begin();
    ASSERT_TRUE((*tx)->Exec("DROP TRIGGER injected"));
    ASSERT_TRUE((*tx)->Commit());
  }
  auto resumed = ingest_->Submit(reporter_, Batch("b-1", kRecords));
  ASSERT_TRUE(resumed) << resumed.error().ToString();
  EXPECT_EQ(resumed->state, "done");
  EXPECT_EQ(resumed->accepted + resumed->rejected, 8);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_batch_feedback"), 8);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_repayments"), 1);  // applied exactly once
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_adverse"), 1);
  EXPECT_EQ(Unsettled(), 0);
}

TEST_F(IngestTest, RefusesAnotherInstitutionsManifest) {
  auto s = ingest_->Submit(reporter_, Batch("b-1", kRecords, "B0002"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_batches"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'batch.submit' AND result = "
                  "'denied'"),
            1);
}

TEST_F(IngestTest, RefusesAManifestSignedWithAnotherKey) {
  auto other = crypto::GenerateSigningKey(crypto::Suite::kGm);
  ASSERT_TRUE(other);
  keys_ = std::move(*other);
  auto s = ingest_->Submit(reporter_, Batch("b-1", kRecords));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_subjects"), 0);
}

TEST_F(IngestTest, RefusesRecordsThatDoNotMatchTheDigest) {
  BatchSubmission b = Batch("b-1", kRecords);
  b.records[10] = 'X';
  auto s = ingest_->Submit(reporter_, b);
  ASSERT_FALSE(s);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_batches"), 0);
}

TEST_F(IngestTest, RefusesAWrongRecordCount) {
  BatchToSign b{"B0001", "b-1", BatchFormat::kJsonl, 3, {}};
  auto manifest = SignedManifest(b, kRecords, crypto::Suite::kGm, keys_.private_key_der);
  ASSERT_TRUE(manifest);
  auto s = ingest_->Submit(reporter_, BatchSubmission{*manifest, std::string(kRecords)});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.error().position().field, "record_count");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_batches"), 0);
}

TEST_F(IngestTest, EncryptedBatchesNeedATransportOpener) {
  BatchToSign b{"B0001", "b-1", BatchFormat::kJsonl, 8, nlohmann::json{{"scheme", "x"}}};
  auto manifest = SignedManifest(b, kRecords, crypto::Suite::kGm, keys_.private_key_der);
  ASSERT_TRUE(manifest) << manifest.error().ToString();
  auto s = ingest_->Submit(reporter_, BatchSubmission{*manifest, "sealed"});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kUnsupported);
}

}  // namespace
}  // namespace cv::credit
