// The pieces of `cvault audit events` and `cvault audit report`: time arguments, an event as
// JSON, and the summary report (counts by action, actor and result) as JSON and HTML.
#ifndef CV_REPORT_AUDIT_REPORT_H_
#define CV_REPORT_AUDIT_REPORT_H_

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "audit/audit_reader.h"
#include "audit/event.h"
#include "common/result.h"

namespace cv::report {

// Microseconds since the epoch of "YYYY-MM-DD" (midnight UTC) or RFC 3339 UTC
// ("YYYY-MM-DDTHH:MM:SSZ", optional fraction). kInvalidArgument naming `flag` otherwise.
Result<std::int64_t> ParseTimeArg(std::string_view text, std::string_view flag);

// The filter of `audit events`/`audit report` and GET /api/v1/audit/events: times as
// ParseTimeArg (empty: open), result one of ok/denied/error or empty, limit 0 for none.
// kInvalidArgument naming the bad argument.
Result<audit::EventFilter> MakeEventFilter(std::string_view from, std::string_view to,
                                           std::string actor, std::string action,
                                           std::string result, std::uint64_t limit);

// One event as the JSON line `audit events` prints.
nlohmann::ordered_json EventJson(const audit::DecodedEntry& e);

// Counts of the events in a period.
class AuditSummary {
 public:
  AuditSummary(std::string from, std::string to) : from_(std::move(from)), to_(std::move(to)) {}
  void Add(const audit::DecodedEntry& e);
  void SetLog(std::string origin, std::uint64_t size);

  nlohmann::ordered_json Json() const;
  // A self-contained page (inline CSS, CSP without scripts); every value escaped.
  std::string Html() const;

 private:
  std::string from_, to_, origin_;
  std::uint64_t log_size_ = 0;
  std::uint64_t total_ = 0;
  std::map<std::string, std::uint64_t> by_action_, by_actor_, by_result_;
};

}  // namespace cv::report

#endif  // CV_REPORT_AUDIT_REPORT_H_
