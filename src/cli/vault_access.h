// Opening a data directory from the command line: the --data, --share and --passphrase-file
// flags shared by every command that needs keys, and the error printing they share.
#ifndef CV_CLI_VAULT_ACCESS_H_
#define CV_CLI_VAULT_ACCESS_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "common/result.h"
#include "common/secret.h"
#include "crypto/keyring/keyring.h"
#include "store/data_dir.h"
#include "store/store.h"

namespace cv::cli {

struct UnsealFlags {
  std::vector<std::string> shares;
  std::string passphrase_file;
};

// Adds --share FILE (repeatable) and --passphrase-file FILE to `app`.
void AddUnsealOptions(CLI::App& app, UnsealFlags& flags);

// An open data directory: its store and, when unsealed, its keyring.
// Members are destroyed in reverse order: the keyring before the store it reads.
struct Vault {
  store::DataDir dir;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<crypto::keyring::Keyring> keyring;
  std::unique_ptr<audit::AuditLog> audit;  // set when unsealed
};

// Opens DIR's store without keys (for status reports).
Result<Vault> OpenVault(const std::string& data_dir);
// An audit event for a command-line action by the operating-system user running cvault (until
// issue #5 brings platform users): actor "os:<user>", client "cli".
audit::Event CliEvent(std::string action, std::string object_type, std::string object_id);

// Appends `event` and a forced checkpoint (a command's end is the log's "shutdown") in `tx`.
Status AuditInTx(Vault& vault, store::Tx& tx, const audit::Event& event);

// Opens DIR and unseals its keyring with the flags' material, and opens its audit log. Hardens the
// process first (no core dumps, not ptrace-attachable by other users) since keys will be in memory
// (CRY-6).
Result<Vault> OpenAndUnseal(const std::string& data_dir, const UnsealFlags& flags);

// Reads a secret from the terminal without echo (for passwords when no file is given).
// kFailedPrecondition when there is no terminal.
Result<Secret> PromptSecret(const std::string& prompt);

// A passphrase file's content without its final line break, in zeroizing memory.
Result<Secret> ReadPassphraseFile(const std::string& path);

// "cvault <command>: error: [file:line: ]code: message" on stderr.
void PrintError(std::string_view command, const Error& e);
// The exit code for an error: usage for bad arguments, bad input for unreadable/malformed files,
// failure otherwise.
int ExitCodeFor(const Error& e);

}  // namespace cv::cli

#endif  // CV_CLI_VAULT_ACCESS_H_
