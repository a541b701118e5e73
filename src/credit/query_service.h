// QueryService: one authorized credit query (REQUIREMENTS QRY-1, QRY-4, QRY-7; JR/T 0117 9.7):
// checks the institution, the reason and the subject's electronic authorization, matches the name
// to the ID, assembles the masked report, records the query for the subject's history, and
// anchors the report in the audit log with an inclusion proof against a freshly signed checkpoint.
//
// Thread-safety: thread-safe (state lives in the store). Single runs in the caller's write
// transaction; the caller commits it whatever the outcome, so refusals stay recorded.
// Invariants:
//  1. Every query, allowed or refused, writes one credit_queries row and one "credit.query" audit
//     event naming institution, user, reason, subject reference and result (QRY-4).
//  2. A report is issued only when every rule passed; a refusal names its rule.
//  3. The report's audit leaf is covered by the signed checkpoint returned with it (QRY-7).
#ifndef CV_CREDIT_QUERY_SERVICE_H_
#define CV_CREDIT_QUERY_SERVICE_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "access/actor.h"
#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/result.h"
#include "credit/consents.h"
#include "credit/credit_store.h"
#include "credit/records.h"
#include "credit/report.h"
#include "store/store.h"

namespace cv::credit {

struct QueryRequest {
  SubjectKey subject;  // as given; normalized by Single
  std::string name;
  std::string reason;
  std::string consent_id;  // "" for post-loan management
};

// What a query answers: a report with its audit anchor, or the rule that refused it.
struct QueryOutcome {
  bool allowed = false;
  std::string rule;     // refusal: e.g. "consent_expired"
  std::string message;  // refusal: one line, no personal data
  std::string report_id;
  nlohmann::json report;
  std::uint64_t leaf_index = 0;
  nlohmann::ordered_json proof;  // the inclusion-proof JSON (audit/proof_json.h)
  std::string checkpoint;        // the signed checkpoint note the proof leads to
};

// kInvalidArgument naming the field when the subject's identifier is malformed; else the
// normalized key (upper-case check character, no spaces).
[[nodiscard]] Result<SubjectKey> NormalizeSubjectKey(std::string_view id_type,
                                                     std::string_view id_number);

class QueryService {
 public:
  // REQUIRES: every reference outlives the QueryService.
  QueryService(CreditStore& credit, Consents& consents, audit::AuditLog& audit, const Clock& clock)
      : credit_(credit), consents_(consents), audit_(audit), clock_(clock) {}

  // Runs one query by `by` (already authorized for credit.query). A refusal is an outcome with
  // allowed == false, not an error; errors are for malformed input and store failures.
  // `anchor` false (bulk queries): the report is not anchored here (no checkpoint is signed and
  // `proof`/`checkpoint` stay empty); the caller anchors the whole job once (QRY-5, QRY-7).
  [[nodiscard]] Result<QueryOutcome> Single(store::Tx& tx, const access::Actor& by,
                                            const QueryRequest& request, bool anchor = true);

  // The latest checkpoint and the inclusion proof of outcome.leaf_index against it.
  static Status Prove(store::Tx& tx, QueryOutcome& outcome);

  // A stored report, for its issuing institution only (kNotFound otherwise), with its anchor.
  [[nodiscard]] Result<QueryOutcome> Fetch(store::Tx& tx, const access::Actor& by,
                                           std::string_view report_id);

  // QRY-6: the clear value of one identity item (catalog id, e.g. "cn_mobile") of a report's
  // subject, for a stated reason, audited with the value as a keyed hash. kInvalidArgument for a
  // C3 or unknown item or an empty reason; kNotFound for a report of another institution or an
  // item the subject does not have.
  [[nodiscard]] Result<std::string> ClearField(store::Tx& tx, const access::Actor& by,
                                               std::string_view report_id, std::string_view item,
                                               std::string_view reason);

 private:
  struct Refusal {
    std::string rule;
    std::string message;
  };
  // The rules of QRY-1 in order; nullopt when all pass. Loads the subject's file on the way.
  Result<std::optional<Refusal>> Check(store::Tx& tx, const access::Actor& by,
                                       const QueryRequest& request, const std::string& ref,
                                       std::optional<SubjectRow>& subject,
                                       std::optional<SubjectFile>& file);
  Result<std::vector<QueryHistoryEntry>> History(store::Tx& tx, const std::string& ref);
  Result<QueryOutcome> Refuse(store::Tx& tx, const access::Actor& by, const QueryRequest& request,
                              const std::string& ref, Refusal refusal);
  Result<QueryOutcome> Issue(store::Tx& tx, const access::Actor& by, const QueryRequest& request,
                             const std::string& ref, const std::optional<SubjectFile>& file,
                             bool anchor);
  // Signs a checkpoint covering the report's leaf, then Prove.
  Status Anchor(store::Tx& tx, QueryOutcome& outcome);

  CreditStore& credit_;
  Consents& consents_;
  audit::AuditLog& audit_;
  const Clock& clock_;
};

}  // namespace cv::credit

#endif  // CV_CREDIT_QUERY_SERVICE_H_
