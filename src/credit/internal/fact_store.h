// FactWriter and FactReader: the field ciphertexts of one subject, under that subject's data keys
// for each grade (CRY-1, CRY-3), bound to their rows by associated data (fact_json.h).
//
// Thread-safety: not thread-safe; one per transaction and subject.
#ifndef CV_CREDIT_INTERNAL_FACT_STORE_H_
#define CV_CREDIT_INTERNAL_FACT_STORE_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "credit/credit_store.h"
#include "crypto/keyring/keyring.h"
#include "store/store.h"

namespace cv::credit::internal {

std::int64_t MicrosOf(TimePoint t);
TimePoint FromMicros(std::int64_t us);

// The provenance columns every fact version row has: (version, institution, reported_us).
struct RowMeta {
  std::int64_t version = 0;
  std::string institution;
  TimePoint reported_at;
};
// Those columns of `row`, starting at column `first`.
[[nodiscard]] Result<RowMeta> ReadRowMeta(const store::Row& row, int first);

// The key grade of a catalog item (JR/T 0171 category; "none" is kept under C1, CRY-1 default).
crypto::keyring::KeyGrade GradeOfItem(std::string_view item_id);

// Caches the subject's data keys for the transaction.
class SubjectKeys {
 public:
  // `fresh`: the subject was created in this transaction, so it has no data keys yet and they are
  // created without a look-up (Keyring::NewDataKey).
  SubjectKeys(crypto::keyring::Keyring& keyring, store::Tx& tx, std::string_view subject_ref,
              bool fresh = false)
      : keyring_(keyring), tx_(tx), ref_(subject_ref), fresh_(fresh) {}
  // For a fresh subject: key material prepared ahead (Keyring::PrepareDataKey) for `grade`, used
  // instead of making it when the key is first needed. REQUIRES: prepared.subject is this ref.
  void Offer(crypto::keyring::PreparedDataKey prepared);
  [[nodiscard]] Result<std::string> Seal(crypto::keyring::KeyGrade grade, std::string_view value,
                                         std::string_view ad);
  [[nodiscard]] Result<std::string> Open(std::string_view ciphertext, std::string_view ad);
  // The subject's key for `grade`, made or read on first use; valid while this object lives.
  [[nodiscard]] Result<const crypto::keyring::DataKey*> Key(crypto::keyring::KeyGrade grade);
  const std::string& ref() const { return ref_; }
  store::Tx& tx() { return tx_; }

 private:
  crypto::keyring::Keyring& keyring_;
  store::Tx& tx_;
  std::string ref_;
  bool fresh_ = false;
  std::array<std::optional<crypto::keyring::DataKey>, 4> keys_;             // by KeyGrade value
  std::array<std::optional<crypto::keyring::PreparedDataKey>, 4> offered_;  // by KeyGrade
};

// The latest value of each identity field (catalog item id -> field), read from the per-report
// versions of credit_identity_versions over the per-field rows of credit_identity (migration 5,
// no longer written): a field's value in the newer table supersedes the older one's.
[[nodiscard]] Result<std::map<std::string, StoredField>> LoadIdentityFields(
    SubjectKeys& keys, std::int64_t subject_id);

// The highest version in credit_identity_versions of the subject; 0 when there is none.
[[nodiscard]] Result<int> LatestIdentityVersion(store::Tx& tx, std::int64_t subject_id);

struct WriteCache;

// The C1 and C2 field objects of an identity version ("" for a grade without fields), as
// AddIdentityVersion seals them. kInternal for a field of grade C3.
[[nodiscard]] Result<std::array<std::string, 2>> IdentityBodies(
    const std::vector<std::pair<std::string, std::string>>& fields);

// Adds identity version `version` holding `fields` (catalog item id, value): the fields of each
// grade as one JSON object sealed under the subject's key for that grade (CRY-1), bound to the
// row by associated data "credit_identity_versions|<ref>|c1|<version>" (and c2).
// kInternal for a field of grade C3 (no identity item is C3; catalog change needs a migration).
// Queued instead of inserted when `cache` defers (write_cache.h invariant 4).
[[nodiscard]] Status AddIdentityVersion(
    SubjectKeys& keys, std::int64_t subject_id, int version,
    const std::vector<std::pair<std::string, std::string>>& fields, const Provenance& from,
    WriteCache* cache = nullptr);

}  // namespace cv::credit::internal

#endif  // CV_CREDIT_INTERNAL_FACT_STORE_H_
