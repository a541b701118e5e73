// cvault demo load --data DIR --subjects N --seed S --subjects-out FILE (issue #7's interface)
// Fills a data directory made by `cvault demo` with a synthetic, seed-deterministic credit data
// set reported by DEMO_BANK through the ingest path, and writes the subjects (and a few consent
// ids) to FILE for queries. Unseals with DIR.passphrase unless told otherwise.
//
// DEMO_BANK's batch-signing key: each run draws a fresh key pair (of the vault's suite), registers
// its public key for DEMO_BANK (Institutions::SetPublicKey by the officer, audited) and keeps the
// private key in memory only; nothing secret is written.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "cli/demo_load.h"
#include "cli/demo_seeder.h"
#include "cli/vault_access.h"
#include "common/file.h"
#include "crypto/hasher.h"
#include "crypto/signer.h"

namespace cv::cli {
namespace {

constexpr std::string_view kBank = "DEMO_BANK";

struct LoadArgs {
  std::string data;
  UnsealFlags unseal;
  std::string subjects_out;
  DemoLoadOptions options;
};

// A fresh key pair whose public half is DEMO_BANK's registered batch-signing key.
Result<crypto::SigningKeyPair> RegisterBankKey(Seeder& s, crypto::Suite suite) {
  CV_ASSIGN_OR_RETURN(crypto::SigningKeyPair keys, crypto::GenerateSigningKey(suite));
  CV_ASSIGN_OR_RETURN(const std::string pem, crypto::PublicKeyPem(keys.public_key_der));
  CV_ASSIGN_OR_RETURN(auto tx, s.vault.store->Begin());
  CV_ASSIGN_OR_RETURN(const access::Actor officer, s.ActorFor(*tx, "officer"));
  CV_RETURN_IF_ERROR(s.institutions.SetPublicKey(*tx, officer, kBank, pem));
  CV_RETURN_IF_ERROR(tx->Commit());
  return keys;
}

void PrintSummary(const LoadArgs& args, const DemoLoadSummary& s) {
  std::printf(
      "loaded %llu subjects: %llu records in %llu batches (%llu accepted, %llu rejected) in "
      "%.1f s, %.0f records/s; %llu consents for reason 02\n",
      static_cast<unsigned long long>(s.subjects), static_cast<unsigned long long>(s.records),
      static_cast<unsigned long long>(s.batches), static_cast<unsigned long long>(s.accepted),
      static_cast<unsigned long long>(s.rejected), s.seconds,
      s.seconds > 0 ? static_cast<double>(s.records) / s.seconds : 0.0,
      static_cast<unsigned long long>(s.consents));
  std::printf("subjects written to %s (id_type, id_number, name; consent_id for the first %llu)\n",
              args.subjects_out.c_str(), static_cast<unsigned long long>(s.consents));
  if (s.example_consent.empty()) return;
  std::printf(
      "\nQuery a subject as bank_querier (after `cvault login ... --user bank_querier`):\n"
      "  cvault query --id-type resident_id --id-number %s --name %s --reason 02 --consent %s\n"
      "Every subject has a DEMO_BANK account, so reason 01 (post-loan management) needs no "
      "consent.\n",
      s.example_id_number.c_str(), s.example_name.c_str(), s.example_consent.c_str());
}

Status RunLoad(LoadArgs args) {
  while (args.data.size() > 1 && args.data.back() == '/') args.data.pop_back();
  std::error_code ec;
  if (!std::filesystem::exists(args.data, ec)) {
    return Fail(
        ErrorCode::kFailedPrecondition,
        args.data + " does not exist: create it with `cvault demo --data " + args.data + "`");
  }
  if (args.unseal.shares.empty() && args.unseal.passphrase_file.empty()) {
    args.unseal.passphrase_file = args.data + ".passphrase";
  }
  CV_ASSIGN_OR_RETURN(Vault vault, OpenAndUnseal(args.data, args.unseal));
  CV_ASSIGN_OR_RETURN(auto hasher, crypto::NewHasher(vault.keyring->suite()));
  Seeder seeder(vault, std::move(hasher));
  CV_ASSIGN_OR_RETURN(const crypto::SigningKeyPair keys,
                      RegisterBankKey(seeder, vault.keyring->suite()));
  credit::CreditStore credit(*vault.keyring);
  CV_ASSIGN_OR_RETURN(auto tx, vault.store->Begin(store::TxMode::kRead));
  CV_ASSIGN_OR_RETURN(access::Actor reporter, seeder.ActorFor(*tx, "bank_reporter"));
  CV_ASSIGN_OR_RETURN(access::Actor querier, seeder.ActorFor(*tx, "bank_querier"));
  tx.reset();
  const DemoLoadTarget target{*vault.store,           credit,
                              *vault.audit,           SystemClock::Get(),
                              std::move(reporter),    std::move(querier),
                              vault.keyring->suite(), keys.private_key_der};
  std::ostringstream out;
  CV_ASSIGN_OR_RETURN(const DemoLoadSummary summary, LoadDemoData(target, args.options, out));
  CV_RETURN_IF_ERROR(WriteFileAtomic(args.subjects_out, out.str(), 0600));
  PrintSummary(args, summary);
  return Ok();
}

}  // namespace

int DemoLoadCommand(int argc, char** argv) {
  CLI::App app{"Load a synthetic credit data set into a demo data directory", "cvault demo load"};
  LoadArgs args;
  app.add_option("--data", args.data, "a data directory made by `cvault demo`")->required();
  AddUnsealOptions(app, args.unseal);
  app.add_option("--subjects", args.options.subjects, "how many subjects")->required();
  app.add_option("--seed", args.options.seed, "the generator's seed (same seed, same data)");
  app.add_option("--subjects-out", args.subjects_out, "where to write the subjects (JSON Lines)")
      ->required();
  app.add_option("--batch-records", args.options.batch_records, "records per batch (10000)");
  app.add_option("--consents", args.options.consents, "subjects given a reason-02 consent (10)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (Status s = RunLoad(args); !s) {
    PrintError("demo load", s.error());
    return ExitCodeFor(s.error());
  }
  return kExitOk;
}

}  // namespace cv::cli
