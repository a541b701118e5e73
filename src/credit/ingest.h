// Ingest: a provider's data batch from submission to feedback (JR/T 0117 9.4.1; REQUIREMENTS
// GRD-4, CRY-1, DSP-2; docs/ingest_format.md): verify the manifest's institution, signature and
// digest, decrypt records sealed to the platform, validate and grade every record, store each
// good one as new versions under the subject's keys, and write one feedback line per record.
//
// States (credit_batches.state): processing --(every line applied)--> done. A batch is applied in
// chunks, each its own transaction with its feedback lines, its progress (next_line) and its audit
// event, so a crash loses nothing acknowledged and never half-applies a record; submitting the
// same batch id with the same digest again resumes (or, when done, just answers) — idempotent.
//
// Thread-safety: thread-safe; one Submit per batch at a time (a second concurrent Submit of the
// same batch waits for the store's write lock and then finds the progress of the first).
// Invariants:
//  1. A bad record never stops the good ones; it gets a "rejected" feedback line with a stable
//     code, the field and a message that never holds the reported value.
//  2. Feedback and progress of a chunk commit with the chunk's records, in one transaction.
//  3. Only a reporter of the manifest's institution submits, for an active provider institution
//     whose registered key signed the manifest.
#ifndef CV_CREDIT_INGEST_H_
#define CV_CREDIT_INGEST_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.h"
#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/result.h"
#include "credit/credit_store.h"
#include "store/store.h"

namespace cv::credit {

struct IngestOptions {
  std::size_t chunk_records = 5000;  // records per transaction
  std::size_t max_records_bytes = 256u << 20;
};

// What a provider submits: the manifest (JSON) and the records file, as plaintext, or as the
// envelope sealed to the platform's transport key when the manifest names an encryption.
struct BatchSubmission {
  std::string manifest_json;
  std::string records;
};

struct BatchStatus {
  std::int64_t id = 0;
  std::string institution;
  std::string batch_id;
  std::string state;  // processing | done
  std::string format;
  std::int64_t record_count = 0;
  std::int64_t accepted = 0;
  std::int64_t rejected = 0;
  std::int64_t next_line = 1;
  std::string submitted_at;
  std::string finished_at;
};

struct FeedbackLine {
  std::int64_t line = 0;
  std::string record_type;
  std::string status;  // accepted | rejected
  std::string code;
  std::string field;
  std::string message;
};

// Opens records sealed to the platform (Keyring::OpenTransport); absent: encrypted batches are
// refused as unsupported.
using TransportOpener =
    std::function<Result<std::string>(store::Tx& tx, std::string_view sealed, std::string_view ad)>;

class Ingest {
 public:
  // REQUIRES: every reference outlives the Ingest.
  Ingest(store::Store& store, CreditStore& credit, audit::AuditLog& audit, const Clock& clock,
         IngestOptions options = {}, TransportOpener open_transport = {})
      : store_(store),
        credit_(credit),
        audit_(audit),
        clock_(clock),
        options_(options),
        open_transport_(std::move(open_transport)) {}

  // Runs the whole batch in its own transactions (REQUIRES: the calling thread holds no Tx on
  // the store). Errors: kPermissionDenied for invariant 3 or a bad signature; kInvalidArgument
  // for a malformed manifest, a digest or record-count mismatch, or a CSV header fault;
  // kConflict when the batch id was used with another digest. Whole-batch refusals are audited.
  [[nodiscard]] Result<BatchStatus> Submit(const access::Actor& by,
                                           const BatchSubmission& submission);

  // The batch `batch_id` of `by`'s institution (kNotFound otherwise).
  [[nodiscard]] Result<BatchStatus> Find(store::Tx& tx, const access::Actor& by,
                                         std::string_view batch_id);
  [[nodiscard]] Result<std::vector<FeedbackLine>> Feedback(store::Tx& tx, const access::Actor& by,
                                                           std::string_view batch_id);

 private:
  struct Prepared;  // ingest.cc
  // In `tx`: invariant 3, decryption, digest, parsing, record count, and the batch row (created,
  // or found again with the same digest for a resumption).
  Status Prepare(store::Tx& tx, const access::Actor& by, const BatchSubmission& submission,
                 Prepared& p);
  // The batch row: created (and audited) for a new batch id; found again when the same digest
  // was submitted before; kConflict for the same id with another digest.
  Status FindOrCreateBatch(store::Tx& tx, const access::Actor& by, Prepared& p);
  // Applies the lines from p.next_line on, one transaction per chunk, then marks the batch done.
  Status ApplyFrom(const access::Actor& by, const Prepared& p);
  // Applies lines [first, end) in one transaction; the `last` one also marks the batch done.
  Status ApplyChunk(const access::Actor& by, const Prepared& p, std::size_t first, std::size_t end,
                    bool last);
  Status MarkDone(store::Tx& tx, const access::Actor& by, const Prepared& p);

  store::Store& store_;
  CreditStore& credit_;
  audit::AuditLog& audit_;
  const Clock& clock_;
  IngestOptions options_;
  TransportOpener open_transport_;
};

// The feedback file of docs/ingest_format.md: one JSON line per record, then a summary line.
std::string FeedbackJsonl(const BatchStatus& status, const std::vector<FeedbackLine>& lines);

}  // namespace cv::credit

#endif  // CV_CREDIT_INGEST_H_
