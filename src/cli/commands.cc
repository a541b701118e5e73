// Dispatch of `cvault <command>` through one table (as BoringSSL's bssl tool).
#include "cli/commands.h"

#include <cstdio>
#include <string_view>

namespace cv::cli {
namespace {

struct Command {
  std::string_view name;
  int (*run)(int argc, char** argv);
  std::string_view summary;
};

constexpr Command kCommands[] = {
    {"scan", ScanCommand, "grade datasets by JR/T 0171 and JR/T 0197"},
    {"gen-sample", GenSampleCommand, "generate a labeled synthetic dataset"},
    {"init", InitCommand, "create a data directory and its keys"},
    {"demo", DemoCommand, "create a demo data directory with generated institutions and users"},
    {"keys", KeysCommand, "key custody: status, rotate, rewrap, shred"},
    {"audit", AuditCommand, "verify, prove and search the audit log"},
    {"access", AccessCommand, "identity and access control: the permission matrix"},
    {"crypto", CryptoCommand, "cryptographic self-tests"},
    {"serve", ServeCommand, "run the HTTPS API server"},
    {"login", LoginCommand, "sign in to a server (client)"},
    {"logout", LogoutCommand, "end the session (client)"},
    {"whoami", RemoteCommand, "show the current session (client)"},
    {"passwd", RemoteCommand, "change your password (client)"},
    {"totp", RemoteCommand, "confirm your second factor (client)"},
    {"user", RemoteCommand, "create, list, grant, deactivate users (client)"},
    {"inst", RemoteCommand, "register institutions and change their status (client)"},
    {"approval", RemoteCommand, "request, approve or reject dual-control approvals (client)"},
    {"consent", ConsentCommand, "record, show, list or revoke subjects' consents (client)"},
    {"batch", BatchCommand, "sign (offline), submit and follow provider data batches"},
    {"query", QueryCommand, "query a subject's credit report (client)"},
    {"report", ReportCommand, "fetch a report again, or verify a saved one's audit proof"},
};

void PrintUsage(std::FILE* out) {
  std::fprintf(out, "usage: cvault <command> [options]\n\ncommands:\n");
  for (const Command& c : kCommands) {
    std::fprintf(out, "  %-12.*s %.*s\n", static_cast<int>(c.name.size()), c.name.data(),
                 static_cast<int>(c.summary.size()), c.summary.data());
  }
  std::fprintf(out, "\nRun 'cvault <command> --help' for a command's options.\n");
}

}  // namespace

int Main(int argc, char** argv) {
  if (argc < 2) {
    PrintUsage(stderr);
    return kExitUsage;
  }
  std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    PrintUsage(stdout);
    return kExitOk;
  }
  for (const Command& c : kCommands) {
    if (c.name == name) return c.run(argc - 1, argv + 1);
  }
  std::fprintf(stderr, "cvault: unknown command '%.*s'\n", static_cast<int>(name.size()),
               name.data());
  PrintUsage(stderr);
  return kExitUsage;
}

}  // namespace cv::cli
