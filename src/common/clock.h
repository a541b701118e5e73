// Clock: the injectable source of "now", so expiry and retention are testable.
//
// Thread-safety: SystemClock is thread-safe; FakeClock is thread-safe (atomic).
#ifndef CV_COMMON_CLOCK_H_
#define CV_COMMON_CLOCK_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace cv {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
  // Monotonic nanoseconds for measuring durations; never goes back.
  virtual std::int64_t MonotonicNanos() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
  std::int64_t MonotonicNanos() const override;
  // A process-wide instance.
  static const SystemClock& Get();
};

// A clock that moves only when told to; for tests.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : nanos_(start.time_since_epoch().count()) {}
  TimePoint Now() const override { return TimePoint(TimePoint::duration(nanos_.load())); }
  std::int64_t MonotonicNanos() const override { return nanos_.load(); }
  void Advance(std::chrono::nanoseconds d) { nanos_ += TimePoint::duration(d).count(); }

 private:
  std::atomic<TimePoint::rep> nanos_;
};

// RFC 3339 UTC with seconds, e.g. "2026-11-21T20:32:38Z".
std::string FormatRfc3339(TimePoint t);

}  // namespace cv

#endif  // CV_COMMON_CLOCK_H_
