// Tests for the demo data set and its loader (issue #7): the data set is a pure function of the
// seed, every record of a small load is accepted through the ingest path, every subject written
// out can be found, and a query with its consent (reason 02) or by post-loan management succeeds.
#include "cli/demo_load.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <vector>

#include "audit/testing/unsealed_vault.h"
#include "cli/demo_dataset.h"
#include "common/testing/scoped_temp_dir.h"
#include "credit/consents.h"
#include "credit/query_service.h"
#include "crypto/signer.h"

namespace cv::cli {
namespace {

std::string Records(std::uint64_t seed, int subjects) {
  DemoDataset data(seed);
  std::string jsonl;
  DemoSubject s;
  for (int i = 0; i < subjects; ++i) data.Next(&jsonl, &s);
  return jsonl;
}

TEST(DemoDatasetTest, IsAPureFunctionOfTheSeed) {
  EXPECT_EQ(Records(7, 50), Records(7, 50));
  EXPECT_NE(Records(7, 50), Records(8, 50));
}

TEST(DemoDatasetTest, EverySubjectHasAnIdentityAndOneToFourAccounts) {
  DemoDataset data(3);
  std::set<std::string> ids;
  for (int i = 0; i < 200; ++i) {
    std::string jsonl;
    DemoSubject s;
    data.Next(&jsonl, &s);
    EXPECT_TRUE(ids.insert(s.id_number).second);  // invariant 2
    std::istringstream lines(jsonl);
    int identity = 0, accounts = 0;
    for (std::string line; std::getline(lines, line);) {
      const auto j = nlohmann::json::parse(line);
      identity += j["type"] == "identity";
      accounts += j["type"] == "account";
    }
    EXPECT_EQ(identity, 1);
    EXPECT_GE(accounts, 1);
    EXPECT_LE(accounts, 4);
  }
}

class DemoLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto keys = crypto::GenerateSigningKey(crypto::Suite::kGm);
    ASSERT_TRUE(keys);
    keys_ = std::move(*keys);
    auto pem = crypto::PublicKeyPem(keys_.public_key_der);
    ASSERT_TRUE(pem);
    const std::string seed =
        "INSERT INTO institutions VALUES ('DEMO_BANK', 'Demo Bank', "
        "'provider_user', 'active', '" +
        *pem + "', 'x', 'x');";
    auto v = audit::test::MakeUnsealedVault(dir_.path() + "/d", clock_, seed);
    ASSERT_TRUE(v) << v.error().ToString();
    vault_ = std::move(*v);
    credit_ = std::make_unique<credit::CreditStore>(*vault_.keyring);
  }

  Result<DemoLoadSummary> Load(std::uint64_t subjects, std::uint64_t seed, std::string* out) {
    DemoLoadOptions o;
    o.subjects = subjects;
    o.seed = seed;
    o.batch_records = 40;  // several batches
    o.consents = 5;
    o.chunk_records = 16;
    const DemoLoadTarget t{*vault_.store, *credit_, *vault_.log,        clock_,
                           reporter_,     querier_, crypto::Suite::kGm, keys_.private_key_der};
    std::ostringstream os;
    Result<DemoLoadSummary> s = LoadDemoData(t, o, os);
    *out = os.str();
    return s;
  }

  std::int64_t Count(std::string_view sql) {
    auto tx = vault_.store->Begin(store::TxMode::kRead);
    return *(*(*tx)->QueryOne(sql))->Int(0);
  }

  test::ScopedTempDir dir_;
  FakeClock clock_{TimePoint(std::chrono::seconds(1'794'700'800))};  // 2026-11-15
  audit::test::UnsealedVault vault_;
  crypto::SigningKeyPair keys_;
  std::unique_ptr<credit::CreditStore> credit_;
  access::Actor reporter_{7, "bank_reporter", "DEMO_BANK", {access::Role::kReporter}, "cli"};
  access::Actor querier_{8, "bank_querier", "DEMO_BANK", {access::Role::kQuerier}, "cli"};
};

TEST_F(DemoLoadTest, EveryRecordIsAcceptedAndEverySubjectIsFound) {
  std::string out;
  auto s = Load(20, 11, &out);
  ASSERT_TRUE(s) << s.error().ToString();
  EXPECT_EQ(s->subjects, 20u);
  EXPECT_EQ(s->rejected, 0u);
  EXPECT_EQ(s->accepted, s->records);
  EXPECT_GT(s->batches, 1u);
  EXPECT_EQ(s->consents, 5u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_subjects"), 20);
  std::istringstream lines(out);
  int n = 0, with_consent = 0;
  auto tx = vault_.store->Begin(store::TxMode::kRead);
  for (std::string line; std::getline(lines, line); ++n) {
    const auto j = nlohmann::json::parse(line);
    with_consent += j.contains("consent_id");
    auto ref = credit_->SubjectRef({j["id_type"], j["id_number"]});
    ASSERT_TRUE(ref);
    auto found = credit_->FindSubject(**tx, *ref);
    ASSERT_TRUE(found);
    EXPECT_TRUE(found->has_value()) << "subject " << n;
  }
  EXPECT_EQ(n, 20);
  EXPECT_EQ(with_consent, 5);
}

TEST_F(DemoLoadTest, TheSameSeedGivesTheSameSubjectsAndLoadsIdempotently) {
  std::string first, second;
  auto a = Load(20, 11, &first);
  ASSERT_TRUE(a) << a.error().ToString();
  auto b = Load(20, 11, &second);
  ASSERT_TRUE(b) << b.error().ToString();
  EXPECT_EQ(a->records, b->records);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credit_subjects"), 20);
  // The same subjects; only the consent ids (fresh on each run) differ.
  auto strip = [](const std::string& text) {
    std::istringstream lines(text);
    std::string out;
    for (std::string line; std::getline(lines, line);) {
      auto j = nlohmann::json::parse(line);
      j.erase("consent_id");
      out += j.dump() + "\n";
    }
    return out;
  };
  EXPECT_EQ(strip(first), strip(second));
}

TEST_F(DemoLoadTest, AConsentedSubjectCanBeQueriedAtOnce) {
  std::string out;
  ASSERT_TRUE(Load(20, 11, &out));
  credit::Consents consents(*credit_, *vault_.log, clock_);
  credit::QueryService queries(*credit_, consents, *vault_.log, clock_);
  std::istringstream lines(out);
  std::string line;
  std::getline(lines, line);
  const auto j = nlohmann::json::parse(line);
  auto tx = vault_.store->Begin();
  ASSERT_TRUE(tx);
  auto q = queries.Single(**tx, querier_,
                          {{j["id_type"], j["id_number"]}, j["name"], "02", j["consent_id"]});
  ASSERT_TRUE(q) << q.error().ToString();
  EXPECT_TRUE(q->allowed) << q->rule;
  // Every subject has a DEMO_BANK account, so post-loan management needs no consent.
  for (int i = 0; i < 10; ++i) std::getline(lines, line);
  const auto k = nlohmann::json::parse(line);
  EXPECT_FALSE(k.contains("consent_id"));
  auto p = queries.Single(**tx, querier_, {{k["id_type"], k["id_number"]}, k["name"], "01", ""});
  ASSERT_TRUE(p) << p.error().ToString();
  EXPECT_TRUE(p->allowed) << p->rule;
  ASSERT_TRUE((*tx)->Commit());
}

}  // namespace
}  // namespace cv::cli
