// Audit event JSON, time arguments and the summary report.
#include "report/audit_report.h"

#include <charconv>
#include <chrono>

#include "grading/html.h"

namespace cv::report {
namespace {

int Digits(std::string_view s, std::size_t pos, std::size_t len) {
  int v = 0;
  if (pos + len > s.size()) return -1;
  auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, v);
  return ec == std::errc() && p == s.data() + pos + len ? v : -1;
}

std::string Table(const std::string& title, const std::map<std::string, std::uint64_t>& counts) {
  std::string html = "<h2>" + grading::EscapeHtml(title) + "</h2>\n<table>\n";
  for (const auto& [key, n] : counts) {
    html += "<tr><td>" + grading::EscapeHtml(key.empty() ? "(none)" : key) + "</td><td>" +
            std::to_string(n) + "</td></tr>\n";
  }
  return html + "</table>\n";
}

}  // namespace

Result<std::int64_t> ParseTimeArg(std::string_view text, std::string_view flag) {
  auto bad = [&] {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(flag) + " must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
  };
  const int y = Digits(text, 0, 4), mo = Digits(text, 5, 2), d = Digits(text, 8, 2);
  if (text.size() < 10 || text[4] != '-' || text[7] != '-' || y < 0 || mo < 0 || d < 0)
    return bad();
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(mo),
                                        std::chrono::day(d)};
  if (!ymd.ok()) return bad();
  std::int64_t seconds = std::chrono::sys_days(ymd).time_since_epoch().count() * 86400LL;
  if (text.size() > 10) {
    const int h = Digits(text, 11, 2), mi = Digits(text, 14, 2), s = Digits(text, 17, 2);
    if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
        text.back() != 'Z' || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) {
      return bad();
    }
    seconds += h * 3600 + mi * 60 + s;
  }
  return seconds * 1'000'000;
}

Result<audit::EventFilter> MakeEventFilter(std::string_view from, std::string_view to,
                                           std::string actor, std::string action,
                                           std::string result, std::uint64_t limit) {
  audit::EventFilter filter;
  if (!from.empty()) {
    CV_ASSIGN_OR_RETURN(filter.from_us, ParseTimeArg(from, "from"));
  }
  if (!to.empty()) {
    CV_ASSIGN_OR_RETURN(filter.to_us, ParseTimeArg(to, "to"));
  }
  if (!result.empty()) CV_RETURN_IF_ERROR(audit::ParseOutcome(result));
  filter.actor = std::move(actor);
  filter.action = std::move(action);
  filter.result = std::move(result);
  filter.limit = limit;
  return filter;
}

nlohmann::ordered_json EventJson(const audit::DecodedEntry& e) {
  nlohmann::ordered_json details = nlohmann::ordered_json::object();
  for (const auto& [k, v] : e.details) details[k] = v;
  return {{"seq", e.seq},
          {"time", e.time},
          {"actor", e.actor_user},
          {"institution", e.actor_institution},
          {"client", e.client_address},
          {"action", e.action},
          {"object_type", e.object_type},
          {"object_id", e.object_id},
          {"result", e.result},
          {"reason", e.reason},
          {"details", details}};
}

void AuditSummary::Add(const audit::DecodedEntry& e) {
  ++total_;
  ++by_action_[e.action];
  ++by_actor_[e.actor_user];
  ++by_result_[e.result];
}

void AuditSummary::SetLog(std::string origin, std::uint64_t size) {
  origin_ = std::move(origin);
  log_size_ = size;
}

nlohmann::ordered_json AuditSummary::Json() const {
  return {{"log", origin_},        {"log_size", log_size_},
          {"from", from_},         {"to", to_},
          {"events", total_},      {"by_action", by_action_},
          {"by_actor", by_actor_}, {"by_result", by_result_}};
}

std::string AuditSummary::Html() const {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'\">\n<title>CreditVault audit report</title>\n<style>body{font-family:"
      "sans-serif;margin:2em}table{border-collapse:collapse}td{border:1px solid #ccc;padding:"
      "2px 8px}</style></head><body>\n<h1>Audit report</h1>\n<p>Log " +
      grading::EscapeHtml(origin_) + " (" + std::to_string(log_size_) + " events in all). Period " +
      grading::EscapeHtml(from_) + " to " + grading::EscapeHtml(to_) + ": " +
      std::to_string(total_) + " events.</p>\n";
  html += Table("By action", by_action_) + Table("By actor", by_actor_) +
          Table("By result", by_result_);
  return html + "</body></html>";
}

}  // namespace cv::report
