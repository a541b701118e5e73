// ApplyRecord: one validated record written through the CreditStore, or the reason it is
// rejected (referential integrity, a shredded subject) — never half-applied (ingest.h).
//
// Thread-safety: runs in the caller's transaction.
#ifndef CV_CREDIT_INTERNAL_APPLY_RECORD_H_
#define CV_CREDIT_INTERNAL_APPLY_RECORD_H_

#include <optional>
#include <string>

#include "common/result.h"
#include "credit/credit_store.h"
#include "credit/records.h"
#include "store/store.h"

namespace cv::credit::internal {

struct WriteCache;

struct Rejection {
  std::string code;  // stable: unknown_subject, account_not_found, account_subject_mismatch,
                     // subject_shredded
  std::string field;
  std::string message;
};

// nullopt when applied; a Rejection when refused before anything was written; an error (the
// caller rolls the chunk back) for a store or key failure. `cache` is the transaction's
// (write_cache.h): one per chunk, discarded with the transaction.
[[nodiscard]] Result<std::optional<Rejection>> ApplyRecord(store::Tx& tx, CreditStore& credit,
                                                           const Record& record,
                                                           const Provenance& from,
                                                           WriteCache& cache);

}  // namespace cv::credit::internal

#endif  // CV_CREDIT_INTERNAL_APPLY_RECORD_H_
