// cvault audit verify|prove|consistency|checkpoint|events|report|archive --data DIR ...
// cvault audit verify-archive FILE [--data DIR]
// Reads and checks the tamper-evident audit log (issue #4 interface; DO NOT CHANGE flags or the
// JSON shapes, which other tools verify).
#include <fmt/format.h>

#include <cctype>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "audit/archive.h"
#include "audit/audit_reader.h"
#include "audit/proof_json.h"
#include "cli/commands.h"
#include "cli/remote.h"
#include "cli/vault_access.h"
#include "common/file.h"
#include "report/audit_report.h"

namespace cv::cli {
namespace {

using audit::AuditReader;
using report::AuditSummary;
using report::EventJson;

struct AuditArgs {
  std::string data;
  std::uint64_t index = 0;
  std::optional<std::uint64_t> size;
  std::uint64_t from_size = 0;
  std::optional<std::uint64_t> to_size;
  std::string from;
  std::string to;
  std::string actor;
  std::string action;
  std::string result;
  std::uint64_t limit = 0;
  std::string format = "json";
  bool quiet = false;
  std::uint64_t from_index = 0;  // archive: [from_index, to_index) or [0, first event >= before)
  std::optional<std::uint64_t> to_index;
  std::string before;
  std::string out;
  std::string file;  // verify-archive
  UnsealFlags unseal;
  ClientArgs client;  // without --data: against the server of the saved session (issue #6)
};

// Opens the data dir read-only-ish and runs `fn` with a reader in a read transaction.
Status WithReader(const AuditArgs& args, const std::function<Status(AuditReader&)>& fn) {
  CV_ASSIGN_OR_RETURN(Vault vault, OpenVault(args.data));
  CV_ASSIGN_OR_RETURN(auto tx, vault.store->Begin(store::TxMode::kRead));
  CV_ASSIGN_OR_RETURN(auto reader, AuditReader::Open(*tx));
  return fn(*reader);
}

int RunVerify(const AuditArgs& args) {
  int exit_code = kExitOk;
  auto status = WithReader(args, [&](AuditReader& reader) -> Status {
    CV_ASSIGN_OR_RETURN(const audit::VerifyReport report, reader.Verify());
    nlohmann::ordered_json j = {{"ok", report.ok},
                                {"size", report.size},
                                {"events_checked", report.events_checked},
                                {"checkpoints_checked", report.checkpoints_checked}};
    if (!report.ok) {
      j["first_bad_index"] = report.first_bad_index
                                 ? nlohmann::ordered_json(*report.first_bad_index)
                                 : nlohmann::ordered_json(nullptr);
      j["problem"] = report.problem;
      exit_code = kExitFailure;
    }
    std::printf("%s\n", j.dump().c_str());
    if (!report.ok) {
      std::fprintf(stderr, "cvault audit verify: TAMPERED: %s\n", report.problem.c_str());
    }
    return Ok();
  });
  if (!status) {
    PrintError("audit verify", status.error());
    return ExitCodeFor(status.error());
  }
  return exit_code;
}

Status RunProve(const AuditArgs& args) {
  return WithReader(args, [&](AuditReader& reader) -> Status {
    CV_ASSIGN_OR_RETURN(const audit::InclusionProofBundle b,
                        reader.ProveInclusion(args.index, args.size));
    CV_ASSIGN_OR_RETURN(const nlohmann::ordered_json j, audit::InclusionProofToJson(b));
    std::printf("%s\n", j.dump().c_str());
    return Ok();
  });
}

Status RunConsistency(const AuditArgs& args) {
  return WithReader(args, [&](AuditReader& reader) -> Status {
    CV_ASSIGN_OR_RETURN(const audit::ConsistencyProofBundle b,
                        reader.ProveConsistency(args.from_size, args.to_size));
    CV_ASSIGN_OR_RETURN(const nlohmann::ordered_json j, audit::ConsistencyProofToJson(b));
    std::printf("%s\n", j.dump().c_str());
    return Ok();
  });
}

Status RunCheckpoint(const AuditArgs& args) {
  return WithReader(args, [&](AuditReader& reader) -> Status {
    CV_ASSIGN_OR_RETURN(const std::string note, reader.LatestCheckpointNote());
    std::fputs(note.c_str(), stdout);
    return Ok();
  });
}

Result<audit::EventFilter> FilterFrom(const AuditArgs& args) {
  return report::MakeEventFilter(args.from, args.to, args.actor, args.action, args.result,
                                 args.limit);
}

Status RunEvents(const AuditArgs& args) {
  CV_ASSIGN_OR_RETURN(const audit::EventFilter filter, FilterFrom(args));
  return WithReader(args, [&](AuditReader& reader) -> Status {
    return reader.ForEachEvent(filter, [](const audit::DecodedEntry& e) -> Result<bool> {
      std::printf("%s\n", EventJson(e).dump().c_str());
      return true;
    });
  });
}

Status RunReport(const AuditArgs& args) {
  if (args.from.empty() || args.to.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "audit report needs --from and --to");
  }
  CV_ASSIGN_OR_RETURN(const audit::EventFilter filter, FilterFrom(args));
  return WithReader(args, [&](AuditReader& reader) -> Status {
    AuditSummary summary(args.from, args.to);
    CV_RETURN_IF_ERROR(
        reader.ForEachEvent(filter, [&](const audit::DecodedEntry& e) -> Result<bool> {
          summary.Add(e);
          return true;
        }));
    CV_ASSIGN_OR_RETURN(const audit::TreeHead head, reader.Head());
    summary.SetLog(reader.origin(), head.size);
    const std::string text = args.format == "html" ? summary.Html() : summary.Json().dump(2);
    std::printf("%s\n", text.c_str());
    return Ok();
  });
}

// The events an archive covers: [from_index, to_index), or with --before every event from index
// 0 up to the first one at or after that time.
Result<std::pair<std::uint64_t, std::uint64_t>> ArchiveRange(const AuditArgs& args,
                                                             AuditReader& reader) {
  if (args.before.empty() == !args.to_index.has_value()) {
    return Fail(ErrorCode::kInvalidArgument, "audit archive needs --to-index or --before");
  }
  if (args.to_index) return std::pair{args.from_index, *args.to_index};
  if (args.from_index != 0) {
    return Fail(ErrorCode::kInvalidArgument, "--before archives from index 0");
  }
  CV_ASSIGN_OR_RETURN(const audit::EventFilter f,
                      report::MakeEventFilter(args.before, "", "", "", "", 0));
  CV_ASSIGN_OR_RETURN(const std::uint64_t end, reader.CountBefore(*f.from_us));
  if (end == 0) return Fail(ErrorCode::kInvalidArgument, "no event is before " + args.before);
  return std::pair<std::uint64_t, std::uint64_t>{0, end};
}

// AUD-4: writes a sealed segment of the log and audits that it did. Nothing is deleted online.
Status RunArchive(const AuditArgs& args) {
  std::error_code ec;
  if (std::filesystem::exists(args.out, ec)) {
    return Fail(ErrorCode::kConflict, args.out + " exists; segments are never overwritten");
  }
  CV_ASSIGN_OR_RETURN(Vault vault, OpenAndUnseal(args.data, args.unseal));
  CV_ASSIGN_OR_RETURN(auto tx, vault.store->Begin());
  // A checkpoint of the current head, so the segment's end is always covered.
  CV_ASSIGN_OR_RETURN(const auto signed_size, vault.audit->Checkpoint(*tx, true));
  (void)signed_size;
  CV_ASSIGN_OR_RETURN(auto reader, AuditReader::Open(*tx));
  CV_ASSIGN_OR_RETURN(const auto range, ArchiveRange(args, *reader));
  CV_ASSIGN_OR_RETURN(const audit::Segment segment, reader->Archive(range.first, range.second));
  CV_ASSIGN_OR_RETURN(const std::string bytes, audit::EncodeSegment(segment));
  CV_RETURN_IF_ERROR(WriteFileAtomic(args.out, bytes, 0600));
  const std::string count = std::to_string(segment.entries.size());
  audit::Event event =
      CliEvent("audit.archive", "audit_segment", fmt::format("{}+{}", segment.first_index, count));
  event.Add("first_index", std::to_string(segment.first_index))
      .Add("count", count)
      .Add("tree_size", std::to_string(segment.tree_size))
      .Add("file", args.out);
  CV_RETURN_IF_ERROR(AuditInTx(vault, *tx, event));
  CV_RETURN_IF_ERROR(tx->Commit());
  const nlohmann::ordered_json j = {{"file", args.out},
                                    {"first_index", segment.first_index},
                                    {"count", segment.entries.size()},
                                    {"tree_size", segment.tree_size}};
  std::printf("%s\n", j.dump().c_str());
  return Ok();
}

// With --data, the segment must be this log's: same origin and public key.
Status CheckSegmentIsThisLog(const AuditArgs& args, const audit::Segment& segment) {
  if (args.data.empty()) return Ok();
  return WithReader(args, [&](AuditReader& reader) -> Status {
    if (segment.origin != reader.origin() || segment.public_key != reader.public_key()) {
      return Fail(ErrorCode::kPermissionDenied,
                  "archive segment is not signed by this log's key (" + reader.origin() + ")");
    }
    return Ok();
  });
}

// Exit 0 only for an intact segment (of this log, with --data); 1 with the problem otherwise.
int RunVerifyArchive(const AuditArgs& args) {
  auto text = ReadSmallFile(args.file, std::size_t{1} << 31);
  if (!text) {
    PrintError("audit verify-archive", text.error());
    return ExitCodeFor(text.error());
  }
  auto check = [&]() -> Result<audit::SegmentReport> {
    CV_ASSIGN_OR_RETURN(const audit::Segment s, audit::ParseSegment(*text));
    CV_ASSIGN_OR_RETURN(audit::SegmentReport r, audit::VerifySegment(s));
    CV_RETURN_IF_ERROR(CheckSegmentIsThisLog(args, s));
    return r;
  };
  const Result<audit::SegmentReport> report = check();
  if (!report) {
    const nlohmann::ordered_json j = {{"ok", false}, {"problem", report.error().message()}};
    std::printf("%s\n", j.dump().c_str());
    std::fprintf(stderr, "cvault audit verify-archive: NOT INTACT: %s\n",
                 report.error().message().c_str());
    return kExitFailure;
  }
  const nlohmann::ordered_json j = {{"ok", true},
                                    {"origin", report->checkpoint.origin},
                                    {"first_index", report->first_index},
                                    {"count", report->count},
                                    {"tree_size", report->checkpoint.size},
                                    {"key_checked_against_data", !args.data.empty()}};
  std::printf("%s\n", j.dump().c_str());
  return kExitOk;
}

// Adds --data to `sub`: required for verify (local only); the others work against the server
// of the saved session when --data is absent.
CLI::App* Sub(CLI::App& app, AuditArgs& args, const char* name, const char* what) {
  CLI::App* sub = app.add_subcommand(name, what);
  auto* data = sub->add_option("--data", args.data, "the data directory (local mode)");
  if (std::string_view(name) == "verify") {
    data->required();
  } else {
    AddClientOptions(*sub, args.client, false);
  }
  return sub;
}

std::string QueryOf(std::initializer_list<std::pair<const char*, std::string>> params) {
  std::string q;
  for (const auto& [k, v] : params) {
    if (v.empty()) continue;
    q += (q.empty() ? "?" : "&") + std::string(k) + "=";
    q += UrlEncode(v);
  }
  return q;
}

// The remote forms: the same output as the local ones, from the API.
Status RunRemote(const AuditArgs& args, std::string_view sub) {
  CV_ASSIGN_OR_RETURN(const SavedSession session, LoadSession(args.client));
  if (sub == "events") {
    const std::string limit = args.limit == 0 ? "1000" : std::to_string(args.limit);
    CV_ASSIGN_OR_RETURN(const nlohmann::json j,
                        RemoteCall(session, "GET",
                                   "/api/v1/audit/events" + QueryOf({{"from", args.from},
                                                                     {"to", args.to},
                                                                     {"actor", args.actor},
                                                                     {"action", args.action},
                                                                     {"result", args.result},
                                                                     {"limit", limit}})));
    for (const auto& e : j.value("events", nlohmann::json::array())) {
      std::printf("%s\n", e.dump().c_str());
    }
    return Ok();
  }
  if (sub == "report") {
    if (args.format != "json") {
      return Fail(ErrorCode::kInvalidArgument,
                  "the remote report is JSON only; use --data for html");
    }
    CV_ASSIGN_OR_RETURN(
        const nlohmann::json j,
        RemoteCall(session, "GET",
                   "/api/v1/audit/report" + QueryOf({{"from", args.from}, {"to", args.to}})));
    std::printf("%s\n", j.dump(2).c_str());
    return Ok();
  }
  if (sub == "checkpoint") {
    CV_ASSIGN_OR_RETURN(const nlohmann::json j,
                        RemoteCall(session, "GET", "/api/v1/audit/checkpoint"));
    std::fputs(j.value("note", "").c_str(), stdout);
    return Ok();
  }
  std::string target;
  if (sub == "prove") {
    target = "/api/v1/audit/proofs/inclusion" +
             QueryOf({{"index", std::to_string(args.index)},
                      {"size", args.size ? std::to_string(*args.size) : ""}});
  } else {
    target = "/api/v1/audit/proofs/consistency" +
             QueryOf({{"first", std::to_string(args.from_size)},
                      {"second", args.to_size ? std::to_string(*args.to_size) : ""}});
  }
  CV_ASSIGN_OR_RETURN(const nlohmann::json j, RemoteCall(session, "GET", target));
  std::printf("%s\n", j.dump().c_str());
  return Ok();
}

}  // namespace

int AuditCommand(int argc, char** argv) {
  CLI::App app{"The tamper-evident audit log (JR/T 0117 8.3.4 c)", "cvault audit"};
  app.require_subcommand(1);
  AuditArgs args;
  CLI::App* verify = Sub(app, args, "verify", "recompute every leaf, node, root and checkpoint");
  CLI::App* prove = Sub(app, args, "prove", "inclusion proof of one event (JSON)");
  prove->add_option("--index", args.index, "the event's leaf index")->required();
  prove->add_option("--size", args.size, "tree size to prove against (default: current)");
  CLI::App* consistency = Sub(app, args, "consistency", "consistency proof between two sizes");
  consistency->add_option("--from", args.from_size, "the earlier tree size")->required();
  consistency->add_option("--to", args.to_size, "the later tree size (default: current)");
  CLI::App* checkpoint = Sub(app, args, "checkpoint", "the latest signed checkpoint (C2SP)");
  CLI::App* events = Sub(app, args, "events", "search events (JSON lines)");
  for (CLI::App* sub : {events, Sub(app, args, "report", "counts by action, actor and result")}) {
    sub->add_option("--from", args.from, "from this time (RFC 3339 or YYYY-MM-DD), inclusive");
    sub->add_option("--to", args.to, "until this time, exclusive");
    sub->add_option("--actor", args.actor, "only this actor");
    sub->add_option("--action", args.action, "only this action");
    sub->add_option("--result", args.result, "only ok, denied or error");
  }
  events->add_option("--limit", args.limit, "at most this many events");
  CLI::App* archive = app.add_subcommand("archive", "write a sealed segment of old events (AUD-4)");
  archive->add_option("--data", args.data, "the data directory")->required();
  archive->add_option("--from-index", args.from_index, "first leaf index (default 0)");
  archive->add_option("--to-index", args.to_index, "end leaf index, exclusive");
  archive->add_option("--before", args.before, "every event before this time (RFC 3339)");
  archive->add_option("--out", args.out, "the segment file to create (never overwritten)")
      ->required();
  AddUnsealOptions(*archive, args.unseal);
  CLI::App* verify_archive =
      app.add_subcommand("verify-archive", "check a sealed segment offline (AUD-4)");
  verify_archive->add_option("file", args.file, "the segment file")->required();
  verify_archive->add_option("--data", args.data, "also require this log's key");
  app.get_subcommand("report")
      ->add_option("--format", args.format, "json (default) or html")
      ->check(CLI::IsMember({"json", "html"}));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (verify->parsed()) return RunVerify(args);
  if (verify_archive->parsed()) return RunVerifyArchive(args);
  if (archive->parsed()) {
    if (Status s = RunArchive(args); !s) {
      PrintError("audit archive", s.error());
      return ExitCodeFor(s.error());
    }
    return kExitOk;
  }
  if (args.data.empty()) {
    const std::string sub = app.get_subcommands()[0]->get_name();
    if (Status s = RunRemote(args, sub); !s) {
      PrintError("audit", s.error());
      return ExitCodeFor(s.error());
    }
    return kExitOk;
  }
  Status status = prove->parsed()         ? RunProve(args)
                  : consistency->parsed() ? RunConsistency(args)
                  : checkpoint->parsed()  ? RunCheckpoint(args)
                  : events->parsed()      ? RunEvents(args)
                                          : RunReport(args);
  if (!status) {
    PrintError("audit", status.error());
    return ExitCodeFor(status.error());
  }
  return kExitOk;
}

}  // namespace cv::cli
