// Opening and unsealing a data directory for CLI commands.
#include "cli/vault_access.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

#include <filesystem>

#include "cli/commands.h"
#include "common/config.h"
#include "common/file.h"

namespace cv::cli {
namespace {

constexpr std::size_t kMaxKeyFileBytes = 64 * 1024;

// CRY-6 / ARCHITECTURE "never reach a core dump we can prevent": no core files, and the process
// is not dumpable (which also stops same-user ptrace attach without CAP_SYS_PTRACE).
void HardenProcess() {
  rlimit none{0, 0};
  (void)setrlimit(RLIMIT_CORE, &none);
  (void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

std::string LedgerPath(const store::DataDir& dir) { return dir.keys_dir() + "/destruction.ledger"; }

// The data directory's [audit] settings (DIR/cvault.toml, optional).
Result<audit::AuditOptions> AuditOptionsOf(const store::DataDir& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir.config_path(), ec)) return audit::AuditOptions{};
  CV_ASSIGN_OR_RETURN(const Config config, Config::Load(dir.config_path()));
  return audit::AuditOptionsFromConfig(config);
}

}  // namespace

void AddUnsealOptions(CLI::App& app, UnsealFlags& flags) {
  app.add_option("--share", flags.shares, "a custodian's share file (repeat for each custodian)");
  app.add_option("--passphrase-file", flags.passphrase_file,
                 "file holding the passphrase (single-node mode)");
}

Result<Secret> ReadPassphraseFile(const std::string& path) {
  auto text = ReadSmallFile(path, kMaxKeyFileBytes);
  if (!text) return std::unexpected(text.error());
  std::size_t n = text->size();
  if (n > 0 && (*text)[n - 1] == '\n') --n;
  if (n > 0 && (*text)[n - 1] == '\r') --n;
  Secret passphrase(std::string_view(*text).substr(0, n));
  SecureZero(text->data(), text->size());
  return passphrase;
}

Result<Secret> PromptSecret(const std::string& prompt) {
  const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    return Fail(ErrorCode::kFailedPrecondition, "no terminal to prompt on: give a password file");
  }
  termios saved{};
  const bool is_tty = ::tcgetattr(fd, &saved) == 0;
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  if (is_tty) (void)::tcsetattr(fd, TCSAFLUSH, &quiet);
  (void)!::write(fd, prompt.data(), prompt.size());
  std::string line;
  char c = 0;
  while (::read(fd, &c, 1) == 1 && c != '\n' && line.size() < kMaxKeyFileBytes) line.push_back(c);
  if (is_tty) (void)::tcsetattr(fd, TCSAFLUSH, &saved);
  (void)!::write(fd, "\n", 1);
  ::close(fd);
  Secret secret(line);
  SecureZero(line.data(), line.size());
  return secret;
}

Result<Vault> OpenVault(const std::string& data_dir) {
  auto dir = store::DataDir::Open(data_dir);
  if (!dir) return std::unexpected(dir.error());
  store::StoreOptions options;
  options.url = dir->store_url();
  auto store = store::OpenStore(options);
  if (!store) return std::unexpected(store.error());
  return Vault{std::move(*dir), std::move(*store), nullptr, nullptr};
}

Result<Vault> OpenAndUnseal(const std::string& data_dir, const UnsealFlags& flags) {
  if (flags.shares.empty() == flags.passphrase_file.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "give --share files or --passphrase-file (not both)");
  }
  HardenProcess();
  auto vault = OpenVault(data_dir);
  if (!vault) return std::unexpected(vault.error());
  crypto::keyring::UnsealInput input;
  for (const std::string& path : flags.shares) {
    auto text = ReadSmallFile(path, kMaxKeyFileBytes);
    if (!text) return std::unexpected(text.error());
    input.shares.emplace_back(path, Secret(*text));
    SecureZero(text->data(), text->size());
  }
  if (!flags.passphrase_file.empty()) {
    auto passphrase = ReadPassphraseFile(flags.passphrase_file);
    if (!passphrase) return std::unexpected(passphrase.error());
    input.passphrase = std::move(*passphrase);
    auto sealed = ReadSmallFile(vault->dir.keys_dir() + "/root.sealed", kMaxKeyFileBytes);
    if (!sealed) return std::unexpected(sealed.error());
    input.sealed_root_file = std::move(*sealed);
  }
  auto keyring = crypto::keyring::Keyring::Unseal(*vault->store, input, LedgerPath(vault->dir),
                                                  SystemClock::Get());
  if (!keyring) return std::unexpected(keyring.error());
  vault->keyring = std::move(*keyring);
  CV_ASSIGN_OR_RETURN(const audit::AuditOptions options, AuditOptionsOf(vault->dir));
  CV_ASSIGN_OR_RETURN(vault->audit,
                      audit::AuditLog::Open(*vault->keyring, options, SystemClock::Get()));
  return vault;
}

audit::Event CliEvent(std::string action, std::string object_type, std::string object_id) {
  audit::Event e;
  e.time = SystemClock::Get().Now();
  const passwd* pw = ::getpwuid(::geteuid());
  e.actor_user = "os:" + std::string(pw != nullptr ? pw->pw_name : std::to_string(::geteuid()));
  e.client_address = "cli";
  e.action = std::move(action);
  e.object_type = std::move(object_type);
  e.object_id = std::move(object_id);
  return e;
}

Status AuditInTx(Vault& vault, store::Tx& tx, const audit::Event& event) {
  CV_RETURN_IF_ERROR(vault.audit->Append(tx, event));
  CV_RETURN_IF_ERROR(vault.audit->Checkpoint(tx, true));
  return Ok();
}

void PrintError(std::string_view command, const Error& e) {
  std::string where = e.position().file;
  if (e.position().line != 0) where += fmt::format(":{}", e.position().line);
  std::fprintf(stderr, "cvault %.*s: error: %s%s%s: %s\n", static_cast<int>(command.size()),
               command.data(), where.c_str(), where.empty() ? "" : ": ",
               std::string(ErrorCodeName(e.code())).c_str(), e.message().c_str());
}

int ExitCodeFor(const Error& e) {
  switch (e.code()) {
    case ErrorCode::kInvalidArgument:
      return kExitUsage;
    case ErrorCode::kUnreadable:
    case ErrorCode::kMalformed:
      return kExitBadInput;
    default:
      return kExitFailure;
  }
}

}  // namespace cv::cli
