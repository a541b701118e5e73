// Metrics: the server's counters, gauges and request-latency histograms, rendered in the
// Prometheus text exposition format 0.0.4 for GET /metrics.
//
// Thread-safety: thread-safe. RecordRequest, Increment and SetGauge on an existing series take a
// shared lock and update atomics, so they do not allocate; only the first use of a name or route
// takes the exclusive lock and allocates.
// Invariants:
//  1. Every family is rendered with one # HELP and one # TYPE line before its samples; families
//     and series appear in a stable order (name, then route, then status).
//  2. At most kMaxRoutes distinct routes are kept; requests for further routes are recorded
//     under route="_other". Callers pass the router's pattern, not the raw path, so the set of
//     label values stays bounded (and no personal data reaches a label).
//  3. A histogram's +Inf bucket equals its _count in every rendering, even while requests are
//     recorded concurrently (both are computed from the same reading of the buckets).
//  4. Names are [a-zA-Z_:][a-zA-Z0-9_:]*; a counter or gauge update with an invalid name, or one
//     whose name belongs to another kind, is dropped and counted in cvault_metrics_dropped_total.
#ifndef CV_SERVER_METRICS_H_
#define CV_SERVER_METRICS_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "common/result.h"

namespace cv::server {

class Metrics {
 public:
  static constexpr std::size_t kMaxRoutes = 256;

  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Counts one answered request in cvault_http_requests_total{route,status} and observes its
  // latency in cvault_http_request_duration_seconds{route}. `route` is the router's pattern.
  void RecordRequest(std::string_view route, int status, std::chrono::nanoseconds latency);

  // Adds `by` to the counter `name` (created on first use with `help`, e.g.
  // cvault_lockouts_total, cvault_rate_limited_total).
  void Increment(std::string_view name, std::string_view help, std::uint64_t by = 1);

  // Sets the gauge `name` (created on first use with `help`).
  void SetGauge(std::string_view name, std::string_view help, double value);

  // Registers a gauge read at each Render (sessions open, audit tree size, ...).
  // REQUIRES: `read` is thread-safe; it is called without any Metrics lock held.
  // Errors: kInvalidArgument for an invalid name, kConflict when `name` is already in use.
  [[nodiscard]] Status AddGauge(std::string name, std::string help, std::function<double()> read);

  // The exposition text (Content-Type: text/plain; version=0.0.4).
  std::string Render() const;

  static bool IsValidName(std::string_view name);

 private:
  struct RouteStats;
  struct Family;

  RouteStats& Route(std::string_view route);
  Family* FindOrAddFamily(std::string_view name, std::string_view help, int kind);
  void RenderRequests(std::string& out) const;
  void RenderFamilies(std::string& out) const;

  mutable std::shared_mutex routes_mu_;
  std::map<std::string, std::unique_ptr<RouteStats>, std::less<>> routes_;  // GUARDED_BY routes_mu_
  mutable std::shared_mutex families_mu_;
  std::map<std::string, std::unique_ptr<Family>, std::less<>> families_;  // GUARDED_BY families_mu_
  std::atomic<std::uint64_t> dropped_{0};                                 // invariant 4
};

}  // namespace cv::server

#endif  // CV_SERVER_METRICS_H_
