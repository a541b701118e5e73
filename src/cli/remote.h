// The client side of the command line (issue #6): the global options --server, --ca-cert,
// --token-file and --format, the 0600 session file, and one API call whose non-2xx answers
// become errors carrying the server's code and message.
#ifndef CV_CLI_REMOTE_H_
#define CV_CLI_REMOTE_H_

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/result.h"

namespace cv::cli {

struct ClientArgs {
  std::string server;
  std::string ca_cert;
  std::string token_file;
  std::string format = "text";
};

// Adds --server, --ca-cert, --token-file and (with_format) --format json|text.
void AddClientOptions(CLI::App& app, ClientArgs& args, bool with_format = true);

struct SavedSession {
  std::string server;
  std::string ca_cert;
  std::string token;
};

// The saved session ($XDG_CONFIG_HOME/cvault/session.json or --token-file) with the flags'
// overrides; kInvalidArgument when no server is known.
Result<SavedSession> LoadSession(const ClientArgs& args);
// Writes the session file, mode 0600, its directory 0700.
Status SaveSession(const ClientArgs& args, const SavedSession& s);

// One request with the saved session's token; the answer's JSON (null for an empty body).
Result<nlohmann::json> RemoteCall(const SavedSession& s, std::string_view method,
                                  std::string_view target, const nlohmann::json& body = nullptr);

// As RemoteCall, but the body of a 2xx answer as it came (JSON Lines, HTML).
Result<std::string> RemoteCallText(const SavedSession& s, std::string_view method,
                                   std::string_view target, const nlohmann::json& body = nullptr);

// `text` percent-encoded for one URL path segment or query value (RFC 3986 unreserved kept).
std::string UrlEncode(std::string_view text);

// Prints `j` as one line (json) or indented (text); nothing for null.
void Print(const ClientArgs& args, const nlohmann::json& j);

}  // namespace cv::cli

#endif  // CV_CLI_REMOTE_H_
