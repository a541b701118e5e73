// Sessions (ACC-6): hashed tokens, idle and absolute expiry, concurrency caps, revocation.
#include "access/session.h"

#include <gtest/gtest.h>

#include <fstream>

#include "audit/testing/unsealed_vault.h"
#include "common/testing/scoped_temp_dir.h"
#include "crypto/keyring/keyring.h"

namespace cv::access {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr char kSeedSql[] =
    "INSERT INTO institutions VALUES ('B0001', 'Bank', 'user', 'active', '', 'x', 'x');INSERT INTO "
    "users (id, login, institution, display_name, status, password_hash, password_changed_us, "
    "must_change_password, created_us) VALUES (1, 'alice', 'B0001', 'Alice', 'active', 'h', 0, 0, "
    "0), (2, 'bob', 'B0001', 'Bob', 'active', 'h', 0, 0, 0);";

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto vault = audit::test::MakeUnsealedVault(dir_.Join("d"), clock_, kSeedSql);
    ASSERT_TRUE(vault) << vault.error().ToString();
    store_ = std::move(vault->store);
    keyring_ = std::move(vault->keyring);
    log_ = std::move(vault->log);
    hasher_ = std::move(*crypto::NewHasher(keyring_->suite()));
    sessions_ = std::make_unique<SessionManager>(*hasher_, *log_, SessionPolicy{}, clock_);
  }

  NewSession Start(std::int64_t user, std::vector<Role> roles) {
    auto tx = store_->Begin();
    auto s = sessions_->Start(**tx, user, roles, "10.0.0.1", false);
    EXPECT_TRUE(s) << s.error().ToString();
    EXPECT_TRUE((*tx)->Commit());
    return std::move(*s);
  }

  Result<SessionInfo> Check(const Secret& token) {
    auto tx = store_->Begin();
    if (!tx) return std::unexpected(tx.error());
    auto info = sessions_->Check(**tx, token);
    EXPECT_TRUE((*tx)->Commit());  // Ending an expired session must persist.
    return info;
  }

  int CountEvents(std::string_view action) {
    auto tx = store_->Begin(store::TxMode::kRead);
    auto row = (*tx)->QueryOne("SELECT count(*) FROM audit_events WHERE action = ?1",
                               {store::Text(action)});
    return static_cast<int>((*row)->Int(0).value_or(-1));
  }

  test::ScopedTempDir dir_;
  FakeClock clock_{TimePoint(seconds(1'790'000'000))};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<crypto::keyring::Keyring> keyring_;
  std::unique_ptr<crypto::Hasher> hasher_;
  std::unique_ptr<audit::AuditLog> log_;
  std::unique_ptr<SessionManager> sessions_;
};

TEST_F(SessionTest, Acc6TokenIsRandom256BitsAndStoredOnlyHashed) {
  NewSession a = Start(1, {Role::kReporter});
  NewSession b = Start(1, {Role::kReporter});
  EXPECT_EQ(a.token.size(), 43u);
  EXPECT_FALSE(a.token.Equals(b.token));
  {
    auto tx = store_->Begin(store::TxMode::kRead);
    auto rows = (*tx)->Query("SELECT token_hash FROM sessions");
    ASSERT_TRUE(rows);
    for (const auto& row : *rows) {
      EXPECT_NE(*row.Blob(0), a.token.View(SecretAccess::Get()));
      EXPECT_EQ(row.Blob(0)->size(), 32u);
    }
  }
  auto info = Check(a.token);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->login, "alice");
  EXPECT_EQ(info->institution, "B0001");
}

TEST_F(SessionTest, Acc6IdleTimeoutAfter15Minutes) {
  NewSession s = Start(1, {Role::kReporter});
  clock_.Advance(minutes(14));
  ASSERT_TRUE(Check(s.token));  // Activity restarts the idle timer.
  clock_.Advance(minutes(14));
  ASSERT_TRUE(Check(s.token));
  clock_.Advance(minutes(15) + seconds(1));
  auto expired = Check(s.token);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code(), ErrorCode::kUnauthenticated);
  EXPECT_FALSE(Check(s.token));  // Ended for good.
  EXPECT_EQ(CountEvents("session.end"), 1);
}

TEST_F(SessionTest, Acc6AbsoluteTimeoutAfter8HoursEvenWhenActive) {
  NewSession s = Start(1, {Role::kReporter});
  for (int i = 0; i < 48; ++i) {
    clock_.Advance(minutes(10));
    ASSERT_TRUE(Check(s.token)) << "after " << (i + 1) * 10 << " min";
  }
  clock_.Advance(minutes(1));
  EXPECT_FALSE(Check(s.token));
}

TEST_F(SessionTest, Acc6QuerierHasOneSessionTheOldestIsEnded) {
  NewSession first = Start(2, {Role::kQuerier});
  clock_.Advance(seconds(1));
  NewSession second = Start(2, {Role::kQuerier});
  EXPECT_EQ(second.ended_sessions, std::vector<std::int64_t>{first.session_id});
  EXPECT_FALSE(Check(first.token));
  EXPECT_TRUE(Check(second.token));
  EXPECT_EQ(CountEvents("session.end"), 1);
}

TEST_F(SessionTest, Acc6OthersHaveThreeSessions) {
  std::vector<NewSession> s;
  for (int i = 0; i < 4; ++i) {
    s.push_back(Start(1, {Role::kReporter}));
    clock_.Advance(seconds(1));
  }
  EXPECT_FALSE(Check(s[0].token));
  for (int i = 1; i < 4; ++i) EXPECT_TRUE(Check(s[i].token)) << i;
}

TEST_F(SessionTest, Acc6LogoutAndRevocationEndSessions) {
  NewSession a = Start(1, {Role::kReporter});
  NewSession b = Start(1, {Role::kReporter});
  NewSession other = Start(2, {Role::kReporter});
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(sessions_->End(**tx, a.token));
    ASSERT_TRUE((*tx)->Commit());
  }
  EXPECT_FALSE(Check(a.token));
  {
    auto tx = store_->Begin();
    auto ended = sessions_->EndAllForUser(**tx, 1, "user deactivated");
    ASSERT_TRUE(ended);
    EXPECT_EQ(*ended, 1);
    ASSERT_TRUE((*tx)->Commit());
  }
  EXPECT_FALSE(Check(b.token));
  EXPECT_TRUE(Check(other.token));
  EXPECT_EQ(CountEvents("session.start"), 3);
  EXPECT_EQ(CountEvents("session.end"), 2);
}

TEST_F(SessionTest, UnknownTokenIsUnauthenticated) {
  auto info = Check(Secret("not-a-token"));
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code(), ErrorCode::kUnauthenticated);
}

}  // namespace
}  // namespace cv::access

namespace cv::access {
namespace {

std::int64_t LastSeen(store::Store& store) {
  auto tx = store.Begin(store::TxMode::kRead);
  auto row = (*tx)->QueryOne("SELECT last_seen_us FROM sessions ORDER BY id DESC LIMIT 1");
  return (*row)->Int(0).value_or(-1);
}

TEST_F(SessionTest, Acc6IdleTimerIsWrittenAtMostEvery30SecondsNeverLate) {
  NewSession s = Start(1, {Role::kReporter});
  const std::int64_t started = LastSeen(*store_);
  clock_.Advance(seconds(10));
  ASSERT_TRUE(Check(s.token));
  EXPECT_EQ(LastSeen(*store_), started);  // within 30 s: a read, no write
  {
    auto tx = store_->Begin(store::TxMode::kRead);
    auto ro = sessions_->CheckReadOnly(**tx, s.token);
    ASSERT_TRUE(ro);
    ASSERT_TRUE(ro->has_value());
    EXPECT_EQ((*ro)->login, "alice");
  }
  clock_.Advance(seconds(25));  // 35 s since the last write
  {
    auto tx = store_->Begin(store::TxMode::kRead);
    auto ro = sessions_->CheckReadOnly(**tx, s.token);
    ASSERT_TRUE(ro);
    EXPECT_FALSE(ro->has_value());  // the caller must take the write path
  }
  ASSERT_TRUE(Check(s.token));
  EXPECT_EQ(LastSeen(*store_), started + 35'000'000);
  // The idle timeout counts from the last write: never later than the real last use.
  clock_.Advance(minutes(15) + seconds(1));
  EXPECT_FALSE(Check(s.token));
}

TEST_F(SessionTest, Acc6ReadOnlyCheckRefusesUnknownTokens) {
  auto tx = store_->Begin(store::TxMode::kRead);
  auto ro = sessions_->CheckReadOnly(**tx, Secret(std::string(43, 'A')));
  ASSERT_FALSE(ro);
  EXPECT_EQ(ro.error().code(), ErrorCode::kUnauthenticated);
}

}  // namespace
}  // namespace cv::access
