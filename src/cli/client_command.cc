// The `cvault` client commands (issue #6 interface; DO NOT CHANGE flags): login, logout, whoami,
// passwd, totp, user ..., inst ... — each a client of the HTTPS API, so there is no second path
// around the server's rules. Global options: --server, --ca-cert, --token-file, --format.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/remote.h"
#include "cli/vault_access.h"
#include "common/file.h"
#include "server/client.h"

namespace cv::cli {
namespace {

namespace fs = std::filesystem;

Result<std::string> SecretFromFile(const std::string& file, const std::string& prompt) {
  CV_ASSIGN_OR_RETURN(const Secret s,
                      file.empty() ? PromptSecret(prompt) : ReadPassphraseFile(file));
  return std::string(s.View(SecretAccess::Get()));
}

int Finish(std::string_view command, const Status& s) {
  if (s) return kExitOk;
  PrintError(command, s.error());
  return ExitCodeFor(s.error());
}

int Parse(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? -1 : kExitUsage;
  }
  return 0;
}

}  // namespace

int LoginCommand(int argc, char** argv) {
  CLI::App app{"Sign in to a CreditVault server", "cvault login"};
  ClientArgs args;
  std::string user, password_file, otp;
  AddClientOptions(app, args);
  app.add_option("--user", user, "your user name")->required();
  app.add_option("--password-file", password_file, "file holding your password (else a prompt)");
  app.add_option("--otp", otp, "your current TOTP code, when enrolled");
  if (int rc = Parse(app, argc, argv); rc != 0) return rc < 0 ? kExitOk : rc;
  Status s = [&]() -> Status {
    SavedSession session{args.server, args.ca_cert, ""};
    if (session.server.empty()) return Fail(ErrorCode::kInvalidArgument, "--server is required");
    CV_ASSIGN_OR_RETURN(const std::string password,
                        SecretFromFile(password_file, "Password for " + user + ": "));
    nlohmann::json body = {{"username", user}, {"password", password}};
    if (!otp.empty()) body["otp"] = otp;
    CV_ASSIGN_OR_RETURN(nlohmann::json answer,
                        RemoteCall(session, "POST", "/api/v1/sessions", body));
    session.token = answer.value("token", "");
    CV_RETURN_IF_ERROR(SaveSession(args, session));
    answer.erase("token");  // kept in the 0600 session file only
    Print(args, answer);
    return Ok();
  }();
  return Finish("login", s);
}

int LogoutCommand(int argc, char** argv) {
  CLI::App app{"End the current session", "cvault logout"};
  ClientArgs args;
  AddClientOptions(app, args);
  if (int rc = Parse(app, argc, argv); rc != 0) return rc < 0 ? kExitOk : rc;
  Status s = [&]() -> Status {
    CV_ASSIGN_OR_RETURN(SavedSession session, LoadSession(args));
    CV_RETURN_IF_ERROR(RemoteCall(session, "DELETE", "/api/v1/sessions/current"));
    session.token.clear();
    return SaveSession(args, session);
  }();
  return Finish("logout", s);
}

// A generic command: whoami, passwd, totp, user ..., inst ... (one request each).
int RemoteCommand(int argc, char** argv) {
  const std::string name = argc > 0 ? argv[0] : "";
  CLI::App app{"Work with a CreditVault server", "cvault " + name};
  app.fallthrough();  // the global options also after a subcommand
  ClientArgs args;
  AddClientOptions(app, args);
  std::string method = "GET", target;
  nlohmann::json body;
  std::string a1, a2, a3, password_file, new_password_file, reason, display, key_file;
  std::vector<std::string> roles;
  std::int64_t approval_id = 0;
  if (name == "whoami") {
    target = "/api/v1/sessions/current";
  } else if (name == "totp") {
    app.add_option("code", a1, "the code your authenticator shows")->required();
    method = "POST", target = "/api/v1/sessions/current/totp";
  } else if (name == "passwd") {
    app.add_option("--old-password-file", password_file, "file with the current password");
    app.add_option("--new-password-file", new_password_file, "file with the new password");
    method = "POST", target = "/api/v1/sessions/current/password";
  } else if (name == "user") {
    app.require_subcommand(1);
    auto* create = app.add_subcommand("create", "create a user");
    create->add_option("username", a1)->required();
    create->add_option("--institution", a2)->required();
    create->add_option("--role", roles, "a role (repeat)")->required();
    create->add_option("--password-file", password_file, "initial password (changed at login)");
    create->add_option("--display-name", display);
    auto* list = app.add_subcommand("list", "list users");
    list->add_option("--institution", a2);
    auto* show = app.add_subcommand("show", "show a user");
    show->add_option("username", a1)->required();
    auto* grant = app.add_subcommand("grant", "grant a role");
    grant->add_option("username", a1)->required();
    grant->add_option("role", a3)->required();
    auto* revoke = app.add_subcommand("revoke", "revoke a role");
    revoke->add_option("username", a1)->required();
    revoke->add_option("role", a3)->required();
    auto* unlock = app.add_subcommand("unlock", "unlock a user locked after failed logins");
    unlock->add_option("username", a1)->required();
    auto* reset = app.add_subcommand("reset-password", "set a new initial password");
    reset->add_option("username", a1)->required();
    reset->add_option("--password-file", password_file, "the new initial password");
    auto* deactivate = app.add_subcommand("deactivate", "deactivate a user (never deleted)");
    deactivate->add_option("username", a1)->required();
    deactivate->add_option("--reason", reason)->required();
  } else if (name == "inst") {
    app.require_subcommand(1);
    auto* create = app.add_subcommand("create", "register an institution (pending admission)");
    create->add_option("code", a1)->required();
    create->add_option("--name", a2)->required();
    create->add_option("--kind", a3)->required();
    create->add_option("--public-key-file", key_file,
                       "the provider's batch signing key (PEM, cvault batch keygen)");
    app.add_subcommand("list", "list institutions");
    auto* status = app.add_subcommand("status", "admit, suspend, reinstate or deregister");
    status->add_option("code", a1)->required();
    status->add_option("status", a2)->required();
    status->add_option("--reason", reason);
    status->add_option("--approval-id", approval_id,
                       "a second person's approval (reinstate, deregister)");
  } else if (name == "approval") {
    app.require_subcommand(1);
    auto* request = app.add_subcommand("request", "ask a second person to approve an action");
    request->add_option("action", a1)->required();
    request->add_option("--target", a2, "the institution code, key grade, ...");
    request->add_option("--reason", reason)->required();
    app.add_subcommand("list", "pending approvals you asked for or may decide");
    auto* approve = app.add_subcommand("approve", "approve another person's request");
    approve->add_option("id", a1)->required();
    auto* reject = app.add_subcommand("reject", "reject another person's request");
    reject->add_option("id", a1)->required();
    reject->add_option("--reason", reason)->required();
  }
  if (int rc = Parse(app, argc, argv); rc != 0) return rc < 0 ? kExitOk : rc;
  Status s = [&]() -> Status {
    CV_ASSIGN_OR_RETURN(const SavedSession session, LoadSession(args));
    const std::string sub =
        app.get_subcommands().empty() ? "" : app.get_subcommands()[0]->get_name();
    if (name == "totp") body = {{"otp", a1}};
    if (name == "passwd") {
      CV_ASSIGN_OR_RETURN(const std::string old_pw,
                          SecretFromFile(password_file, "Current password: "));
      CV_ASSIGN_OR_RETURN(const std::string new_pw,
                          SecretFromFile(new_password_file, "New password: "));
      body = {{"old_password", old_pw}, {"new_password", new_pw}};
    }
    if (name == "user" && sub == "create") {
      CV_ASSIGN_OR_RETURN(const std::string pw,
                          SecretFromFile(password_file, "Initial password: "));
      method = "POST", target = "/api/v1/users";
      body = {{"username", a1}, {"institution", a2}, {"roles", roles}, {"password", pw}};
      if (!display.empty()) body["display_name"] = display;
    } else if (name == "user" && sub == "list") {
      target = "/api/v1/users" + (a2.empty() ? "" : "?institution=" + UrlEncode(a2));
    } else if (name == "user" && sub == "show") {
      target = "/api/v1/users/" + UrlEncode(a1);
    } else if (name == "user" && sub == "grant") {
      method = "POST", target = "/api/v1/users/" + UrlEncode(a1) + "/roles", body = {{"role", a3}};
    } else if (name == "user" && sub == "revoke") {
      method = "DELETE", target = "/api/v1/users/" + UrlEncode(a1) + "/roles/" + UrlEncode(a3);
    } else if (name == "user" && sub == "unlock") {
      method = "POST", target = "/api/v1/users/" + UrlEncode(a1) + "/unlock";
    } else if (name == "user" && sub == "reset-password") {
      CV_ASSIGN_OR_RETURN(const std::string pw,
                          SecretFromFile(password_file, "New initial password: "));
      method = "POST", target = "/api/v1/users/" + UrlEncode(a1) + "/password",
      body = {{"password", pw}};
    } else if (name == "user" && sub == "deactivate") {
      method = "POST", target = "/api/v1/users/" + UrlEncode(a1) + "/deactivate",
      body = {{"reason", reason}};
    } else if (name == "inst" && sub == "create") {
      method = "POST", target = "/api/v1/institutions";
      body = {{"code", a1}, {"name", a2}, {"kind", a3}};
      if (!key_file.empty()) {
        CV_ASSIGN_OR_RETURN(body["public_key"], ReadSmallFile(key_file, 16 << 10));
      }
    } else if (name == "inst" && sub == "list") {
      target = "/api/v1/institutions";
    } else if (name == "inst" && sub == "status") {
      method = "POST", target = "/api/v1/institutions/" + UrlEncode(a1) + "/status";
      body = {{"status", a2}};
      if (!reason.empty()) body["reason"] = reason;
      if (approval_id > 0) body["approval_id"] = approval_id;
    } else if (name == "approval" && sub == "request") {
      method = "POST", target = "/api/v1/approvals";
      body = {{"action", a1}, {"target", a2}, {"reason", reason}};
    } else if (name == "approval" && sub == "list") {
      target = "/api/v1/approvals?state=pending";
    } else if (name == "approval" && (sub == "approve" || sub == "reject")) {
      method = "POST", target = "/api/v1/approvals/" + UrlEncode(a1) + "/" + sub;
      if (sub == "reject") body = {{"reason", reason}};
    }
    CV_ASSIGN_OR_RETURN(const nlohmann::json answer, RemoteCall(session, method, target, body));
    Print(args, answer);
    return Ok();
  }();
  return Finish(name, s);
}

}  // namespace cv::cli
