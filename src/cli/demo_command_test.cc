// Tests for `cvault demo` (issue #6, `make run`): a fresh platform whose printed logins sign in
// with their one-time passwords, whose audit log verifies, and which a second run leaves alone.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "access/accounts.h"
#include "access/institutions.h"
#include "access/totp.h"
#include "audit/audit_reader.h"
#include "cli/commands.h"
#include "cli/vault_access.h"
#include "common/file.h"
#include "common/testing/base32.h"
#include "common/testing/scoped_temp_dir.h"
#include "crypto/hasher.h"

namespace cv::cli {
namespace {

struct Row {
  std::string institution;
  std::string role;
  std::string password;
};

int RunDemo(std::vector<std::string> args, std::string* out) {
  args.insert(args.begin(), "demo");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  ::testing::internal::CaptureStdout();
  const int code = DemoCommand(static_cast<int>(argv.size()), argv.data());
  *out = ::testing::internal::GetCapturedStdout();
  return code;
}

// The rows of the printed table "  LOGIN INSTITUTION ROLE PASSWORD", by login.
std::map<std::string, Row> ParseLogins(const std::string& out) {
  std::map<std::string, Row> rows;
  std::istringstream lines(out);
  bool in_table = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("  LOGIN", 0) == 0) {
      in_table = true;
      continue;
    }
    if (!in_table) continue;
    if (line.empty()) break;
    std::istringstream words(line);
    std::string login;
    Row row;
    words >> login >> row.institution >> row.role >> row.password;
    rows[login] = row;
  }
  return rows;
}

std::string OtpauthUri(const std::string& out) {
  const std::size_t at = out.find("otpauth://");
  return at == std::string::npos ? "" : out.substr(at, out.find('\n', at) - at);
}

// One demo platform for the whole suite: making it costs several Argon2id derivations.
class DemoCommandTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new cv::test::ScopedTempDir();
    exit_code_ = RunDemo({"--data", Data()}, &out_);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string Data() { return dir_->Join("cvault-data"); }
  static std::string Passphrase() { return Data() + ".passphrase"; }

  // The unsealed demo vault and the library over it.
  struct Opened {
    Vault vault;
    std::unique_ptr<crypto::Hasher> hasher;
    std::unique_ptr<access::SessionManager> sessions;
    std::unique_ptr<access::Accounts> accounts;
  };
  static Opened Open() {
    Opened o{std::move(*OpenAndUnseal(Data(), UnsealFlags{{}, Passphrase()})), nullptr, nullptr,
             nullptr};
    o.hasher = std::move(*crypto::NewHasher(o.vault.keyring->suite()));
    o.sessions = std::make_unique<access::SessionManager>(
        *o.hasher, *o.vault.audit, access::SessionPolicy{}, SystemClock::Get());
    o.accounts = std::make_unique<access::Accounts>(*o.vault.keyring, *o.vault.audit, *o.sessions,
                                                    access::PasswordPolicy{},
                                                    access::LockoutPolicy{}, SystemClock::Get());
    return o;
  }

  static cv::test::ScopedTempDir* dir_;
  static int exit_code_;
  static std::string out_;
};

cv::test::ScopedTempDir* DemoCommandTest::dir_ = nullptr;
int DemoCommandTest::exit_code_ = -1;
std::string DemoCommandTest::out_;

TEST_F(DemoCommandTest, PrintsEveryDemoLogin) {
  ASSERT_EQ(exit_code_, kExitOk) << out_;
  const std::map<std::string, Row> rows = ParseLogins(out_);
  const std::map<std::string, std::pair<std::string, std::string>> want = {
      {"officer", {"AGENCY", "security_officer"}},
      {"secadmin", {"AGENCY", "security_admin"}},
      {"auditor", {"AGENCY", "auditor"}},
      {"bank_admin", {"DEMO_BANK", "inst_admin"}},
      {"bank_reporter", {"DEMO_BANK", "reporter"}},
      {"bank_querier", {"DEMO_BANK", "querier"}},
      {"lender_admin", {"DEMO_LENDER", "inst_admin"}},
      {"lender_reporter", {"DEMO_LENDER", "reporter"}},
      {"lender_querier", {"DEMO_LENDER", "querier"}}};
  ASSERT_EQ(rows.size(), want.size()) << out_;
  for (const auto& [login, where] : want) {
    ASSERT_TRUE(rows.contains(login)) << login;
    EXPECT_EQ(rows.at(login).institution, where.first) << login;
    EXPECT_EQ(rows.at(login).role, where.second) << login;
  }
  EXPECT_NE(out_.find("must be changed at first login"), std::string::npos);
  EXPECT_NE(OtpauthUri(out_), "");
}

// JR/T 0117 7.5.9: upper, lower, digit and special, and no two accounts share a password.
TEST_F(DemoCommandTest, PasswordsAreStrongAndDistinct) {
  std::set<std::string> seen;
  for (const auto& [login, row] : ParseLogins(out_)) {
    const std::string& p = row.password;
    EXPECT_GE(p.size(), 16u) << login;
    EXPECT_TRUE(std::any_of(p.begin(), p.end(), ::isupper)) << login;
    EXPECT_TRUE(std::any_of(p.begin(), p.end(), ::islower)) << login;
    EXPECT_TRUE(std::any_of(p.begin(), p.end(), ::isdigit)) << login;
    EXPECT_TRUE(std::any_of(p.begin(), p.end(), ::ispunct)) << login;
    EXPECT_TRUE(seen.insert(p).second) << login;
  }
  EXPECT_EQ(seen.size(), 9u);
}

TEST_F(DemoCommandTest, PassphraseFileIsPrivate) {
  struct stat st {};
  ASSERT_EQ(::stat(Passphrase().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(DemoCommandTest, PrintedLoginsSignInAndMustChangeTheirPassword) {
  const std::map<std::string, Row> rows = ParseLogins(out_);
  ASSERT_FALSE(rows.empty()) << out_;
  Opened o = Open();
  auto seed = cv::test::OtpauthSeedForTesting(OtpauthUri(out_));
  ASSERT_TRUE(seed);
  for (const auto& [login, row] : rows) {
    auto tx = o.vault.store->Begin();
    ASSERT_TRUE(tx);
    std::optional<std::string> otp;
    if (login == "officer") otp = *access::TotpCode(*seed, SystemClock::Get().Now());
    auto outcome = o.accounts->Login(**tx, login, Secret(row.password), otp, "test");
    ASSERT_TRUE(outcome) << login << ": " << outcome.error().ToString();
    EXPECT_EQ(outcome->must_change_password, login != "officer") << login;
    ASSERT_TRUE((*tx)->Commit());
  }
}

TEST_F(DemoCommandTest, InstitutionsAreAdmitted) {
  Opened o = Open();
  access::Institutions institutions(*o.vault.audit, *o.sessions, SystemClock::Get());
  auto tx = o.vault.store->Begin(store::TxMode::kRead);
  ASSERT_TRUE(tx);
  for (const char* code : {"DEMO_BANK", "DEMO_LENDER"}) {
    auto i = institutions.Get(**tx, code);
    ASSERT_TRUE(i) << code;
    EXPECT_EQ(i->status, access::InstitutionStatus::kActive) << code;
  }
}

// What `cvault audit verify` checks: every seeding step is in a log that verifies.
TEST_F(DemoCommandTest, AuditLogVerifies) {
  auto vault = OpenVault(Data());
  ASSERT_TRUE(vault);
  auto tx = vault->store->Begin(store::TxMode::kRead);
  ASSERT_TRUE(tx);
  auto reader = audit::AuditReader::Open(**tx);
  ASSERT_TRUE(reader);
  auto report = (*reader)->Verify();
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_TRUE(report->ok) << report->problem;
  int created = 0;
  ASSERT_TRUE((*reader)->ForEachEvent({}, [&](const audit::DecodedEntry& e) -> Result<bool> {
    if (e.action == "user.create" && e.result == "ok") ++created;
    return true;
  }));
  EXPECT_EQ(created, 9);  // the officer's bootstrap and the eight demo users
}

TEST_F(DemoCommandTest, SecondRunChangesNothing) {
  const auto before = ReadSmallFile(Passphrase(), 1024);
  ASSERT_TRUE(before);
  std::string out;
  EXPECT_EQ(RunDemo({"--data", Data()}, &out), kExitOk);
  EXPECT_NE(out.find("exists already"), std::string::npos) << out;
  EXPECT_EQ(ParseLogins(out).size(), 0u);
  EXPECT_EQ(*ReadSmallFile(Passphrase(), 1024), *before);
}

TEST(DemoCommandRefusalTest, StalePassphraseFileIsNotOverwritten) {
  cv::test::ScopedTempDir dir;
  const std::string data = dir.Join("d");
  ASSERT_TRUE(WriteFileAtomic(data + ".passphrase", "keep me\n", 0600));
  std::string out;
  EXPECT_NE(RunDemo({"--data", data}, &out), kExitOk);
  EXPECT_FALSE(std::filesystem::exists(data));
  EXPECT_EQ(*ReadSmallFile(data + ".passphrase", 1024), "keep me\n");
}

}  // namespace
}  // namespace cv::cli
