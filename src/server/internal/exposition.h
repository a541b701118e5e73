// Prometheus text exposition format 0.0.4: escaping, number formatting, and the request families.
//
// Thread-safety: free functions without shared state.
#ifndef CV_SERVER_INTERNAL_EXPOSITION_H_
#define CV_SERVER_INTERNAL_EXPOSITION_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace cv::server::internal {

inline constexpr std::string_view kRequestsName = "cvault_http_requests_total";
inline constexpr std::string_view kRequestsHelp =
    "HTTP requests answered, by route pattern and status.";
inline constexpr std::string_view kDurationName = "cvault_http_request_duration_seconds";
inline constexpr std::string_view kDurationHelp = "HTTP request latency by route pattern.";
inline constexpr std::string_view kDroppedName = "cvault_metrics_dropped_total";
inline constexpr std::string_view kDroppedHelp =
    "Metric updates dropped for an invalid or conflicting name.";
inline constexpr std::string_view kOtherRoute = "_other";

// An upper bound of a latency bucket: nanoseconds, and the `le` label exactly as rendered.
struct LatencyBound {
  std::int64_t ns;
  std::string_view le;
};
inline constexpr std::array<LatencyBound, 13> kLatencyBounds = {{
    {500'000, "0.0005"},
    {1'000'000, "0.001"},
    {2'500'000, "0.0025"},
    {5'000'000, "0.005"},
    {10'000'000, "0.01"},
    {25'000'000, "0.025"},
    {50'000'000, "0.05"},
    {100'000'000, "0.1"},
    {250'000'000, "0.25"},
    {500'000'000, "0.5"},
    {1'000'000'000, "1"},
    {2'500'000'000, "2.5"},
    {5'000'000'000, "5"},
}};

// True for the names the request families own (including histogram suffixes) and the dropped
// counter: no counter or gauge may take them.
bool IsReservedName(std::string_view name);

// Label value escaping: backslash, double quote and newline become \\, \" and \n.
std::string EscapeLabelValue(std::string_view value);
// HELP text escaping: backslash and newline become \\ and \n.
std::string EscapeHelp(std::string_view help);

// "# HELP name help\n# TYPE name type\n".
void AppendHelpType(std::string& out, std::string_view name, std::string_view help,
                    std::string_view type);
// `separator` name="escaped value".
void AppendLabel(std::string& out, char separator, std::string_view name, std::string_view value);
// The shortest decimal that reads back as `value`; +Inf, -Inf, NaN as Prometheus spells them.
void AppendDouble(std::string& out, double value);

// The _bucket (cumulative), _sum and _count lines of one route's latency histogram, from
// non-cumulative bucket counts (the last is +Inf) and the sum in nanoseconds.
void AppendHistogram(std::string& out, std::string_view route,
                     const std::array<std::uint64_t, kLatencyBounds.size() + 1>& counts,
                     std::uint64_t sum_ns);

}  // namespace cv::server::internal

#endif  // CV_SERVER_INTERNAL_EXPOSITION_H_
