// AuditLog::AppendAll of batches large enough to be encoded on LeafEncoder's helper thread: the
// same leaves, in the same order, as appending one event at a time; a bad event in the middle
// fails the whole batch and leaves the log appendable (AUD-1, AUD-2).
#include <gtest/gtest.h>

#include <vector>

#include "audit/audit_log.h"
#include "audit/audit_reader.h"
#include "common/testing/scoped_temp_dir.h"
#include "store/data_dir.h"

namespace cv::audit {
namespace {

using crypto::keyring::Keyring;

class AuditLogBatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store::DataDir::Create(dir_.Join("d")));
    store::StoreOptions options;
    options.url = "sqlite:" + dir_.Join("d/cvault.db");
    auto store = store::OpenStore(options);
    ASSERT_TRUE(store);
    store_ = std::move(*store);
    crypto::keyring::InitOptions init;
    init.custodians = 3;
    init.threshold = 2;
    crypto::keyring::UnsealInput unseal;
    {
      auto tx = store_->Begin();
      auto outcome = Keyring::Initialize(**tx, init, clock_);
      ASSERT_TRUE(outcome);
      ASSERT_TRUE((*tx)->Commit());
      for (int i = 0; i < 2; ++i) unseal.shares.emplace_back("s", outcome->share_files[i].Clone());
    }
    auto keyring = Keyring::Unseal(*store_, unseal, dir_.Join("d/keys/ledger"), clock_);
    ASSERT_TRUE(keyring);
    keyring_ = std::move(*keyring);
    auto log = AuditLog::Open(*keyring_, AuditOptions{}, clock_);
    ASSERT_TRUE(log);
    log_ = std::move(*log);
  }

  std::vector<Event> MakeEvents(int from, int count) {
    std::vector<Event> events;
    for (int i = from; i < from + count; ++i) {
      Event e;
      e.time = clock_.Now() + std::chrono::milliseconds(i);
      e.actor_user = "user-" + std::to_string(i % 7);
      e.action = "credit.query";
      e.object_id = "subject-" + std::to_string(i);
      e.AddPersonal("id_number", "1101011990030742" + std::to_string(i % 100));
      events.push_back(std::move(e));
    }
    return events;
  }

  Status AppendBatch(const std::vector<Event>& events) {
    CV_ASSIGN_OR_RETURN(auto tx, store_->Begin());
    CV_RETURN_IF_ERROR(log_->AppendAll(*tx, events));
    return tx->Commit();
  }

  // The root of `events` appended one by one from leaf 0, computed here without the store.
  std::string ExpectedRoot(const std::vector<Event>& events) {
    auto hasher = crypto::NewHasher(keyring_->suite());
    TreeHasher tree(**hasher);
    CompactRange range(tree);
    for (std::size_t i = 0; i < events.size(); ++i) {
      auto entry =
          EncodeEntry(events[i], i, [&](std::string_view v) { return keyring_->AuditHash(v); });
      EXPECT_TRUE(entry);
      EXPECT_TRUE(range.Append(*tree.HashLeaf(*entry)));
    }
    return *range.Root();
  }

  VerifyReport Verify() {
    auto tx = store_->Begin(store::TxMode::kRead);
    auto reader = AuditReader::Open(**tx);
    EXPECT_TRUE(reader);
    auto report = (*reader)->Verify();
    EXPECT_TRUE(report);
    return *report;
  }

  test::ScopedTempDir dir_;
  FakeClock clock_{TimePoint(std::chrono::seconds(1'790'000'000))};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Keyring> keyring_;
  std::unique_ptr<AuditLog> log_;
};

TEST_F(AuditLogBatchTest, Aud2LargeBatchesGiveTheSameTreeAsSingleAppends) {
  const std::vector<Event> events = MakeEvents(0, 2500);
  ASSERT_TRUE(AppendBatch({events.begin(), events.begin() + 2000}));
  ASSERT_TRUE(AppendBatch({events.begin() + 2000, events.end()}));
  VerifyReport report = Verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.size, 2500u);
  EXPECT_EQ(report.root, ExpectedRoot(events));
}

TEST_F(AuditLogBatchTest, Aud1BadEventFailsTheWholeBatch) {
  ASSERT_TRUE(AppendBatch(MakeEvents(0, 100)));
  std::vector<Event> batch = MakeEvents(100, 1000);
  batch[600].action.clear();  // EncodeEntry refuses an event without an action.
  auto tx = store_->Begin();
  ASSERT_TRUE(tx);
  auto appended = log_->AppendAll(**tx, batch);
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.error().code(), ErrorCode::kInvalidArgument);
  tx->reset();  // Rolled back: none of the batch's first 600 events stays.
  ASSERT_TRUE(AppendBatch(MakeEvents(100, 300)));
  VerifyReport report = Verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.size, 400u);
}

}  // namespace
}  // namespace cv::audit
