// Text and JSON forms of the self-test results.
#include "cli/selftest_report.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli/commands.h"

namespace cv::cli {

using crypto::SelfTestResult;

std::string SelfTestText(const std::vector<SelfTestResult>& results) {
  std::string out;
  std::size_t passed = 0;
  for (const SelfTestResult& r : results) {
    passed += r.passed ? 1 : 0;
    out += (r.passed ? "PASS  " : "FAIL  ") + r.name;
    out += (r.detail.empty() ? "" : ": " + r.detail) + "\n";
  }
  out += std::to_string(passed) + " of " + std::to_string(results.size()) + " self-tests passed\n";
  return out;
}

std::string SelfTestJson(const std::vector<SelfTestResult>& results) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const SelfTestResult& r : results) {
    out.push_back({{"name", r.name}, {"passed", r.passed}, {"detail", r.detail}});
  }
  return out.dump(2) + "\n";
}

int SelfTestExitCode(const std::vector<SelfTestResult>& results) {
  const bool all =
      std::all_of(results.begin(), results.end(), [](const SelfTestResult& r) { return r.passed; });
  return all ? kExitOk : kExitFailure;
}

}  // namespace cv::cli
