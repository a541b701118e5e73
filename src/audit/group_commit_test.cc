// GroupCommitter: appends from many threads are all durable and in the log once; one caller's
// bad event fails only that caller (invariants 1 and 2).
#include "audit/group_commit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "audit/audit_reader.h"
#include "audit/testing/unsealed_vault.h"
#include "common/testing/scoped_temp_dir.h"
#include "crypto/keyring/keyring.h"

namespace cv::audit {
namespace {

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto vault = audit::test::MakeUnsealedVault(dir_.Join("d"), clock_);
    ASSERT_TRUE(vault) << vault.error().ToString();
    store_ = std::move(vault->store);
    keyring_ = std::move(vault->keyring);
    log_ = std::move(vault->log);
  }

  Event MakeEvent(std::string actor) {
    Event e;
    e.time = clock_.Now();
    e.actor_user = std::move(actor);
    e.action = "api.read";
    e.object_type = "route";
    e.object_id = "/api/v1/users";
    return e;
  }

  std::uint64_t Size() {
    auto tx = store_->Begin(store::TxMode::kRead);
    auto reader = AuditReader::Open(**tx);
    return (*reader)->Head()->size;
  }

  cv::test::ScopedTempDir dir_;
  FakeClock clock_{TimePoint(std::chrono::seconds(1'790'000'000))};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<crypto::keyring::Keyring> keyring_;
  std::unique_ptr<AuditLog> log_;
};

TEST_F(GroupCommitTest, EveryCallerReturnsOnlyOnceItsEventsAreCommitted) {
  const std::uint64_t before = Size();
  GroupCommitter committer(*store_, *log_);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::vector<Event> events{MakeEvent("u" + std::to_string(t))};
        if (!committer.AppendDurably(std::move(events))) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Size(), before + kThreads * kPerThread);
  EXPECT_LE(committer.commits(), static_cast<std::uint64_t>(kThreads * kPerThread));
  auto tx = store_->Begin(store::TxMode::kRead);
  auto reader = AuditReader::Open(**tx);
  auto report = (*reader)->Verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->problem;
}

TEST_F(GroupCommitTest, OneCallersBadEventFailsOnlyThatCaller) {
  GroupCommitter committer(*store_, *log_);
  const std::uint64_t before = Size();
  Event bad = MakeEvent("x");
  bad.action = "";  // refused by EncodeEntry
  EXPECT_FALSE(committer.AppendDurably({bad}));
  EXPECT_TRUE(committer.AppendDurably({MakeEvent("good")}));
  EXPECT_EQ(Size(), before + 1);
  // Submitted together, so that the bad one may share a batch with good ones.
  std::atomic<int> good_ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      Event e = MakeEvent("t" + std::to_string(t));
      if (t == 3) e.action = "";
      const bool ok = committer.AppendDurably({e}).has_value();
      if (t != 3 && ok) ++good_ok;
      if (t == 3) {
        EXPECT_FALSE(ok);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(good_ok.load(), 5);
  EXPECT_EQ(Size(), before + 6);
}

}  // namespace
}  // namespace cv::audit
