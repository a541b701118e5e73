// Tests of the token-bucket rate limiter (issue #6; JR/T 0117 8.3.4 g).
#include "server/rate_limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace cv::server {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

FakeClock MakeClock() { return FakeClock(std::chrono::system_clock::from_time_t(1'700'000'000)); }

int CountAllowed(RateLimiter& limiter, std::string_view key, int attempts) {
  int allowed = 0;
  for (int i = 0; i < attempts; ++i) allowed += limiter.Allow(key) ? 1 : 0;
  return allowed;
}

TEST(RateLimitTest, BurstThenRefusal) {
  FakeClock clock = MakeClock();
  RateLimiter limiter(2, 5, clock);
  EXPECT_EQ(CountAllowed(limiter, "10.0.0.1", 5), 5);
  RateDecision refused = limiter.Take("10.0.0.1");
  EXPECT_FALSE(refused.allowed);
  EXPECT_DOUBLE_EQ(refused.retry_after_s, 0.5);  // one token at 2 per second
}

TEST(RateLimitTest, RefillsWithTimeUpToBurst) {
  FakeClock clock = MakeClock();
  RateLimiter limiter(2, 5, clock);
  EXPECT_EQ(CountAllowed(limiter, "k", 10), 5);
  clock.Advance(milliseconds(500));
  EXPECT_EQ(CountAllowed(limiter, "k", 10), 1);
  clock.Advance(milliseconds(250));  // half a token
  RateDecision half = limiter.Take("k");
  EXPECT_FALSE(half.allowed);
  EXPECT_NEAR(half.retry_after_s, 0.25, 1e-9);
  clock.Advance(seconds(3600));  // capped at the burst, not 7200 tokens
  EXPECT_EQ(CountAllowed(limiter, "k", 100), 5);
}

TEST(RateLimitTest, KeysAreIndependent) {
  FakeClock clock = MakeClock();
  RateLimiter limiter(1, 3, clock);
  EXPECT_EQ(CountAllowed(limiter, "user:alice", 10), 3);
  EXPECT_EQ(CountAllowed(limiter, "user:bob", 10), 3);
  EXPECT_FALSE(limiter.Allow("user:alice"));
}

TEST(RateLimitTest, EvictionKeepsTheBound) {
  FakeClock clock = MakeClock();
  RateLimiter limiter(1, 5, clock, /*max_keys=*/160);
  for (int i = 0; i < 10000; ++i) limiter.Allow("client-" + std::to_string(i));
  RateLimiter::Stats stats = limiter.stats();
  EXPECT_LE(stats.keys, 160u);
  EXPECT_GE(stats.keys, 100u);  // shards fill up, not emptied
  EXPECT_EQ(stats.evicted_full + stats.evicted_not_full, 10000u - stats.keys);
}

// A drained key that keeps knocking is recently used, so a flood of new keys does not evict it
// and hand it a fresh burst.
TEST(RateLimitTest, FloodOfNewKeysDoesNotResetAnActiveKey) {
  FakeClock clock = MakeClock();
  RateLimiter limiter(0.001, 5, clock, /*max_keys=*/64);
  EXPECT_EQ(CountAllowed(limiter, "attacker", 5), 5);
  int allowed = 0;
  for (int i = 0; i < 5000; ++i) {
    limiter.Allow("spoof-" + std::to_string(i));
    allowed += limiter.Allow("attacker") ? 1 : 0;
  }
  EXPECT_EQ(allowed, 0);
}

// Invariant 3: a full (idle) bucket is evicted before an older one that is still draining.
TEST(RateLimitTest, EvictsFullBucketsBeforeOlderOnes) {
  FakeClock clock = MakeClock();
  RateLimiter limiter(1, 5, clock, /*max_keys=*/3, /*shards=*/1);
  EXPECT_EQ(CountAllowed(limiter, "a", 5), 5);  // a: 0 tokens, least recently used
  EXPECT_TRUE(limiter.Allow("b"));              // b: 4 tokens
  clock.Advance(seconds(1));                    // a: 1, b: 5 (full)
  EXPECT_TRUE(limiter.Allow("c"));
  EXPECT_TRUE(limiter.Allow("d"));  // shard full: evicts b, not the older a
  RateLimiter::Stats stats = limiter.stats();
  EXPECT_EQ(stats.keys, 3u);
  EXPECT_EQ(stats.evicted_full, 1u);
  EXPECT_EQ(stats.evicted_not_full, 0u);
  EXPECT_EQ(CountAllowed(limiter, "a", 5), 1);  // kept its state: had a burst of 5 been reset, 5
}

TEST(RateLimitTest, EvictsLeastRecentlyUsedWhenNoneIsFull) {
  FakeClock clock = MakeClock();
  RateLimiter limiter(1, 5, clock, /*max_keys=*/2, /*shards=*/1);
  EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_TRUE(limiter.Allow("b"));
  EXPECT_TRUE(limiter.Allow("a"));  // b is now least recently used
  EXPECT_TRUE(limiter.Allow("c"));
  RateLimiter::Stats stats = limiter.stats();
  EXPECT_EQ(stats.evicted_not_full, 1u);
  EXPECT_EQ(CountAllowed(limiter, "a", 5), 3);  // a kept: 5 - 2 taken
  EXPECT_EQ(CountAllowed(limiter, "b", 5), 5);  // b was evicted and starts over
}

TEST(RateLimitTest, CheckOptionsRefusesNonsense) {
  EXPECT_TRUE(RateLimiter::CheckOptions(10, 20, 1000).has_value());
  EXPECT_FALSE(RateLimiter::CheckOptions(0, 20, 1000).has_value());
  EXPECT_FALSE(RateLimiter::CheckOptions(-1, 20, 1000).has_value());
  EXPECT_FALSE(RateLimiter::CheckOptions(10, 0.5, 1000).has_value());
  EXPECT_FALSE(RateLimiter::CheckOptions(10, 20, 0).has_value());
  // The constructor clamps rather than dividing by zero.
  FakeClock clock = MakeClock();
  RateLimiter limiter(0, 0, clock, 0);
  EXPECT_TRUE(limiter.Allow("k"));
  RateDecision refused = limiter.Take("k");
  EXPECT_FALSE(refused.allowed);
  EXPECT_GT(refused.retry_after_s, 0);
}

// Invariant 1 under contention: with a frozen clock exactly `burst` requests pass; while time
// moves, never more than burst + rate * elapsed.
TEST(RateLimitTest, ConcurrentTakersNeverExceedBurstPlusRefill) {
  FakeClock clock = MakeClock();
  constexpr double kRate = 1000;
  constexpr double kBurst = 50;
  RateLimiter limiter(kRate, kBurst, clock);
  std::atomic<int> allowed{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20000; ++i) allowed += limiter.Allow("shared") ? 1 : 0;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(allowed.load(), 50);

  allowed = 0;
  threads.clear();
  const std::int64_t start = clock.MonotonicNanos();
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      while (!stop.load()) allowed += limiter.Allow("other") ? 1 : 0;
    });
  }
  for (int step = 0; step < 200; ++step) {
    clock.Advance(std::chrono::microseconds(500));  // half a token per step
    std::this_thread::yield();
  }
  stop = true;
  for (auto& thread : threads) thread.join();
  double elapsed_s = static_cast<double>(clock.MonotonicNanos() - start) / 1e9;
  EXPECT_LE(allowed.load(), kBurst + kRate * elapsed_s + 1e-6);
  EXPECT_GE(allowed.load(), static_cast<int>(kBurst));
}

}  // namespace
}  // namespace cv::server
