// The cost of checking a session token (ACC-6), as every authenticated request pays it: one write
// transaction of the store (SQLite in WAL mode, synchronous=FULL, as `cvault init` leaves it)
// holding SessionManager::Check — hash the token, look the session and its user up, restart the
// idle timer — and committed before the check counts. 1,000 users each hold one open session.
//   BM_SessionCheck             a valid token, a different session each time (round robin)
//   BM_SessionCheckUnknownToken a token that matches no session (refused, nothing to write)
// Run: cvault_bench --benchmark_filter=SessionCheck (figures in README.md).
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "access/session.h"
#include "audit_bench_env.h"
#include "crypto/hasher.h"

namespace cv::access {
namespace {

using audit::bench::BenchVault;
using audit::bench::Must;

constexpr int kSessions = 1000;

// A data directory with 1,000 users of one institution, each with one open session.
class SessionBenchEnv {
 public:
  SessionBenchEnv() {
    vault_ = BenchVault::Create(audit::bench::TempPath("session"));
    hasher_ = Must(crypto::NewHasher(vault_->keyring().suite()), "hasher");
    sessions_ = std::make_unique<SessionManager>(*hasher_, vault_->log(), SessionPolicy{},
                                                 SystemClock::Get());
    auto tx = Must(vault_->store().Begin(), "begin");
    Must(tx->Exec("INSERT INTO institutions VALUES ('B0001', 'Bank', 'user', 'active', '', "
                  "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"),
         "institution");
    for (int i = 1; i <= kSessions; ++i) {
      Must(tx->Exec("INSERT INTO users (id, login, institution, display_name, status, "
                    "password_hash, password_changed_us, must_change_password, created_us) "
                    "VALUES (?1, ?2, 'B0001', 'User', 'active', 'h', 0, 0, 0)",
                    {store::Int(i), store::Text("user-" + std::to_string(i))}),
           "user");
      NewSession s = Must(sessions_->Start(*tx, i, {Role::kReporter}, "10.0.0.1", true), "start");
      tokens_.push_back(std::move(s.token));
    }
    Must(tx->Commit(), "commit");
  }

  // One request's check: its own transaction, committed. True when the session was valid.
  bool CheckOnce(const Secret& token) {
    auto tx = Must(vault_->store().Begin(), "begin");
    const bool valid = static_cast<bool>(sessions_->Check(*tx, token));
    Must(tx->Commit(), "commit");
    return valid;
  }

  const Secret& token(std::size_t i) const { return tokens_[i % tokens_.size()]; }

 private:
  std::unique_ptr<BenchVault> vault_;
  std::unique_ptr<crypto::Hasher> hasher_;
  std::unique_ptr<SessionManager> sessions_;
  std::vector<Secret> tokens_;
};

SessionBenchEnv& Env() {
  static SessionBenchEnv env;  // Shared by both benchmarks; its directory is removed at exit.
  return env;
}

void BM_SessionCheck(benchmark::State& state) {
  SessionBenchEnv& env = Env();
  std::size_t i = 0;
  for (auto _ : state) {
    if (!env.CheckOnce(env.token(i++))) {
      state.SkipWithError("a valid session was refused");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SessionCheck)->UseRealTime();

void BM_SessionCheckUnknownToken(benchmark::State& state) {
  SessionBenchEnv& env = Env();
  const Secret unknown("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  for (auto _ : state) {
    if (env.CheckOnce(unknown)) {
      state.SkipWithError("an unknown token was accepted");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SessionCheckUnknownToken)->UseRealTime();

}  // namespace
}  // namespace cv::access
