// Field ciphertexts of one subject.
#include "credit/internal/fact_store.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "credit/internal/fact_json.h"
#include "credit/internal/write_cache.h"
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

void SubjectKeys::Offer(crypto::keyring::PreparedDataKey prepared) {
  if (!fresh_ || prepared.subject != ref_) return;  // only a new subject's own keys
  offered_[static_cast<std::size_t>(prepared.grade)].emplace(std::move(prepared));
}

Result<const crypto::keyring::DataKey*> SubjectKeys::Key(KeyGrade grade) {
  auto& slot = keys_[static_cast<std::size_t>(grade)];
  if (slot) return &*slot;
  auto& offered = offered_[static_cast<std::size_t>(grade)];
  if (offered) {
    CV_ASSIGN_OR_RETURN(auto key, keyring_.InsertDataKey(tx_, std::move(*offered)));
    offered.reset();
    slot.emplace(std::move(key));
  } else {
    CV_ASSIGN_OR_RETURN(auto key, fresh_ ? keyring_.NewDataKey(tx_, ref_, grade)
                                         : keyring_.DataKeyFor(tx_, ref_, grade));
    slot.emplace(std::move(key));
  }
  return &*slot;
}

Result<std::string> SubjectKeys::Seal(KeyGrade grade, std::string_view value, std::string_view ad) {
  CV_ASSIGN_OR_RETURN(const crypto::keyring::DataKey* key, Key(grade));
  return key->Encrypt(value, ad);
}

Result<std::string> SubjectKeys::Open(std::string_view ciphertext, std::string_view ad) {
  CV_ASSIGN_OR_RETURN(std::int64_t key_id, crypto::keyring::FieldKeyId(ciphertext));
  for (auto& slot : keys_) {
    if (slot && slot->id() == key_id) return slot->Decrypt(ciphertext, ad);
  }
  CV_ASSIGN_OR_RETURN(auto key, keyring_.OpenDataKey(tx_, key_id));
  auto& slot = keys_[static_cast<std::size_t>(key.grade())];
  // A held key is never replaced: Key() handed out its address. Another key of the same grade
  // (a ciphertext that is not this subject's) is used once and dropped.
  if (slot) return key.Decrypt(ciphertext, ad);
  slot.emplace(std::move(key));
  return slot->Decrypt(ciphertext, ad);
}

Result<RowMeta> ReadRowMeta(const store::Row& row, int first) {
  RowMeta m;
  CV_ASSIGN_OR_RETURN(m.version, row.Int(first));
  CV_ASSIGN_OR_RETURN(m.institution, row.Text(first + 1));
  CV_ASSIGN_OR_RETURN(std::int64_t at, row.Int(first + 2));
  m.reported_at = FromMicros(at);
  return m;
}

namespace {

// Migration 5's rows: the latest version of each field.
Status LoadFieldRows(SubjectKeys& keys, std::int64_t subject_id,
                     std::map<std::string, StoredField>& out) {
  CV_ASSIGN_OR_RETURN(
      auto rows,
      keys.tx().Query("SELECT field, value, version, institution, reported_us FROM "
                      "credit_identity i WHERE subject_id = ?1 AND version = (SELECT "
                      "MAX(version) FROM credit_identity WHERE subject_id = i.subject_id AND "
                      "field = i.field)",
                      {store::Int(subject_id)}));
  for (const store::Row& row : rows) {
    CV_ASSIGN_OR_RETURN(std::string field, row.Text(0));
    CV_ASSIGN_OR_RETURN(std::string sealed, row.Blob(1));
    CV_ASSIGN_OR_RETURN(RowMeta m, ReadRowMeta(row, 2));
    CV_ASSIGN_OR_RETURN(std::string value,
                        keys.Open(sealed, FactAd("credit_identity", keys.ref(), field, m.version)));
    out[field] =
        StoredField{std::move(value), static_cast<int>(m.version), m.institution, m.reported_at};
  }
  return Ok();
}

// Adds the fields of one sealed grade object to `out` unless a newer version already gave them.
Status MergeSealedFields(SubjectKeys& keys, std::string_view sealed, std::string_view grade,
                         const RowMeta& m, std::map<std::string, StoredField>& out,
                         std::map<std::string, bool>& from_versions) {
  CV_ASSIGN_OR_RETURN(std::string body, keys.Open(sealed, FactAd("credit_identity_versions",
                                                                 keys.ref(), grade, m.version)));
  const nlohmann::json fields = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!fields.is_object()) return Fail(ErrorCode::kInternal, "stored identity body is not JSON");
  for (const auto& [field, value] : fields.items()) {
    if (!value.is_string()) return Fail(ErrorCode::kInternal, "stored identity value not a string");
    if (from_versions[field]) continue;  // a newer version holds it
    from_versions[field] = true;
    out[field] = StoredField{value.get<std::string>(), static_cast<int>(m.version), m.institution,
                             m.reported_at};
  }
  return Ok();
}

}  // namespace

Result<std::map<std::string, StoredField>> LoadIdentityFields(SubjectKeys& keys,
                                                              std::int64_t subject_id) {
  std::map<std::string, StoredField> out;
  CV_RETURN_IF_ERROR(LoadFieldRows(keys, subject_id, out));
  CV_ASSIGN_OR_RETURN(auto rows, keys.tx().Query("SELECT c1, c2, version, institution, reported_us "
                                                 "FROM credit_identity_versions WHERE "
                                                 "subject_id = ?1 ORDER BY version DESC",
                                                 {store::Int(subject_id)}));
  std::map<std::string, bool> from_versions;
  for (const store::Row& row : rows) {
    CV_ASSIGN_OR_RETURN(RowMeta m, ReadRowMeta(row, 2));
    for (int column = 0; column < 2; ++column) {
      if (row.IsNull(column)) continue;
      CV_ASSIGN_OR_RETURN(std::string sealed, row.Blob(column));
      CV_RETURN_IF_ERROR(
          MergeSealedFields(keys, sealed, column == 0 ? "c1" : "c2", m, out, from_versions));
    }
  }
  return out;
}

Result<int> LatestIdentityVersion(store::Tx& tx, std::int64_t subject_id) {
  CV_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT MAX(version) FROM credit_identity_versions "
                                            "WHERE subject_id = ?1",
                                            {store::Int(subject_id)}));
  if (!row || row->IsNull(0)) return 0;
  CV_ASSIGN_OR_RETURN(std::int64_t version, row->Int(0));
  return static_cast<int>(version);
}

Result<std::array<std::string, 2>> IdentityBodies(
    const std::vector<std::pair<std::string, std::string>>& fields) {
  std::vector<std::pair<std::string, std::string>> by_grade[2];
  for (const auto& [field, value] : fields) {
    const KeyGrade grade = GradeOfItem(field);
    if (grade == KeyGrade::kC3) return Fail(ErrorCode::kInternal, "identity item graded C3");
    by_grade[grade == KeyGrade::kC2 ? 1 : 0].emplace_back(field, value);
  }
  std::array<std::string, 2> bodies;
  for (int g = 0; g < 2; ++g) {
    if (!by_grade[g].empty()) bodies[g] = FieldsBody(by_grade[g]);
  }
  return bodies;
}

Status AddIdentityVersion(SubjectKeys& keys, std::int64_t subject_id, int version,
                          const std::vector<std::pair<std::string, std::string>>& fields,
                          const Provenance& from, WriteCache* cache) {
  std::array<std::string, 2> bodies;
  if (cache != nullptr && cache->prep != nullptr && cache->prep->identity_bodies) {
    bodies = {std::move(cache->prep->c1_body), std::move(cache->prep->c2_body)};  // same fields
    cache->prep->identity_bodies = false;
  } else {
    CV_ASSIGN_OR_RETURN(bodies, IdentityBodies(fields));
  }
  PendingRow row;
  row.sql =
      "INSERT INTO credit_identity_versions (subject_id, version, c1, c2, institution, batch, "
      "line, reported_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  row.params = {store::Int(subject_id),
                store::Int(version),
                store::Null(),
                store::Null(),
                store::Text(from.institution),
                store::Int(from.batch),
                store::Int(from.line),
                store::Int(MicrosOf(from.reported_at))};
  for (int g = 0; g < 2; ++g) {
    if (bodies[g].empty()) continue;  // no field of this grade: the column stays NULL
    CV_ASSIGN_OR_RETURN(const crypto::keyring::DataKey* key,
                        keys.Key(g == 0 ? KeyGrade::kC1 : KeyGrade::kC2));
    row.fields.push_back(
        {static_cast<std::size_t>(2 + g), std::move(bodies[g]),
         FactAd("credit_identity_versions", keys.ref(), g == 0 ? "c1" : "c2", version), key});
  }
  return PutRow(keys.tx(), cache, std::move(row));
}

}  // namespace cv::credit::internal
