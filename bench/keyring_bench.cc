// Field encryption through the keyring (a subject's DataKey: 11-byte header + AEAD with the header
// authenticated), to compare with the raw provider calls of crypto_bench.cc (BM_RawEncrypt,
// BM_RawDecrypt) in the same run:
//   cvault_bench --benchmark_filter='BM_Field|BM_Raw(En|De)crypt'
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "common/clock.h"
#include "crypto/keyring/keyring.h"
#include "store/data_dir.h"
#include "store/store.h"

namespace cv {
namespace {

using crypto::Suite;
using crypto::keyring::DataKey;
using crypto::keyring::KeyGrade;
using crypto::keyring::Keyring;

constexpr std::string_view kAd = "subject-42/field-7";

// A keyring in a temporary data directory, and one subject's C3 data key.
class FieldBenchEnv {
 public:
  explicit FieldBenchEnv(Suite suite) {
    dir_ = std::filesystem::temp_directory_path() /
           ("cv_field_bench_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    Check(static_cast<bool>(store::DataDir::Create(dir_.string())), "DataDir::Create");
    store::StoreOptions options;
    options.url = "sqlite:" + (dir_ / "cvault.db").string();
    auto opened = store::OpenStore(options);
    Check(static_cast<bool>(opened), "OpenStore");
    store_ = std::move(*opened);
    crypto::keyring::InitOptions init;
    init.suite = suite;
    init.custodians = 2;
    init.threshold = 2;
    crypto::keyring::UnsealInput unseal;
    {
      auto tx = store_->Begin();
      auto outcome = Keyring::Initialize(**tx, init, SystemClock::Get());
      Check(static_cast<bool>(outcome) && static_cast<bool>((*tx)->Commit()), "Initialize");
      for (auto& share : outcome->share_files) unseal.shares.emplace_back("s", share.Clone());
    }
    auto keyring =
        Keyring::Unseal(*store_, unseal, (dir_ / "keys/ledger").string(), SystemClock::Get());
    Check(static_cast<bool>(keyring), "Unseal");
    keyring_ = std::move(*keyring);
    auto tx = store_->Begin();
    auto key = keyring_->DataKeyFor(**tx, "subject-42", KeyGrade::kC3);
    Check(static_cast<bool>(key) && static_cast<bool>((*tx)->Commit()), "DataKeyFor");
    key_ = std::make_unique<DataKey>(std::move(*key));
  }
  ~FieldBenchEnv() {
    key_.reset();
    keyring_.reset();
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  const DataKey& key() const { return *key_; }

 private:
  static void Check(bool ok, const char* what) {
    if (!ok) {
      std::fprintf(stderr, "keyring_bench: %s failed\n", what);
      std::abort();
    }
  }
  static inline std::atomic<int> counter_{0};
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Keyring> keyring_;
  std::unique_ptr<DataKey> key_;
};

void BM_FieldEncrypt(benchmark::State& state, Suite suite) {
  FieldBenchEnv env(suite);
  const std::string plaintext(static_cast<std::size_t>(state.range(0)), 'p');
  for (auto _ : state) {
    auto sealed = env.key().Encrypt(plaintext, kAd);
    benchmark::DoNotOptimize(sealed);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_FieldDecrypt(benchmark::State& state, Suite suite) {
  FieldBenchEnv env(suite);
  auto sealed = env.key().Encrypt(std::string(static_cast<std::size_t>(state.range(0)), 'p'), kAd);
  if (!sealed) std::abort();
  for (auto _ : state) {
    auto opened = env.key().Decrypt(*sealed, kAd);
    benchmark::DoNotOptimize(opened);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK_CAPTURE(BM_FieldEncrypt, gm, Suite::kGm)->Arg(16)->Arg(64)->Arg(1024);
BENCHMARK_CAPTURE(BM_FieldEncrypt, intl, Suite::kIntl)->Arg(16)->Arg(64)->Arg(1024);
BENCHMARK_CAPTURE(BM_FieldDecrypt, gm, Suite::kGm)->Arg(16)->Arg(64)->Arg(1024);
BENCHMARK_CAPTURE(BM_FieldDecrypt, intl, Suite::kIntl)->Arg(16)->Arg(64)->Arg(1024);

}  // namespace
}  // namespace cv
