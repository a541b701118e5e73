// Field ciphertexts of one subject.
#include "credit/internal/fact_store.h"

#include <chrono>

#include "credit/internal/fact_json.h"
#include "grading/catalog.h"

namespace cv::credit::internal {

using crypto::keyring::KeyGrade;

std::int64_t MicrosOf(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

TimePoint FromMicros(std::int64_t us) {
  return TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::microseconds(us)));
}

KeyGrade GradeOfItem(std::string_view item_id) {
  const grading::DataItem* item = grading::Catalog::Default().FindById(item_id);
  if (item == nullptr) return KeyGrade::kC2;  // unknown items are not stored; be strict anyway
  switch (item->category) {
    case grading::Category::kC3:
      return KeyGrade::kC3;
    case grading::Category::kC2:
      return KeyGrade::kC2;
    default:
      return KeyGrade::kC1;  // CRY-1: C1 is encrypted at rest too (default)
  }
}

Result<std::string> SubjectKeys::Seal(KeyGrade grade, std::string_view value, std::string_view ad) {
  auto& slot = keys_[static_cast<std::size_t>(grade)];
  if (!slot) {
    CV_ASSIGN_OR_RETURN(auto key, keyring_.DataKeyFor(tx_, ref_, grade));
    slot.emplace(std::move(key));
  }
  return slot->Encrypt(value, ad);
}

Result<std::string> SubjectKeys::Open(std::string_view ciphertext, std::string_view ad) {
  CV_ASSIGN_OR_RETURN(std::int64_t key_id, crypto::keyring::FieldKeyId(ciphertext));
  for (auto& slot : keys_) {
    if (slot && slot->id() == key_id) return slot->Decrypt(ciphertext, ad);
  }
  CV_ASSIGN_OR_RETURN(auto key, keyring_.OpenDataKey(tx_, key_id));
  auto& slot = keys_[static_cast<std::size_t>(key.grade())];
  slot.emplace(std::move(key));
  return slot->Decrypt(ciphertext, ad);
}

Result<std::optional<StoredField>> FactWriter::LatestIdentity(std::int64_t subject_id,
                                                              std::string_view field) {
  CV_ASSIGN_OR_RETURN(auto row,
                      keys_.tx().QueryOne("SELECT version, value, institution, reported_us FROM "
                                          "credit_identity WHERE subject_id = ?1 AND field = ?2 "
                                          "ORDER BY version DESC LIMIT 1",
                                          {store::Int(subject_id), store::Text(field)}));
  if (!row) return std::optional<StoredField>();
  StoredField f;
  CV_ASSIGN_OR_RETURN(std::int64_t version, row->Int(0));
  CV_ASSIGN_OR_RETURN(std::string sealed, row->Blob(1));
  CV_ASSIGN_OR_RETURN(f.institution, row->Text(2));
  CV_ASSIGN_OR_RETURN(std::int64_t at, row->Int(3));
  f.version = static_cast<int>(version);
  f.reported_at = FromMicros(at);
  CV_ASSIGN_OR_RETURN(f.value,
                      keys_.Open(sealed, FactAd("credit_identity", keys_.ref(), field, version)));
  return std::optional<StoredField>(std::move(f));
}

Status FactWriter::AddIdentity(std::int64_t subject_id, std::string_view field, int version,
                               std::string_view value, const Provenance& from) {
  CV_ASSIGN_OR_RETURN(std::string sealed,
                      keys_.Seal(GradeOfItem(field), value,
                                 FactAd("credit_identity", keys_.ref(), field, version)));
  CV_RETURN_IF_ERROR(keys_.tx().Exec(
      "INSERT INTO credit_identity (subject_id, field, version, value, institution, batch, line, "
      "reported_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      {store::Int(subject_id), store::Text(field), store::Int(version), store::Blob(sealed),
       store::Text(from.institution), store::Int(from.batch), store::Int(from.line),
       store::Int(MicrosOf(from.reported_at))}));
  return Ok();
}

}  // namespace cv::credit::internal
