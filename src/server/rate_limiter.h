// RateLimiter: token buckets keyed by client address or user, bounded in memory (REQUIREMENTS
// SEC-3, JR/T 0117 8.3.4 g) for abnormal-access control: issue #6's "rate limit per client address
// and per user".
//
// Thread-safety: thread-safe. Keys are spread over shards, each with its own mutex, so threads
// limiting different keys rarely contend.
// Invariants:
//  1. Each key's bucket holds at most `burst` tokens and gains `rate_per_second` tokens per second
//     of the clock's monotonic time; a request takes one token or is refused. So over any window
//     of t seconds a key is allowed at most burst + rate * t requests — unless its bucket was
//     evicted while not full (invariant 3).
//  2. At most max(max_keys, shards) buckets exist: each shard holds at most max_keys / shards
//     (at least one).
//  3. Eviction, when a new key arrives at a full shard: among the kEvictionScan least recently
//     used buckets, the first that is full (idle long enough to have refilled) is dropped — a
//     lossless eviction, since a new bucket starts full. If none is full the least recently used
//     one is dropped; its key then starts over with a full burst. Those lossy evictions are
//     counted (stats()) so an operator can raise max_keys.
#ifndef CV_SERVER_RATE_LIMITER_H_
#define CV_SERVER_RATE_LIMITER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"

namespace cv::server {

// The answer to one request.
struct RateDecision {
  bool allowed = false;
  // When refused: seconds until one token is back (for a Retry-After header); 0 when allowed.
  double retry_after_s = 0;
};

class RateLimiter {
 public:
  static constexpr std::size_t kDefaultShards = 16;
  static constexpr std::size_t kEvictionScan = 32;

  struct Stats {
    std::size_t keys = 0;                // buckets held now
    std::uint64_t evicted_full = 0;      // lossless evictions
    std::uint64_t evicted_not_full = 0;  // lossy evictions (invariant 3)
  };

  // Checks the constructor's REQUIRES, for configuration loaders: kInvalidArgument when violated.
  [[nodiscard]] static Status CheckOptions(double rate_per_second, double burst,
                                           std::size_t max_keys);

  // REQUIRES: rate_per_second > 0, burst >= 1, max_keys >= 1 (CheckOptions). Out-of-range values
  // are clamped to the nearest allowed one rather than dividing by zero. `clock` outlives this.
  // `shards` is for tests that need one shard to observe eviction order.
  RateLimiter(double rate_per_second, double burst, const Clock& clock,
              std::size_t max_keys = 100000, std::size_t shards = kDefaultShards);
  ~RateLimiter();
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // Takes one token from `key`'s bucket (creating a full one for a new key).
  RateDecision Take(std::string_view key);
  bool Allow(std::string_view key) { return Take(key).allowed; }

  Stats stats() const;

 private:
  struct Shard;

  Shard& ShardFor(std::string_view key) const;
  void Evict(Shard& shard, std::int64_t now);

  const double rate_per_ns_;
  const double burst_;
  const Clock& clock_;
  const std::size_t per_shard_max_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace cv::server

#endif  // CV_SERVER_RATE_LIMITER_H_
