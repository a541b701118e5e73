// CreditStore: accounts, repayment months and adverse events, each report a new version.
#include <string>

#include "common/hex.h"
#include "credit/credit_store.h"
#include "credit/internal/fact_json.h"
#include "credit/internal/fact_store.h"
#include "credit/internal/write_cache.h"

namespace cv::credit {
namespace {

using crypto::keyring::KeyGrade;
using internal::FactAd;
using internal::MicrosOf;

// A reference that finds a provider's own id without storing it: blind index of
// "<kind>:<institution>:<id>" (invariant 1).
Result<std::string> ProviderRef(const crypto::keyring::Keyring& keyring, std::string_view kind,
                                std::string_view institution, std::string_view id) {
  CV_ASSIGN_OR_RETURN(std::string index,
                      keyring.BlindIndex(std::string(kind) + ":" + std::string(institution) + ":" +
                                         std::string(id)));
  return HexEncode(index);
}

struct AccountRow {
  std::int64_t id = 0;
  std::int64_t subject_id = 0;
  std::string subject_ref;
};

Result<std::optional<AccountRow>> FindAccount(store::Tx& tx, std::string_view institution,
                                              std::string_view account_ref) {
  CV_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT a.id, a.subject_id, s.ref FROM credit_accounts "
                                            "a JOIN credit_subjects s ON s.id = a.subject_id "
                                            "WHERE a.institution = ?1 AND a.account_ref = ?2",
                                            {store::Text(institution), store::Text(account_ref)}));
  if (!row) return std::optional<AccountRow>();
  AccountRow a;
  CV_ASSIGN_OR_RETURN(a.id, row->Int(0));
  CV_ASSIGN_OR_RETURN(a.subject_id, row->Int(1));
  CV_ASSIGN_OR_RETURN(a.subject_ref, row->Text(2));
  return std::optional<AccountRow>(std::move(a));
}

// max(version) + 1 of the rows `sql` selects (it must select MAX(version)).
Result<std::int64_t> NextVersion(store::Tx& tx, std::string_view sql,
                                 std::initializer_list<store::Value> params) {
  CV_ASSIGN_OR_RETURN(auto row, tx.QueryOne(sql, params));
  if (!row || row->IsNull(0)) return 1;
  CV_ASSIGN_OR_RETURN(std::int64_t max, row->Int(0));
  return max + 1;
}

// Inserts (or queues, write cache invariant 4) a version row: parameters `head`, then the body
// sealed under the subject's C2 key with `ad`, then the provenance (institution, batch, line,
// reported_us), then `tail`.
Status InsertVersioned(store::Tx& tx, internal::WriteCache* cache, internal::SubjectKeys& keys,
                       std::string_view sql, std::vector<store::Value> head, std::string body,
                       std::string ad, const Provenance& from,
                       std::vector<store::Value> tail = {}) {
  CV_ASSIGN_OR_RETURN(const crypto::keyring::DataKey* key, keys.Key(KeyGrade::kC2));
  internal::PendingRow row;
  row.sql = std::string(sql);
  row.params = std::move(head);
  row.fields.push_back({row.params.size(), std::move(body), std::move(ad), key});
  row.params.push_back(store::Null());  // the ciphertext's place
  row.params.push_back(store::Text(from.institution));
  row.params.push_back(store::Int(from.batch));
  row.params.push_back(store::Int(from.line));
  row.params.push_back(store::Int(MicrosOf(from.reported_at)));
  for (auto& v : tail) row.params.push_back(std::move(v));
  return internal::PutRow(tx, cache, std::move(row));
}

// The cache key of the account `ref` of `institution`.
std::string AccountKey(std::string_view institution, std::string_view ref) {
  return std::string(institution) + "\n" + std::string(ref);
}

// The account `ref` of `institution`, from the cache when this transaction saw it already: a
// pointer into the cache, or to `storage` without one; nullptr when there is no such account.
Result<const internal::WriteCache::Account*> CachedAccount(store::Tx& tx,
                                                           internal::WriteCache* cache,
                                                           std::string_view institution,
                                                           std::string_view ref,
                                                           internal::WriteCache::Account& storage) {
  std::string key = AccountKey(institution, ref);
  if (cache != nullptr) {
    auto hit = cache->accounts.find(key);
    if (hit != cache->accounts.end()) return &hit->second;
  }
  CV_ASSIGN_OR_RETURN(auto found, FindAccount(tx, institution, ref));
  if (!found) return nullptr;
  storage =
      internal::WriteCache::Account{found->id, found->subject_id, found->subject_ref, 0, false, {}};
  if (cache == nullptr) return &storage;
  return &cache->accounts.emplace(std::move(key), std::move(storage)).first->second;
}

internal::WriteCache::Account* CacheSlot(internal::WriteCache* cache, std::string_view institution,
                                         std::string_view ref) {
  if (cache == nullptr) return nullptr;
  auto hit = cache->accounts.find(AccountKey(institution, ref));
  return hit == cache->accounts.end() ? nullptr : &hit->second;
}

// The ref `compute` gives, or the one the parser thread worked out for this line already.
template <typename Compute>
Result<std::string> LineRef(internal::WriteCache* cache, std::string internal::LinePrep::*field,
                            const Compute& compute) {
  if (cache != nullptr && cache->prep != nullptr && !(cache->prep->*field).empty()) {
    return cache->prep->*field;
  }
  return compute();
}

// The body `make` gives, or the one the parser thread wrote for this line already.
template <typename Make>
std::string LineBody(internal::WriteCache* cache, const Make& make) {
  if (cache != nullptr && cache->prep != nullptr && !cache->prep->body.empty()) {
    return std::move(cache->prep->body);
  }
  return make();
}

}  // namespace

Result<std::string> CreditStore::AccountRef(std::string_view institution,
                                            std::string_view account_id) const {
  return ProviderRef(keyring_, "account", institution, account_id);
}

Result<std::string> CreditStore::AdverseRef(std::string_view institution,
                                            std::string_view event_id) const {
  return ProviderRef(keyring_, "adverse", institution, event_id);
}

Status CreditStore::PutAccount(store::Tx& tx, const SubjectRow& subject,
                               const AccountRecord& record, const Provenance& from,
                               internal::WriteCache* cache) {
  CV_ASSIGN_OR_RETURN(std::string ref, LineRef(cache, &internal::LinePrep::account_ref, [&] {
                        return AccountRef(from.institution, record.account_id);
                      }));
  std::optional<internal::WriteCache::Account> found;
  if (auto* slot = CacheSlot(cache, from.institution, ref)) found = *slot;
  if (!found) {
    // Most reported accounts are new: insert first, and look up only when the ref was taken.
    CV_ASSIGN_OR_RETURN(auto id, tx.Insert("INSERT INTO credit_accounts (subject_id, institution, "
                                           "account_ref, kind) VALUES (?1, ?2, ?3, ?4) ON CONFLICT "
                                           "(institution, account_ref) DO NOTHING",
                                           {store::Int(subject.id), store::Text(from.institution),
                                            store::Text(ref), store::Text(record.kind)}));
    if (id) {
      found = internal::WriteCache::Account{*id, subject.id, subject.ref, 0, true, {}};
      if (cache != nullptr) cache->accounts.emplace(AccountKey(from.institution, ref), *found);
    } else {
      internal::WriteCache::Account storage;
      CV_ASSIGN_OR_RETURN(auto existing, CachedAccount(tx, cache, from.institution, ref, storage));
      if (existing == nullptr) {
        return Fail(ErrorCode::kInternal, "credit_accounts: ref neither new nor found");
      }
      found = *existing;
    }
  }
  if (found->subject_id != subject.id) {
    return Fail(ErrorCode::kFailedPrecondition, "account_subject_mismatch");
  }
  const std::int64_t account_id = found->id;
  std::int64_t version = 1;  // a fresh account's first version (write cache invariant 3)
  if (found->version > 0) {
    version = found->version + 1;
  } else if (!found->fresh) {
    CV_ASSIGN_OR_RETURN(version, NextVersion(tx,
                                             "SELECT MAX(version) FROM credit_account_versions "
                                             "WHERE account_id = ?1",
                                             {store::Int(account_id)}));
  }
  std::optional<internal::SubjectKeys> own;
  internal::SubjectKeys& keys = internal::WriteCache::KeysOf(cache, own, keyring_, tx, subject.ref);
  const std::string key = std::to_string(account_id);
  CV_RETURN_IF_ERROR(InsertVersioned(tx, cache, keys,
                                     "INSERT INTO credit_account_versions (account_id, version, "
                                     "body, institution, batch, line, reported_us) VALUES (?1, "
                                     "?2, ?3, ?4, ?5, ?6, ?7)",
                                     {store::Int(account_id), store::Int(version)},
                                     LineBody(cache, [&] { return internal::AccountBody(record); }),
                                     FactAd("credit_account_versions", subject.ref, key, version),
                                     from));
  if (auto* slot = CacheSlot(cache, from.institution, ref)) slot->version = version;
  return Ok();
}

Status CreditStore::PutRepayment(store::Tx& tx, const RepaymentRecord& record,
                                 const Provenance& from, internal::WriteCache* cache) {
  CV_ASSIGN_OR_RETURN(std::string ref, LineRef(cache, &internal::LinePrep::account_ref, [&] {
                        return AccountRef(from.institution, record.account_id);
                      }));
  internal::WriteCache::Account storage;
  CV_ASSIGN_OR_RETURN(auto account, CachedAccount(tx, cache, from.institution, ref, storage));
  if (account == nullptr) return Fail(ErrorCode::kNotFound, "account_not_found");
  std::int64_t version = 0;
  auto month = account->months.find(record.month);
  if (month != account->months.end()) {
    version = month->second + 1;
  } else if (account->fresh) {
    version = 1;  // write cache invariant 3: a fresh account's months are all known
  } else {
    CV_ASSIGN_OR_RETURN(version, NextVersion(tx,
                                             "SELECT MAX(version) FROM credit_repayments WHERE "
                                             "account_id = ?1 AND month = ?2",
                                             {store::Int(account->id), store::Text(record.month)}));
  }
  std::optional<internal::SubjectKeys> own;
  internal::SubjectKeys& keys =
      internal::WriteCache::KeysOf(cache, own, keyring_, tx, account->subject_ref);
  const std::string key = std::to_string(account->id) + "/" + record.month;
  CV_RETURN_IF_ERROR(InsertVersioned(
      tx, cache, keys,
      "INSERT INTO credit_repayments (account_id, month, version, body, institution, batch, "
      "line, reported_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      {store::Int(account->id), store::Text(record.month), store::Int(version)},
      LineBody(cache, [&] { return internal::RepaymentBody(record); }),
      FactAd("credit_repayments", account->subject_ref, key, version), from));
  if (auto* slot = CacheSlot(cache, from.institution, ref)) slot->months[record.month] = version;
  return Ok();
}

Status CreditStore::PutAdverse(store::Tx& tx, const SubjectRow& subject,
                               const AdverseRecord& record, const Provenance& from,
                               internal::WriteCache* cache) {
  CV_ASSIGN_OR_RETURN(std::string ref, LineRef(cache, &internal::LinePrep::adverse_ref, [&] {
                        return AdverseRef(from.institution, record.event_id);
                      }));
  const std::string cache_key = std::to_string(subject.id) + "\n" + ref;
  std::optional<std::int64_t> known;
  if (cache != nullptr) {
    auto hit = cache->adverse.find(cache_key);
    if (hit != cache->adverse.end()) known = hit->second;
  }
  std::int64_t version = 0;
  if (known) {
    version = *known + 1;  // write cache invariant 4: a queued version is not readable
  } else {
    CV_ASSIGN_OR_RETURN(version, NextVersion(tx,
                                             "SELECT MAX(version) FROM credit_adverse WHERE "
                                             "subject_id = ?1 AND adverse_ref = ?2",
                                             {store::Int(subject.id), store::Text(ref)}));
  }
  std::optional<internal::SubjectKeys> own;
  internal::SubjectKeys& keys = internal::WriteCache::KeysOf(cache, own, keyring_, tx, subject.ref);
  CV_RETURN_IF_ERROR(InsertVersioned(
      tx, cache, keys,
      "INSERT INTO credit_adverse (subject_id, adverse_ref, version, body, institution, batch, "
      "line, reported_us, ends_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
      {store::Int(subject.id), store::Text(ref), store::Int(version)},
      LineBody(cache, [&] { return internal::AdverseBody(record); }),
      FactAd("credit_adverse", subject.ref, ref, version), from,
      {store::Text(record.end_date.value_or(""))}));
  if (cache != nullptr) cache->adverse[cache_key] = version;
  return Ok();
}

Result<bool> CreditStore::HasAccount(store::Tx& tx, std::string_view institution,
                                     std::string_view account_id,
                                     internal::WriteCache* cache) const {
  CV_ASSIGN_OR_RETURN(std::string ref, LineRef(cache, &internal::LinePrep::account_ref, [&] {
                        return AccountRef(institution, account_id);
                      }));
  internal::WriteCache::Account storage;
  CV_ASSIGN_OR_RETURN(auto found, CachedAccount(tx, cache, institution, ref, storage));
  return found != nullptr;
}

Result<bool> CreditStore::InstitutionHasAccountWith(store::Tx& tx, std::int64_t subject_id,
                                                    std::string_view institution) const {
  CV_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT 1 FROM credit_accounts WHERE subject_id = ?1 "
                                            "AND institution = ?2 LIMIT 1",
                                            {store::Int(subject_id), store::Text(institution)}));
  return row.has_value();
}

}  // namespace cv::credit
