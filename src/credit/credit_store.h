// CreditStore: the credit facts of subjects at rest — each personal value encrypted by its grade
// under the subject's data key, found through blind indexes, versioned and never overwritten
// (REQUIREMENTS CRY-1, CRY-3, DSP-2; docs/credit_model.md).
//
// Thread-safety: thread-safe (state lives in the store and the keyring). Methods that take a
// store::Tx run in the caller's transaction, so the caller writes its audit event beside them.
// Invariants:
//  1. No clear identifier or personal value is written to the database: subjects, accounts and
//     adverse events are keyed by blind indexes; values are field ciphertexts whose associated
//     data names their table, subject, field and version, so a ciphertext moved elsewhere fails.
//  2. A write adds a version (max + 1); no row of a version table is ever updated or deleted
//     (the schema's triggers refuse it; JR/T 0117 9.5 a).
//  3. An identity report adds a version only when some reported field's value differs from its
//     latest; the version then holds every field of the report (one row: the C1 fields and the C2
//     fields each sealed as one object). Account, repayment and adverse reports always add a
//     version (each is a dated report by an institution).
#ifndef CV_CREDIT_CREDIT_STORE_H_
#define CV_CREDIT_CREDIT_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "credit/records.h"
#include "crypto/keyring/keyring.h"
#include "store/store.h"

namespace cv::credit {

namespace internal {
struct WriteCache;
}  // namespace internal

// Where a reported fact came from (kept with every version).
struct Provenance {
  std::string institution;
  std::int64_t batch = 0;  // credit_batches.id
  std::int64_t line = 0;
  TimePoint reported_at;
};

// A subject as stored: row id and reference (the blind index of its identifier).
struct SubjectRow {
  std::int64_t id = 0;
  std::string ref;
  bool shredded = false;
};

// One identity field's latest version.
struct StoredField {
  std::string value;
  int version = 0;
  std::string institution;
  TimePoint reported_at;
};

// An account's latest reported facts and its months.
struct StoredAccount {
  std::string institution;
  AccountRecord facts;  // facts.subject is left empty
  int version = 0;
  TimePoint reported_at;
  std::map<std::string, RepaymentRecord> months;  // "YYYY-MM" -> latest version
};

struct StoredAdverse {
  std::string institution;
  AdverseRecord facts;  // facts.subject is left empty
  int version = 0;
  TimePoint reported_at;
};

// Everything held on one subject, decrypted (latest versions).
struct SubjectFile {
  SubjectRow subject;
  std::map<std::string, StoredField> identity;  // catalog item id -> latest
  std::vector<StoredAccount> accounts;          // by institution, then account id
  std::vector<StoredAdverse> adverse;
};

// The catalog item id of each identity field of IdentityRecord, in display order:
// person_name, cn_resident_id | passport, gender, birth_date, cn_mobile, address, employer,
// marital_status.
std::vector<std::pair<std::string, std::string>> IdentityFields(const IdentityRecord& record);

class CreditStore {
 public:
  // REQUIRES: `keyring` outlives the CreditStore.
  explicit CreditStore(crypto::keyring::Keyring& keyring) : keyring_(keyring) {}

  // The subject's reference: lower-case hex of the blind index of "<id_type>:<id_number>".
  // REQUIRES: `key` is normalized (records.h).
  [[nodiscard]] Result<std::string> SubjectRef(const SubjectKey& key) const;
  // The reference of an institution's own account id or adverse event id: lower-case hex of the
  // blind index of "account:<institution>:<id>" ("adverse:..."), never the id itself.
  [[nodiscard]] Result<std::string> AccountRef(std::string_view institution,
                                               std::string_view account_id) const;
  [[nodiscard]] Result<std::string> AdverseRef(std::string_view institution,
                                               std::string_view event_id) const;

  // The subject with reference `ref`, if known.
  [[nodiscard]] Result<std::optional<SubjectRow>> FindSubject(store::Tx& tx,
                                                              std::string_view ref) const;
  // The subject with reference `ref`, created when missing. kFailedPrecondition for a shredded
  // subject (CRY-5: its data keys are gone; nothing may be reported on it again).
  [[nodiscard]] Result<SubjectRow> EnsureSubject(store::Tx& tx, std::string_view ref, TimePoint now,
                                                 internal::WriteCache* cache = nullptr);

  // Adds an identity version when a reported field's value differs from its latest (invariant 3).
  // Returns how many fields changed (0: nothing was written).
  // The Put methods and HasAccount take an optional cache of what this transaction already
  // read or wrote (internal/write_cache.h), shared by the records of one ingest chunk.
  [[nodiscard]] Result<int> PutIdentity(store::Tx& tx, const SubjectRow& subject,
                                        const IdentityRecord& record, const Provenance& from,
                                        internal::WriteCache* cache = nullptr);
  // Adds a version of the account (created on first report). kFailedPrecondition when the
  // institution's account id is already reported for another subject.
  [[nodiscard]] Status PutAccount(store::Tx& tx, const SubjectRow& subject,
                                  const AccountRecord& record, const Provenance& from,
                                  internal::WriteCache* cache = nullptr);
  // Adds a version of one month. kNotFound "account_not_found" when the institution never
  // reported the account (referential integrity).
  [[nodiscard]] Status PutRepayment(store::Tx& tx, const RepaymentRecord& record,
                                    const Provenance& from, internal::WriteCache* cache = nullptr);
  [[nodiscard]] Status PutAdverse(store::Tx& tx, const SubjectRow& subject,
                                  const AdverseRecord& record, const Provenance& from,
                                  internal::WriteCache* cache = nullptr);

  // True when the institution reported account `account_id` (any subject).
  [[nodiscard]] Result<bool> HasAccount(store::Tx& tx, std::string_view institution,
                                        std::string_view account_id,
                                        internal::WriteCache* cache = nullptr) const;
  // True when `institution` holds an account of the subject (post-loan management, QRY-1).
  [[nodiscard]] Result<bool> InstitutionHasAccountWith(store::Tx& tx, std::int64_t subject_id,
                                                       std::string_view institution) const;

  // The subject's latest facts, decrypted. For a shredded subject, returns the row with
  // `shredded` set and nothing else.
  [[nodiscard]] Result<SubjectFile> Load(store::Tx& tx, const SubjectRow& subject) const;

  // CRY-5: destroys the subject's data keys and marks it shredded; returns how many keys were
  // destroyed. Call store.Flush() after commit.
  [[nodiscard]] Result<int> Shred(store::Tx& tx, const SubjectRow& subject, std::string_view reason,
                                  TimePoint now);

  crypto::keyring::Keyring& keyring() const { return keyring_; }

 private:
  // Records a subject just inserted in `cache`: no identity versions and no data keys yet.
  SubjectRow Created(store::Tx& tx, SubjectRow created, internal::WriteCache* cache);

  crypto::keyring::Keyring& keyring_;
};

}  // namespace cv::credit

#endif  // CV_CREDIT_CREDIT_STORE_H_
