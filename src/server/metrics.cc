// Metrics: series storage and the hot-path updates.
#include "server/metrics.h"

#include <algorithm>
#include <array>
#include <mutex>
#include <vector>

#include "server/internal/exposition.h"

namespace cv::server {

using internal::kLatencyBounds;

// One route's series. Zero-initialised atomics (C++20); never moved once created.
struct Metrics::RouteStats {
  static constexpr int kFirstStatus = 100;
  static constexpr int kLastStatus = 599;
  static constexpr std::size_t kOtherStatus = kLastStatus - kFirstStatus + 1;

  std::array<std::atomic<std::uint64_t>, kOtherStatus + 1> by_status{};
  // Non-cumulative: buckets[i] counts latencies in (bound[i-1], bound[i]]; the last is +Inf.
  std::array<std::atomic<std::uint64_t>, kLatencyBounds.size() + 1> buckets{};
  std::atomic<std::uint64_t> sum_ns{0};
};

enum FamilyKind : int { kCounter, kGauge, kGaugeFunction };

struct Metrics::Family {
  std::string help;
  int kind = kCounter;
  std::atomic<std::uint64_t> count{0};                  // kCounter
  std::atomic<double> value{0};                         // kGauge
  std::shared_ptr<const std::function<double()>> read;  // kGaugeFunction
};

Metrics::Metrics() = default;
Metrics::~Metrics() = default;

bool Metrics::IsValidName(std::string_view name) {
  if (name.empty()) return false;
  auto letter = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  };
  if (!letter(name.front())) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return letter(c) || (c >= '0' && c <= '9'); });
}

Metrics::RouteStats& Metrics::Route(std::string_view route) {
  {
    std::shared_lock lock(routes_mu_);
    if (auto it = routes_.find(route); it != routes_.end()) return *it->second;
  }
  std::unique_lock lock(routes_mu_);
  if (auto it = routes_.find(route); it != routes_.end()) return *it->second;
  if (routes_.size() >= kMaxRoutes) route = internal::kOtherRoute;  // invariant 2
  auto [it, inserted] = routes_.try_emplace(std::string(route));
  if (inserted) it->second = std::make_unique<RouteStats>();
  return *it->second;
}

void Metrics::RecordRequest(std::string_view route, int status, std::chrono::nanoseconds latency) {
  RouteStats& stats = Route(route);
  std::size_t status_index = status >= RouteStats::kFirstStatus && status <= RouteStats::kLastStatus
                                 ? static_cast<std::size_t>(status - RouteStats::kFirstStatus)
                                 : RouteStats::kOtherStatus;
  stats.by_status[status_index].fetch_add(1, std::memory_order_relaxed);
  std::int64_t ns = std::max<std::int64_t>(0, latency.count());
  // Prometheus `le` is inclusive: the first bound >= the latency.
  auto bound =
      std::lower_bound(kLatencyBounds.begin(), kLatencyBounds.end(), ns,
                       [](const internal::LatencyBound& b, std::int64_t v) { return b.ns < v; });
  stats.buckets[static_cast<std::size_t>(bound - kLatencyBounds.begin())].fetch_add(
      1, std::memory_order_relaxed);
  stats.sum_ns.fetch_add(static_cast<std::uint64_t>(ns), std::memory_order_relaxed);
}

Metrics::Family* Metrics::FindOrAddFamily(std::string_view name, std::string_view help, int kind) {
  Family* family = nullptr;
  {
    std::shared_lock lock(families_mu_);
    if (auto it = families_.find(name); it != families_.end()) family = it->second.get();
  }
  if (family == nullptr) {
    if (!IsValidName(name) || internal::IsReservedName(name)) {
      dropped_.fetch_add(1, std::memory_order_relaxed);
      return nullptr;
    }
    std::unique_lock lock(families_mu_);
    auto [it, inserted] = families_.try_emplace(std::string(name));
    if (inserted) {
      it->second = std::make_unique<Family>();
      it->second->help = std::string(help);
      it->second->kind = kind;
    }
    family = it->second.get();
  }
  if (family->kind != kind) {
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }
  return family;
}

void Metrics::Increment(std::string_view name, std::string_view help, std::uint64_t by) {
  if (Family* family = FindOrAddFamily(name, help, kCounter)) {
    family->count.fetch_add(by, std::memory_order_relaxed);
  }
}

void Metrics::SetGauge(std::string_view name, std::string_view help, double value) {
  if (Family* family = FindOrAddFamily(name, help, kGauge)) {
    family->value.store(value, std::memory_order_relaxed);
  }
}

Status Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  if (!IsValidName(name)) return Fail(ErrorCode::kInvalidArgument, "invalid metric name " + name);
  if (!read) return Fail(ErrorCode::kInvalidArgument, "gauge " + name + " has no function");
  std::unique_lock lock(families_mu_);
  if (internal::IsReservedName(name) || families_.contains(name)) {
    return Fail(ErrorCode::kConflict, "metric " + name + " is already defined");
  }
  auto family = std::make_unique<Family>();
  family->help = std::move(help);
  family->kind = kGaugeFunction;
  family->read = std::make_shared<const std::function<double()>>(std::move(read));
  families_.emplace(std::move(name), std::move(family));
  return Ok();
}

std::string Metrics::Render() const {
  std::string out;
  RenderRequests(out);
  RenderFamilies(out);
  return out;
}

void Metrics::RenderRequests(std::string& out) const {
  using internal::AppendHelpType;
  using internal::AppendLabel;
  std::shared_lock lock(routes_mu_);
  AppendHelpType(out, internal::kRequestsName, internal::kRequestsHelp, "counter");
  for (const auto& [route, stats] : routes_) {
    for (std::size_t i = 0; i < stats->by_status.size(); ++i) {
      std::uint64_t n = stats->by_status[i].load(std::memory_order_relaxed);
      if (n == 0) continue;
      std::string status = i == RouteStats::kOtherStatus
                               ? std::string("other")
                               : std::to_string(i + RouteStats::kFirstStatus);
      out += internal::kRequestsName;
      AppendLabel(out, '{', "route", route);
      AppendLabel(out, ',', "status", status);
      out += "} " + std::to_string(n) + "\n";
    }
  }
  AppendHelpType(out, internal::kDurationName, internal::kDurationHelp, "histogram");
  for (const auto& [route, stats] : routes_) {
    std::array<std::uint64_t, kLatencyBounds.size() + 1> counts;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      counts[i] = stats->buckets[i].load(std::memory_order_relaxed);
    }
    internal::AppendHistogram(out, route, counts, stats->sum_ns.load(std::memory_order_relaxed));
  }
}

void Metrics::RenderFamilies(std::string& out) const {
  struct Sample {
    std::string name, help;
    int kind;
    double value;
    std::uint64_t count;
    std::shared_ptr<const std::function<double()>> read;
  };
  std::vector<Sample> samples;
  {
    std::shared_lock lock(families_mu_);
    samples.reserve(families_.size());
    for (const auto& [name, f] : families_) {
      samples.push_back({name, f->help, f->kind, f->value.load(std::memory_order_relaxed),
                         f->count.load(std::memory_order_relaxed), f->read});
    }
  }
  std::uint64_t dropped = dropped_.load(std::memory_order_relaxed);
  if (dropped > 0) {
    samples.push_back({std::string(internal::kDroppedName), std::string(internal::kDroppedHelp),
                       kCounter, 0, dropped, nullptr});
    std::sort(samples.begin(), samples.end(),
              [](const Sample& a, const Sample& b) { return a.name < b.name; });
  }
  // Gauge functions run without our locks held (REQUIRES of AddGauge).
  for (const Sample& s : samples) {
    bool counter = s.kind == kCounter;
    internal::AppendHelpType(out, s.name, s.help, counter ? "counter" : "gauge");
    out += s.name + " ";
    if (counter) {
      out += std::to_string(s.count);
    } else {
      internal::AppendDouble(out, s.kind == kGauge ? s.value : (*s.read)());
    }
    out += "\n";
  }
}

}  // namespace cv::server
