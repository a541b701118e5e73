// `cvault consent add|show|list|revoke`: a querier's electronic authorizations (QRY-3; JR/T 0299;
// docs/consents.md), each a client of the HTTPS API as the other client commands.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/remote.h"
#include "cli/vault_access.h"
#include "common/file.h"
#include "common/hex.h"
#include "crypto/hasher.h"

namespace cv::cli {
namespace {

// An agreement text is a document, not a data set.
constexpr std::size_t kMaxAgreementBytes = 16 << 20;

struct AddArgs {
  std::string id_type = "resident_id", id_number, name, valid_from, valid_until;
  std::vector<std::string> reasons, verification;
  std::string agreement_version, agreement_sm3, agreement_file, channel, device, scope;
};

void AddAddOptions(CLI::App& add, AddArgs& a) {
  add.add_option("--id-type", a.id_type, "resident_id (default) or passport");
  add.add_option("--id-number", a.id_number, "the subject's identifier")->required();
  add.add_option("--name", a.name, "the subject's name")->required();
  add.add_option("--reason", a.reasons, "a query reason code (repeat)")->required();
  add.add_option("--valid-from", a.valid_from, "YYYY-MM-DD (default today)");
  add.add_option("--valid-until", a.valid_until, "YYYY-MM-DD")->required();
  add.add_option("--agreement-version", a.agreement_version)->required();
  auto* sm3 = add.add_option("--agreement-sm3", a.agreement_sm3, "SM3 of the agreement (64 hex)");
  auto* file = add.add_option("--agreement-file", a.agreement_file, "the agreement, hashed here");
  sm3->excludes(file);
  add.add_option("--verification", a.verification, "a verification method (repeat)")->required();
  add.add_option("--channel", a.channel, "online, counter, mobile_app or paper_scan")->required();
  add.add_option("--device", a.device);
  add.add_option("--scope", a.scope);
}

// --agreement-sm3, or the SM3 digest of --agreement-file (GB/T 32905).
Result<std::string> AgreementDigest(const AddArgs& a) {
  if (a.agreement_file.empty()) {
    if (a.agreement_sm3.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "--agreement-sm3 or --agreement-file is required");
    }
    return a.agreement_sm3;
  }
  CV_ASSIGN_OR_RETURN(const std::string text, ReadSmallFile(a.agreement_file, kMaxAgreementBytes));
  CV_ASSIGN_OR_RETURN(const auto sm3, crypto::NewHasher(crypto::Suite::kGm));
  CV_ASSIGN_OR_RETURN(const std::string digest, sm3->Hash(text));
  return HexEncode(digest);
}

// The fixed body of POST /api/v1/consents.
Result<nlohmann::json> AddBody(const AddArgs& a) {
  CV_ASSIGN_OR_RETURN(const std::string sm3, AgreementDigest(a));
  nlohmann::json body = {
      {"subject", {{"id_type", a.id_type}, {"id_number", a.id_number}, {"name", a.name}}},
      {"reasons", a.reasons},
      {"valid_until", a.valid_until},
      {"agreement", {{"version", a.agreement_version}, {"sm3", sm3}}},
      {"verification", a.verification},
      {"channel", a.channel}};
  if (!a.valid_from.empty()) body["valid_from"] = a.valid_from;
  if (!a.device.empty()) body["device"] = a.device;
  if (!a.scope.empty()) body["scope"] = a.scope;
  return body;
}

int ParseArgs(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? -1 : kExitUsage;
  }
  return 0;
}

}  // namespace

int ConsentCommand(int argc, char** argv) {
  CLI::App app{"Electronic authorizations of credit queries (QRY-3)", "cvault consent"};
  app.fallthrough();  // the global options also after a subcommand
  app.require_subcommand(1);
  ClientArgs args;
  AddClientOptions(app, args);
  AddArgs add_args;
  std::string id, reason;
  int limit = 100;
  AddAddOptions(*app.add_subcommand("add", "record a consent; prints its id"), add_args);
  app.add_subcommand("show", "show one consent (masked)")->add_option("id", id)->required();
  app.add_subcommand("list", "your institution's consents, newest first")
      ->add_option("--limit", limit, "at most this many (1-1000)");
  auto* revoke = app.add_subcommand("revoke", "record that the subject withdrew a consent");
  revoke->add_option("id", id)->required();
  revoke->add_option("--reason", reason)->required();
  if (int rc = ParseArgs(app, argc, argv); rc != 0) return rc < 0 ? kExitOk : rc;
  const std::string sub = app.get_subcommands()[0]->get_name();
  Status s = [&]() -> Status {
    CV_ASSIGN_OR_RETURN(const SavedSession session, LoadSession(args));
    if (sub == "add") {
      CV_ASSIGN_OR_RETURN(const nlohmann::json body, AddBody(add_args));
      CV_ASSIGN_OR_RETURN(const nlohmann::json answer,
                          RemoteCall(session, "POST", "/api/v1/consents", body));
      if (args.format == "json") {
        Print(args, answer);
      } else {
        std::printf("%s\n", answer.value("id", "").c_str());
      }
      return Ok();
    }
    std::string method = "GET", target = "/api/v1/consents/" + UrlEncode(id);
    nlohmann::json body;
    if (sub == "list") target = "/api/v1/consents?limit=" + std::to_string(limit);
    if (sub == "revoke") method = "POST", target += "/revoke", body = {{"reason", reason}};
    CV_ASSIGN_OR_RETURN(const nlohmann::json answer, RemoteCall(session, method, target, body));
    Print(args, answer);
    return Ok();
  }();
  if (s) return kExitOk;
  PrintError("consent", s.error());
  return ExitCodeFor(s.error());
}

}  // namespace cv::cli
