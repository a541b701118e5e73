// Test-only: a real data directory with its SQLite store, an initialised and unsealed 2-of-2
// keyring and the audit log — the base every stateful test fixture (access, audit, server) stands
// on, made in one place.
//
// Thread-safety: none needed (built once per test).
#ifndef CV_AUDIT_TESTING_UNSEALED_VAULT_H_
#define CV_AUDIT_TESTING_UNSEALED_VAULT_H_

#include <memory>
#include <string>
#include <string_view>

#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/result.h"
#include "crypto/keyring/keyring.h"
#include "store/data_dir.h"
#include "store/store.h"

namespace cv::audit::test {

// Members are destroyed in reverse order: the log, then the keyring, then the store.
struct UnsealedVault {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<crypto::keyring::Keyring> keyring;
  std::unique_ptr<AuditLog> log;
};

// Creates the data directory `dir`, its keys (2 of 2 shares) and the audit log. `seed_sql` (e.g.
// institutions) runs in the transaction that initialises the keyring; the destruction ledger is
// `dir`/ledger.
inline Result<UnsealedVault> MakeUnsealedVault(const std::string& dir, const Clock& clock,
                                               std::string_view seed_sql = "") {
  CV_RETURN_IF_ERROR(store::DataDir::Create(dir));
  UnsealedVault v;
  store::StoreOptions options;
  options.url = "sqlite:" + dir + "/cvault.db";
  CV_ASSIGN_OR_RETURN(v.store, store::OpenStore(options));
  crypto::keyring::InitOptions init;
  init.custodians = 2;
  init.threshold = 2;
  crypto::keyring::UnsealInput unseal;
  {
    CV_ASSIGN_OR_RETURN(auto tx, v.store->Begin());
    CV_ASSIGN_OR_RETURN(auto outcome, crypto::keyring::Keyring::Initialize(*tx, init, clock));
    for (auto& s : outcome.share_files) unseal.shares.emplace_back("s", s.Clone());
    if (!seed_sql.empty()) CV_RETURN_IF_ERROR(tx->ExecScript(seed_sql));
    CV_RETURN_IF_ERROR(tx->Commit());
  }
  CV_ASSIGN_OR_RETURN(v.keyring,
                      crypto::keyring::Keyring::Unseal(*v.store, unseal, dir + "/ledger", clock));
  CV_ASSIGN_OR_RETURN(v.log, AuditLog::Open(*v.keyring, {}, clock));
  return v;
}

// Two active institutions for tests of institution scope.
inline constexpr std::string_view kTwoBanksSql =
    "INSERT INTO institutions VALUES ('B0001', 'Bank A', 'user', 'active', '', 'x', 'x');"
    "INSERT INTO institutions VALUES ('B0002', 'Bank B', 'user', 'active', '', 'x', 'x');";

}  // namespace cv::audit::test

#endif  // CV_AUDIT_TESTING_UNSEALED_VAULT_H_
