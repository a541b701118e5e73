// Shared set-up for the audit log benchmarks (issue #4): a real data directory (SQLite file in WAL
// mode with synchronous=FULL, keyring initialised with 2-of-3 custodian shares and unsealed, as
// `cvault init` leaves it), an AuditLog over it, and a generator of realistic events.
//
// Thread-safety: none; the benchmarks run single-threaded.
#ifndef CV_BENCH_AUDIT_BENCH_ENV_H_
#define CV_BENCH_AUDIT_BENCH_ENV_H_

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "audit/event.h"
#include "common/clock.h"
#include "common/result.h"
#include "crypto/keyring/keyring.h"
#include "store/data_dir.h"
#include "store/store.h"

namespace cv::audit::bench {

// Prints `what` and the error, then aborts: a benchmark cannot go on without its set-up.
[[noreturn]] inline void Die(const std::string& what, const Error& e) {
  std::fprintf(stderr, "audit_bench: %s: %s\n", what.c_str(), e.ToString().c_str());
  std::abort();
}

template <typename T>
T Must(Result<T> r, const std::string& what) {
  if (!r) Die(what, r.error());
  return std::move(*r);
}

inline void Must(const Status& s, const std::string& what) {
  if (!s) Die(what, s.error());
}

// Event `i` of a plausible workload: 500 users of 40 institutions querying and updating
// subjects; one personal detail (a resident ID, hashed with the audit key, AUD-3) and one plain
// detail per event; one in 50 denied. The entry is about 400 bytes.
inline Event MakeBenchEvent(std::uint64_t i, TimePoint time) {
  static const char* const kActions[] = {"credit.query", "credit.report.view", "subject.update",
                                         "consent.grant", "credit.query"};
  Event e;
  e.time = time;
  e.actor_user = "user-" + std::to_string(i * 7919 % 500);
  e.actor_institution = "B" + std::to_string(1000 + i % 40);
  e.client_address = "10.1." + std::to_string(i % 250) + "." + std::to_string(i / 250 % 250);
  e.action = kActions[i % 5];
  e.object_type = "subject";
  e.object_id = "subj-" + std::to_string(10'000'000 + i * 104729 % 9'000'000);
  if (i % 50 == 49) {
    e.result = Outcome::kDenied;
    e.reason = "no consent on record for this purpose";
  }
  e.Add("purpose", "loan-approval");
  e.AddPersonal("id_number", "110101199003" + std::to_string(100000 + i % 900000));
  return e;
}

// `count` events starting at number `first`, 1 ms apart.
inline std::vector<Event> MakeBenchEvents(std::uint64_t first, std::size_t count) {
  const TimePoint start = TimePoint(std::chrono::seconds(1'790'000'000));
  std::vector<Event> events;
  events.reserve(count);
  for (std::uint64_t i = first; i < first + count; ++i) {
    events.push_back(MakeBenchEvent(i, start + std::chrono::milliseconds(i)));
  }
  return events;
}

// A data directory with an unsealed keyring and an audit log. Removed on destruction unless
// keep() was called.
class BenchVault {
 public:
  // Creates a new data directory at `path` (it must not exist) with the `suite` keyring.
  static std::unique_ptr<BenchVault> Create(const std::string& path,
                                            crypto::Suite suite = crypto::Suite::kGm,
                                            AuditOptions options = {}) {
    auto vault = std::unique_ptr<BenchVault>(new BenchVault(path));
    const store::DataDir dir = Must(store::DataDir::Create(path), "create " + path);
    store::StoreOptions store_options;
    store_options.url = dir.store_url();
    vault->store_ = Must(store::OpenStore(store_options), "open store");
    crypto::keyring::InitOptions init;
    init.suite = suite;
    init.custodians = 3;
    init.threshold = 2;
    crypto::keyring::UnsealInput unseal;
    {
      auto tx = Must(vault->store_->Begin(), "begin");
      auto outcome = Must(crypto::keyring::Keyring::Initialize(*tx, init, SystemClock::Get()),
                          "initialize keyring");
      Must(tx->Commit(), "commit keyring");
      for (int i = 0; i < 2; ++i) {
        unseal.shares.emplace_back("share", outcome.share_files[i].Clone());
      }
    }
    vault->keyring_ = Must(
        crypto::keyring::Keyring::Unseal(
            *vault->store_, unseal, dir.keys_dir() + "/destruction.ledger", SystemClock::Get()),
        "unseal");
    vault->log_ = Must(AuditLog::Open(*vault->keyring_, options, SystemClock::Get()), "open log");
    return vault;
  }

  ~BenchVault() {
    log_.reset();
    keyring_.reset();
    store_.reset();
    if (!keep_) {
      std::error_code ec;
      std::filesystem::remove_all(path_, ec);
    }
  }

  // Appends `events` in one write transaction and commits it (durable on return).
  Status AppendBatch(std::span<const Event> events) {
    CV_ASSIGN_OR_RETURN(auto tx, store_->Begin());
    CV_RETURN_IF_ERROR(log_->AppendAll(*tx, events));
    return tx->Commit();
  }

  void keep() { keep_ = true; }
  const std::string& path() const { return path_; }
  store::Store& store() { return *store_; }
  crypto::keyring::Keyring& keyring() { return *keyring_; }
  AuditLog& log() { return *log_; }

 private:
  explicit BenchVault(std::string path) : path_(std::move(path)) {}

  std::string path_;
  bool keep_ = false;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<crypto::keyring::Keyring> keyring_;
  std::unique_ptr<AuditLog> log_;
};

// Bytes this process has passed to write(2) and friends so far (/proc/self/io "wchar"): with
// SQLite, the WAL frames and the checkpoint copies. 0 when unavailable.
inline std::uint64_t BytesWritten() {
  std::FILE* f = std::fopen("/proc/self/io", "r");
  if (f == nullptr) return 0;
  unsigned long long value = 0;
  char key[32];
  while (std::fscanf(f, "%31s %llu", key, &value) == 2) {
    if (std::string_view(key) == "wchar:") break;
  }
  std::fclose(f);
  return value;
}

// A fresh, unique path under the system temporary directory (not created).
inline std::string TempPath(const std::string& stem) {
  static int counter = 0;
  return (std::filesystem::temp_directory_path() / ("cv_audit_bench_" + std::to_string(::getpid()) +
                                                    "_" + stem + "_" + std::to_string(counter++)))
      .string();
}

}  // namespace cv::audit::bench

#endif  // CV_BENCH_AUDIT_BENCH_ENV_H_
