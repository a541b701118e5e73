// Server settings from the configuration file.
#include "server/server_config.h"

#include <charconv>

namespace cv::server {

Status ParseListen(std::string_view text, ListenerOptions& out) {
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return Fail(ErrorCode::kInvalidArgument, "listen address must be HOST:PORT");
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
      return Fail(ErrorCode::kInvalidArgument, "listen address must be HOST:PORT");
    }
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value > 65535) {
    return Fail(ErrorCode::kInvalidArgument, "listen port must be 0..65535");
  }
  out.address = std::string(host);
  out.port = static_cast<std::uint16_t>(value);
  return Ok();
}

Result<ServerConfig> ServerConfigFromConfig(const Config& config) {
  ServerConfig c;
  CV_RETURN_IF_ERROR(config.CheckKeys(
      "server",
      {"listen", "threads", "workers", "max_body_bytes", "max_upload_bytes", "max_header_bytes",
       "request_timeout_seconds", "idle_timeout_seconds", "address_rate", "address_burst",
       "user_rate", "user_burst", "second_factor_for_all"}));
  CV_ASSIGN_OR_RETURN(const std::string listen,
                      config.String("server", "listen", "127.0.0.1:8443"));
  CV_RETURN_IF_ERROR(ParseListen(listen, c.listener));
  CV_ASSIGN_OR_RETURN(const std::int64_t threads, config.Int("server", "threads", 0, 0, 256));
  c.listener.threads = static_cast<int>(threads);
  CV_ASSIGN_OR_RETURN(const std::int64_t workers, config.Int("server", "workers", 128, 1, 1024));
  c.listener.workers = static_cast<int>(workers);
  CV_ASSIGN_OR_RETURN(const std::int64_t body,
                      config.Int("server", "max_body_bytes", 1 << 20, 1024, 64 << 20));
  c.listener.max_body_bytes = c.api.max_body_bytes = static_cast<std::size_t>(body);
  CV_ASSIGN_OR_RETURN(const std::int64_t upload,
                      config.Int("server", "max_upload_bytes", 64 << 20, 1024, 1 << 30));
  c.listener.max_upload_bytes = c.api.max_upload_bytes = static_cast<std::size_t>(upload);
  CV_ASSIGN_OR_RETURN(const std::int64_t header,
                      config.Int("server", "max_header_bytes", 16 << 10, 1024, 1 << 20));
  c.listener.max_header_bytes = static_cast<std::size_t>(header);
  CV_ASSIGN_OR_RETURN(const std::int64_t request_s,
                      config.Int("server", "request_timeout_seconds", 30, 1, 600));
  c.listener.request_timeout = std::chrono::seconds(request_s);
  CV_ASSIGN_OR_RETURN(const std::int64_t idle_s,
                      config.Int("server", "idle_timeout_seconds", 60, 1, 3600));
  c.listener.idle_timeout = std::chrono::seconds(idle_s);
  CV_ASSIGN_OR_RETURN(c.api.address_rate, config.Double("server", "address_rate", 100, 0.01, 1e9));
  CV_ASSIGN_OR_RETURN(c.api.address_burst, config.Double("server", "address_burst", 200, 1, 1e9));
  CV_ASSIGN_OR_RETURN(c.api.user_rate, config.Double("server", "user_rate", 50, 0.01, 1e9));
  CV_ASSIGN_OR_RETURN(c.api.user_burst, config.Double("server", "user_burst", 100, 1, 1e9));
  CV_ASSIGN_OR_RETURN(const std::int64_t all_2fa,
                      config.Int("server", "second_factor_for_all", 0, 0, 1));
  c.authorizer.second_factor_for_all = all_2fa != 0;
  CV_ASSIGN_OR_RETURN(c.passwords, access::PasswordPolicyFromConfig(config));
  // ACC-6: only stricter than 15 min idle, 8 h absolute, 1 querier / 3 other sessions.
  const access::SessionPolicy d;
  CV_ASSIGN_OR_RETURN(const std::int64_t idle, config.Int("access", "session_idle_seconds",
                                                          d.idle.count(), 1, d.idle.count()));
  CV_ASSIGN_OR_RETURN(
      const std::int64_t absolute,
      config.Int("access", "session_absolute_seconds", d.absolute.count(), 1, d.absolute.count()));
  CV_ASSIGN_OR_RETURN(
      const std::int64_t other,
      config.Int("access", "session_max_other", d.max_sessions_other, 1, d.max_sessions_other));
  c.sessions.idle = std::chrono::seconds(idle);
  c.sessions.absolute = std::chrono::seconds(absolute);
  c.sessions.max_sessions_other = static_cast<int>(other);
  return c;
}

}  // namespace cv::server
