// AuditLog and AuditReader over a real store: appends in the caller's transaction, proofs that
// verify independently, checkpoints, and tamper detection (AUD-1, AUD-2, AUD-3).
#include "audit/audit_log.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "audit/audit_reader.h"
#include "audit/proof_json.h"
#include "common/testing/scoped_temp_dir.h"
#include "store/data_dir.h"

namespace cv::audit {
namespace {

namespace fs = std::filesystem;
using crypto::keyring::InitOptions;
using crypto::keyring::Keyring;

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store::DataDir::Create(dir_.Join("d")));
    OpenStore();
    InitOptions options;
    options.custodians = 3;
    options.threshold = 2;
    {
      auto tx = store_->Begin();
      auto outcome = Keyring::Initialize(**tx, options, clock_);
      ASSERT_TRUE(outcome);
      ASSERT_TRUE((*tx)->Commit());
      for (int i = 0; i < 2; ++i) {
        unseal_.shares.emplace_back("s", outcome->share_files[i].Clone());
      }
    }
    Reopen();
  }

  void OpenStore() {
    store::StoreOptions options;
    options.url = "sqlite:" + dir_.Join("d/cvault.db");
    auto store = store::OpenStore(options);
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
  }

  // A fresh keyring and log over the store, as a restarted process would have.
  void Reopen(AuditOptions options = {}) {
    log_.reset();
    keyring_.reset();
    auto keyring = Keyring::Unseal(*store_, unseal_, dir_.Join("d/keys/ledger"), clock_);
    ASSERT_TRUE(keyring) << keyring.error().ToString();
    keyring_ = std::move(*keyring);
    auto log = AuditLog::Open(*keyring_, options, clock_);
    ASSERT_TRUE(log);
    log_ = std::move(*log);
  }

  Event MakeEvent(int i) {
    Event e;
    e.time = clock_.Now();
    e.actor_user = "user-" + std::to_string(i % 3);
    e.actor_institution = "B0001";
    e.client_address = "cli";
    e.action = i % 2 ? "credit.query" : "keys.rotate";
    e.object_type = "subject";
    e.object_id = "tamper-me-" + std::to_string(i);
    e.AddPersonal("id_number", "11010119900307425" + std::to_string(i % 10));
    return e;
  }

  void AppendEvents(int from, int count) {
    for (int i = from; i < from + count; ++i) {
      auto tx = store_->Begin();
      ASSERT_TRUE(tx);
      auto seq = log_->Append(**tx, MakeEvent(i));
      ASSERT_TRUE(seq) << seq.error().ToString();
      EXPECT_EQ(*seq, static_cast<std::uint64_t>(i));
      ASSERT_TRUE((*tx)->Commit());
      clock_.Advance(std::chrono::milliseconds(10));
    }
  }

  VerifyReport Verify() {
    auto tx = store_->Begin(store::TxMode::kRead);
    auto reader = AuditReader::Open(**tx);
    EXPECT_TRUE(reader) << reader.error().ToString();
    auto report = (*reader)->Verify();
    EXPECT_TRUE(report) << report.error().ToString();
    return *report;
  }

  // Runs SQL as an attacker with file access would: triggers dropped first.
  void Tamper(const std::string& sql) {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx);
    std::string drop;
    for (const char* t :
         {"audit_events_no_update", "audit_events_no_delete", "audit_nodes_no_update",
          "audit_nodes_no_delete", "audit_head_only_grows", "audit_head_no_delete",
          "audit_checkpoints_no_update", "audit_checkpoints_no_delete"}) {
      drop += std::string("DROP TRIGGER IF EXISTS ") + t + "; ";
    }
    ASSERT_TRUE((*tx)->ExecScript(drop + sql));
    ASSERT_TRUE((*tx)->Commit());
  }

  test::ScopedTempDir dir_;
  FakeClock clock_{TimePoint(std::chrono::seconds(1'790'000'000))};
  std::unique_ptr<store::Store> store_;
  crypto::keyring::UnsealInput unseal_;
  std::unique_ptr<Keyring> keyring_;
  std::unique_ptr<AuditLog> log_;
};

TEST_F(AuditLogTest, Aud2IntactLogVerifies) {
  AppendEvents(0, 50);
  VerifyReport report = Verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.events_checked, 50u);
  EXPECT_EQ(report.size, 50u);
  EXPECT_GE(report.checkpoints_checked, 1u);
}

TEST_F(AuditLogTest, Aud1RolledBackTransactionLeavesNoEvent) {
  AppendEvents(0, 3);
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(log_->Append(**tx, MakeEvent(3)));
  }                    // Destroyed without Commit: the change and its event vanish together.
  AppendEvents(3, 2);  // The cached frontier must not keep the rolled-back leaf.
  VerifyReport report = Verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.size, 5u);
}

TEST_F(AuditLogTest, Aud1SqlCannotEditOrDeleteEvents) {
  AppendEvents(0, 3);
  auto tx = store_->Begin();
  auto updated = (*tx)->Exec("UPDATE audit_events SET actor = 'x' WHERE seq = 1");
  ASSERT_FALSE(updated);
  EXPECT_NE(updated.error().message().find("cannot be modified"), std::string::npos);
  EXPECT_FALSE((*tx)->Exec("DELETE FROM audit_events WHERE seq = 2"));
  EXPECT_FALSE((*tx)->Exec("DELETE FROM audit_nodes"));
  EXPECT_FALSE((*tx)->Exec("UPDATE audit_head SET size = 1"));
}

TEST_F(AuditLogTest, Aud3PersonalDetailIsKeyedHashInTheStore) {
  AppendEvents(0, 1);
  auto tx = store_->Begin(store::TxMode::kRead);
  auto row = (*tx)->QueryOne("SELECT entry FROM audit_events WHERE seq = 0");
  ASSERT_TRUE(row && *row);
  const std::string entry = *(*row)->Blob(0);
  EXPECT_EQ(entry.find("110101199003074250"), std::string::npos);
  EXPECT_NE(entry.find("\"id_number\":\"hmac:"), std::string::npos);
}

TEST_F(AuditLogTest, ProofsVerifyIndependentlyAsJson) {
  AppendEvents(0, 37);
  auto tx = store_->Begin(store::TxMode::kRead);
  auto reader = AuditReader::Open(**tx);
  ASSERT_TRUE(reader);
  for (std::uint64_t i : {0u, 1u, 17u, 36u}) {
    auto proof = (*reader)->ProveInclusion(i, std::nullopt);
    ASSERT_TRUE(proof) << proof.error().ToString();
    auto json = InclusionProofToJson(*proof);
    ASSERT_TRUE(json);
    EXPECT_TRUE(VerifyInclusionJson(json->dump())) << json->dump();
  }
  auto consistency = (*reader)->ProveConsistency(10, 37);
  ASSERT_TRUE(consistency);
  auto json = ConsistencyProofToJson(*consistency);
  ASSERT_TRUE(json);
  EXPECT_TRUE(VerifyConsistencyJson(json->dump()));
  EXPECT_FALSE((*reader)->ProveInclusion(37, std::nullopt));
}

TEST_F(AuditLogTest, CheckpointIsSignedAndOpensWithTheLogKey) {
  Reopen(AuditOptions{10, 3600});
  AppendEvents(0, 25);
  auto tx = store_->Begin();
  ASSERT_TRUE(log_->Checkpoint(**tx, true));
  auto reader = AuditReader::Open(**tx);
  auto note = (*reader)->LatestCheckpointNote();
  ASSERT_TRUE(note);
  auto cp = (*reader)->OpenNote(*note);
  ASSERT_TRUE(cp) << cp.error().ToString();
  EXPECT_EQ(cp->size, 25u);
  EXPECT_EQ(cp->root_hash, (*reader)->Head()->root);
  std::string forged = *note;
  forged.replace(forged.find("\n25\n"), 4, "\n24\n");
  EXPECT_FALSE((*reader)->OpenNote(forged));
}

TEST_F(AuditLogTest, ChangedByteInTheFileIsDetected) {
  AppendEvents(0, 20);
  ASSERT_TRUE(store_->Flush());
  log_.reset();
  keyring_.reset();
  store_.reset();
  const std::string path = dir_.Join("d/cvault.db");
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const std::size_t at = bytes.find("tamper-me-12\"");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 11] = '3';  // "tamper-me-13" in event 12's entry.
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  OpenStore();
  VerifyReport report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_index, 12u) << report.problem;
}

TEST_F(AuditLogTest, DeletedEventIsDetected) {
  AppendEvents(0, 10);
  Tamper("DELETE FROM audit_events WHERE seq = 4;");
  VerifyReport report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_index, 4u) << report.problem;
}

TEST_F(AuditLogTest, SwappedEventsAreDetected) {
  AppendEvents(0, 10);
  Tamper(
      "UPDATE audit_events SET seq = -1 WHERE seq = 3; UPDATE audit_events SET seq = 3 WHERE seq = "
      "6; UPDATE audit_events SET seq = 6 WHERE seq = -1;");
  VerifyReport report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_index, 3u) << report.problem;
}

TEST_F(AuditLogTest, TruncatedLogIsDetected) {
  Reopen(AuditOptions{5, 3600});
  AppendEvents(0, 12);
  Tamper(
      "DELETE FROM audit_events WHERE seq >= 8; DELETE FROM audit_nodes WHERE idx * (1 << level) "
      ">= 8; UPDATE audit_head SET size = 8;");
  VerifyReport report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_NE(report.problem.find("truncated"), std::string::npos) << report.problem;
}

TEST_F(AuditLogTest, RewrittenHistoryWithoutTheSigningKeyIsDetected) {
  Reopen(AuditOptions{4, 3600});
  AppendEvents(0, 12);
  {
    auto tx0 = store_->Begin();
    ASSERT_EQ(*log_->Checkpoint(**tx0, true), 12u);  // As at shutdown.
    ASSERT_TRUE((*tx0)->Commit());
  }
  // The attacker rewrites event 9 consistently (entry, leaf, nodes, head) with its own log
  // object, but cannot sign: the checkpoint at 12 no longer matches.
  auto tx = store_->Begin(store::TxMode::kRead);
  auto reader = AuditReader::Open(**tx);
  auto exported = (*reader)->LatestCheckpointNote();
  ASSERT_TRUE(exported);
  auto exported_cp = (*reader)->OpenNote(*exported);
  ASSERT_TRUE(exported_cp);
  tx->reset();
  Tamper(
      "DELETE FROM audit_events WHERE seq >= 9; DELETE FROM audit_nodes; DELETE FROM audit_head;");
  // Rebuild the nodes and head for events 0..8, then append forged events 9..11.
  {
    auto tx2 = store_->Begin();
    auto rows = (*tx2)->Query("SELECT leaf_hash FROM audit_events ORDER BY seq");
    auto hasher = crypto::NewHasher(keyring_->suite());
    TreeHasher th(**hasher);
    CompactRange range(th);
    for (const auto& row : *rows) {
      auto writes = range.Append(*row.Blob(0));
      ASSERT_TRUE(WriteNodes(**tx2, *writes));
    }
    ASSERT_TRUE(WriteHead(**tx2, TreeHead{range.size(), *range.Root()}));
    ASSERT_TRUE((*tx2)->Commit());
  }
  Reopen(AuditOptions{1000000, 1000000});
  Event forged = MakeEvent(9);
  forged.reason = "forged";
  for (int i = 0; i < 3; ++i) {
    auto tx3 = store_->Begin();
    ASSERT_TRUE(log_->Append(**tx3, forged));
    ASSERT_TRUE((*tx3)->Commit());
  }
  VerifyReport report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_NE(report.problem.find("checkpoint at size 12"), std::string::npos) << report.problem;
  // A consistency proof from the exported checkpoint to the rewritten head does not verify.
  auto tx4 = store_->Begin(store::TxMode::kRead);
  auto reader2 = AuditReader::Open(**tx4);
  auto proof = (*reader2)->ProveConsistency(12, std::nullopt);
  ASSERT_TRUE(proof);
  EXPECT_FALSE(VerifyConsistency((*reader2)->tree_hasher(), 12, proof->second_size, proof->proof,
                                 exported_cp->root_hash, proof->second_root));
}

TEST_F(AuditLogTest, EventsAreSearchable) {
  AppendEvents(0, 30);
  auto tx = store_->Begin(store::TxMode::kRead);
  auto reader = AuditReader::Open(**tx);
  std::vector<std::uint64_t> seqs;
  EventFilter filter;
  filter.action = "credit.query";
  filter.actor = "user-1";
  ASSERT_TRUE((*reader)->ForEachEvent(filter, [&](const DecodedEntry& e) -> Result<bool> {
    seqs.push_back(e.seq);
    return true;
  }));
  for (std::uint64_t s : seqs) {
    EXPECT_EQ(s % 2, 1u);
    EXPECT_EQ(s % 3, 1u);
  }
  EXPECT_EQ(seqs.size(), 5u);  // 1, 7, 13, 19, 25
}

}  // namespace
}  // namespace cv::audit

namespace cv::audit {
namespace {

TEST(AuditOptionsTest, ReadFromTheAuditSection) {
  auto config = Config::Parse("[audit]\ncheckpoint_every = 50\ncheckpoint_seconds = 5\n");
  ASSERT_TRUE(config);
  auto options = AuditOptionsFromConfig(*config);
  ASSERT_TRUE(options);
  EXPECT_EQ(options->checkpoint_every, 50u);
  EXPECT_EQ(options->checkpoint_seconds, 5);
  auto defaults = AuditOptionsFromConfig(Config());
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->checkpoint_every, 1000u);
}

TEST(AuditOptionsTest, TyposAndOutOfRangeValuesAreRefused) {
  EXPECT_FALSE(AuditOptionsFromConfig(*Config::Parse("[audit]\ncheckpoint_evry = 5\n")));
  EXPECT_FALSE(AuditOptionsFromConfig(*Config::Parse("[audit]\ncheckpoint_every = 0\n")));
  EXPECT_FALSE(AuditOptionsFromConfig(*Config::Parse("[audit]\ncheckpoint_seconds = 100000\n")));
}

}  // namespace
}  // namespace cv::audit
