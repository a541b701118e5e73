// Seeder: the access library objects `cvault demo` and `cvault demo load` act through over an
// unsealed vault (sessions, accounts, institutions), and the acting users as the store knows them.
//
// Thread-safety: not thread-safe; one per command run.
#ifndef CV_CLI_DEMO_SEEDER_H_
#define CV_CLI_DEMO_SEEDER_H_

#include <memory>
#include <string_view>

#include "access/accounts.h"
#include "access/actor.h"
#include "access/institutions.h"
#include "access/session.h"
#include "cli/vault_access.h"
#include "common/clock.h"
#include "common/result.h"
#include "crypto/hasher.h"

namespace cv::cli {

struct Seeder {
  // REQUIRES: `v` is unsealed and outlives the Seeder.
  Seeder(Vault& v, std::unique_ptr<crypto::Hasher> h)
      : vault(v),
        hasher(std::move(h)),
        sessions(*hasher, *vault.audit, access::SessionPolicy{}, SystemClock::Get()),
        accounts(*vault.keyring, *vault.audit, sessions, access::PasswordPolicy{},
                 access::LockoutPolicy{}, SystemClock::Get()),
        institutions(*vault.audit, sessions, SystemClock::Get()) {}

  // The acting user `login` as the store knows them (audit events name them).
  Result<access::Actor> ActorFor(store::Tx& tx, std::string_view login);

  Vault& vault;
  std::unique_ptr<crypto::Hasher> hasher;
  access::SessionManager sessions;
  access::Accounts accounts;
  access::Institutions institutions;
};

}  // namespace cv::cli

#endif  // CV_CLI_DEMO_SEEDER_H_
