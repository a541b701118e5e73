// RateLimiter: sharded token buckets with bounded, idle-first eviction.
#include "server/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

namespace cv::server {
namespace {

constexpr double kMinRatePerSecond = 1e-6;
constexpr double kNanosPerSecond = 1e9;

struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
};

struct Bucket {
  double tokens;         // in [0, burst] after each refill
  std::int64_t last_ns;  // monotonic time of the last refill
  std::list<const std::string*>::iterator lru;
};

}  // namespace

// Invariant: `lru` holds exactly one pointer to each key of `buckets` (map keys are stable),
// least recently used first; each bucket's `lru` iterator points at its own entry.
struct RateLimiter::Shard {
  std::mutex mu;
  std::unordered_map<std::string, Bucket, KeyHash, std::equal_to<>> buckets;
  std::list<const std::string*> lru;
  std::uint64_t evicted_full = 0;
  std::uint64_t evicted_not_full = 0;
};

namespace {

double Clamp(double value, double minimum) {
  return std::isnan(value) ? minimum : std::max(value, minimum);
}

}  // namespace

Status RateLimiter::CheckOptions(double rate_per_second, double burst, std::size_t max_keys) {
  if (!(rate_per_second > 0) || !std::isfinite(rate_per_second)) {
    return Fail(ErrorCode::kInvalidArgument, "rate limit: rate per second must be positive");
  }
  if (!(burst >= 1) || !std::isfinite(burst)) {
    return Fail(ErrorCode::kInvalidArgument, "rate limit: burst must be at least 1");
  }
  if (max_keys == 0) return Fail(ErrorCode::kInvalidArgument, "rate limit: max keys must be >= 1");
  return Ok();
}

RateLimiter::RateLimiter(double rate_per_second, double burst, const Clock& clock,
                         std::size_t max_keys, std::size_t shards)
    : rate_per_ns_(Clamp(rate_per_second, kMinRatePerSecond) / kNanosPerSecond),
      burst_(Clamp(burst, 1)),
      clock_(clock),
      per_shard_max_(std::max<std::size_t>(1, max_keys / std::max<std::size_t>(1, shards))) {
  shards_.resize(std::max<std::size_t>(1, shards));
  for (auto& shard : shards_) shard = std::make_unique<Shard>();
}

RateLimiter::~RateLimiter() = default;

RateLimiter::Shard& RateLimiter::ShardFor(std::string_view key) const {
  std::size_t h = KeyHash{}(key);
  // Mix the high bits in: the shard's map buckets use the low bits of the same hash.
  return *shards_[(h ^ (h >> 32)) % shards_.size()];
}

namespace {

// Tokens `bucket` would hold at `now_ns`, capped at `burst`. A clock reading older than the last
// refill (another thread read the clock first but locked later) adds nothing.
double TokensAt(const Bucket& bucket, std::int64_t now_ns, double rate_per_ns, double burst) {
  if (now_ns <= bucket.last_ns) return bucket.tokens;
  return std::min(burst,
                  bucket.tokens + static_cast<double>(now_ns - bucket.last_ns) * rate_per_ns);
}

}  // namespace

RateDecision RateLimiter::Take(std::string_view key) {
  const std::int64_t now = clock_.MonotonicNanos();
  Shard& shard = ShardFor(key);
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.buckets.find(key);
  if (it == shard.buckets.end()) {
    if (shard.buckets.size() >= per_shard_max_) Evict(shard, now);
    it = shard.buckets.try_emplace(std::string(key), Bucket{burst_, now, {}}).first;
    it->second.lru = shard.lru.insert(shard.lru.end(), &it->first);
  } else {
    shard.lru.splice(shard.lru.end(), shard.lru, it->second.lru);
  }
  Bucket& bucket = it->second;
  bucket.tokens = TokensAt(bucket, now, rate_per_ns_, burst_);
  bucket.last_ns = std::max(bucket.last_ns, now);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return {true, 0};
  }
  return {false, (1 - bucket.tokens) / rate_per_ns_ / kNanosPerSecond};
}

// Invariant 3 of the header. REQUIRES: shard.mu held, shard not empty.
void RateLimiter::Evict(Shard& shard, std::int64_t now) {
  auto victim = shard.lru.begin();
  std::size_t scanned = 0;
  for (auto it = shard.lru.begin(); it != shard.lru.end() && scanned < kEvictionScan;
       ++it, ++scanned) {
    if (TokensAt(shard.buckets.find(**it)->second, now, rate_per_ns_, burst_) >= burst_) {
      victim = it;
      break;
    }
  }
  auto bucket = shard.buckets.find(**victim);
  bool full = TokensAt(bucket->second, now, rate_per_ns_, burst_) >= burst_;
  ++(full ? shard.evicted_full : shard.evicted_not_full);
  shard.lru.erase(victim);
  shard.buckets.erase(bucket);
}

RateLimiter::Stats RateLimiter::stats() const {
  Stats stats;
  for (const auto& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard->mu);
    stats.keys += shard->buckets.size();
    stats.evicted_full += shard->evicted_full;
    stats.evicted_not_full += shard->evicted_not_full;
  }
  return stats;
}

}  // namespace cv::server
