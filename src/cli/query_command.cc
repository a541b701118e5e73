// `cvault query` and `cvault report ID|verify FILE`: credit queries and their reports (issue #7;
// QRY-1, QRY-4, QRY-6, QRY-7; docs/credit_cli.md). query and report are clients of the HTTPS API;
// the server decides, masks and audits. A refused query prints the rule (e.g.
// "permission_denied: consent_required: ...") and exits 1.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/remote.h"
#include "cli/report_output.h"
#include "cli/report_verify.h"
#include "cli/vault_access.h"
#include "common/file.h"

namespace cv::cli {
namespace {

// A saved answer is a report with its proof: well under this.
constexpr std::size_t kMaxAnswerBytes = 16 << 20;

struct QueryArgs {
  std::string id_type = "resident_id", id_number, name, reason, consent;
};

void AddFileOptions(CLI::App& app, ReportFiles& files) {
  app.add_option("--html", files.html, "also write the printable report (HTML) here");
  app.add_option("--out", files.out, "also save the whole answer (JSON) here, for report verify");
}

int Finish(std::string_view command, const Status& s) {
  if (s) return kExitOk;
  PrintError(command, s.error());
  return ExitCodeFor(s.error());
}

Status Verify(const ClientArgs& args, const std::string& file, const std::string& log_key_file) {
  CV_ASSIGN_OR_RETURN(const std::string text, ReadSmallFile(file, kMaxAnswerBytes));
  const nlohmann::json answer = nlohmann::json::parse(text, nullptr, false);
  CV_ASSIGN_OR_RETURN(const VerifiedAnchor v, VerifyReportAnchor(answer));
  std::string signature = "not checked (give --log-key, from cvault report log-key)";
  if (!log_key_file.empty()) {
    CV_ASSIGN_OR_RETURN(const std::string key_text, ReadSmallFile(log_key_file, 16 * 1024));
    CV_ASSIGN_OR_RETURN(const LogKey key,
                        ParseLogKey(nlohmann::json::parse(key_text, nullptr, false)));
    CV_RETURN_IF_ERROR(VerifyCheckpointSignature(answer, key));
    signature = "verified";
  }
  const nlohmann::json out = {{"report_id", answer.value("report_id", "")},
                              {"origin", v.origin},
                              {"leaf_index", v.leaf_index},
                              {"tree_size", v.tree_size},
                              {"root", v.root_hex},
                              {"checkpoint_signature", signature}};
  if (args.format == "json") {
    Print(args, out);
  } else {
    std::printf("ok: leaf %llu is in %s at size %llu, root %s; checkpoint signature %s\n",
                static_cast<unsigned long long>(v.leaf_index), v.origin.c_str(),
                static_cast<unsigned long long>(v.tree_size), v.root_hex.c_str(),
                signature.c_str());
  }
  return Ok();
}

}  // namespace

int QueryCommand(int argc, char** argv) {
  CLI::App app{"Query a subject's credit report (QRY-1)", "cvault query"};
  ClientArgs args;
  AddClientOptions(app, args);
  QueryArgs q;
  ReportFiles files;
  app.add_option("--id-type", q.id_type, "resident_id (default) or passport");
  app.add_option("--id-number", q.id_number, "the subject's identifier")->required();
  app.add_option("--name", q.name, "the subject's name")->required();
  app.add_option("--reason", q.reason, "the query reason code (QRY-2), e.g. 02")->required();
  app.add_option("--consent", q.consent, "the subject's consent id (all reasons but 01)");
  AddFileOptions(app, files);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  Status s = [&]() -> Status {
    CV_ASSIGN_OR_RETURN(const SavedSession session, LoadSession(args));
    nlohmann::json body = {
        {"subject", {{"id_type", q.id_type}, {"id_number", q.id_number}, {"name", q.name}}},
        {"reason", q.reason}};
    if (!q.consent.empty()) body["consent_id"] = q.consent;
    CV_ASSIGN_OR_RETURN(const nlohmann::json answer,
                        RemoteCall(session, "POST", "/api/v1/queries", body));
    return ShowAnswer(args, files, answer);
  }();
  return Finish("query", s);
}

int ReportCommand(int argc, char** argv) {
  CLI::App app{"Fetch a report again, or verify a saved answer's audit proof (QRY-7)",
               "cvault report"};
  app.fallthrough();  // the global options also after a subcommand
  ClientArgs args;
  AddClientOptions(app, args);
  std::string id, file, log_key_file, log_key_out;
  ReportFiles files;
  app.add_option("id", id, "the report id (from cvault query)");
  AddFileOptions(app, files);
  auto* verify = app.add_subcommand("verify", "check a saved answer's inclusion proof offline");
  verify->add_option("file", file, "an answer saved with --out")->required();
  verify->add_option("--log-key", log_key_file,
                     "the log's key (from cvault report log-key): also check the signature");
  auto* log_key = app.add_subcommand("log-key", "save the audit log's public checkpoint key");
  log_key->add_option("--out", log_key_out, "where to write it")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (verify->parsed()) return Finish("report", Verify(args, file, log_key_file));
  if (log_key->parsed()) {
    return Finish("report", [&]() -> Status {
      CV_ASSIGN_OR_RETURN(const SavedSession session, LoadSession(args));
      CV_ASSIGN_OR_RETURN(const nlohmann::json key,
                          RemoteCall(session, "GET", "/api/v1/audit/log-key"));
      return WriteFileAtomic(log_key_out, key.dump(2) + "\n", 0644);
    }());
  }
  if (id.empty()) {
    std::fprintf(stderr, "%s", app.help().c_str());
    return kExitUsage;
  }
  Status s = [&]() -> Status {
    CV_ASSIGN_OR_RETURN(const SavedSession session, LoadSession(args));
    CV_ASSIGN_OR_RETURN(const nlohmann::json answer,
                        RemoteCall(session, "GET", "/api/v1/reports/" + UrlEncode(id)));
    return ShowAnswer(args, files, answer);
  }();
  return Finish("report", s);
}

}  // namespace cv::cli
