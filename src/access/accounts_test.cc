// Accounts: bootstrap, who manages whom, separation of duties at creation, lockout, second
// factor, password change and deactivation (ACC-1, ACC-3..7).
#include "access/accounts.h"

#include <gtest/gtest.h>

#include "access/totp.h"
#include "common/testing/scoped_temp_dir.h"
#include "store/data_dir.h"

namespace cv::access {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr char kOfficerPassword[] = "Chief#2026pw!";

// RFC 4648 section 6 base32 (unpadded) to bytes: test-only, to read the seed out of an otpauth URI.
Result<Secret> Base32DecodeForTesting(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
    if (v < 0) return Fail(ErrorCode::kInvalidArgument, "not base32");
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return Secret(out);
}

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store::DataDir::Create(dir_.Join("d")));
    store::StoreOptions options;
    options.url = "sqlite:" + dir_.Join("d/cvault.db");
    store_ = std::move(*store::OpenStore(options));
    crypto::keyring::InitOptions init;
    init.custodians = 2;
    init.threshold = 2;
    crypto::keyring::UnsealInput unseal;
    {
      auto tx = store_->Begin();
      auto outcome = crypto::keyring::Keyring::Initialize(**tx, init, clock_);
      ASSERT_TRUE(outcome);
      for (auto& s : outcome->share_files) unseal.shares.emplace_back("s", s.Clone());
      ASSERT_TRUE((*tx)->ExecScript(
          "INSERT INTO institutions VALUES ('B0001', 'Bank A', 'user', 'active', '', 'x', 'x');"
          "INSERT INTO institutions VALUES ('B0002', 'Bank B', 'user', 'active', '', 'x', 'x');"));
      ASSERT_TRUE((*tx)->Commit());
    }
    keyring_ =
        std::move(*crypto::keyring::Keyring::Unseal(*store_, unseal, dir_.Join("l"), clock_));
    hasher_ = std::move(*crypto::NewHasher(keyring_->suite()));
    log_ = std::move(*audit::AuditLog::Open(*keyring_, {}, clock_));
    sessions_ = std::make_unique<SessionManager>(*hasher_, *log_, SessionPolicy{}, clock_);
    PasswordPolicy fast;  // The rules as in production; a cheap Argon2 cost for tests.
    fast.argon2_iterations = 1;
    fast.argon2_memory_kib = 8;
    accounts_ =
        std::make_unique<Accounts>(*keyring_, *log_, *sessions_, fast, LockoutPolicy{}, clock_);
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
          tx, by, NewUser{login, login, institution, roles, Secret("Initial#Pass1")});
    });
  }

  int Events(std::string_view action, std::string_view result) {
    auto tx = store_->Begin(store::TxMode::kRead);
    auto row =
        (*tx)->QueryOne("SELECT count(*) FROM audit_events WHERE action = ?1 AND result = ?2",
                        {store::Text(action), store::Text(result)});
    return static_cast<int>((*row)->Int(0).value_or(-1));
  }

  test::ScopedTempDir dir_;
  FakeClock clock_{TimePoint(seconds(1'790'000'010))};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<crypto::keyring::Keyring> keyring_;
  std::unique_ptr<crypto::Hasher> hasher_;
  std::unique_ptr<audit::AuditLog> log_;
  std::unique_ptr<SessionManager> sessions_;
  std::unique_ptr<Accounts> accounts_;
  std::string otpauth_;
};

TEST_F(AccountsTest, BootstrapHappensOnce) {
  auto again = InTx([&](store::Tx& tx) {
    return accounts_->Bootstrap(tx, "other", "Other", Secret("Another#Pass9"));
  });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(otpauth_.rfind("otpauth://totp/CreditVault:officer?secret=", 0), 0u) << otpauth_;
}

TEST_F(AccountsTest, Acc5EnrolledOfficerNeedsTheCodeAndReplaysAreRefused) {
  EXPECT_FALSE(Login("officer", kOfficerPassword));
  const std::string code = OfficerCode(clock_.Now());
  auto ok = Login("officer", kOfficerPassword, code);
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_FALSE(ok->must_change_password);
  EXPECT_FALSE(Login("officer", kOfficerPassword, code));  // Same code again: replay.
}

TEST_F(AccountsTest, Acc5SeedIsStoredEncrypted) {
  auto tx = store_->Begin(store::TxMode::kRead);
  auto row = (*tx)->QueryOne("SELECT totp_seed FROM users WHERE login = 'officer'");
  ASSERT_TRUE(row && *row);
  const std::string stored = *(*row)->Blob(0);
  EXPECT_EQ(static_cast<std::uint8_t>(stored[2]), 3u);  // A C3 field ciphertext.
  const std::size_t at = otpauth_.find("secret=") + 7;
  auto seed = Base32DecodeForTesting(otpauth_.substr(at, otpauth_.find('&', at) - at));
  EXPECT_EQ(stored.find(seed->View(SecretAccess::Get())), std::string::npos);
}

TEST_F(AccountsTest, Acc4FifthFailureLocksForThirtyMinutes) {
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(Login("officer", "Wrong#Password1"));
  EXPECT_EQ(Events("auth.lock", "ok"), 1);
  EXPECT_FALSE(Login("officer", kOfficerPassword, OfficerCode(clock_.Now())));  // Locked.
  clock_.Advance(minutes(30) + seconds(1));
  EXPECT_TRUE(Login("officer", kOfficerPassword, OfficerCode(clock_.Now())));
}

TEST_F(AccountsTest, Acc4UnknownUserFailsTheSameWayAndIsAudited) {
  auto r = Login("nobody", "Whatever#123");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(), "login failed");
  auto wrong = Login("officer", "Whatever#123");
  EXPECT_EQ(wrong.error().message(), r.error().message());
  EXPECT_EQ(Events("auth.login", "denied"), 2);
}

TEST_F(AccountsTest, OfficerCreatesAnInstitutionsFirstAdminOnly) {
  EXPECT_TRUE(Create(Officer(), "admin-a", "B0001", {Role::kInstAdmin}));
  auto querier = Create(Officer(), "q-a", "B0001", {Role::kQuerier});
  ASSERT_FALSE(querier);
  EXPECT_EQ(querier.error().code(), ErrorCode::kPermissionDenied);
}

TEST_F(AccountsTest, InstAdminManagesOnlyItsOwnInstitutionAndNoAdmins) {
  auto admin = Create(Officer(), "admin-a", "B0001", {Role::kInstAdmin});
  ASSERT_TRUE(admin);
  Actor a{*admin, "admin-a", "B0001", {Role::kInstAdmin}, "ip"};
  EXPECT_TRUE(Create(a, "q-a", "B0001", {Role::kQuerier}));
  EXPECT_FALSE(Create(a, "q-b", "B0002", {Role::kQuerier}));
  EXPECT_FALSE(Create(a, "admin-a2", "B0001", {Role::kInstAdmin}));
  EXPECT_GE(Events("user.create", "denied"), 2);
}

TEST_F(AccountsTest, Acc1ConflictingRolesAreRefusedAtCreation) {
  auto admin = Create(Officer(), "admin-a", "B0001", {Role::kInstAdmin});
  Actor a{*admin, "admin-a", "B0001", {Role::kInstAdmin}, "ip"};
  auto both = Create(a, "rq", "B0001", {Role::kReporter, Role::kQuerier});
  ASSERT_FALSE(both);
  EXPECT_EQ(both.error().code(), ErrorCode::kPermissionDenied);
}

TEST_F(AccountsTest, Acc3NewUserMustChangePasswordAndCannotReuseIt) {
  auto admin = Create(Officer(), "admin-a", "B0001", {Role::kInstAdmin});
  Actor a{*admin, "admin-a", "B0001", {Role::kInstAdmin}, "ip"};
  ASSERT_TRUE(Create(a, "q-a", "B0001", {Role::kQuerier}));
  auto first = Login("q-a", "Initial#Pass1");
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_TRUE(first->must_change_password);
  EXPECT_FALSE(first->must_enrol_second_factor);  // Not mandatory for queriers.
  SessionInfo session =
      *InTx([&](store::Tx& tx) { return sessions_->Check(tx, first->session.token); });
  auto reuse = InTx([&](store::Tx& tx) {
    return accounts_->ChangePassword(tx, session, Secret("Initial#Pass1"), Secret("Initial#Pass1"));
  });
  EXPECT_FALSE(reuse);
  EXPECT_TRUE(InTx([&](store::Tx& tx) {
    return accounts_->ChangePassword(tx, session, Secret("Initial#Pass1"), Secret("Brand#New2pw"));
  }));
  EXPECT_FALSE(Login("q-a", "Initial#Pass1"));
  auto again = Login("q-a", "Brand#New2pw");
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->must_change_password);
}

TEST_F(AccountsTest, Acc5InstAdminIsEnrolledAtFirstLogin) {
  ASSERT_TRUE(Create(Officer(), "admin-a", "B0001", {Role::kInstAdmin}));
  auto first = Login("admin-a", "Initial#Pass1");
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_TRUE(first->must_enrol_second_factor);
  ASSERT_TRUE(first->otpauth_uri.has_value());
}

TEST_F(AccountsTest, Acc7DeactivationEndsSessionsAndLogins) {
  auto admin = Create(Officer(), "admin-a", "B0001", {Role::kInstAdmin});
  Actor a{*admin, "admin-a", "B0001", {Role::kInstAdmin}, "ip"};
  auto id = Create(a, "q-a", "B0001", {Role::kQuerier});
  auto login = Login("q-a", "Initial#Pass1");
  ASSERT_TRUE(login);
  ASSERT_TRUE(InTx([&](store::Tx& tx) { return accounts_->Deactivate(tx, a, *id, "left"); }));
  EXPECT_FALSE(InTx([&](store::Tx& tx) { return sessions_->Check(tx, login->session.token); }));
  EXPECT_FALSE(Login("q-a", "Initial#Pass1"));
  auto tx = store_->Begin();
  EXPECT_FALSE((*tx)->Exec("DELETE FROM users WHERE login = 'q-a'"));  // Never deleted.
}

}  // namespace
}  // namespace cv::access
