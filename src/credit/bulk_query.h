// BulkQueries: a bulk query request file processed as a job (REQUIREMENTS QRY-5; JR/T 0117 9.7 b):
// the file states institution, user, time, reason, content, subjects and their count; each
// subject is queried under the same rules as a single query (QRY-1, each with its own audit
// event), the job is anchored once in the audit log, and the result file is encrypted to the
// requesting institution's registered public key.
//
// Thread-safety: thread-safe (state lives in the store). Run uses transactions of its own.
// Invariants:
//  1. The request's stated institution and user are the requester's, and its stated count is the
//     number of subjects: a file that misstates itself is refused whole, and audited.
//  2. The result leaves the platform only sealed to the institution's key (never in clear, and
//     never stored in clear).
//  3. Every subject gets one result line, allowed or refused with its rule.
#ifndef CV_CREDIT_BULK_QUERY_H_
#define CV_CREDIT_BULK_QUERY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.h"
#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/result.h"
#include "credit/query_service.h"
#include "store/store.h"

namespace cv::credit {

// The request file (docs/credit_model.md "Bulk queries"): JSON
// {"institution", "user", "time": RFC 3339, "reason", "content": "credit_report", "count",
//  "subjects": [{"id_type", "id_number", "name", "consent_id"}]}.
struct BulkRequest {
  std::string institution;
  std::string user;
  std::string time;
  std::string reason;
  std::string content;
  std::int64_t count = 0;
  std::vector<QueryRequest> subjects;
};

inline constexpr std::size_t kMaxBulkSubjects = 100'000;

// kInvalidArgument naming the field (and the subject's index) for anything malformed.
[[nodiscard]] Result<BulkRequest> ParseBulkRequest(std::string_view json);

struct BulkJob {
  std::string id;  // "blk_" + 24 hex
  std::string institution;
  std::string reason;
  std::string state;  // queued | running | done | failed
  std::int64_t subject_count = 0;
  std::int64_t done = 0;
  std::string created_at;
  std::string finished_at;
};

class BulkQueries {
 public:
  // REQUIRES: every reference outlives the BulkQueries.
  BulkQueries(store::Store& store, QueryService& queries, audit::AuditLog& audit,
              const Clock& clock, std::size_t chunk = 100)
      : store_(store), queries_(queries), audit_(audit), clock_(clock), chunk_(chunk) {}

  // Validates, records and runs the job (REQUIRES: the calling thread holds no Tx).
  // kPermissionDenied when invariant 1 fails or the institution has no registered key (the
  // result could not be sealed to it).
  [[nodiscard]] Result<BulkJob> Run(const access::Actor& by, const BulkRequest& request,
                                    std::string_view request_text);
  [[nodiscard]] Result<BulkJob> Find(store::Tx& tx, const access::Actor& by, std::string_view id);
  // The sealed result file (crypto/envelope.h) of a finished job of `by`'s institution.
  [[nodiscard]] Result<std::string> SealedResult(store::Tx& tx, const access::Actor& by,
                                                 std::string_view id);

 private:
  Result<std::string> Start(const access::Actor& by, const BulkRequest& request,
                            std::string_view request_text, std::string& public_key_pem);
  Result<std::vector<QueryOutcome>> QueryAll(const access::Actor& by, const BulkRequest& request,
                                             const std::string& id);
  Status Finish(const access::Actor& by, const std::string& id, const BulkRequest& request,
                std::vector<QueryOutcome>& outcomes, const std::string& public_key_pem);

  store::Store& store_;
  QueryService& queries_;
  audit::AuditLog& audit_;
  const Clock& clock_;
  std::size_t chunk_;
};

}  // namespace cv::credit

#endif  // CV_CREDIT_BULK_QUERY_H_
