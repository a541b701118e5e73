// A test fixture for the stateful side of access: a real SQLite store in a temporary data
// directory, an unsealed keyring, the audit log, sessions, Accounts and Institutions, with the
// first security officer bootstrapped and two active institutions B0001 and B0002. Test-only.
//
// Thread-safety: none (one test thread).
#ifndef CV_ACCESS_TESTING_ACCESS_FIXTURE_H_
#define CV_ACCESS_TESTING_ACCESS_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "access/accounts.h"
#include "access/institutions.h"
#include "access/totp.h"
#include "audit/testing/unsealed_vault.h"
#include "common/testing/base32.h"
#include "common/testing/scoped_temp_dir.h"

namespace cv::access::test {

inline constexpr char kOfficerPassword[] = "Chief#2026pw!";
inline constexpr char kInitialPassword[] = "Initial#Pass1";

using cv::test::Base32DecodeForTesting;

class AccessFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto vault = audit::test::MakeUnsealedVault(dir_.Join("d"), clock_, audit::test::kTwoBanksSql);
    ASSERT_TRUE(vault) << vault.error().ToString();
    store_ = std::move(vault->store);
    keyring_ = std::move(vault->keyring);
    log_ = std::move(vault->log);
    hasher_ = std::move(*crypto::NewHasher(keyring_->suite()));
    sessions_ = std::make_unique<SessionManager>(*hasher_, *log_, SessionPolicy{}, clock_);
    PasswordPolicy fast;  // The rules as in production; a cheap Argon2 cost for tests.
    fast.argon2_iterations = 1;
    fast.argon2_memory_kib = 8;
    accounts_ =
        std::make_unique<Accounts>(*keyring_, *log_, *sessions_, fast, LockoutPolicy{}, clock_);
    institutions_ = std::make_unique<Institutions>(*log_, *sessions_, clock_);
    auto tx = store_->Begin();
    auto uri = accounts_->Bootstrap(**tx, "officer", "Chief Officer", Secret(kOfficerPassword));
    ASSERT_TRUE(uri) << uri.error().ToString();
    otpauth_ = std::string(uri->View(SecretAccess::Get()));
    ASSERT_TRUE((*tx)->Commit());
  }

  // Runs `fn` in a write transaction that is committed whatever `fn` returns.
  template <typename Fn>
  auto InTx(Fn fn) {
    auto tx = store_->Begin();
    EXPECT_TRUE(tx);
    auto result = fn(**tx);
    EXPECT_TRUE((*tx)->Commit());
    return result;
  }

  Result<LoginOutcome> Login(std::string_view login, std::string_view password,
                             std::optional<std::string> code = std::nullopt) {
    return InTx(
        [&](store::Tx& tx) { return accounts_->Login(tx, login, Secret(password), code, "ip"); });
  }

  // The officer's current TOTP code, from the seed in the otpauth URI.
  std::string OfficerCode(TimePoint t) {
    const std::size_t at = otpauth_.find("secret=") + 7;
    const std::string base32 = otpauth_.substr(at, otpauth_.find('&', at) - at);
    return *TotpCode(*Base32DecodeForTesting(base32), t);
  }

  Actor Officer() { return Actor{1, "officer", "AGENCY", {Role::kSecurityOfficer}, "ip"}; }

  Result<std::int64_t> Create(const Actor& by, std::string login, std::string institution,
                              std::vector<Role> roles) {
    return InTx([&](store::Tx& tx) {
      return accounts_->CreateUser(
          tx, by, NewUser{login, login, institution, roles, Secret(kInitialPassword)});
    });
  }

  // A security admin created by the officer.
  Actor SecurityAdmin() {
    auto id = Create(Officer(), "secadmin", "AGENCY", {Role::kSecurityAdmin});
    EXPECT_TRUE(id) << id.error().ToString();
    return Actor{id.value_or(0), "secadmin", "AGENCY", {Role::kSecurityAdmin}, "ip"};
  }

  // An inst_admin of `institution` created by the officer.
  Actor InstAdmin(std::string login, std::string institution) {
    auto id = Create(Officer(), login, institution, {Role::kInstAdmin});
    EXPECT_TRUE(id) << id.error().ToString();
    return Actor{id.value_or(0), login, institution, {Role::kInstAdmin}, "ip"};
  }

  int Events(std::string_view action, std::string_view result) {
    auto tx = store_->Begin(store::TxMode::kRead);
    auto row =
        (*tx)->QueryOne("SELECT count(*) FROM audit_events WHERE action = ?1 AND result = ?2",
                        {store::Text(action), store::Text(result)});
    return static_cast<int>((*row)->Int(0).value_or(-1));
  }

  // The text of the newest audit entry with `action` (the canonical JSON line), or "".
  std::string LastEntry(std::string_view action) {
    auto tx = store_->Begin(store::TxMode::kRead);
    auto row = (*tx)->QueryOne(
        "SELECT entry FROM audit_events WHERE action = ?1 ORDER BY seq DESC LIMIT 1",
        {store::Text(action)});
    if (!row || !*row) return "";
    return (*row)->Blob(0).value_or((*row)->Text(0).value_or(""));
  }

  // A column of one users row.
  std::string UserColumn(std::string_view login, std::string_view column) {
    auto tx = store_->Begin(store::TxMode::kRead);
    auto row = (*tx)->QueryOne(
        "SELECT CAST(" + std::string(column) + " AS TEXT) FROM users WHERE login = ?1",
        {store::Text(login)});
    if (!row || !*row) return "";
    return (*row)->Text(0).value_or("");
  }

  ::cv::test::ScopedTempDir dir_;
  FakeClock clock_{TimePoint(std::chrono::seconds(1'790'000'010))};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<crypto::keyring::Keyring> keyring_;
  std::unique_ptr<crypto::Hasher> hasher_;
  std::unique_ptr<audit::AuditLog> log_;
  std::unique_ptr<SessionManager> sessions_;
  std::unique_ptr<Accounts> accounts_;
  std::unique_ptr<Institutions> institutions_;
  std::string otpauth_;
};

}  // namespace cv::access::test

#endif  // CV_ACCESS_TESTING_ACCESS_FIXTURE_H_
