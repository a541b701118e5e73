// FactWriter and FactReader: the field ciphertexts of one subject, under that subject's data keys
// for each grade (CRY-1, CRY-3), bound to their rows by associated data (fact_json.h).
//
// Thread-safety: not thread-safe; one per transaction and subject.
#ifndef CV_CREDIT_INTERNAL_FACT_STORE_H_
#define CV_CREDIT_INTERNAL_FACT_STORE_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/result.h"
#include "credit/credit_store.h"
#include "crypto/keyring/keyring.h"
#include "store/store.h"

namespace cv::credit::internal {

std::int64_t MicrosOf(TimePoint t);
TimePoint FromMicros(std::int64_t us);

// The key grade of a catalog item (JR/T 0171 category; "none" is kept under C1, CRY-1 default).
crypto::keyring::KeyGrade GradeOfItem(std::string_view item_id);

// Caches the subject's data keys for the transaction.
class SubjectKeys {
 public:
  SubjectKeys(crypto::keyring::Keyring& keyring, store::Tx& tx, std::string_view subject_ref)
      : keyring_(keyring), tx_(tx), ref_(subject_ref) {}
  [[nodiscard]] Result<std::string> Seal(crypto::keyring::KeyGrade grade, std::string_view value,
                                         std::string_view ad);
  [[nodiscard]] Result<std::string> Open(std::string_view ciphertext, std::string_view ad);
  const std::string& ref() const { return ref_; }
  store::Tx& tx() { return tx_; }

 private:
  crypto::keyring::Keyring& keyring_;
  store::Tx& tx_;
  std::string ref_;
  std::array<std::optional<crypto::keyring::DataKey>, 4> keys_;  // by KeyGrade value
};

// Reads and writes identity field versions under `keys` (which outlive the writer).
class FactWriter {
 public:
  explicit FactWriter(SubjectKeys& keys) : keys_(keys) {}
  [[nodiscard]] Result<std::optional<StoredField>> LatestIdentity(std::int64_t subject_id,
                                                                  std::string_view field);
  [[nodiscard]] Status AddIdentity(std::int64_t subject_id, std::string_view field, int version,
                                   std::string_view value, const Provenance& from);
  SubjectKeys& keys() { return keys_; }

 private:
  SubjectKeys& keys_;
};

}  // namespace cv::credit::internal

#endif  // CV_CREDIT_INTERNAL_FACT_STORE_H_
