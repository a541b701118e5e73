// `cvault batch keygen|sign|transport-key|submit|status|feedback`: a provider's data reporting
// (issue #7; JR/T 0117 9.4.1; docs/credit_cli.md). keygen and sign run offline on the provider's
// side; the others are clients of the HTTPS API as the other client commands.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/batch_sign.h"
#include "cli/commands.h"
#include "cli/remote.h"
#include "cli/vault_access.h"
#include "common/file.h"
#include "credit/batch_format.h"
#include "credit/ingest.h"

namespace cv::cli {
namespace {

struct BatchArgs {
  ClientArgs client;
  BatchSignArgs sign;
  std::string id, manifest, records, out, out_public;
};

void AddSignOptions(CLI::App& sign, BatchSignArgs& a) {
  sign.add_option("--institution", a.institution, "your institution code")->required();
  sign.add_option("--batch-id", a.batch_id, "unique per institution")->required();
  sign.add_option("--records", a.records_path, "the records file (JSON Lines or CSV)")->required();
  sign.add_option("--records-format", a.records_format, "jsonl or csv (default: by extension)")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  sign.add_option("--key", a.key_path, "your private key (PKCS#8 DER, batch keygen)")->required();
  sign.add_option("--suite", a.suite, "gm (default) or intl")->check(CLI::IsMember({"gm", "intl"}));
  sign.add_option("--seal-to", a.seal_to,
                  "the platform's transport key (PEM): also write FILE.sealed");
  sign.add_option("--out", a.out, "the manifest file to write")->required();
}

void AddSubcommands(CLI::App& app, BatchArgs& a) {
  auto* keygen = app.add_subcommand("keygen", "make a signing key pair for your institution");
  keygen->add_option("--suite", a.sign.suite, "gm (default) or intl")
      ->check(CLI::IsMember({"gm", "intl"}));
  keygen->add_option("--out-private", a.out, "private key file (PKCS#8 DER, 0600)")->required();
  keygen->add_option("--out-public", a.out_public, "public key file (PEM)")->required();
  AddSignOptions(*app.add_subcommand("sign", "write the signed manifest of a records file"),
                 a.sign);
  app.add_subcommand("transport-key", "fetch the platform's public transport key (PEM)")
      ->add_option("--out", a.out, "write the PEM here (default: print it)");
  auto* submit = app.add_subcommand("submit", "submit a signed batch; prints its status");
  submit->add_option("manifest", a.manifest, "the manifest file (batch sign --out)")->required();
  submit
      ->add_option("--records", a.records,
                   "the records file; FILE.sealed when the manifest names an encryption")
      ->required();
  app.add_subcommand("status", "a batch's status")->add_option("id", a.id)->required();
  auto* feedback = app.add_subcommand("feedback", "a batch's feedback (JSON Lines)");
  feedback->add_option("id", a.id)->required();
  feedback->add_option("--out", a.out, "write the feedback here (default: print it)");
}

// The body of POST /api/v1/batches: the records travel sealed when the manifest says so.
Result<nlohmann::json> SubmitBody(const BatchArgs& a) {
  CV_ASSIGN_OR_RETURN(const std::string text, ReadSmallFile(a.manifest, credit::kMaxManifestBytes));
  const nlohmann::json manifest = nlohmann::json::parse(text, nullptr, false);
  if (!manifest.is_object()) {
    return Fail(ErrorCode::kMalformed, "the manifest is not a JSON object",
                Position{a.manifest, 0, ""});
  }
  CV_ASSIGN_OR_RETURN(std::string records,
                      ReadSmallFile(a.records, credit::IngestOptions{}.max_records_bytes));
  const bool sealed = manifest.contains("encryption") && manifest["encryption"].is_object();
  return nlohmann::json{{"manifest", manifest}, {sealed ? "records_sealed" : "records", records}};
}

void PrintStatus(const ClientArgs& args, const nlohmann::json& s) {
  if (args.format == "json") return Print(args, s);
  std::printf("batch %s/%s: %s, %lld records, %lld accepted, %lld rejected\n",
              s.value("institution", "").c_str(), s.value("batch_id", "").c_str(),
              s.value("state", "").c_str(), s.value("record_count", 0LL), s.value("accepted", 0LL),
              s.value("rejected", 0LL));
}

// `text` to `out` (0600), or to stdout when `out` is empty.
Status Emit(const std::string& out, const std::string& text) {
  if (!out.empty()) return WriteFileAtomic(out, text, 0600);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return Ok();
}

Status RunSign(const BatchArgs& a) {
  CV_ASSIGN_OR_RETURN(const BatchSignOutcome o, SignBatch(a.sign));
  if (a.client.format == "json") {
    nlohmann::json out = {{"manifest", a.sign.out}, {"record_count", o.record_count}};
    out["sealed"] = o.sealed_path.empty() ? nlohmann::json() : nlohmann::json(o.sealed_path);
    Print(a.client, out);
  } else {
    std::printf("%s: %llu records%s%s\n", a.sign.out.c_str(),
                static_cast<unsigned long long>(o.record_count),
                o.sealed_path.empty() ? "" : ", sealed to ", o.sealed_path.c_str());
  }
  return Ok();
}

Status RunRemote(const std::string& sub, const BatchArgs& a) {
  CV_ASSIGN_OR_RETURN(const SavedSession session, LoadSession(a.client));
  const std::string target = "/api/v1/batches/" + UrlEncode(a.id);
  if (sub == "transport-key") {
    CV_ASSIGN_OR_RETURN(const nlohmann::json key,
                        RemoteCall(session, "GET", "/api/v1/platform/transport-key"));
    return Emit(a.out, key.value("public_key_pem", ""));
  }
  if (sub == "feedback") {
    CV_ASSIGN_OR_RETURN(const std::string lines,
                        RemoteCallText(session, "GET", target + "/feedback"));
    return Emit(a.out, lines);
  }
  nlohmann::json status;
  if (sub == "submit") {
    CV_ASSIGN_OR_RETURN(const nlohmann::json body, SubmitBody(a));
    CV_ASSIGN_OR_RETURN(status, RemoteCall(session, "POST", "/api/v1/batches", body));
  } else {
    CV_ASSIGN_OR_RETURN(status, RemoteCall(session, "GET", target));
  }
  PrintStatus(a.client, status);
  return Ok();
}

}  // namespace

int BatchCommand(int argc, char** argv) {
  CLI::App app{"Provider data reporting: sign, submit and follow batches", "cvault batch"};
  app.fallthrough();  // the global options also after a subcommand
  app.require_subcommand(1);
  BatchArgs a;
  AddClientOptions(app, a.client);
  AddSubcommands(app, a);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  const std::string sub = app.get_subcommands()[0]->get_name();
  Status s = sub == "keygen" ? GenerateBatchKey(a.sign.suite, a.out, a.out_public)
             : sub == "sign" ? RunSign(a)
                             : RunRemote(sub, a);
  if (s) return kExitOk;
  PrintError("batch", s.error());
  return ExitCodeFor(s.error());
}

}  // namespace cv::cli
