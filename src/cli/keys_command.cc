// cvault keys status|rotate|rewrap|shred --data DIR ...
// Key custody operations (CRY-3..5; issue #3 interface; DO NOT CHANGE flags).
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/vault_access.h"
#include "credit/credit_store.h"
#include "credit/query_service.h"
#include "crypto/keyring/keyring.h"
#include "report/keyring_status.h"

namespace cv::cli {
namespace {

using crypto::keyring::KeyGrade;
using crypto::keyring::Keyring;
using crypto::keyring::KeyringStatus;

struct KeysArgs {
  std::string data;
  UnsealFlags unseal;
  std::string grade;
  std::size_t batch = 1000;
  bool json = false;
  std::string subject;
  std::string id_type;
  std::string id_number;
  std::string reason;
};

void PrintStatusText(const KeyringStatus& s) {
  std::printf("data directory %s  suite %s  sealed by %s", s.data_dir_id.c_str(), s.suite.c_str(),
              s.seal_mode.c_str());
  if (s.seal_mode == "shares") std::printf(" (%d of %d)", s.threshold, s.custodians);
  std::printf("\n\n%-14s %-5s %-7s %-8s %10s  %s\n", "purpose", "grade", "version", "state",
              "data keys", "created");
  for (const auto& v : s.versions) {
    std::printf("%-14s %-5s %-7d %-8s %10lld  %s\n", v.purpose.c_str(),
                v.grade.empty() ? "-" : v.grade.c_str(), v.version, v.state.c_str(),
                static_cast<long long>(v.data_keys), v.created_at.c_str());
  }
  std::printf("\ndestroyed data keys: %lld\n", static_cast<long long>(s.destroyed_data_keys));
  for (const auto& job : s.rewrap_jobs) {
    std::printf("rewrap job %lld: %s to v%d, %lld/%lld, %s\n", static_cast<long long>(job.id),
                job.grade.c_str(), job.target_version, static_cast<long long>(job.done),
                static_cast<long long>(job.total), job.state.c_str());
  }
}

Status RunStatus(const KeysArgs& args) {
  auto vault = OpenVault(args.data);
  if (!vault) return std::unexpected(vault.error());
  auto tx = vault->store->Begin(store::TxMode::kRead);
  if (!tx) return std::unexpected(tx.error());
  auto status = Keyring::ReadStatus(**tx);
  if (!status) return std::unexpected(status.error());
  if (args.json) {
    std::printf("%s\n", report::KeyringStatusJson(*status).dump(2).c_str());
  } else {
    PrintStatusText(*status);
  }
  return Ok();
}

Status RunRotate(const KeysArgs& args) {
  auto grade = crypto::keyring::ParseKeyGrade(args.grade);
  if (!grade) return std::unexpected(grade.error());
  auto vault = OpenAndUnseal(args.data, args.unseal);
  if (!vault) return std::unexpected(vault.error());
  auto tx = vault->store->Begin();
  if (!tx) return std::unexpected(tx.error());
  auto version = vault->keyring->Rotate(**tx, *grade);
  if (!version) return std::unexpected(version.error());
  audit::Event event = CliEvent("keys.rotate", "kek", args.grade);
  event.Add("grade", args.grade).Add("version", std::to_string(*version));
  CV_RETURN_IF_ERROR(AuditInTx(*vault, **tx, event));
  CV_RETURN_IF_ERROR((*tx)->Commit());
  std::printf("%s key-encryption key v%d is now primary; new data keys use it.\n",
              args.grade.c_str(), *version);
  std::printf("Run `cvault keys rewrap` to move existing data keys onto it.\n");
  return Ok();
}

Status RunRewrap(const KeysArgs& args) {
  std::vector<KeyGrade> grades;
  if (args.grade.empty()) {
    grades = {KeyGrade::kC1, KeyGrade::kC2, KeyGrade::kC3};
  } else {
    auto grade = crypto::keyring::ParseKeyGrade(args.grade);
    if (!grade) return std::unexpected(grade.error());
    grades = {*grade};
  }
  auto vault = OpenAndUnseal(args.data, args.unseal);
  if (!vault) return std::unexpected(vault.error());
  for (KeyGrade grade : grades) {
    const std::string name(crypto::keyring::KeyGradeName(grade));
    for (;;) {
      // CRY-4: each batch is audited in its own transaction.
      auto step = vault->keyring->RewrapStep(
          *vault->store, grade, args.batch,
          [&](store::Tx& tx, const crypto::keyring::RewrapProgress& p) -> Status {
            if (p.done == 0 && p.retired_versions.empty()) return Ok();
            audit::Event event = CliEvent("keys.rewrap", "kek", name);
            event.Add("grade", name).Add("target_version", std::to_string(p.target_version));
            event.Add("done", std::to_string(p.done)).Add("total", std::to_string(p.total));
            std::string retired;
            for (int v : p.retired_versions)
              retired += (retired.empty() ? "" : ",") + std::to_string(v);
            if (!retired.empty()) event.Add("retired_versions", retired);
            return AuditInTx(*vault, tx, event);
          });
      if (!step) return std::unexpected(step.error());
      std::printf("%s: %lld/%lld data keys rewrapped to v%d\n", name.c_str(),
                  static_cast<long long>(step->done), static_cast<long long>(step->total),
                  step->target_version);
      std::fflush(stdout);
      if (!step->finished) continue;
      for (int v : step->retired_versions) std::printf("%s: v%d retired\n", name.c_str(), v);
      break;
    }
  }
  return Ok();
}

// The subject reference to shred: given, or the blind index of --id-type/--id-number.
Result<std::string> ShredTarget(const KeysArgs& args, credit::CreditStore& credit) {
  if (!args.subject.empty()) return args.subject;
  CV_ASSIGN_OR_RETURN(credit::SubjectKey key,
                      credit::NormalizeSubjectKey(args.id_type, args.id_number));
  return credit.SubjectRef(key);
}

Status RunShred(const KeysArgs& args) {
  if (args.subject.empty() == args.id_number.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "give --subject, or --id-type and --id-number");
  }
  auto vault = OpenAndUnseal(args.data, args.unseal);
  if (!vault) return std::unexpected(vault.error());
  credit::CreditStore credit(*vault->keyring);
  CV_ASSIGN_OR_RETURN(const std::string ref, ShredTarget(args, credit));
  auto tx = vault->store->Begin();
  if (!tx) return std::unexpected(tx.error());
  // A credit subject is also marked shredded, so its reports say so and nothing new is reported.
  CV_ASSIGN_OR_RETURN(auto subject, credit.FindSubject(**tx, ref));
  auto destroyed = subject ? credit.Shred(**tx, *subject, args.reason, SystemClock::Get().Now())
                           : vault->keyring->DestroySubject(**tx, ref, args.reason);
  if (!destroyed) return std::unexpected(destroyed.error());
  audit::Event event = CliEvent("keys.shred", "subject", ref);
  event.Add("destroyed_keys", std::to_string(*destroyed));
  event.reason = args.reason;
  CV_RETURN_IF_ERROR(AuditInTx(*vault, **tx, event));
  CV_RETURN_IF_ERROR((*tx)->Commit());
  CV_RETURN_IF_ERROR(vault->store->Flush());
  std::printf("destroyed %d data key(s) of the subject; recorded in the destruction ledger\n",
              *destroyed);
  return Ok();
}

}  // namespace

int KeysCommand(int argc, char** argv) {
  CLI::App app{"Key custody: status, rotation, rewrap, crypto-shredding (CRY-3..5)", "cvault keys"};
  app.require_subcommand(1);
  KeysArgs args;
  auto data = [&](CLI::App* sub) {
    sub->add_option("--data", args.data, "the data directory")->required();
  };
  CLI::App* status = app.add_subcommand("status", "key versions and counts (no unseal needed)");
  data(status);
  status->add_flag("--json", args.json, "print JSON");
  CLI::App* rotate = app.add_subcommand("rotate", "make a new primary KEK version for a grade");
  data(rotate);
  rotate->add_option("--grade", args.grade, "C1, C2 or C3")->required();
  AddUnsealOptions(*rotate, args.unseal);
  CLI::App* rewrap =
      app.add_subcommand("rewrap", "move data keys onto the primary KEK (resumable)");
  data(rewrap);
  rewrap->add_option("--grade", args.grade, "only this grade (default: all)");
  rewrap->add_option("--batch", args.batch, "data keys per transaction")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  AddUnsealOptions(*rewrap, args.unseal);
  CLI::App* shred = app.add_subcommand("shred", "destroy a subject's data keys (CRY-5)");
  data(shred);
  shred->add_option("--subject", args.subject, "the subject reference (a blind index)");
  shred->add_option("--id-type", args.id_type, "resident_id or passport (with --id-number)")
      ->default_val("resident_id");
  shred->add_option("--id-number", args.id_number, "the subject's identifier");
  shred->add_option("--reason", args.reason, "why (recorded)")->required();
  AddUnsealOptions(*shred, args.unseal);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  Status result = status->parsed()   ? RunStatus(args)
                  : rotate->parsed() ? RunRotate(args)
                  : rewrap->parsed() ? RunRewrap(args)
                                     : RunShred(args);
  if (!result) {
    PrintError("keys", result.error());
    return ExitCodeFor(result.error());
  }
  return kExitOk;
}

}  // namespace cv::cli
