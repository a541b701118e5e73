// The fixture of the end-to-end tests that drive a real `cvault serve` (issue #6, issue #7): a
// fresh data directory with an agency officer, the server started on a free port, a TLS client,
// and helpers to admit institutions and bring users to a full session (first login, TOTP
// enrolment, password change). Used by server_e2e_test.cc and credit_e2e_test.cc.
//
// Thread-safety: none needed; one test at a time.
#ifndef CV_TESTS_E2E_SERVER_FIXTURE_H_
#define CV_TESTS_E2E_SERVER_FIXTURE_H_

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "access/totp.h"
#include "common/clock.h"
#include "common/testing/base32.h"
#include "e2e_helpers.h"
#include "server/client.h"

namespace cv::e2e {

using nlohmann::json;

inline constexpr char kOfficerPassword[] = "Chief#2026pw";
inline constexpr char kInitialPassword[] = "Initial#Pass1";
inline constexpr char kFreshPassword[] = "Fresh#Pass22";
inline constexpr char kCert[] = "data/tls/server.crt";

// A TOTP code never used before: the current step's, or the next step's when the current one is
// spent (the server accepts one step either side and refuses replays). Needs no wait as long as
// a test asks for at most two codes per seed within one 30-second step.
inline std::string FreshCode(const Secret& seed, std::int64_t& last_step) {
  const std::int64_t now = access::TotpStep(SystemClock::Get().Now());
  const std::int64_t step = std::max(now, last_step + 1);
  EXPECT_LE(step, now + 1) << "a third code in one step would be refused: fix the test";
  last_step = step;
  auto code = access::TotpCodeForStep(seed, step);
  EXPECT_TRUE(code) << code.error().ToString();
  return code ? *code : "";
}

inline json Body(const server::ClientResponse& r) { return json::parse(r.body, nullptr, false); }

inline std::string ErrorCodeOf(const server::ClientResponse& r) {
  const json b = Body(r);
  return b.is_object() && b.contains("error") ? b["error"].value("code", "") : "";
}

class ServerTest : public CvaultTest {
 protected:
  void SetUp() override {
    CvaultTest::SetUp();
    Write("pp", "a passphrase long enough for the vault\n");
    Write("pw", std::string(kOfficerPassword) + "\n");
    RunResult init =
        Run({"init", "--data", "data", "--passphrase-file", "pp", "--kdf-memory-mib", "19",
             "--admin-user", "officer", "--admin-password-file", "pw", "--admin-totp-out", "totp"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    auto seed = test::OtpauthSeedForTesting(ReadFile(Path("totp")));
    ASSERT_TRUE(seed);
    officer_seed_ = std::move(*seed);
  }

  void TearDown() override {
    if (server_pid_ > 0) {
      const RunResult stopped = StopServer();
      EXPECT_EQ(stopped.exit_code, 0) << stopped.err;
    }
    CvaultTest::TearDown();
  }

  // Starts `cvault serve` on a free port with `config` as data/cvault.toml and waits for its
  // "listening on" line; connects client().
  void StartServer(const std::string& config = "") {
    if (!config.empty()) Write("data/cvault.toml", config);
    server_out_.clear();  // a restart must not find the last run's "listening on" line
    std::vector<std::string> args{CV_BINARY,           "serve", "--data",   "data",
                                  "--passphrase-file", "pp",    "--listen", "127.0.0.1:0"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out[2];
    ASSERT_EQ(::pipe2(out, O_CLOEXEC), 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, Path("serve.stderr").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addchdir_np(&fa, dir_.c_str());
    const int rc = ::posix_spawn(&server_pid_, CV_BINARY, &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    ::close(out[1]);
    server_out_fd_ = out[0];
    if (rc != 0) server_pid_ = -1;
    ASSERT_EQ(rc, 0) << "posix_spawn cvault serve";
    constexpr std::string_view kListening = "listening on https://";
    ASSERT_TRUE(ReadUntil(kListening, std::chrono::seconds(60)))
        << server_out_ << ReadFile(Path("serve.stderr"));
    const std::size_t at = server_out_.find(kListening) + kListening.size();
    url_ = "https://" + server_out_.substr(at, server_out_.find('\n', at) - at);
    port_ = url_.substr(url_.rfind(':') + 1);
    EXPECT_NE(server_out_.find("self-signed certificate"), std::string::npos) << server_out_;
    client_ = NewClient();
    ASSERT_NE(client_, nullptr);
  }

  // SIGTERM, then the exit status and everything the server printed.
  RunResult StopServer() {
    RunResult r;
    client_.reset();
    ::kill(server_pid_, SIGTERM);
    r.timed_out = !Drain(server_out_fd_, &server_out_,
                         std::chrono::steady_clock::now() + std::chrono::seconds(30));
    if (r.timed_out) ::kill(server_pid_, SIGKILL);
    ::close(server_out_fd_);
    int status = 0;
    while (::waitpid(server_pid_, &status, 0) < 0 && errno == EINTR) {
    }
    server_pid_ = -1;
    if (!r.timed_out && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    r.out = server_out_;
    r.err = ReadFile(Path("serve.stderr"));
    return r;
  }

  std::unique_ptr<server::HttpsClient> NewClient(int max_tls_version = 0) {
    auto client = server::HttpsClient::Connect({url_, Path(kCert).string(), max_tls_version});
    EXPECT_TRUE(client) << client.error().ToString();
    return client ? std::move(*client) : nullptr;
  }

  server::ClientResponse Send(std::string_view method, std::string_view target,
                              std::string_view body = {}, std::string_view token = {}) {
    if (client_ == nullptr) {
      ADD_FAILURE() << "no server";
      return {};
    }
    auto r = client_->Request(method, target, body, token);
    EXPECT_TRUE(r) << method << " " << target << ": " << r.error().ToString();
    return r ? *r : server::ClientResponse{};
  }
  server::ClientResponse SendJson(std::string_view method, std::string_view target,
                                  const json& body, std::string_view token = {}) {
    return Send(method, target, body.dump(), token);
  }

  server::ClientResponse LoginAnswer(const std::string& user, const std::string& password,
                                     const std::string& otp = "") {
    json body{{"username", user}, {"password", password}};
    if (!otp.empty()) body["otp"] = otp;
    return SendJson("POST", "/api/v1/sessions", body);
  }

  std::string LoginOfficer() {
    const server::ClientResponse r =
        LoginAnswer("officer", kOfficerPassword, FreshCode(officer_seed_, officer_step_));
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r).value("token", "");
  }

  // Registers institution `code` and admits it, as the officer.
  void AdmitInstitution(const std::string& officer, const std::string& code) {
    const server::ClientResponse c =
        SendJson("POST", "/api/v1/institutions",
                 json{{"code", code}, {"name", "Bank " + code}, {"kind", "user"}}, officer);
    ASSERT_EQ(c.status, 201) << c.body;
    const server::ClientResponse a = SendJson("POST", "/api/v1/institutions/" + code + "/status",
                                              json{{"status", "active"}}, officer);
    ASSERT_EQ(a.status, 200) << a.body;
    EXPECT_EQ(Body(a)["status"], "active");
  }

  void CreateUser(const std::string& creator, const std::string& login,
                  const std::string& institution, const std::vector<std::string>& roles) {
    const server::ClientResponse c = SendJson("POST", "/api/v1/users",
                                              json{{"username", login},
                                                   {"institution", institution},
                                                   {"roles", roles},
                                                   {"password", kInitialPassword}},
                                              creator);
    EXPECT_EQ(c.status, 201) << c.body;
  }

  // Creates `login` as `creator` and brings it to a full session: first login, TOTP enrolment
  // when offered, password change. Returns the session's token.
  std::string ReadyUser(const std::string& creator, const std::string& login,
                        const std::string& institution, const std::vector<std::string>& roles) {
    CreateUser(creator, login, institution, roles);
    const server::ClientResponse l = LoginAnswer(login, kInitialPassword);
    EXPECT_EQ(l.status, 201) << l.body;
    const json answer = Body(l);
    const std::string token = answer.value("token", "");
    if (answer.contains("totp_enrollment")) {
      auto seed = test::OtpauthSeedForTesting(answer["totp_enrollment"].get<std::string>());
      EXPECT_TRUE(seed);
      std::int64_t step = -1;
      const server::ClientResponse t = SendJson("POST", "/api/v1/sessions/current/totp",
                                                json{{"otp", FreshCode(*seed, step)}}, token);
      EXPECT_EQ(t.status, 200) << t.body;
    }
    const server::ClientResponse p =
        SendJson("POST", "/api/v1/sessions/current/password",
                 json{{"old_password", kInitialPassword}, {"new_password", kFreshPassword}}, token);
    EXPECT_EQ(p.status, 200) << p.body;
    return token;
  }

  // An officer session, institution B0001 admitted and its administrator `bankadmin` ready.
  std::string ReadyBankAdmin() {
    const std::string officer = LoginOfficer();
    AdmitInstitution(officer, "B0001");
    return ReadyUser(officer, "bankadmin", "B0001", {"inst_admin"});
  }

  // `cvault audit events args...` (the server must be stopped first).
  std::vector<json> AuditEvents(const std::vector<std::string>& args = {}) {
    std::vector<std::string> full{"audit", "events", "--data", "data"};
    full.insert(full.end(), args.begin(), args.end());
    RunResult r = Run(full);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return JsonLines(r.out);
  }

  // Reads the server's stdout until `needle` and the end of its line have arrived.
  bool ReadUntil(std::string_view needle, std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buf[4096];
    while (true) {
      const std::size_t at = server_out_.find(needle);
      if (at != std::string::npos && server_out_.find('\n', at) != std::string::npos) return true;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{server_out_fd_, POLLIN, 0};
      const int rc = ::poll(&p, 1, static_cast<int>(left.count()));
      if (rc < 0 && errno == EINTR) continue;
      if (rc <= 0) return false;
      const ssize_t n = ::read(server_out_fd_, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;  // the server exited
      server_out_.append(buf, static_cast<std::size_t>(n));
    }
  }

  // `openssl s_client` offering only `version_flag` (e.g. "-tls1_1"), with the client's own
  // security level lowered so that any refusal is the server's.
  RunResult SClient(const std::string& version_flag) {
    return RunProgram("/usr/bin/openssl",
                      {"s_client", "-connect", "127.0.0.1:" + port_, version_flag, "-CAfile", kCert,
                       "-cipher", "DEFAULT:@SECLEVEL=0"},
                      dir_, std::chrono::seconds(20));
  }

  Secret officer_seed_;
  std::int64_t officer_step_ = -1;
  pid_t server_pid_ = -1;
  int server_out_fd_ = -1;
  std::string server_out_;
  std::string url_;
  std::string port_;
  std::unique_ptr<server::HttpsClient> client_;
};

}  // namespace cv::e2e

#endif  // CV_TESTS_E2E_SERVER_FIXTURE_H_
