// WriteCache: what one write transaction already knows about subjects, their data keys and
// accounts, so consecutive records of an ingest chunk do not read it again.
//
// Thread-safety: not thread-safe; one per transaction.
// Invariants:
//  1. Valid only inside the transaction it was filled in: it mirrors rows that transaction read
//     or wrote, and nothing else writes them while it holds the write lock.
//  2. `identity` holds a subject only when every identity field's latest value and the latest
//     identity version are known: read in this transaction, or the subject was created in it.
//  3. An account's `months` are complete only when the account was created in this transaction
//     (`fresh`); otherwise the month's next version is read from the store.
#ifndef CV_CREDIT_INTERNAL_WRITE_CACHE_H_
#define CV_CREDIT_INTERNAL_WRITE_CACHE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

#include "credit/credit_store.h"
#include "credit/internal/fact_store.h"

namespace cv::credit::internal {

struct WriteCache {
  struct Account {
    std::int64_t id = 0;
    std::int64_t subject_id = 0;
    std::string subject_ref;
    std::int64_t version = 0;                    // latest version of the account's facts
    bool fresh = false;                          // created in this transaction (invariant 3)
    std::map<std::string, std::int64_t> months;  // month -> latest version written here
  };
  // The latest value of each identity field and the latest identity version (invariant 2).
  struct Identity {
    std::map<std::string, std::string> values;
    int version = 0;
  };

  std::unordered_map<std::string, SubjectRow> subjects;                // by ref
  std::unordered_map<std::int64_t, Identity> identity;                 // by subject id
  std::unordered_map<std::string, std::unique_ptr<SubjectKeys>> keys;  // by subject ref
  std::unordered_map<std::string, Account> accounts;  // by institution "\n" account ref

  // The subject's keys for this transaction, made on first use.
  SubjectKeys& KeysFor(crypto::keyring::Keyring& keyring, store::Tx& tx, const std::string& ref) {
    auto& slot = keys[ref];
    if (!slot) slot = std::make_unique<SubjectKeys>(keyring, tx, ref);
    return *slot;
  }
};

}  // namespace cv::credit::internal

#endif  // CV_CREDIT_INTERNAL_WRITE_CACHE_H_
