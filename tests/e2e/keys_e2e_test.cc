// End-to-end tests of `cvault init` and `cvault keys` (issue #3 interfaces; CRY-3, CRY-4).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>

#include "e2e_helpers.h"

namespace cv::e2e {
namespace {

class KeysTest : public CvaultTest {
 protected:
  // `cvault init` with 5 custodians, threshold 3, into data/ and shares/.
  void InitShares(const std::string& suite = "gm") {
    RunResult r = Run({"init", "--data", "data", "--suite", suite, "--custodians", "5",
                       "--threshold", "3", "--shares-out", "shares"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::vector<std::string> Shares(std::initializer_list<int> numbers) {
    std::vector<std::string> args;
    for (int n : numbers) {
      args.push_back("--share");
      args.push_back("shares/custodian-" + std::to_string(n) + "-of-5.share");
    }
    return args;
  }
  RunResult Keys(std::vector<std::string> args, const std::vector<std::string>& unseal = {}) {
    args.insert(args.begin(), "keys");
    args.insert(args.end(), unseal.begin(), unseal.end());
    return Run(args);
  }
  int Mode(const std::string& name) {
    struct stat st {};
    EXPECT_EQ(::stat(Path(name).c_str(), &st), 0) << name;
    return static_cast<int>(st.st_mode & 0777);
  }
};

TEST_F(KeysTest, InitWritesSharesAndPrivateDataDir) {
  InitShares();
  for (int i = 1; i <= 5; ++i) {
    const std::string share = "shares/custodian-" + std::to_string(i) + "-of-5.share";
    EXPECT_EQ(Mode(share), 0600) << share;
    EXPECT_NE(ReadFile(Path(share)).find("threshold: 3"), std::string::npos);
  }
  EXPECT_EQ(Mode("data"), 0700);
  EXPECT_EQ(Mode("data/keys"), 0700);
  EXPECT_EQ(Mode("data/cvault.db"), 0600);
  EXPECT_EQ(Mode("shares"), 0700);
}

TEST_F(KeysTest, InitIsRefusedOnANonEmptyDataDir) {
  fs::create_directories(Path("data"));
  Write("data/precious.txt", "keep me");
  RunResult r = Run({"init", "--data", "data", "--custodians", "3", "--threshold", "2",
                     "--shares-out", "shares"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("not empty"), std::string::npos) << r.err;
  EXPECT_EQ(ReadFile(Path("data/precious.txt")), "keep me");
  EXPECT_FALSE(fs::exists(Path("shares")));
}

TEST_F(KeysTest, InitRefusesSharesInsideTheDataDir) {
  RunResult r = Run({"init", "--data", "data", "--custodians", "3", "--threshold", "2",
                     "--shares-out", "data/shares"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("must not be inside"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(Path("data")));
}

TEST_F(KeysTest, Cry3RotateNeedsThresholdShares) {
  InitShares();
  RunResult too_few = Keys({"rotate", "--data", "data", "--grade", "C2"}, Shares({1, 4}));
  EXPECT_EQ(too_few.exit_code, 1);
  EXPECT_NE(too_few.err.find("2 share(s) given, 3 needed"), std::string::npos) << too_few.err;
  RunResult ok = Keys({"rotate", "--data", "data", "--grade", "C2"}, Shares({1, 4, 5}));
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("v2 is now primary"), std::string::npos) << ok.out;
}

TEST_F(KeysTest, Cry4StatusShowsRotationAndRewrapRetiresOldVersion) {
  InitShares("intl");
  ASSERT_EQ(Keys({"rotate", "--data", "data", "--grade", "C3"}, Shares({1, 2, 3})).exit_code, 0);
  RunResult before = Keys({"status", "--data", "data", "--json"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  auto status = nlohmann::json::parse(before.out);
  EXPECT_EQ(status["suite"], "intl");
  EXPECT_EQ(status["threshold"], 3);
  int c3_versions = 0;
  for (const auto& v : status["versions"]) {
    if (v["purpose"] == "kek" && v["grade"] == "C3") {
      ++c3_versions;
      EXPECT_EQ(v["state"], v["version"] == 2 ? "primary" : "active");
    }
  }
  EXPECT_EQ(c3_versions, 2);
  RunResult rewrap = Keys({"rewrap", "--data", "data", "--grade", "C3"}, Shares({2, 3, 5}));
  ASSERT_EQ(rewrap.exit_code, 0) << rewrap.err;
  EXPECT_NE(rewrap.out.find("C3: v1 retired"), std::string::npos) << rewrap.out;
  auto after = nlohmann::json::parse(Keys({"status", "--data", "data", "--json"}).out);
  for (const auto& v : after["versions"]) {
    if (v["purpose"] == "kek" && v["grade"] == "C3" && v["version"] == 1) {
      EXPECT_EQ(v["state"], "retired");
    }
  }
}

TEST_F(KeysTest, PassphraseModeUnsealsWithTheRightPassphraseOnly) {
  Write("pass.txt", "a passphrase long enough\n");
  Write("wrong.txt", "another passphrase entirely\n");
  RunResult init = Run({"init", "--data", "data", "--passphrase-file", "pass.txt"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_EQ(Mode("data/keys/root.sealed"), 0600);
  EXPECT_EQ(ReadFile(Path("data/keys/root.sealed")).find("a passphrase"), std::string::npos);
  RunResult ok =
      Keys({"rotate", "--data", "data", "--grade", "C1", "--passphrase-file", "pass.txt"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  RunResult bad =
      Keys({"rotate", "--data", "data", "--grade", "C1", "--passphrase-file", "wrong.txt"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("does not unseal"), std::string::npos) << bad.err;
  EXPECT_EQ(bad.err.find("another passphrase"), std::string::npos);
}

TEST_F(KeysTest, DamagedShareFileIsNamedInTheError) {
  InitShares();
  std::string text = ReadFile(Path("shares/custodian-2-of-5.share"));
  text.replace(text.find("threshold: 3"), 12, "threshold: 2");
  Write("shares/custodian-2-of-5.share", text);
  RunResult r = Keys({"rotate", "--data", "data", "--grade", "C1"}, Shares({1, 2, 3}));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("custodian-2-of-5.share"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("checksum"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace cv::e2e

namespace cv::e2e {
namespace {

using BootstrapTest = CvaultTest;

TEST_F(BootstrapTest, InitCreatesTheFirstSecurityOfficerWithTotp) {
  Write("pw.txt", "Chief#2026pw!\n");
  RunResult r = Run({"init", "--data", "data", "--custodians", "3", "--threshold", "2",
                     "--shares-out", "shares", "--admin-user", "zhang.officer",
                     "--admin-password-file", "pw.txt", "--admin-totp-out", "totp.uri"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string uri = ReadFile(Path("totp.uri"));
  EXPECT_EQ(uri.rfind("otpauth://totp/CreditVault:zhang.officer?secret=", 0), 0u) << uri;
  EXPECT_EQ(r.out.find("otpauth://"), std::string::npos);  // Written to the file only.
  RunResult events = Run({"audit", "events", "--data", "data", "--action", "user.create"});
  ASSERT_EQ(events.exit_code, 0) << events.err;
  EXPECT_NE(events.out.find("zhang.officer"), std::string::npos);
  EXPECT_EQ(Run({"audit", "verify", "--data", "data"}).exit_code, 0);
}

TEST_F(BootstrapTest, Acc3WeakAdminPasswordIsRefusedAndNothingIsLeft) {
  Write("pw.txt", "zhangwei2024\n");
  RunResult r =
      Run({"init", "--data", "data", "--custodians", "3", "--threshold", "2", "--shares-out",
           "shares", "--admin-user", "zhangwei", "--admin-password-file", "pw.txt"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("password rule"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("zhangwei2024"), std::string::npos);
  EXPECT_FALSE(fs::exists(Path("data")));
  EXPECT_FALSE(fs::exists(Path("shares")));
}

}  // namespace
}  // namespace cv::e2e
