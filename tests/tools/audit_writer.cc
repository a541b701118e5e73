// audit_writer: a test tool for the audit log's crash test (tests/e2e/audit_crash_e2e_test.cc).
//
//   audit_writer append DIR BATCH [--max N] SHARE...
//       Unseals the initialised data directory DIR with the share files and appends events in
//       batches of BATCH, one write transaction each, until killed (or until N events were
//       appended by this run). After each commit returns it prints the last acknowledged seq on a
//       line of its own and flushes stdout: every seq printed is durable (AUD-1).
//   audit_writer verify DIR
//       Runs AuditReader::Verify over DIR's log (no keys needed) and prints
//       "ok size=N events=N checkpoints=N", or "FAIL index=I: problem" and exits 1.
// Exit codes: 0 success, 1 verification failed, 2 usage, 3 any other error.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.h"
#include "audit/audit_reader.h"
#include "common/clock.h"
#include "common/file.h"
#include "common/result.h"
#include "common/secret.h"
#include "crypto/keyring/keyring.h"
#include "store/data_dir.h"
#include "store/store.h"

namespace cv::audit {
namespace {

constexpr std::size_t kMaxShareBytes = 64 * 1024;

// A store, the keyring unsealed over it and the log; destroyed in reverse order.
struct Opened {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<crypto::keyring::Keyring> keyring;
  std::unique_ptr<AuditLog> log;
};

Result<std::unique_ptr<store::Store>> OpenStoreAt(const std::string& dir) {
  CV_ASSIGN_OR_RETURN(const store::DataDir data_dir, store::DataDir::Open(dir));
  store::StoreOptions options;
  options.url = data_dir.store_url();
  return store::OpenStore(options);
}

Result<Opened> OpenLog(const std::string& dir, const std::vector<std::string>& shares) {
  Opened o;
  CV_ASSIGN_OR_RETURN(o.store, OpenStoreAt(dir));
  crypto::keyring::UnsealInput input;
  for (const std::string& path : shares) {
    CV_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path, kMaxShareBytes));
    input.shares.emplace_back(path, Secret(text));
    SecureZero(text.data(), text.size());
  }
  CV_ASSIGN_OR_RETURN(
      o.keyring, crypto::keyring::Keyring::Unseal(*o.store, input, dir + "/keys/destruction.ledger",
                                                  SystemClock::Get()));
  CV_ASSIGN_OR_RETURN(o.log, AuditLog::Open(*o.keyring, AuditOptions{}, SystemClock::Get()));
  return o;
}

// Event number `i`: a query by one of a few users, with one personal detail.
Event MakeEvent(std::uint64_t i) {
  Event e;
  e.time = SystemClock::Get().Now();
  e.actor_user = "user-" + std::to_string(i % 17);
  e.actor_institution = "B0001";
  e.client_address = "cli";
  e.action = i % 3 == 0 ? "credit.query" : "subject.update";
  e.object_type = "subject";
  e.object_id = "subj-" + std::to_string(i);
  e.AddPersonal("id_number", "11010119900307" + std::to_string(1000 + i % 9000));
  return e;
}

// Appends one batch in its own transaction; returns the last seq, durable once this returns.
Result<std::uint64_t> AppendBatch(Opened& o, std::uint64_t n, std::uint64_t counter) {
  std::vector<Event> events;
  for (std::uint64_t i = 0; i < n; ++i) events.push_back(MakeEvent(counter + i));
  CV_ASSIGN_OR_RETURN(auto tx, o.store->Begin());
  CV_ASSIGN_OR_RETURN(const std::uint64_t first, o.log->AppendAll(*tx, events));
  CV_RETURN_IF_ERROR(tx->Commit());
  return first + n - 1;
}

int Append(const std::vector<std::string>& args) {
  if (args.size() < 3) return 2;
  const std::uint64_t batch = std::strtoull(args[1].c_str(), nullptr, 10);
  std::uint64_t max = UINT64_MAX;
  std::size_t shares_at = 2;
  if (args[2] == "--max" && args.size() >= 5) {
    max = std::strtoull(args[3].c_str(), nullptr, 10);
    shares_at = 4;
  }
  if (batch == 0) return 2;
  auto opened = OpenLog(args[0], {args.begin() + static_cast<long>(shares_at), args.end()});
  if (!opened) {
    std::fprintf(stderr, "audit_writer: %s\n", opened.error().ToString().c_str());
    return 3;
  }
  for (std::uint64_t done = 0; done < max;) {
    const std::uint64_t n = std::min(batch, max - done);
    auto last = AppendBatch(*opened, n, done);
    if (!last) {
      std::fprintf(stderr, "audit_writer: %s\n", last.error().ToString().c_str());
      return 3;
    }
    std::printf("%llu\n", static_cast<unsigned long long>(*last));
    std::fflush(stdout);
    done += n;
  }
  return 0;
}

int Verify(const std::vector<std::string>& args) {
  if (args.size() != 1) return 2;
  auto store = OpenStoreAt(args[0]);
  if (!store) {
    std::fprintf(stderr, "audit_writer: %s\n", store.error().ToString().c_str());
    return 3;
  }
  auto report = [&]() -> Result<VerifyReport> {
    CV_ASSIGN_OR_RETURN(auto tx, (*store)->Begin(store::TxMode::kRead));
    CV_ASSIGN_OR_RETURN(auto reader, AuditReader::Open(*tx));
    return reader->Verify();
  }();
  if (!report) {
    std::fprintf(stderr, "audit_writer: %s\n", report.error().ToString().c_str());
    return 3;
  }
  if (!report->ok) {
    std::printf("FAIL index=%lld: %s\n",
                report->first_bad_index ? static_cast<long long>(*report->first_bad_index) : -1LL,
                report->problem.c_str());
    return 1;
  }
  std::printf("ok size=%llu events=%llu checkpoints=%llu\n",
              static_cast<unsigned long long>(report->size),
              static_cast<unsigned long long>(report->events_checked),
              static_cast<unsigned long long>(report->checkpoints_checked));
  return 0;
}

struct Mode {
  std::string_view name;
  int (*run)(const std::vector<std::string>& args);
};
constexpr Mode kModes[] = {{"append", Append}, {"verify", Verify}};

int Main(int argc, char** argv) {
  if (argc >= 2) {
    const std::vector<std::string> args(argv + 2, argv + argc);
    for (const Mode& mode : kModes) {
      if (mode.name != argv[1]) continue;
      const int code = mode.run(args);
      if (code != 2) return code;
    }
  }
  std::fprintf(stderr,
               "usage: audit_writer append DIR BATCH [--max N] SHARE...\n"
               "       audit_writer verify DIR\n");
  return 2;
}

}  // namespace
}  // namespace cv::audit

int main(int argc, char** argv) { return cv::audit::Main(argc, argv); }
