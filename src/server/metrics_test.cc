// Tests of the Prometheus exposition (format 0.0.4) of the server's metrics.
#include "server/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

namespace cv::server {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

// The value of the sample line that starts with `series` followed by a space, or -1.
double SampleValue(const std::string& text, const std::string& series) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(series + " ")) return std::stod(line.substr(series.size() + 1));
  }
  return -1;
}

TEST(MetricsTest, RendersExactText) {
  Metrics metrics;
  metrics.RecordRequest("/v1/x", 200, milliseconds(3));
  metrics.RecordRequest("/v1/x", 404, microseconds(700));
  metrics.Increment("cvault_lockouts_total", "Accounts locked.", 2);
  metrics.SetGauge("cvault_sessions_open", "Open sessions.", 3);
  const std::string bucket = "cvault_http_request_duration_seconds_bucket{route=\"/v1/x\",le=";
  std::string expected =
      "# HELP cvault_http_requests_total HTTP requests answered, by route pattern and status.\n"
      "# TYPE cvault_http_requests_total counter\n"
      "cvault_http_requests_total{route=\"/v1/x\",status=\"200\"} 1\n"
      "cvault_http_requests_total{route=\"/v1/x\",status=\"404\"} 1\n"
      "# HELP cvault_http_request_duration_seconds HTTP request latency by route pattern.\n"
      "# TYPE cvault_http_request_duration_seconds histogram\n" +
      bucket + "\"0.0005\"} 0\n" + bucket + "\"0.001\"} 1\n" + bucket + "\"0.0025\"} 1\n" + bucket +
      "\"0.005\"} 2\n" + bucket + "\"0.01\"} 2\n" + bucket + "\"0.025\"} 2\n" + bucket +
      "\"0.05\"} 2\n" + bucket + "\"0.1\"} 2\n" + bucket + "\"0.25\"} 2\n" + bucket +
      "\"0.5\"} 2\n" + bucket + "\"1\"} 2\n" + bucket + "\"2.5\"} 2\n" + bucket + "\"5\"} 2\n" +
      bucket + "\"+Inf\"} 2\n" +
      "cvault_http_request_duration_seconds_sum{route=\"/v1/x\"} 0.0037\n"
      "cvault_http_request_duration_seconds_count{route=\"/v1/x\"} 2\n"
      "# HELP cvault_lockouts_total Accounts locked.\n"
      "# TYPE cvault_lockouts_total counter\n"
      "cvault_lockouts_total 2\n"
      "# HELP cvault_sessions_open Open sessions.\n"
      "# TYPE cvault_sessions_open gauge\n"
      "cvault_sessions_open 3\n";
  EXPECT_EQ(metrics.Render(), expected);
}

TEST(MetricsTest, EscapesLabelValuesAndHelp) {
  Metrics metrics;
  metrics.RecordRequest("a\"b\\c\nd", 200, microseconds(1));
  metrics.Increment("cvault_x_total", "line one\nback\\slash");
  std::string text = metrics.Render();
  EXPECT_NE(text.find("cvault_http_requests_total{route=\"a\\\"b\\\\c\\nd\",status=\"200\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("# HELP cvault_x_total line one\\nback\\\\slash\n"), std::string::npos);
}

TEST(MetricsTest, EveryLineIsWellFormed) {
  Metrics metrics;
  metrics.RecordRequest("/v1/\"q\"", 503, milliseconds(7));
  metrics.RecordRequest("/v1/p", 42, milliseconds(70000));
  metrics.Increment("cvault_rate_limited_total", "Requests refused by the rate limiter.");
  metrics.SetGauge("cvault_weird", "NaN gauge", std::nan(""));
  ASSERT_TRUE(
      metrics.AddGauge("cvault_inf", "inf", [] { return -std::numeric_limits<double>::infinity(); })
          .has_value());
  const std::regex comment(R"(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*)");
  const std::regex sample(
      R"([a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")"
      R"((,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")*\})? ([-+]?[0-9.e+-]+|\+Inf|-Inf|NaN))");
  std::istringstream lines(metrics.Render());
  int samples = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("#")) {
      EXPECT_TRUE(std::regex_match(line, comment)) << line;
    } else {
      EXPECT_TRUE(std::regex_match(line, sample)) << line;
      ++samples;
    }
  }
  EXPECT_EQ(samples, 2 + 2 * 16 + 3);
}

TEST(MetricsTest, HistogramBucketsAreCumulativeAndInclusive) {
  Metrics metrics;
  metrics.RecordRequest("/r", 200, milliseconds(1));               // exactly le="0.001"
  metrics.RecordRequest("/r", 200, microseconds(1001));            // next bucket
  metrics.RecordRequest("/r", 200, milliseconds(300));             // le="0.5"
  metrics.RecordRequest("/r", 200, std::chrono::seconds(9));       // only +Inf
  metrics.RecordRequest("/r", 200, std::chrono::nanoseconds(-5));  // clamped to 0
  std::string text = metrics.Render();
  auto bucket = [&](const std::string& le) {
    return SampleValue(
        text, "cvault_http_request_duration_seconds_bucket{route=\"/r\",le=\"" + le + "\"}");
  };
  EXPECT_EQ(bucket("0.0005"), 1);
  EXPECT_EQ(bucket("0.001"), 2);
  EXPECT_EQ(bucket("0.0025"), 3);
  EXPECT_EQ(bucket("0.25"), 3);
  EXPECT_EQ(bucket("0.5"), 4);
  EXPECT_EQ(bucket("5"), 4);
  EXPECT_EQ(bucket("+Inf"), 5);
  EXPECT_EQ(SampleValue(text, "cvault_http_request_duration_seconds_count{route=\"/r\"}"), 5);
  EXPECT_DOUBLE_EQ(SampleValue(text, "cvault_http_request_duration_seconds_sum{route=\"/r\"}"),
                   9.302001);
}

TEST(MetricsTest, ConcurrentUpdatesSum) {
  Metrics metrics;
  constexpr int kThreads = 4;
  constexpr int kPerThread = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        metrics.RecordRequest(i % 2 == 0 ? "/even" : "/odd", 200, microseconds(t * 1000 + 1));
        metrics.Increment("cvault_rate_limited_total", "Refused by the rate limiter.");
      }
    });
  }
  std::string during = metrics.Render();  // concurrent rendering must not break invariant 3
  for (auto& thread : threads) thread.join();
  std::string text = metrics.Render();
  EXPECT_EQ(SampleValue(text, "cvault_rate_limited_total"), kThreads * kPerThread);
  EXPECT_EQ(SampleValue(text, "cvault_http_requests_total{route=\"/even\",status=\"200\"}"),
            kThreads * kPerThread / 2);
  EXPECT_EQ(SampleValue(text, "cvault_http_request_duration_seconds_count{route=\"/odd\"}"),
            kThreads * kPerThread / 2);
  for (std::string route : {"/even", "/odd"}) {
    std::string inf =
        "cvault_http_request_duration_seconds_bucket{route=\"" + route + "\",le=\"+Inf\"}";
    std::string count = "cvault_http_request_duration_seconds_count{route=\"" + route + "\"}";
    EXPECT_EQ(SampleValue(during, inf), SampleValue(during, count));
  }
}

TEST(MetricsTest, GaugeFunctionsAreReadAtRender) {
  Metrics metrics;
  double sessions = 4;
  ASSERT_TRUE(metrics.AddGauge("cvault_sessions_open", "Open sessions.", [&] { return sessions; }));
  EXPECT_EQ(SampleValue(metrics.Render(), "cvault_sessions_open"), 4);
  sessions = 9.5;
  EXPECT_EQ(SampleValue(metrics.Render(), "cvault_sessions_open"), 9.5);
  auto again = metrics.AddGauge("cvault_sessions_open", "dup", [] { return 0.0; });
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
  auto bad = metrics.AddGauge("9lives", "bad", [] { return 0.0; });
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(metrics.AddGauge("cvault_http_requests_total", "taken", [] { return 0.0; }));
}

TEST(MetricsTest, InvalidOrConflictingUpdatesAreDroppedAndCounted) {
  Metrics metrics;
  metrics.Increment("bad name", "x");
  metrics.Increment("cvault_lockouts_total", "Accounts locked.");
  metrics.SetGauge("cvault_lockouts_total", "now a gauge?", 5);  // kind conflict
  std::string text = metrics.Render();
  EXPECT_EQ(text.find("bad name"), std::string::npos);
  EXPECT_EQ(SampleValue(text, "cvault_lockouts_total"), 1);
  EXPECT_NE(text.find("# TYPE cvault_lockouts_total counter\n"), std::string::npos);
  EXPECT_EQ(SampleValue(text, "cvault_metrics_dropped_total"), 2);
}

TEST(MetricsTest, RouteCardinalityIsBounded) {
  Metrics metrics;
  for (std::size_t i = 0; i < Metrics::kMaxRoutes + 50; ++i) {
    metrics.RecordRequest("/r" + std::to_string(i), 200, microseconds(1));
  }
  metrics.RecordRequest("/r0", 700, microseconds(1));
  std::string text = metrics.Render();
  EXPECT_EQ(SampleValue(text, "cvault_http_requests_total{route=\"_other\",status=\"200\"}"), 50);
  EXPECT_EQ(SampleValue(text, "cvault_http_requests_total{route=\"/r0\",status=\"other\"}"), 1);
  EXPECT_EQ(text.find("route=\"/r" + std::to_string(Metrics::kMaxRoutes) + "\""),
            std::string::npos);
}

}  // namespace
}  // namespace cv::server
