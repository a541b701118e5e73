// cvault crypto selftest [--json]
// Runs the cryptographic self-tests (crypto/selftest.h) and prints one line per test; exit 0 when
// all pass, 1 otherwise.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/selftest_report.h"
#include "crypto/selftest.h"

namespace cv::cli {

int CryptoCommand(int argc, char** argv) {
  CLI::App app{"Cryptographic self-tests of both suites (gm and intl)", "cvault crypto"};
  app.require_subcommand(1, 1);
  bool json = false;
  CLI::App* selftest = app.add_subcommand(
      "selftest",
      "run the known-answer and pairwise tests of every algorithm; exit 1 on a failure");
  selftest->add_flag("--json", json, "print a JSON array of {name, passed, detail}");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  const std::vector<crypto::SelfTestResult> results = crypto::RunSelfTests();
  const std::string report = json ? SelfTestJson(results) : SelfTestText(results);
  std::fwrite(report.data(), 1, report.size(), stdout);
  return SelfTestExitCode(results);
}

}  // namespace cv::cli
