// Prometheus text exposition format 0.0.4 helpers.
#include "server/internal/exposition.h"

#include <charconv>
#include <cmath>

namespace cv::server::internal {

bool IsReservedName(std::string_view name) {
  return name.starts_with(kRequestsName) || name.starts_with(kDurationName) || name == kDroppedName;
}

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string EscapeHelp(std::string_view help) {
  std::string out;
  out.reserve(help.size());
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void AppendHelpType(std::string& out, std::string_view name, std::string_view help,
                    std::string_view type) {
  out.append("# HELP ").append(name).append(" ").append(EscapeHelp(help)).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void AppendLabel(std::string& out, char separator, std::string_view name, std::string_view value) {
  out.append(1, separator).append(name).append("=\"").append(EscapeLabelValue(value)).append("\"");
}

void AppendDouble(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
  } else {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
    out.append(buffer, ec == std::errc() ? end : buffer);
  }
}

void AppendHistogram(std::string& out, std::string_view route,
                     const std::array<std::uint64_t, kLatencyBounds.size() + 1>& counts,
                     std::uint64_t sum_ns) {
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    cumulative += counts[i];
    out.append(kDurationName).append("_bucket");
    AppendLabel(out, '{', "route", route);
    AppendLabel(out, ',', "le", i < kLatencyBounds.size() ? kLatencyBounds[i].le : "+Inf");
    out += "} " + std::to_string(cumulative) + "\n";
  }
  out.append(kDurationName).append("_sum");
  AppendLabel(out, '{', "route", route);
  out += "} ";
  AppendDouble(out, static_cast<double>(sum_ns) / 1e9);
  out.append("\n").append(kDurationName).append("_count");
  AppendLabel(out, '{', "route", route);
  // Invariant 3 of metrics.h: _count is the +Inf bucket of this same reading.
  out += "} " + std::to_string(cumulative) + "\n";
}

}  // namespace cv::server::internal
