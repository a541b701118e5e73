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
//  4. With `defer` set, fact version rows are not inserted when reported but queued in `pending`
//     with their plaintext; SealPending seals them (on several threads) and InsertPending writes
//     them, both before the transaction commits. Every version number a later record of the
//     transaction needs is therefore taken from this cache (identity, account versions, months,
//     `adverse`), never read back from those tables, where a queued row is not yet visible.
#ifndef CV_CREDIT_INTERNAL_WRITE_CACHE_H_
#define CV_CREDIT_INTERNAL_WRITE_CACHE_H_

#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "credit/credit_store.h"
#include "credit/internal/fact_store.h"

namespace cv::credit::internal {

// What the parser thread works out for one record ahead of the writer, with no store
// (PrepareLine): its blind-index references, the fact bodies and, for an identity record, the
// data keys its subject gets if it is new. An empty field means "not prepared": the writer
// computes it. Bodies hold personal values in clear, like the parsed record they come from; a
// body is wiped once sealed (SealPending).
struct LinePrep {
  std::string subject_ref;
  std::string account_ref;  // of the record's account_id (account, repayment, adverse)
  std::string adverse_ref;
  std::optional<crypto::keyring::PreparedDataKey> c1_key, c2_key;  // identity records
  // The fact body to seal (fact_json.h): an account, repayment or adverse body, or for an
  // identity record its C1 and C2 field objects ("" for a grade without fields).
  std::string body;
  std::string c1_body, c2_body;
  bool identity_bodies = false;  // c1_body and c2_body are set
};

// Prepares `record` as reported by `institution` (thread-safe; failures leave fields empty).
LinePrep PrepareLine(const CreditStore& credit, std::string_view institution, const Record& record);

// A fact row queued for sealing (invariant 4): `params` holds a placeholder at each field's
// `param`, replaced by the field's ciphertext under `key` with `ad`.
struct PendingRow {
  struct Field {
    std::size_t param = 0;
    std::string plaintext;
    std::string ad;
    const crypto::keyring::DataKey* key = nullptr;  // owned by the cache's SubjectKeys
  };
  std::string sql;
  std::vector<store::Value> params;
  std::vector<Field> fields;
};

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
  // Latest version of each adverse event written here: by subject id "\n" adverse ref.
  std::unordered_map<std::string, std::int64_t> adverse;
  bool defer = false;               // invariant 4
  LinePrep* prep = nullptr;         // the current record's, when prepared ahead
  std::vector<PendingRow> pending;  // queued rows, in report order

  // The subject's keys for this transaction, made on first use.
  SubjectKeys& KeysFor(crypto::keyring::Keyring& keyring, store::Tx& tx, const std::string& ref) {
    auto& slot = keys[ref];
    if (!slot) slot = std::make_unique<SubjectKeys>(keyring, tx, ref);
    return *slot;
  }
  // The subject's keys: the cache's when there is one, else `own`, made here for the caller.
  static SubjectKeys& KeysOf(WriteCache* cache, std::optional<SubjectKeys>& own,
                             crypto::keyring::Keyring& keyring, store::Tx& tx,
                             const std::string& ref) {
    if (cache != nullptr) return cache->KeysFor(keyring, tx, ref);
    return own.emplace(keyring, tx, ref);
  }
};

// Seals `row`'s fields and inserts it now, or queues it when `cache` defers (invariant 4).
[[nodiscard]] Status PutRow(store::Tx& tx, WriteCache* cache, PendingRow row);

// Seals every field of `rows` (REQUIRES: their keys outlive the call), split over `threads`
// threads (the caller's one included). The first failure is returned; rows are then unusable.
[[nodiscard]] Status SealPending(std::vector<PendingRow>& rows, unsigned threads);
// Inserts sealed `rows` in order. REQUIRES: SealPending succeeded on them.
[[nodiscard]] Status InsertPending(store::Tx& tx, const std::vector<PendingRow>& rows);

// Seals a transaction's queued rows on a second thread while the writer plans the next records,
// and inserts each hand-over once it is sealed (invariant 4): the writer's thread does the SQL,
// the other core the AEAD. One per transaction; Finish() before the commit.
class SealPipeline {
 public:
  SealPipeline(store::Tx& tx, WriteCache& cache) : tx_(tx), cache_(cache) {}
  ~SealPipeline();  // waits for the sealer (its rows are dropped unless Finish ran)
  SealPipeline(const SealPipeline&) = delete;
  SealPipeline& operator=(const SealPipeline&) = delete;

  // If the previous hand-over is sealed: inserts it and hands over the rows queued since.
  // Otherwise does nothing (never waits; the queue grows until the next Step).
  [[nodiscard]] Status Step();
  // Seals and inserts everything queued.
  [[nodiscard]] Status Finish();

 private:
  store::Tx& tx_;
  WriteCache& cache_;
  std::vector<PendingRow> sealing_;  // being sealed by sealer_
  std::future<Status> sealer_;
};

}  // namespace cv::credit::internal

#endif  // CV_CREDIT_INTERNAL_WRITE_CACHE_H_
