// LoadDemoData: reports a DemoDataset through the platform's own ingest path (issue #7) — JSON
// Lines batches signed like a provider's (credit::SignedManifest) and run by Ingest::Submit —
// then records a consent for reason 02 on the first few subjects and writes every subject, with
// its consent id when it has one, to a JSON Lines file so they can be queried.
//
// Thread-safety: not thread-safe (one load at a time; Ingest::Submit takes the store's write lock).
#ifndef CV_CLI_DEMO_LOAD_H_
#define CV_CLI_DEMO_LOAD_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "access/actor.h"
#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/result.h"
#include "common/secret.h"
#include "credit/credit_store.h"
#include "crypto/suite.h"
#include "store/store.h"

namespace cv::cli {

struct DemoLoadOptions {
  std::uint64_t subjects = 200;
  std::uint64_t seed = 1;
  std::uint64_t batch_records = 10'000;  // a batch is cut at the first subject boundary after
  std::uint64_t consents = 10;           // subjects that get a reason-02 consent
  std::size_t chunk_records = 5000;      // IngestOptions::chunk_records
};

// Where the data goes and who reports and records consents.
// REQUIRES: `reporter` is a reporter and `querier` a querier of the same active provider
// institution, whose registered public key matches `private_key_der` of `suite`.
struct DemoLoadTarget {
  store::Store& store;
  credit::CreditStore& credit;
  audit::AuditLog& audit;
  const Clock& clock;
  access::Actor reporter;
  access::Actor querier;
  crypto::Suite suite;
  const Secret& private_key_der;
};

struct DemoLoadSummary {
  std::uint64_t subjects = 0;
  std::uint64_t records = 0;
  std::uint64_t accepted = 0;
  std::uint64_t rejected = 0;
  std::uint64_t batches = 0;
  std::uint64_t consents = 0;
  double seconds = 0;             // ingest wall time (generation and signing included)
  std::string example_id_number;  // the first subject, with its consent, for a first query
  std::string example_name;
  std::string example_consent;
};

// Loads the data set; writes `{"id_type","id_number","name"[,"consent_id"]}` lines to
// `subjects_out`. Batch ids are "demo-s<seed>-<n>", so loading the same seed again resumes or
// re-answers the same batches (Ingest is idempotent) and only adds new consents.
[[nodiscard]] Result<DemoLoadSummary> LoadDemoData(const DemoLoadTarget& target,
                                                   const DemoLoadOptions& options,
                                                   std::ostream& subjects_out);

}  // namespace cv::cli

#endif  // CV_CLI_DEMO_LOAD_H_
