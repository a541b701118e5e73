// `cvault init` as a function, for the commands that create a data directory too (cvault demo).
#ifndef CV_CLI_INIT_COMMAND_H_
#define CV_CLI_INIT_COMMAND_H_

#include <cstdint>
#include <string>

#include "common/result.h"
#include "common/secret.h"

namespace cv::cli {

// The flags of `cvault init`, and what other commands may set instead of files and prompts.
struct InitArgs {
  std::string data;
  std::string suite = "gm";
  int custodians = 0;
  int threshold = 0;
  std::string shares_out;
  std::string passphrase_file;
  std::uint64_t kdf_memory_mib = 64;
  std::string admin_user;
  std::string admin_password_file;
  std::string admin_totp_out;
  // Not flags. When set, the officer's password (instead of --admin-password-file or a prompt).
  const Secret* admin_password = nullptr;
  // When set, receives the officer's otpauth URI (instead of --admin-totp-out or the terminal).
  Secret* admin_totp_uri = nullptr;
};

// Creates the data directory `args.data` (absent or empty), its key hierarchy and, with
// `admin_user`, the first security_officer, in one transaction with the first audit events;
// prints what it made. On failure nothing is left of the directory.
[[nodiscard]] Status RunInit(const InitArgs& args);

}  // namespace cv::cli

#endif  // CV_CLI_INIT_COMMAND_H_
