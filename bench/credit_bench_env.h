// Shared set-up for the credit benchmarks (issue #7): a fresh data directory (the real SQLite
// store, keyring initialised and unsealed, audit log) with DEMO_BANK registered as an active
// provider with a batch-signing key, its reporter and querier, and the demo data set's records.
//
// Thread-safety: none; the benchmarks run single-threaded.
#ifndef CV_BENCH_CREDIT_BENCH_ENV_H_
#define CV_BENCH_CREDIT_BENCH_ENV_H_

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "access/actor.h"
#include "audit/testing/unsealed_vault.h"
#include "cli/demo_dataset.h"
#include "cli/demo_load.h"
#include "common/clock.h"
#include "credit/credit_store.h"
#include "crypto/signer.h"

namespace cv::credit::bench {

inline void Check(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "credit_bench: %s failed\n", what.c_str());
    std::abort();
  }
}

// The JSON Lines records of the first subjects of seed 1 holding at least `records` records.
inline std::string DemoRecords(std::uint64_t records, std::uint64_t* count) {
  cli::DemoDataset data(1);
  std::string jsonl;
  cli::DemoSubject s;
  *count = 0;
  while (*count < records) *count += data.Next(&jsonl, &s);
  return jsonl;
}

class CreditBenchEnv {
 public:
  CreditBenchEnv() {
    dir_ = std::filesystem::temp_directory_path() /
           ("cv_credit_bench_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    auto keys = crypto::GenerateSigningKey(crypto::Suite::kGm);
    Check(static_cast<bool>(keys), "GenerateSigningKey");
    keys_ = std::move(*keys);
    auto pem = crypto::PublicKeyPem(keys_.public_key_der);
    Check(static_cast<bool>(pem), "PublicKeyPem");
    const std::string seed =
        "INSERT INTO institutions VALUES ('DEMO_BANK', 'Demo Bank', 'provider_user', 'active', '" +
        *pem + "', 'x', 'x');";
    std::filesystem::create_directories(dir_);
    auto v = audit::test::MakeUnsealedVault((dir_ / "d").string(), SystemClock::Get(), seed);
    Check(static_cast<bool>(v), "MakeUnsealedVault");
    vault_ = std::move(*v);
    credit_ = std::make_unique<CreditStore>(*vault_.keyring);
  }
  ~CreditBenchEnv() {
    credit_.reset();
    vault_.log.reset();
    vault_.keyring.reset();
    vault_.store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  cli::DemoLoadTarget Target() {
    return cli::DemoLoadTarget{*vault_.store, *credit_, *vault_.log,        SystemClock::Get(),
                               reporter_,     querier_, crypto::Suite::kGm, keys_.private_key_der};
  }

  const std::filesystem::path& dir() const { return dir_; }
  audit::test::UnsealedVault& vault() { return vault_; }
  CreditStore& credit() { return *credit_; }
  const crypto::SigningKeyPair& keys() const { return keys_; }
  const access::Actor& reporter() const { return reporter_; }
  const access::Actor& querier() const { return querier_; }

 private:
  static inline std::atomic<int> counter_{0};
  std::filesystem::path dir_;
  crypto::SigningKeyPair keys_;
  audit::test::UnsealedVault vault_;
  std::unique_ptr<CreditStore> credit_;
  access::Actor reporter_{7, "bank_reporter", "DEMO_BANK", {access::Role::kReporter}, "bench"};
  access::Actor querier_{8, "bank_querier", "DEMO_BANK", {access::Role::kQuerier}, "bench"};
};

}  // namespace cv::credit::bench

#endif  // CV_BENCH_CREDIT_BENCH_ENV_H_
