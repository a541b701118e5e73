// Power-on self-test: a known-answer test of every algorithm of both suites, pairwise checks of
// the key-generating and second-provider paths, and a health check of the random generator, run
// before any key is used (as FIPS 140-3 AS10.10 and GM/T 0028 require of a crypto module).
//
// Thread-safety: RunSelfTests() is reentrant; PowerOnSelfTest() runs the tests once per process
// (std::call_once) and is safe to call from any thread.
#ifndef CV_CRYPTO_SELFTEST_H_
#define CV_CRYPTO_SELFTEST_H_

#include <string>
#include <vector>

#include "common/result.h"

namespace cv::crypto {

struct SelfTestResult {
  std::string name;  // e.g. "SM4-GCM known answer (RFC 8998 A.1)"
  bool passed = false;
  std::string detail;  // why it failed; empty when it passed. Never holds key bytes.
};

// Runs every self-test now and returns one result per test, in a fixed order.
[[nodiscard]] std::vector<SelfTestResult> RunSelfTests();

// The outcome of RunSelfTests(), computed on the first call and cached: Ok, or kInternal
// "crypto self-test failed: <names of the failed tests>". Anything that uses keys (the keyring,
// the server) calls this first and refuses to run on failure.
[[nodiscard]] Status PowerOnSelfTest();

}  // namespace cv::crypto

#endif  // CV_CRYPTO_SELFTEST_H_
