// cvault demo --data DIR [--passphrase-file F]
// A demonstration platform for `make run` (issue #6). When DIR is absent: a data directory sealed
// with a generated passphrase (written to F, default DIR.passphrase, mode 0600) as `cvault init`
// makes it, the first security officer, two admitted demo institutions and their users, each
// with a generated one-time password printed once. No secret is fixed in code; every one is
// drawn fresh. When DIR exists it changes nothing. `cvault demo load` (demo_load_command.cc) then
// fills DIR with a synthetic credit data set.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "access/accounts.h"
#include "access/institutions.h"
#include "access/password.h"
#include "cli/commands.h"
#include "cli/demo_seeder.h"
#include "cli/init_command.h"
#include "cli/vault_access.h"
#include "common/file.h"
#include "crypto/hasher.h"
#include "crypto/random.h"

namespace cv::cli {
namespace {

namespace fs = std::filesystem;
using access::Role;

// Characters of generated passwords: no look-alikes (I O l 0 1), nothing a shell, a URL or a
// TOML file would need to quote.
constexpr std::string_view kUpper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
constexpr std::string_view kLower = "abcdefghijkmnopqrstuvwxyz";
constexpr std::string_view kDigits = "23456789";
constexpr std::string_view kSpecial = "#%+-=@^_~";
constexpr std::size_t kPasswordLength = 16;    // ~95 bits
constexpr std::size_t kPassphraseLength = 40;  // ~230 bits

constexpr std::string_view kOfficer = "officer";

struct DemoArgs {
  std::string data;
  std::string passphrase_file;
};

struct DemoInstitution {
  std::string_view code;
  std::string_view name;
  std::string_view kind;
  std::string_view prefix;  // of its users' logins
};

constexpr DemoInstitution kInstitutions[] = {
    {"DEMO_BANK", "Demo Bank", "provider_user", "bank"},
    {"DEMO_LENDER", "Demo Lender", "user", "lender"},
};

// One printed login.
struct Credential {
  std::string login;
  std::string institution;
  Role role;
  Secret password;
};

// `length` characters drawn uniformly from `alphabet` (rejection sampling of random bytes).
Result<Secret> RandomFrom(std::string_view alphabet, std::size_t length) {
  Secret out = Secret::Zeroed(length);
  Secret bytes = Secret::Zeroed(length);
  const std::size_t limit = 256 - 256 % alphabet.size();
  std::size_t n = 0;
  while (n < length) {
    CV_RETURN_IF_ERROR(crypto::RandomBytes(std::span(bytes.Mutable(SecretAccess::Get()), length)));
    for (std::size_t i = 0; i < length && n < length; ++i) {
      const std::uint8_t b = bytes.data(SecretAccess::Get())[i];
      if (b < limit) out.Mutable(SecretAccess::Get())[n++] = alphabet[b % alphabet.size()];
    }
  }
  return out;
}

bool HasEveryClass(std::string_view p) {
  auto has = [&](std::string_view set) {
    return std::any_of(p.begin(), p.end(), [&](char c) { return set.find(c) != set.npos; });
  };
  return has(kUpper) && has(kLower) && has(kDigits) && has(kSpecial);
}

// A password with upper, lower, digit and special characters that the policy accepts for
// `login` (JR/T 0117 7.5.9: no run of 3 of the login's characters, ...); drawn again until it is.
Result<Secret> NewPassword(const access::PasswordPolicy& policy, std::string_view login) {
  const std::string alphabet =
      std::string(kUpper) + std::string(kLower) + std::string(kDigits) + std::string(kSpecial);
  for (int attempt = 0; attempt < 100; ++attempt) {
    CV_ASSIGN_OR_RETURN(Secret p, RandomFrom(alphabet, kPasswordLength));
    if (HasEveryClass(p.View(SecretAccess::Get())) &&
        access::CheckPasswordRules(policy, login, p)) {
      return p;
    }
  }
  return Fail(ErrorCode::kInternal, "could not draw a password that meets the rules");
}

// Writes a fresh passphrase to `path` (0600); refuses to replace an existing file.
Status WritePassphrase(const std::string& path) {
  std::error_code ec;
  if (fs::exists(path, ec)) {
    return Fail(ErrorCode::kFailedPrecondition,
                path + " exists already; not overwriting (remove it for a fresh demo)");
  }
  CV_ASSIGN_OR_RETURN(Secret passphrase,
                      RandomFrom(std::string(kUpper) + std::string(kLower) + std::string(kDigits),
                                 kPassphraseLength));
  std::string text(passphrase.View(SecretAccess::Get()));
  text.push_back('\n');
  Status written = WriteFileAtomic(path, text, 0600);
  SecureZero(text.data(), text.size());
  return written;
}

// JR/T 0117 9.1: the officer registers and admits the demo institutions, in one transaction.
Status SeedInstitutions(Seeder& s) {
  CV_ASSIGN_OR_RETURN(auto tx, s.vault.store->Begin());
  CV_ASSIGN_OR_RETURN(const access::Actor officer, s.ActorFor(*tx, kOfficer));
  for (const DemoInstitution& i : kInstitutions) {
    CV_RETURN_IF_ERROR(s.institutions.Register(*tx, officer, i.code, i.name, i.kind, ""));
    CV_RETURN_IF_ERROR(s.institutions.Admit(*tx, officer, i.code));
  }
  return tx->Commit();
}

// Creates `login` by `creator` with a fresh one-time password, and records it in `out`.
Status CreateDemoUser(Seeder& s, store::Tx& tx, std::string_view creator, std::string login,
                      std::string_view institution, Role role, std::vector<Credential>& out) {
  CV_ASSIGN_OR_RETURN(const access::Actor by, s.ActorFor(tx, creator));
  access::NewUser user{login, login, std::string(institution), {role}, Secret()};
  CV_ASSIGN_OR_RETURN(user.initial_password, NewPassword(access::PasswordPolicy{}, login));
  CV_RETURN_IF_ERROR(s.accounts.CreateUser(tx, by, user));
  out.push_back(Credential{std::move(login), std::string(institution), role,
                           std::move(user.initial_password)});
  return Ok();
}

// Who manages whom as on a real platform (issue #5): the officer creates the agency's staff and
// each institution's inst_admin; each inst_admin creates its reporter and querier. One
// transaction, closed with a demo event and a signed checkpoint.
Result<std::vector<Credential>> SeedUsers(Seeder& s) {
  std::vector<Credential> made;
  CV_ASSIGN_OR_RETURN(auto tx, s.vault.store->Begin());
  const std::string agency(access::kAgencyInstitution);
  CV_RETURN_IF_ERROR(
      CreateDemoUser(s, *tx, kOfficer, "secadmin", agency, Role::kSecurityAdmin, made));
  CV_RETURN_IF_ERROR(CreateDemoUser(s, *tx, kOfficer, "auditor", agency, Role::kAuditor, made));
  for (const DemoInstitution& i : kInstitutions) {
    const std::string admin = std::string(i.prefix) + "_admin";
    CV_RETURN_IF_ERROR(CreateDemoUser(s, *tx, kOfficer, admin, i.code, Role::kInstAdmin, made));
    CV_RETURN_IF_ERROR(CreateDemoUser(s, *tx, admin, std::string(i.prefix) + "_reporter", i.code,
                                      Role::kReporter, made));
    CV_RETURN_IF_ERROR(CreateDemoUser(s, *tx, admin, std::string(i.prefix) + "_querier", i.code,
                                      Role::kQuerier, made));
  }
  audit::Event e = CliEvent("demo.seed", "data_dir", s.vault.dir.root());
  e.Add("institutions", std::to_string(std::size(kInstitutions)))
      .Add("users", std::to_string(made.size()));
  CV_RETURN_IF_ERROR(AuditInTx(s.vault, *tx, e));
  CV_RETURN_IF_ERROR(tx->Commit());
  return made;
}

void PrintCredentials(const DemoArgs& args, const std::vector<Credential>& made,
                      const Secret& officer_password, const Secret& officer_totp) {
  std::printf(
      "\nDemo logins (one-time passwords, shown once; each must be changed at first login,\n"
      "and administrators enrol a second factor then):\n");
  std::printf("  %-16s %-12s %-17s %s\n", "LOGIN", "INSTITUTION", "ROLE", "PASSWORD");
  for (const Credential& c : made) {
    const std::string_view role = access::RoleName(c.role);
    std::printf("  %-16s %-12s %-17.*s %s\n", c.login.c_str(), c.institution.c_str(),
                static_cast<int>(role.size()), role.data(),
                std::string(c.password.View(SecretAccess::Get())).c_str());
  }
  std::printf("  %-16.*s %-12.*s %-17s %s\n", static_cast<int>(kOfficer.size()), kOfficer.data(),
              static_cast<int>(access::kAgencyInstitution.size()),
              access::kAgencyInstitution.data(), "security_officer",
              std::string(officer_password.View(SecretAccess::Get())).c_str());
  std::printf(
      "\nThe officer's password is not forced to change (it is the bootstrap account): change it\n"
      "with `cvault passwd`. Its second factor (enrol it in an authenticator now; shown once):\n"
      "  %s\n",
      std::string(officer_totp.View(SecretAccess::Get())).c_str());
  std::printf(
      "\nStart the server: cvault serve --data %s --passphrase-file %s\n"
      "Sign in:          cvault login --server https://127.0.0.1:8443 --ca-cert %s/tls/server.crt "
      "--user LOGIN\n",
      args.data.c_str(), args.passphrase_file.c_str(), args.data.c_str());
}

// Seeds the new data directory; prints the logins once everything is committed.
Status Seed(const DemoArgs& args, const Secret& officer_password, const Secret& officer_totp) {
  CV_ASSIGN_OR_RETURN(Vault vault, OpenAndUnseal(args.data, UnsealFlags{{}, args.passphrase_file}));
  CV_ASSIGN_OR_RETURN(auto hasher, crypto::NewHasher(vault.keyring->suite()));
  Seeder seeder(vault, std::move(hasher));
  CV_RETURN_IF_ERROR(SeedInstitutions(seeder));
  CV_ASSIGN_OR_RETURN(const std::vector<Credential> made, SeedUsers(seeder));
  PrintCredentials(args, made, officer_password, officer_totp);
  return Ok();
}

Status RunDemo(DemoArgs args) {
  while (args.data.size() > 1 && args.data.back() == '/') args.data.pop_back();
  if (args.passphrase_file.empty()) args.passphrase_file = args.data + ".passphrase";
  std::error_code ec;
  if (fs::exists(args.data, ec)) {
    std::printf("%s exists already: nothing to do (remove it and %s for a fresh demo).\n",
                args.data.c_str(), args.passphrase_file.c_str());
    return Ok();
  }
  CV_RETURN_IF_ERROR(WritePassphrase(args.passphrase_file));
  CV_ASSIGN_OR_RETURN(const Secret officer_password,
                      NewPassword(access::PasswordPolicy{}, kOfficer));
  Secret officer_totp;
  InitArgs init;
  init.data = args.data;
  init.passphrase_file = args.passphrase_file;
  init.admin_user = std::string(kOfficer);
  init.admin_password = &officer_password;
  init.admin_totp_uri = &officer_totp;
  Status made = RunInit(init);
  if (made) made = Seed(args, officer_password, officer_totp);
  if (!made) {
    // Both were made by this run: leave nothing half-seeded behind.
    fs::remove_all(args.data, ec);
    fs::remove(args.passphrase_file, ec);
  }
  return made;
}

}  // namespace

int DemoCommand(int argc, char** argv) {
  if (argc >= 2 && std::string_view(argv[1]) == "load") return DemoLoadCommand(argc - 1, argv + 1);
  CLI::App app{"Create a demonstration platform with generated institutions and users",
               "cvault demo"};
  DemoArgs args;
  app.add_option("--data", args.data, "the data directory to create (nothing happens if it exists)")
      ->required();
  app.add_option("--passphrase-file", args.passphrase_file,
                 "where to write the generated passphrase (default DIR.passphrase, mode 0600)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (Status s = RunDemo(args); !s) {
    PrintError("demo", s.error());
    return ExitCodeFor(s.error());
  }
  return kExitOk;
}

}  // namespace cv::cli
