// cvault init --data DIR --suite gm|intl (--custodians N --threshold K --shares-out DIR |
//              --passphrase-file FILE) [--kdf-memory-mib M]
// Creates a data directory and its key hierarchy (issue #3 interface; DO NOT CHANGE flags).
#include "cli/init_command.h"

#include <filesystem>

#include "access/accounts.h"
#include "cli/commands.h"
#include "cli/vault_access.h"
#include "common/file.h"
#include "crypto/keyring/keyring.h"

namespace cv::cli {
namespace {

namespace fs = std::filesystem;
using crypto::keyring::InitOptions;
using crypto::keyring::InitOutcome;
using crypto::keyring::Keyring;

// True when `inner` is `outer` or lies inside it (after resolving what exists).
bool IsInside(const std::string& inner, const std::string& outer) {
  const fs::path a = fs::weakly_canonical(fs::absolute(inner));
  const fs::path b = fs::weakly_canonical(fs::absolute(outer));
  auto [end, _] = std::mismatch(b.begin(), b.end(), a.begin(), a.end());
  return end == b.end();
}

Result<InitOptions> OptionsFrom(const InitArgs& args) {
  InitOptions options;
  auto suite = crypto::ParseSuite(args.suite);
  if (!suite) return std::unexpected(suite.error());
  options.suite = *suite;
  options.custodians = args.custodians;
  options.threshold = args.threshold;
  options.kdf.memory_kib = args.kdf_memory_mib * 1024;
  if (!args.passphrase_file.empty()) {
    auto passphrase = ReadPassphraseFile(args.passphrase_file);
    if (!passphrase) return std::unexpected(passphrase.error());
    options.passphrase = std::move(*passphrase);
  } else if (args.shares_out.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "--shares-out DIR is required with --custodians");
  } else if (IsInside(args.shares_out, args.data)) {
    return Fail(ErrorCode::kInvalidArgument,
                "--shares-out must not be inside the data directory: shares kept beside the data "
                "defeat multiple control");
  }
  return options;
}

std::string ShareFileName(const std::string& dir, std::size_t i, std::size_t n) {
  return dir + "/custodian-" + std::to_string(i) + "-of-" + std::to_string(n) + ".share";
}

// Writes the sealed material; on failure removes what it wrote.
Result<std::vector<std::string>> WriteSealedMaterial(const InitArgs& args,
                                                     const store::DataDir& dir,
                                                     const InitOutcome& outcome) {
  std::vector<std::string> written;
  if (!outcome.sealed_root_file.empty()) {
    const std::string path = dir.keys_dir() + "/root.sealed";
    CV_RETURN_IF_ERROR(WriteFileAtomic(path, outcome.sealed_root_file, 0600));
    written.push_back(path);
    return written;
  }
  CV_RETURN_IF_ERROR(CreateDirectories(args.shares_out, 0700));
  const std::size_t n = outcome.share_files.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (fs::exists(ShareFileName(args.shares_out, i + 1, n))) {
      return Fail(ErrorCode::kFailedPrecondition,
                  ShareFileName(args.shares_out, i + 1, n) + " already exists; not overwriting");
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::string path = ShareFileName(args.shares_out, i + 1, n);
    auto status = WriteFileAtomic(path, outcome.share_files[i].View(SecretAccess::Get()), 0600);
    if (!status) {
      for (const std::string& p : written) fs::remove(p);
      return std::unexpected(status.error());
    }
    written.push_back(path);
  }
  return written;
}

// The first security_officer (issue #5 bootstrap): password from --admin-password-file (or a
// prompt), TOTP enrolment URI written once to --admin-totp-out (0600) or printed.
Status BootstrapAdmin(const InitArgs& args, Vault& vault, store::Tx& tx) {
  Secret password;
  if (args.admin_password != nullptr) {
    password = args.admin_password->Clone();
  } else if (!args.admin_password_file.empty()) {
    CV_ASSIGN_OR_RETURN(password, ReadPassphraseFile(args.admin_password_file));
  } else {
    CV_ASSIGN_OR_RETURN(password, PromptSecret("Password for " + args.admin_user + ": "));
  }
  CV_ASSIGN_OR_RETURN(auto hasher, crypto::NewHasher(vault.keyring->suite()));
  access::SessionManager sessions(*hasher, *vault.audit, access::SessionPolicy{},
                                  SystemClock::Get());
  access::Accounts accounts(*vault.keyring, *vault.audit, sessions, access::PasswordPolicy{},
                            access::LockoutPolicy{}, SystemClock::Get());
  CV_ASSIGN_OR_RETURN(const Secret uri,
                      accounts.Bootstrap(tx, args.admin_user, args.admin_user, password));
  if (args.admin_totp_uri != nullptr) {
    *args.admin_totp_uri = uri.Clone();
    return Ok();
  }
  if (args.admin_totp_out.empty()) {
    std::printf("Second factor for %s (enrol it now; shown once):\n%s\n", args.admin_user.c_str(),
                std::string(uri.View(SecretAccess::Get())).c_str());
    return Ok();
  }
  std::string text(uri.View(SecretAccess::Get()));
  text.push_back('\n');
  auto written = WriteFileAtomic(args.admin_totp_out, text, 0600);
  SecureZero(text.data(), text.size());
  return written;
}

// AUD-1: the first audit event, "keyring.init", in the transaction that creates the keys. The
// keyring is unsealed in that transaction with the material just made.
Status AuditInit(const InitArgs& args, const store::DataDir& dir, const InitOptions& options,
                 const InitOutcome& outcome, store::Tx& tx) {
  crypto::keyring::UnsealInput input;
  if (options.passphrase) {
    input.passphrase = options.passphrase->Clone();
    input.sealed_root_file = outcome.sealed_root_file;
  } else {
    for (int i = 0; i < options.threshold; ++i) {
      input.shares.emplace_back("new share", outcome.share_files[i].Clone());
    }
  }
  Vault vault{dir, nullptr, nullptr, nullptr};
  CV_ASSIGN_OR_RETURN(
      vault.keyring,
      Keyring::UnsealWithin(tx, input, dir.keys_dir() + "/destruction.ledger", SystemClock::Get()));
  CV_ASSIGN_OR_RETURN(vault.audit, audit::AuditLog::Open(*vault.keyring, audit::AuditOptions{},
                                                         SystemClock::Get()));
  audit::Event event = CliEvent("keyring.init", "data_dir", outcome.data_dir_id);
  event.Add("suite", args.suite).Add("seal_mode", options.passphrase ? "passphrase" : "shares");
  if (!options.passphrase) {
    event.Add("custodians", std::to_string(args.custodians))
        .Add("threshold", std::to_string(args.threshold));
  }
  CV_RETURN_IF_ERROR(AuditInTx(vault, tx, event));
  if (args.admin_user.empty()) return Ok();
  CV_RETURN_IF_ERROR(BootstrapAdmin(args, vault, tx));
  CV_RETURN_IF_ERROR(vault.audit->Checkpoint(tx, true));  // Cover the account's events too.
  return Ok();
}

// Creates the keyring in the new data directory's database and writes the sealed material.
Result<std::vector<std::string>> InitKeys(const InitArgs& args, const store::DataDir& dir,
                                          const InitOptions& options, std::string& data_dir_id) {
  store::StoreOptions store_options;
  store_options.url = dir.store_url();
  auto store = store::OpenStore(store_options);
  if (!store) return std::unexpected(store.error());
  auto tx = (*store)->Begin();
  if (!tx) return std::unexpected(tx.error());
  auto outcome = Keyring::Initialize(**tx, options, SystemClock::Get());
  if (!outcome) return std::unexpected(outcome.error());
  CV_RETURN_IF_ERROR(AuditInit(args, dir, options, *outcome, **tx));
  auto written = WriteSealedMaterial(args, dir, *outcome);
  if (!written) return std::unexpected(written.error());
  auto committed = (*tx)->Commit();
  if (!committed) {
    for (const std::string& p : *written) fs::remove(p);
    return std::unexpected(committed.error());
  }
  data_dir_id = outcome->data_dir_id;
  return written;
}

}  // namespace

Status RunInit(const InitArgs& args) {
  auto options = OptionsFrom(args);
  if (!options) return std::unexpected(options.error());
  auto dir = store::DataDir::Create(args.data);
  if (!dir) return std::unexpected(dir.error());
  std::string id;
  auto written = InitKeys(args, *dir, *options, id);
  if (!written) {
    fs::remove_all(args.data);  // It was absent or empty before Create; leave nothing half-made.
    return std::unexpected(written.error());
  }
  std::printf("Initialised %s (suite %s, data directory id %s).\n", args.data.c_str(),
              args.suite.c_str(), id.c_str());
  if (options->passphrase) {
    std::printf("Root key sealed with the passphrase (Argon2id) in %s.\n", (*written)[0].c_str());
    return Ok();
  }
  std::printf("Root key split into %d shares; any %d unseal it (JR/T 0117 7.5.9):\n",
              args.custodians, args.threshold);
  for (const std::string& p : *written) std::printf("  %s\n", p.c_str());
  std::printf("Give one share to each custodian, then delete them from this machine.\n");
  return Ok();
}

int InitCommand(int argc, char** argv) {
  CLI::App app{"Create a data directory and its keys (JR/T 0117 7.5.9: multiple control)",
               "cvault init"};
  InitArgs args;
  app.add_option("--data", args.data, "the new data directory (must be absent or empty)")
      ->required();
  app.add_option("--suite", args.suite, "gm (SM2/SM3/SM4, default) or intl")
      ->check(CLI::IsMember({"gm", "intl"}));
  app.add_option("--custodians", args.custodians, "number of key custodians (shares)")
      ->check(CLI::Range(2, 255));
  app.add_option("--threshold", args.threshold, "shares needed to unseal")
      ->check(CLI::Range(2, 255));
  app.add_option("--shares-out", args.shares_out, "where to write the share files");
  app.add_option("--passphrase-file", args.passphrase_file,
                 "seal with this passphrase instead (single-node mode)");
  app.add_option("--admin-user", args.admin_user, "create the first security_officer account");
  app.add_option("--admin-password-file", args.admin_password_file,
                 "its password (default: prompt on the terminal)");
  app.add_option("--admin-totp-out", args.admin_totp_out,
                 "write its otpauth:// enrolment URI here, mode 0600 (default: print it)");
  app.add_option("--kdf-memory-mib", args.kdf_memory_mib, "Argon2id memory (passphrase mode)")
      ->check(CLI::Range(19, 4096));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  auto status = RunInit(args);
  if (!status) {
    PrintError("init", status.error());
    return ExitCodeFor(status.error());
  }
  return kExitOk;
}

}  // namespace cv::cli
