// The client side of the command line: the saved session file and one API call.
#include "cli/remote.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "common/file.h"
#include "server/client.h"

namespace cv::cli {

namespace fs = std::filesystem;

void AddClientOptions(CLI::App& app, ClientArgs& args, bool with_format) {
  app.add_option("--server", args.server, "server URL, e.g. https://127.0.0.1:8443");
  app.add_option("--ca-cert", args.ca_cert, "CA or self-signed certificate to trust (PEM)");
  app.add_option("--token-file", args.token_file,
                 "session file (default: $XDG_CONFIG_HOME/cvault/session.json)");
  if (with_format) {
    app.add_option("--format", args.format, "json or text")->check(CLI::IsMember({"json", "text"}));
  }
}

namespace {

std::string DefaultTokenFile() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  const std::string base = xdg != nullptr && *xdg != '\0' ? xdg
                           : home != nullptr              ? std::string(home) + "/.config"
                                                          : ".";
  return base + "/cvault/session.json";
}

}  // namespace

Result<SavedSession> LoadSession(const ClientArgs& args) {
  const std::string path = args.token_file.empty() ? DefaultTokenFile() : args.token_file;
  SavedSession s;
  auto text = ReadSmallFile(path, 64 * 1024);
  if (text) {
    nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_object()) {
      s.server = j.value("server", "");
      s.ca_cert = j.value("ca_cert", "");
      s.token = j.value("token", "");
    }
  }
  if (!args.server.empty()) s.server = args.server;
  if (!args.ca_cert.empty()) s.ca_cert = args.ca_cert;
  if (s.server.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "no server: give --server or run cvault login");
  }
  return s;
}

Status SaveSession(const ClientArgs& args, const SavedSession& s) {
  const std::string path = args.token_file.empty() ? DefaultTokenFile() : args.token_file;
  std::error_code ec;
  const fs::path dir = fs::path(path).parent_path();
  if (!dir.empty() && !fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    fs::permissions(dir, fs::perms::owner_all, ec);
  }
  nlohmann::json j = {{"server", s.server}, {"ca_cert", s.ca_cert}, {"token", s.token}};
  return WriteFileAtomic(path, j.dump() + "\n", 0600);
}

namespace {

// The Error of a non-2xx answer: the server's code and message when it sent them.
Error AnswerError(const server::ClientResponse& r) {
  const nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
  std::string code = "http_" + std::to_string(r.status);
  std::string message = "request failed";
  if (j.is_object() && j.contains("error") && j["error"].is_object()) {
    code = j["error"].value("code", code);
    message = j["error"].value("message", message);
  }
  const ErrorCode ec = r.status == 401   ? ErrorCode::kUnauthenticated
                       : r.status == 403 ? ErrorCode::kPermissionDenied
                       : r.status == 404 ? ErrorCode::kNotFound
                       : r.status == 409 ? ErrorCode::kFailedPrecondition
                       : r.status < 500  ? ErrorCode::kInvalidArgument
                                         : ErrorCode::kInternal;
  // The server's code when it says more than the HTTP status (e.g. approval_required).
  const bool plain = code == ErrorCodeName(ec) || code.rfind("http_", 0) == 0;
  return Fail(ec, plain ? message : code + ": " + message).error();
}

}  // namespace

Result<std::string> RemoteCallText(const SavedSession& s, std::string_view method,
                                   std::string_view target, const nlohmann::json& body) {
  CV_ASSIGN_OR_RETURN(auto client, server::HttpsClient::Connect({s.server, s.ca_cert, 0}));
  CV_ASSIGN_OR_RETURN(const server::ClientResponse r,
                      client->Request(method, target, body.is_null() ? "" : body.dump(), s.token));
  if (r.status >= 200 && r.status < 300) return r.body;
  return std::unexpected(AnswerError(r));
}

// Sends one request with the saved session; non-2xx answers become errors with the server's
// code and message.
Result<nlohmann::json> RemoteCall(const SavedSession& s, std::string_view method,
                                  std::string_view target, const nlohmann::json& body) {
  CV_ASSIGN_OR_RETURN(const std::string text, RemoteCallText(s, method, target, body));
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json::parse(text, nullptr, false);
}

std::string UrlEncode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

void Print(const ClientArgs& args, const nlohmann::json& j) {
  if (j.is_null()) return;
  std::printf("%s\n", args.format == "json" ? j.dump().c_str() : j.dump(2).c_str());
}

}  // namespace cv::cli
