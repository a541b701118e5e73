// cvault crypto selftest [--json]
// Runs the cryptographic self-tests (crypto/selftest.h) and prints one line per test; exit 0 when
// all pass, 1 otherwise.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "crypto/selftest.h"

namespace cv::cli {
namespace {

using crypto::SelfTestResult;

// "PASS  name" or "FAIL  name: detail", then "N of M self-tests passed".
void PrintText(const std::vector<SelfTestResult>& results) {
  std::size_t passed = 0;
  for (const SelfTestResult& r : results) {
    passed += r.passed ? 1 : 0;
    std::printf("%s  %s%s%s\n", r.passed ? "PASS" : "FAIL", r.name.c_str(),
                r.detail.empty() ? "" : ": ", r.detail.c_str());
  }
  std::printf("%zu of %zu self-tests passed\n", passed, results.size());
}

void PrintJson(const std::vector<SelfTestResult>& results) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const SelfTestResult& r : results) {
    out.push_back({{"name", r.name}, {"passed", r.passed}, {"detail", r.detail}});
  }
  std::printf("%s\n", out.dump(2).c_str());
}

int RunSelfTest(bool json) {
  const std::vector<SelfTestResult> results = crypto::RunSelfTests();
  json ? PrintJson(results) : PrintText(results);
  for (const SelfTestResult& r : results) {
    if (!r.passed) return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

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
  return RunSelfTest(json);
}

}  // namespace cv::cli
