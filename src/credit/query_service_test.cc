// Tests for QueryService (QRY-1, QRY-4, QRY-6, QRY-7, CRY-5): each refusal rule with its code,
// recorded and audited like a success; the masked report; the inclusion proof against the signed
// checkpoint; the query in the subject's next report; a shredded subject.
#include "credit/query_service.h"

#include <gtest/gtest.h>

#include "audit/audit_reader.h"
#include "audit/checkpoint.h"
#include "audit/proof_json.h"
#include "audit/testing/unsealed_vault.h"
#include "common/testing/scoped_temp_dir.h"

namespace cv::credit {
namespace {

using std::chrono::days;

constexpr char kId[] = "11010519491231002X";
constexpr char kName[] = "张三丰";
constexpr char kMobile[] = "13812345678";
// 2026-06-01T00:00:00Z.
const TimePoint kStart = TimePoint(std::chrono::seconds(1'780'272'000));

access::Actor Querier(std::string institution, std::int64_t id = 7) {
  return access::Actor{
      id, "q_" + institution, std::move(institution), {access::Role::kQuerier}, "10.0.0.1"};
}

class QueryServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto v = audit::test::MakeUnsealedVault(dir_.path() + "/d", clock_, audit::test::kTwoBanksSql);
    ASSERT_TRUE(v) << v.error().ToString();
    vault_ = std::move(*v);
    credit_ = std::make_unique<CreditStore>(*vault_.keyring);
    consents_ = std::make_unique<Consents>(*credit_, *vault_.log, clock_);
    queries_ = std::make_unique<QueryService>(*credit_, *consents_, *vault_.log, clock_);
    Report();
  }

  // The subject, reported by B0001 with a loan.
  void Report() {
    auto tx = vault_.store->Begin();
    ASSERT_TRUE(tx);
    IdentityRecord id;
    id.subject = {"resident_id", kId};
    id.name = kName;
    id.mobile = kMobile;
    auto ref = credit_->SubjectRef(id.subject);
    auto subject = credit_->EnsureSubject(**tx, *ref, clock_.Now());
    ASSERT_TRUE(subject);
    Provenance from{"B0001", 1, 1, clock_.Now()};
    ASSERT_TRUE(credit_->PutIdentity(**tx, *subject, id, from));
    AccountRecord loan;
    loan.account_id = "6222020200112233445";
    loan.kind = "loan";
    loan.open_date = "2024-01-15";
    loan.currency = "CNY";
    loan.limit = 50000000;
    loan.balance = 120000;
    loan.status = "active";
    loan.repayment_24m = "NNNN1N";
    loan.as_of = "2026-05-31";
    ASSERT_TRUE(credit_->PutAccount(**tx, *subject, loan, from));
    ASSERT_TRUE((*tx)->Commit());
  }

  std::string Consent(std::vector<std::string> reasons = {"02"},
                      std::string valid_until = "2026-12-31") {
    ConsentRequest r;
    r.subject = {"resident_id", kId};
    r.name = kName;
    r.reasons = std::move(reasons);
    r.valid_until = std::move(valid_until);
    r.agreement_version = "v1";
    r.agreement_sm3 = std::string(64, 'b');
    r.verification = {"id_check", "face", "bank_card"};
    r.channel = "online";
    auto tx = vault_.store->Begin();
    auto id = consents_->Record(**tx, Querier("B0001"), r);
    EXPECT_TRUE(id) << id.error().ToString();
    EXPECT_TRUE((*tx)->Commit());
    return id.value_or("");
  }

  QueryOutcome Query(std::string reason, std::string consent, const access::Actor& by,
                     std::string name = kName, std::string id = kId) {
    auto tx = vault_.store->Begin();
    EXPECT_TRUE(tx);
    QueryRequest q{
        {"resident_id", std::move(id)}, std::move(name), std::move(reason), std::move(consent)};
    auto out = queries_->Single(**tx, by, q);
    EXPECT_TRUE(out) << out.error().ToString();
    EXPECT_TRUE((*tx)->Commit());  // refusals are committed too
    return out.value_or(QueryOutcome{});
  }

  std::int64_t Count(std::string_view sql) {
    auto tx = vault_.store->Begin(store::TxMode::kRead);
    return *(*(*tx)->QueryOne(sql))->Int(0);
  }

  void ExpectRefused(const QueryOutcome& out, std::string_view rule) {
    EXPECT_FALSE(out.allowed);
    EXPECT_EQ(out.rule, rule);
    EXPECT_TRUE(out.report_id.empty());
  }

  test::ScopedTempDir dir_;
  FakeClock clock_{kStart};
  audit::test::UnsealedVault vault_;
  std::unique_ptr<CreditStore> credit_;
  std::unique_ptr<Consents> consents_;
  std::unique_ptr<QueryService> queries_;
};

TEST_F(QueryServiceTest, ConsentedQueryGivesAMaskedReport) {
  QueryOutcome out = Query("02", Consent(), Querier("B0001"));
  ASSERT_TRUE(out.allowed) << out.rule;
  const std::string text = out.report.dump();
  EXPECT_EQ(text.find(kId), std::string::npos);
  EXPECT_EQ(text.find(kMobile), std::string::npos);
  EXPECT_EQ(text.find("6222020200112233445"), std::string::npos);
  EXPECT_EQ(text.find(kName), std::string::npos);
  // QRY-6 rules: ID first 6 + last 4, mobile first 3 + last 4, name first character.
  std::map<std::string, std::string> shown;
  for (const auto& f : out.report["identity"]) shown[f["field"]] = f["value"];
  EXPECT_EQ(shown["id_number"].substr(0, 6), "110105");
  EXPECT_EQ(shown["id_number"].substr(shown["id_number"].size() - 4), "002X");
  EXPECT_EQ(shown["mobile"].substr(0, 3), "138");
  EXPECT_TRUE(shown["name"].starts_with("张"));
  ASSERT_EQ(out.report["accounts"].size(), 1u);
  EXPECT_EQ(out.report["accounts"][0]["balance"], "1200.00");
  EXPECT_EQ(out.report["accounts"][0]["repayment_24m"], "NNNN1N");
  EXPECT_TRUE(out.report["accounts"][0]["account_id"].get<std::string>().ends_with("3445"));
}

TEST_F(QueryServiceTest, TheReportIsProvablyInTheAuditLog) {
  QueryOutcome out = Query("02", Consent(), Querier("B0001"));
  ASSERT_TRUE(out.allowed);
  EXPECT_TRUE(audit::VerifyInclusionJson(out.proof.dump()));
  auto bundle = audit::InclusionProofFromJson(out.proof);
  ASSERT_TRUE(bundle);
  EXPECT_EQ(bundle->leaf_index, out.leaf_index);
  // The checkpoint is signed and names the same tree as the proof.
  auto tx = vault_.store->Begin(store::TxMode::kRead);
  auto reader = audit::AuditReader::Open(**tx);
  ASSERT_TRUE(reader);
  auto cp = (*reader)->OpenNote(out.checkpoint);
  ASSERT_TRUE(cp) << cp.error().ToString();
  EXPECT_EQ(cp->size, bundle->tree_size);
  EXPECT_EQ(cp->root_hash, bundle->root);
  // The leaf is the credit.query event naming the report.
  auto row = (*tx)->QueryOne("SELECT action, result FROM audit_events WHERE seq = ?1",
                             {store::Int(static_cast<std::int64_t>(out.leaf_index))});
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(*(*row)->Text(0), "credit.query");
  EXPECT_EQ(*(*row)->Text(1), "ok");
}

TEST_F(QueryServiceTest, QueryWithoutConsentIsRefusedAndRecorded) {
  ExpectRefused(Query("02", "", Querier("B0001")), "consent_required");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_queries WHERE result = 'denied' AND rule = "
                  "'consent_required'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'credit.query' AND result = "
                  "'denied'"),
            1);
}

TEST_F(QueryServiceTest, ExpiredRevokedOrNarrowerConsentsAreRefused) {
  const std::string consent = Consent({"02"}, "2026-06-10");
  ExpectRefused(Query("03", consent, Querier("B0001")), "consent_reason_not_covered");
  ExpectRefused(Query("02", consent, Querier("B0002")), "consent_other_institution");
  ExpectRefused(Query("02", "cst_000000000000000000000000", Querier("B0001")), "consent_not_found");
  clock_.Advance(days(20));
  ExpectRefused(Query("02", consent, Querier("B0001")), "consent_expired");
  const std::string fresh = Consent();
  {
    auto tx = vault_.store->Begin();
    ASSERT_TRUE(consents_->Revoke(**tx, Querier("B0001"), fresh, "withdrawn"));
    ASSERT_TRUE((*tx)->Commit());
  }
  ExpectRefused(Query("02", fresh, Querier("B0001")), "consent_revoked");
}

TEST_F(QueryServiceTest, PostLoanNeedsAnAccountRelationshipNotAConsent) {
  QueryOutcome own = Query("01", "", Querier("B0001"));
  EXPECT_TRUE(own.allowed) << own.rule;
  ExpectRefused(Query("01", "", Querier("B0002")), "no_account_relationship");
}

TEST_F(QueryServiceTest, UnlawfulReasonsAndAWrongNameAreRefused) {
  ExpectRefused(Query("99", "", Querier("B0001")), "reason_unknown");
  ExpectRefused(Query("S1", "", Querier("B0001")), "reason_not_lawful");
  ExpectRefused(Query("02", Consent(), Querier("B0001"), "李四"), "name_mismatch");
}

TEST_F(QueryServiceTest, AnInactiveInstitutionCannotQuery) {
  {
    auto tx = vault_.store->Begin();
    ASSERT_TRUE((*tx)->Exec("UPDATE institutions SET status = 'suspended' WHERE code = 'B0001'"));
    ASSERT_TRUE((*tx)->Commit());
  }
  ExpectRefused(Query("01", "", Querier("B0001")), "institution_not_active");
}

TEST_F(QueryServiceTest, AMalformedIdentifierIsAnErrorNotARefusal) {
  auto tx = vault_.store->Begin();
  QueryRequest q{{"resident_id", "110105194912310021"}, kName, "02", ""};
  auto out = queries_->Single(**tx, Querier("B0001"), q);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(out.error().message().find("110105194912310021"), std::string::npos);
}

TEST_F(QueryServiceTest, TheNextReportListsTheQuery) {
  const std::string consent = Consent();
  QueryOutcome first = Query("02", consent, Querier("B0001"));
  ASSERT_TRUE(first.allowed);
  EXPECT_TRUE(first.report["queries"].empty());
  clock_.Advance(days(1));
  QueryOutcome second = Query("01", "", Querier("B0001"));
  ASSERT_TRUE(second.allowed);
  ASSERT_EQ(second.report["queries"].size(), 1u);
  EXPECT_EQ(second.report["queries"][0]["institution"], "B0001");
  EXPECT_EQ(second.report["queries"][0]["reason"], "02");
  EXPECT_EQ(second.report["queries"][0]["date"], "2026-06-01");
}

TEST_F(QueryServiceTest, AStoredReportIsFetchedOnlyByItsInstitution) {
  QueryOutcome out = Query("02", Consent(), Querier("B0001"));
  ASSERT_TRUE(out.allowed);
  auto tx = vault_.store->Begin(store::TxMode::kRead);
  auto again = queries_->Fetch(**tx, Querier("B0001", 8), out.report_id);
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ(again->report, out.report);
  EXPECT_EQ(again->leaf_index, out.leaf_index);
  EXPECT_TRUE(audit::VerifyInclusionJson(again->proof.dump()));
  auto other = queries_->Fetch(**tx, Querier("B0002"), out.report_id);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), ErrorCode::kNotFound);
}

TEST_F(QueryServiceTest, AClearFieldIsShownForAReasonAndAuditedAsAHash) {
  QueryOutcome out = Query("02", Consent(), Querier("B0001"));
  ASSERT_TRUE(out.allowed);
  auto tx = vault_.store->Begin();
  auto mobile = queries_->ClearField(**tx, Querier("B0001"), out.report_id, "cn_mobile",
                                     "call the applicant back");
  ASSERT_TRUE(mobile) << mobile.error().ToString();
  EXPECT_EQ(*mobile, kMobile);
  auto c3 = queries_->ClearField(**tx, Querier("B0001"), out.report_id, "card_cvn", "x");
  ASSERT_FALSE(c3);
  EXPECT_EQ(c3.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE((*tx)->Commit());
  auto rtx = vault_.store->Begin(store::TxMode::kRead);
  auto entry =
      (*rtx)->QueryOne("SELECT entry FROM audit_events WHERE action = 'credit.report_clear_field'");
  ASSERT_TRUE(entry && *entry);
  const std::string text = *(*entry)->Blob(0);
  EXPECT_EQ(text.find(kMobile), std::string::npos);
  EXPECT_NE(text.find("hmac:"), std::string::npos);
}

TEST_F(QueryServiceTest, AShreddedSubjectsReportSaysSo) {
  QueryOutcome before = Query("01", "", Querier("B0001"));
  ASSERT_TRUE(before.allowed);
  {
    auto tx = vault_.store->Begin();
    auto ref = credit_->SubjectRef({"resident_id", kId});
    auto subject = credit_->FindSubject(**tx, *ref);
    ASSERT_TRUE(subject && *subject);
    ASSERT_TRUE(credit_->Shred(**tx, **subject, "test", clock_.Now()));
    ASSERT_TRUE((*tx)->Commit());
  }
  // Post-loan needs an account relationship, which the (unencrypted) account rows still prove.
  QueryOutcome after = Query("01", "", Querier("B0001"));
  ASSERT_TRUE(after.allowed) << after.rule;
  EXPECT_TRUE(after.report["subject"]["shredded"].get<bool>());
  EXPECT_TRUE(after.report["identity"].empty());
  EXPECT_TRUE(after.report["accounts"].empty());
  EXPECT_NE(after.report["notice"].get<std::string>().find("destroyed"), std::string::npos);
  auto tx = vault_.store->Begin(store::TxMode::kRead);
  auto old = queries_->Fetch(**tx, Querier("B0001"), before.report_id);
  ASSERT_FALSE(old);
  EXPECT_EQ(old.error().code(), ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace cv::credit
