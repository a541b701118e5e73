// CreditStore: subjects and identity facts.
#include "credit/credit_store.h"

#include <chrono>

#include "common/hex.h"
#include "credit/internal/fact_store.h"
#include "credit/internal/write_cache.h"

namespace cv::credit {

using internal::MicrosOf;

std::vector<std::pair<std::string, std::string>> IdentityFields(const IdentityRecord& r) {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("person_name", r.name);
  out.emplace_back(r.subject.id_type == "passport" ? "passport" : "cn_resident_id",
                   r.subject.id_number);
  auto add = [&out](const char* item, const std::optional<std::string>& v) {
    if (v) out.emplace_back(item, *v);
  };
  add("gender", r.gender);
  add("birth_date", r.birth_date);
  add("cn_mobile", r.mobile);
  add("address", r.address);
  add("employer", r.employer);
  add("marital_status", r.marital_status);
  return out;
}

Result<std::string> CreditStore::SubjectRef(const SubjectKey& key) const {
  CV_ASSIGN_OR_RETURN(std::string index, keyring_.BlindIndex(key.id_type + ":" + key.id_number));
  return HexEncode(index);
}

Result<std::optional<SubjectRow>> CreditStore::FindSubject(store::Tx& tx,
                                                           std::string_view ref) const {
  CV_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id, shredded_us FROM credit_subjects "
                                            "WHERE ref = ?1",
                                            {store::Text(ref)}));
  if (!row) return std::optional<SubjectRow>();
  CV_ASSIGN_OR_RETURN(std::int64_t id, row->Int(0));
  CV_ASSIGN_OR_RETURN(std::int64_t shredded, row->Int(1));
  return std::optional<SubjectRow>(SubjectRow{id, std::string(ref), shredded > 0});
}

Result<SubjectRow> CreditStore::EnsureSubject(store::Tx& tx, std::string_view ref, TimePoint now,
                                              internal::WriteCache* cache) {
  std::optional<SubjectRow> found;
  if (cache != nullptr) {
    auto hit = cache->subjects.find(std::string(ref));
    if (hit != cache->subjects.end()) found = hit->second;
  }
  if (!found) {
    // Most reported subjects are new: insert first, and look up only when the ref was taken.
    CV_ASSIGN_OR_RETURN(auto id, tx.Insert("INSERT INTO credit_subjects (ref, created_us) VALUES "
                                           "(?1, ?2) ON CONFLICT (ref) DO NOTHING",
                                           {store::Text(ref), store::Int(MicrosOf(now))}));
    if (id) return Created(tx, SubjectRow{*id, std::string(ref), false}, cache);
    CV_ASSIGN_OR_RETURN(found, FindSubject(tx, ref));
    if (!found) return Fail(ErrorCode::kInternal, "credit_subjects: ref neither new nor found");
    if (cache != nullptr) cache->subjects.emplace(found->ref, *found);
  }
  // CRY-5: a shredded subject's keys are gone for good; nothing new is written under them.
  if (found->shredded) return Fail(ErrorCode::kFailedPrecondition, "subject_shredded");
  return *found;
}

SubjectRow CreditStore::Created(store::Tx& tx, SubjectRow created, internal::WriteCache* cache) {
  if (cache != nullptr) {
    cache->subjects.emplace(created.ref, created);
    cache->identity.emplace(created.id, internal::WriteCache::Identity());  // none yet (inv. 2)
    auto keys = std::make_unique<internal::SubjectKeys>(keyring_, tx, created.ref, /*fresh=*/true);
    if (cache->prep != nullptr) {  // key material the parser thread made for this record
      if (cache->prep->c1_key) keys->Offer(std::move(*cache->prep->c1_key));
      if (cache->prep->c2_key) keys->Offer(std::move(*cache->prep->c2_key));
      cache->prep->c1_key.reset();
      cache->prep->c2_key.reset();
    }
    cache->keys[created.ref] = std::move(keys);
  }
  return created;
}

Result<int> CreditStore::PutIdentity(store::Tx& tx, const SubjectRow& subject,
                                     const IdentityRecord& record, const Provenance& from,
                                     internal::WriteCache* cache) {
  std::optional<internal::SubjectKeys> own;
  internal::SubjectKeys& keys = internal::WriteCache::KeysOf(cache, own, keyring_, tx, subject.ref);
  internal::WriteCache::Identity read;
  internal::WriteCache::Identity* known = &read;
  if (cache != nullptr) {
    auto hit = cache->identity.find(subject.id);
    if (hit != cache->identity.end()) known = &hit->second;
  }
  if (known == &read) {
    CV_ASSIGN_OR_RETURN(auto fields, internal::LoadIdentityFields(keys, subject.id));
    for (auto& [field, stored] : fields) read.values[field] = std::move(stored.value);
    CV_ASSIGN_OR_RETURN(read.version, internal::LatestIdentityVersion(tx, subject.id));
    if (cache != nullptr)
      known = &cache->identity.emplace(subject.id, std::move(read)).first->second;
  }
  const auto fields = IdentityFields(record);
  int changed = 0;
  for (const auto& [field, value] : fields) {
    auto it = known->values.find(field);
    if (it == known->values.end() || it->second != value) ++changed;
  }
  if (changed == 0) return 0;  // invariant 3
  const int version = known->version + 1;
  CV_RETURN_IF_ERROR(internal::AddIdentityVersion(keys, subject.id, version, fields, from, cache));
  known->version = version;
  for (const auto& [field, value] : fields) known->values[field] = value;
  return changed;
}

Result<int> CreditStore::Shred(store::Tx& tx, const SubjectRow& subject, std::string_view reason,
                               TimePoint now) {
  CV_ASSIGN_OR_RETURN(int destroyed, keyring_.DestroySubject(tx, subject.ref, reason));
  CV_RETURN_IF_ERROR(tx.Exec("UPDATE credit_subjects SET shredded_us = ?1 WHERE id = ?2",
                             {store::Int(MicrosOf(now)), store::Int(subject.id)}));
  return destroyed;
}

}  // namespace cv::credit
