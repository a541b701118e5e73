// The server's settings: [server] (listen address, threads, limits, rate limits) and the session
// keys of [access] (session_*), which may only be stricter than JR/T 0117's defaults.
#ifndef CV_SERVER_SERVER_CONFIG_H_
#define CV_SERVER_SERVER_CONFIG_H_

#include "access/authorize.h"
#include "access/password.h"
#include "access/session.h"
#include "common/config.h"
#include "common/result.h"
#include "server/api.h"
#include "server/listener.h"

namespace cv::server {

struct ServerConfig {
  ListenerOptions listener;
  ApiOptions api;
  access::PasswordPolicy passwords;
  access::SessionPolicy sessions;
  access::AuthorizerOptions authorizer;
};

// Reads `config`; unknown [server] keys and looser session settings are refused
// (kInvalidArgument naming the key and its line).
[[nodiscard]] Result<ServerConfig> ServerConfigFromConfig(const Config& config);

// "127.0.0.1:8443" → address and port ("[::1]:8443" for IPv6). kInvalidArgument otherwise.
[[nodiscard]] Status ParseListen(std::string_view text, ListenerOptions& out);

}  // namespace cv::server

#endif  // CV_SERVER_SERVER_CONFIG_H_
