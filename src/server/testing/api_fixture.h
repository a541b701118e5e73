// A test fixture for the server: an Api over a real SQLite store in a temporary data directory,
// with an initialised and unsealed keyring (2-of-2 shares), the audit log and a fake clock; no
// users. Test-only.
//
// Thread-safety: none (one test thread).
#ifndef CV_SERVER_TESTING_API_FIXTURE_H_
#define CV_SERVER_TESTING_API_FIXTURE_H_

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <utility>

#include "audit/testing/unsealed_vault.h"
#include "common/clock.h"
#include "common/testing/scoped_temp_dir.h"
#include "server/api.h"

namespace cv::server::test {

class ApiFixture : public ::testing::Test {
 protected:
  void SetUp() override { BuildApi(ApiOptions{}); }

  // Makes the data directory, its keys and the Api with `options`.
  void BuildApi(ApiOptions options) {
    auto vault = audit::test::MakeUnsealedVault(dir_.Join("d"), clock_);
    ASSERT_TRUE(vault) << vault.error().ToString();
    store_ = std::move(vault->store);
    keyring_ = std::move(vault->keyring);
    log_ = std::move(vault->log);
    access::PasswordPolicy fast;  // production rules, cheap Argon2 cost for tests
    fast.argon2_iterations = 1;
    fast.argon2_memory_kib = 8;
    auto api = Api::Create(ApiDeps{*store_, *keyring_, *log_, clock_, fast}, std::move(options));
    ASSERT_TRUE(api) << api.error().ToString();
    api_ = std::move(*api);
  }

  cv::test::ScopedTempDir dir_;
  FakeClock clock_{TimePoint(std::chrono::hours(24 * 365 * 56))};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<crypto::keyring::Keyring> keyring_;
  std::unique_ptr<audit::AuditLog> log_;
  std::unique_ptr<Api> api_;
};

}  // namespace cv::server::test

#endif  // CV_SERVER_TESTING_API_FIXTURE_H_
