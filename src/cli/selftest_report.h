// How `cvault crypto selftest` reports the self-test results: text or JSON, and its exit code.
//
// Thread-safety: pure functions.
#ifndef CV_CLI_SELFTEST_REPORT_H_
#define CV_CLI_SELFTEST_REPORT_H_

#include <string>
#include <vector>

#include "crypto/selftest.h"

namespace cv::cli {

// One line per result, "PASS  <name>" or "FAIL  <name>: <detail>", then "N of M self-tests passed".
std::string SelfTestText(const std::vector<crypto::SelfTestResult>& results);

// A JSON array of {name, passed, detail}, in the results' order.
std::string SelfTestJson(const std::vector<crypto::SelfTestResult>& results);

// kExitOk when every result passed, else kExitFailure.
int SelfTestExitCode(const std::vector<crypto::SelfTestResult>& results);

}  // namespace cv::cli

#endif  // CV_CLI_SELFTEST_REPORT_H_
