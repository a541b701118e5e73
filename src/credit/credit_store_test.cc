// Tests for CreditStore: encryption by grade, blind-index look-up, versioning (DSP-2),
// referential integrity and shredding (CRY-5).
#include "credit/credit_store.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "audit/testing/unsealed_vault.h"
#include "common/testing/scoped_temp_dir.h"
#include "credit/internal/fact_json.h"
#include "credit/internal/fact_store.h"

namespace cv::credit {
namespace {

using std::chrono::hours;

IdentityRecord Zhang() {
  IdentityRecord r;
  r.subject = {"resident_id", "11010519491231002X"};
  r.name = "张三丰";
  r.gender = "M";
  r.mobile = "13812345678";
  r.address = "北京市朝阳区建国路88号";
  return r;
}

AccountRecord Loan(const SubjectKey& who) {
  AccountRecord a;
  a.subject = who;
  a.account_id = "LN-0001";
  a.kind = "loan";
  a.open_date = "2024-01-15";
  a.currency = "CNY";
  a.limit = 50000000;
  a.balance = 31000000;
  a.status = "active";
  a.repayment_24m = "NNNNN1NNNNNN";
  a.as_of = "2026-10-31";
  return a;
}

class CreditStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto v = audit::test::MakeUnsealedVault(dir_.path() + "/d", clock_);
    ASSERT_TRUE(v) << v.error().ToString();
    vault_ = std::move(*v);
    credit_ = std::make_unique<CreditStore>(*vault_.keyring);
  }
  Provenance From(std::string institution, std::int64_t line) {
    return Provenance{std::move(institution), 1, line, clock_.Now()};
  }
  SubjectRow Subject(store::Tx& tx, const SubjectKey& key) {
    auto ref = credit_->SubjectRef(key);
    EXPECT_TRUE(ref);
    auto row = credit_->EnsureSubject(tx, *ref, clock_.Now());
    EXPECT_TRUE(row) << row.error().ToString();
    return *row;
  }
  std::string DatabaseBytes() {
    EXPECT_TRUE(vault_.store->Flush());
    std::ifstream in(dir_.path() + "/d/cvault.db", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  test::ScopedTempDir dir_;
  FakeClock clock_{TimePoint(std::chrono::seconds(1'790'000'000))};
  audit::test::UnsealedVault vault_;
  std::unique_ptr<CreditStore> credit_;
};

TEST_F(CreditStoreTest, SubjectRefIsStableAndHidesTheId) {
  auto a = credit_->SubjectRef({"resident_id", "11010519491231002X"});
  auto b = credit_->SubjectRef({"resident_id", "11010519491231002X"});
  auto c = credit_->SubjectRef({"passport", "11010519491231002X"});
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *c);  // the id type is part of the identifier
  EXPECT_EQ(a->find("11010519"), std::string::npos);
}

TEST_F(CreditStoreTest, IdentityRoundTripsAndIsVersionedOnlyOnChange) {
  auto tx = vault_.store->Begin();
  ASSERT_TRUE(tx);
  SubjectRow s = Subject(**tx, Zhang().subject);
  auto added = credit_->PutIdentity(**tx, s, Zhang(), From("B0001", 1));
  ASSERT_TRUE(added) << added.error().ToString();
  EXPECT_EQ(*added, 5);  // name, id, gender, mobile, address
  auto again = credit_->PutIdentity(**tx, s, Zhang(), From("B0002", 2));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
  IdentityRecord moved = Zhang();
  moved.mobile = "13900001111";
  auto changed = credit_->PutIdentity(**tx, s, moved, From("B0002", 3));
  ASSERT_TRUE(changed);
  EXPECT_EQ(*changed, 1);
  auto file = credit_->Load(**tx, s);
  ASSERT_TRUE(file) << file.error().ToString();
  EXPECT_EQ(file->identity.at("person_name").value, "张三丰");
  EXPECT_EQ(file->identity.at("cn_resident_id").value, "11010519491231002X");
  EXPECT_EQ(file->identity.at("cn_mobile").value, "13900001111");
  EXPECT_EQ(file->identity.at("cn_mobile").version, 2);
  EXPECT_EQ(file->identity.at("cn_mobile").institution, "B0002");
  // Invariant 3: the second version holds every field of B0002's report.
  EXPECT_EQ(file->identity.at("person_name").institution, "B0002");
  // DSP-2: both versions stay, one row each (every field of a grade sealed together).
  auto versions = (*tx)->Query("SELECT version FROM credit_identity_versions ORDER BY version");
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ(*(*versions)[1].Int(0), 2);
  ASSERT_TRUE((*tx)->Commit());
}

// Identity rows written per field before migration 6 stay readable; a newer identity version's
// field supersedes them, and a field the newer reports lack keeps its older row.
TEST_F(CreditStoreTest, PerFieldIdentityRowsOfMigration5AreReadAndSuperseded) {
  auto tx = vault_.store->Begin();
  ASSERT_TRUE(tx);
  SubjectRow s = Subject(**tx, Zhang().subject);
  internal::SubjectKeys keys(*vault_.keyring, **tx, s.ref);
  for (auto [field, value] : {std::pair{"person_name", "张三丰"}, {"employer", "旧单位"}}) {
    auto sealed = keys.Seal(internal::GradeOfItem(field), value,
                            internal::FactAd("credit_identity", s.ref, field, 1));
    ASSERT_TRUE(sealed);
    ASSERT_TRUE(
        (*tx)->Exec("INSERT INTO credit_identity (subject_id, field, version, value, "
                    "institution, batch, line, reported_us) VALUES (?1, ?2, 1, ?3, "
                    "'B0000', 1, 1, 0)",
                    {store::Int(s.id), store::Text(field), store::Blob(*sealed)}));
  }
  auto before = credit_->Load(**tx, s);
  ASSERT_TRUE(before) << before.error().ToString();
  EXPECT_EQ(before->identity.at("employer").value, "旧单位");
  IdentityRecord renamed = Zhang();  // Zhang() reports no employer
  renamed.name = "张三";
  auto added = credit_->PutIdentity(**tx, s, renamed, From("B0001", 2));
  ASSERT_TRUE(added) << added.error().ToString();
  auto after = credit_->Load(**tx, s);
  ASSERT_TRUE(after) << after.error().ToString();
  EXPECT_EQ(after->identity.at("person_name").value, "张三");
  EXPECT_EQ(after->identity.at("person_name").institution, "B0001");
  EXPECT_EQ(after->identity.at("employer").value, "旧单位");
  EXPECT_EQ(after->identity.at("employer").institution, "B0000");
  // Unchanged since: nothing more is written.
  auto again = credit_->PutIdentity(**tx, s, renamed, From("B0001", 3));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
}

TEST_F(CreditStoreTest, NothingPersonalIsInTheDatabaseFileInClear) {
  {
    auto tx = vault_.store->Begin();
    ASSERT_TRUE(tx);
    SubjectRow s = Subject(**tx, Zhang().subject);
    ASSERT_TRUE(credit_->PutIdentity(**tx, s, Zhang(), From("B0001", 1)));
    ASSERT_TRUE(credit_->PutAccount(**tx, s, Loan(Zhang().subject), From("B0001", 2)));
    ASSERT_TRUE((*tx)->Commit());
  }
  const std::string bytes = DatabaseBytes();
  for (std::string clear : {"11010519491231002X", "13812345678", "张三丰", "LN-0001", "建国路"}) {
    EXPECT_EQ(bytes.find(clear), std::string::npos) << "found in clear";
  }
}

TEST_F(CreditStoreTest, AccountsRepaymentsAndAdverseLoadAtTheirLatestVersion) {
  auto tx = vault_.store->Begin();
  ASSERT_TRUE(tx);
  SubjectRow s = Subject(**tx, Zhang().subject);
  AccountRecord loan = Loan(Zhang().subject);
  ASSERT_TRUE(credit_->PutAccount(**tx, s, loan, From("B0001", 1)));
  loan.balance = 30000000;
  loan.as_of = "2026-11-30";
  ASSERT_TRUE(credit_->PutAccount(**tx, s, loan, From("B0001", 2)));
  RepaymentRecord month{"LN-0001", "2026-11", "1", 30000000, 250000};
  ASSERT_TRUE(credit_->PutRepayment(**tx, month, From("B0001", 3)));
  month.status = "N";  // a correction of the same month
  month.overdue_amount = 0;
  ASSERT_TRUE(credit_->PutRepayment(**tx, month, From("B0001", 4)));
  AdverseRecord overdue;
  overdue.event_id = "EV-9";
  overdue.kind = "overdue";
  overdue.account_id = "LN-0001";
  overdue.amount = 250000;
  overdue.start_date = "2026-11-01";
  ASSERT_TRUE(credit_->PutAdverse(**tx, s, overdue, From("B0001", 5)));
  overdue.end_date = "2026-11-20";
  ASSERT_TRUE(credit_->PutAdverse(**tx, s, overdue, From("B0001", 6)));

  auto file = credit_->Load(**tx, s);
  ASSERT_TRUE(file) << file.error().ToString();
  ASSERT_EQ(file->accounts.size(), 1u);
  EXPECT_EQ(file->accounts[0].version, 2);
  EXPECT_EQ(file->accounts[0].facts.balance, 30000000);
  EXPECT_EQ(file->accounts[0].facts.account_id, "LN-0001");
  ASSERT_EQ(file->accounts[0].months.size(), 1u);
  EXPECT_EQ(file->accounts[0].months.at("2026-11").status, "N");
  ASSERT_EQ(file->adverse.size(), 1u);
  EXPECT_EQ(file->adverse[0].version, 2);
  EXPECT_EQ(file->adverse[0].facts.end_date.value_or(""), "2026-11-20");
  auto ends = (*tx)->QueryOne("SELECT ends_on FROM credit_adverse WHERE version = 2");
  ASSERT_TRUE(ends && *ends);
  EXPECT_EQ(*(*ends)->Text(0), "2026-11-20");
  auto has = credit_->InstitutionHasAccountWith(**tx, s.id, "B0001");
  auto other = credit_->InstitutionHasAccountWith(**tx, s.id, "B0002");
  ASSERT_TRUE(has && other);
  EXPECT_TRUE(*has);
  EXPECT_FALSE(*other);
}

TEST_F(CreditStoreTest, RepaymentNeedsItsAccountAtThatInstitution) {
  auto tx = vault_.store->Begin();
  ASSERT_TRUE(tx);
  SubjectRow s = Subject(**tx, Zhang().subject);
  ASSERT_TRUE(credit_->PutAccount(**tx, s, Loan(Zhang().subject), From("B0001", 1)));
  RepaymentRecord month{"LN-0001", "2026-11", "N", 1, 0};
  auto wrong_bank = credit_->PutRepayment(**tx, month, From("B0002", 2));
  ASSERT_FALSE(wrong_bank);
  EXPECT_EQ(wrong_bank.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(wrong_bank.error().message(), "account_not_found");
  auto has = credit_->HasAccount(**tx, "B0001", "LN-0001");
  ASSERT_TRUE(has);
  EXPECT_TRUE(*has);
}

TEST_F(CreditStoreTest, AnAccountIdBelongsToOneSubject) {
  auto tx = vault_.store->Begin();
  ASSERT_TRUE(tx);
  SubjectRow s = Subject(**tx, Zhang().subject);
  SubjectRow other = Subject(**tx, {"resident_id", "110105194912310037"});
  ASSERT_TRUE(credit_->PutAccount(**tx, s, Loan(Zhang().subject), From("B0001", 1)));
  auto clash = credit_->PutAccount(**tx, other, Loan(Zhang().subject), From("B0001", 2));
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().message(), "account_subject_mismatch");
}

TEST_F(CreditStoreTest, ReportedFactsCannotBeOverwritten) {
  auto tx = vault_.store->Begin();
  ASSERT_TRUE(tx);
  SubjectRow s = Subject(**tx, Zhang().subject);
  ASSERT_TRUE(credit_->PutIdentity(**tx, s, Zhang(), From("B0001", 1)));
  auto update = (*tx)->Exec("UPDATE credit_identity_versions SET institution = 'X'");
  ASSERT_FALSE(update);
  EXPECT_NE(update.error().message().find("DSP-2"), std::string::npos);
}

TEST_F(CreditStoreTest, ACiphertextMovedToAnotherFieldDoesNotDecrypt) {
  auto tx = vault_.store->Begin();
  ASSERT_TRUE(tx);
  SubjectRow s = Subject(**tx, Zhang().subject);
  ASSERT_TRUE(credit_->PutIdentity(**tx, s, Zhang(), From("B0001", 1)));
  // Put the C1 fields' ciphertext in the C2 column (dropping the append-only trigger first).
  ASSERT_TRUE((*tx)->Exec("DROP TRIGGER credit_identity_versions_append_only"));
  ASSERT_TRUE((*tx)->Exec("UPDATE credit_identity_versions SET c2 = c1"));
  auto file = credit_->Load(**tx, s);
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().code(), ErrorCode::kPermissionDenied);
}

TEST_F(CreditStoreTest, ShreddingMakesTheSubjectUnreadableAndClosed) {
  auto tx = vault_.store->Begin();
  ASSERT_TRUE(tx);
  SubjectRow s = Subject(**tx, Zhang().subject);
  ASSERT_TRUE(credit_->PutIdentity(**tx, s, Zhang(), From("B0001", 1)));
  ASSERT_TRUE(credit_->PutAccount(**tx, s, Loan(Zhang().subject), From("B0001", 2)));
  auto destroyed = credit_->Shred(**tx, s, "test", clock_.Now());
  ASSERT_TRUE(destroyed) << destroyed.error().ToString();
  EXPECT_GE(*destroyed, 2);  // C1 (gender) and C2 keys at least
  auto found = credit_->FindSubject(**tx, s.ref);
  ASSERT_TRUE(found && *found);
  EXPECT_TRUE((*found)->shredded);
  auto file = credit_->Load(**tx, **found);
  ASSERT_TRUE(file);
  EXPECT_TRUE(file->identity.empty());
  // The ciphertexts remain but no key opens them.
  auto sealed = (*tx)->QueryOne("SELECT c2 FROM credit_identity_versions");
  ASSERT_TRUE(sealed && *sealed);
  auto clear = vault_.keyring->DecryptField(**tx, *(*sealed)->Blob(0), "");
  EXPECT_FALSE(clear);
  auto reopen = credit_->EnsureSubject(**tx, s.ref, clock_.Now());
  ASSERT_FALSE(reopen);
  EXPECT_EQ(reopen.error().message(), "subject_shredded");
}

}  // namespace
}  // namespace cv::credit
