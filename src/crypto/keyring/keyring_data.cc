// Data keys: creating, opening and destroying a subject's keys; field encryption; keyed hashes.
#include <algorithm>

#include "crypto/keyring/internal/keyring_impl.h"
#include "crypto/random.h"

namespace cv::crypto::keyring {
namespace {

std::string FieldHeader(Suite suite, KeyGrade grade, std::int64_t id) {
  std::string header;
  header.push_back(static_cast<char>(kFormatV1));
  header.push_back(static_cast<char>(suite));
  header.push_back(static_cast<char>(grade));
  PutU64(header, static_cast<std::uint64_t>(id));
  return header;
}

// header || associated_data, on the stack when short (the common case: no allocation per field).
class FieldAd {
 public:
  FieldAd(std::string_view header, std::string_view ad) {
    const std::size_t n = header.size() + ad.size();
    char* out = n <= sizeof(stack_) ? stack_ : (heap_.resize(n), heap_.data());
    std::copy(header.begin(), header.end(), out);
    std::copy(ad.begin(), ad.end(), out + header.size());
    view_ = std::string_view(out, n);
  }
  std::string_view view() const { return view_; }

 private:
  char stack_[128];
  std::string heap_;
  std::string_view view_;
};

Error DestroyedKey(std::int64_t id) {
  return Error(ErrorCode::kNotFound,
               "data key " + std::to_string(id) + " was destroyed (crypto-shredded, CRY-5)");
}

}  // namespace

DataKey::DataKey(std::int64_t id, KeyGrade grade, Suite suite, std::shared_ptr<const Aead> aead)
    : id_(id), grade_(grade), header_(FieldHeader(suite, grade, id)), aead_(std::move(aead)) {}

Result<std::string> DataKey::Encrypt(std::string_view plaintext,
                                     std::string_view associated_data) const {
  const FieldAd ad(header_, associated_data);
  auto sealed = aead_->Encrypt(plaintext, ad.view());
  if (!sealed) return std::unexpected(sealed.error());
  sealed->insert(0, header_);
  return sealed;
}

Result<std::string> DataKey::Decrypt(std::string_view ciphertext,
                                     std::string_view associated_data) const {
  if (ciphertext.size() < kFieldHeaderSize ||
      ciphertext.substr(0, kFieldHeaderSize) != std::string_view(header_)) {
    return std::unexpected(DecryptionFailed());
  }
  const FieldAd ad(header_, associated_data);
  return aead_->Decrypt(ciphertext.substr(kFieldHeaderSize), ad.view());
}

Result<std::int64_t> FieldKeyId(std::string_view ciphertext) {
  if (ciphertext.size() < kFieldHeaderSize + Aead::kOverhead ||
      static_cast<std::uint8_t>(ciphertext[0]) != kFormatV1) {
    return Fail(ErrorCode::kMalformed, "not a CreditVault field ciphertext");
  }
  return static_cast<std::int64_t>(GetU64(ciphertext.substr(3)));
}

Result<DataKey> Keyring::DataKeyFor(store::Tx& tx, std::string_view subject, KeyGrade grade) {
  if (subject.empty()) return Fail(ErrorCode::kInvalidArgument, "empty subject reference");
  auto row = tx.QueryOne("SELECT id FROM data_keys WHERE subject = ?1 AND grade = ?2",
                         {store::Text(subject), store::Text(KeyGradeName(grade))});
  if (!row) return std::unexpected(row.error());
  if (*row) return OpenDataKey(tx, *(*row)->Int(0));
  return NewDataKey(tx, subject, grade);
}

Result<DataKey> Keyring::NewDataKey(store::Tx& tx, std::string_view subject, KeyGrade grade) {
  CV_ASSIGN_OR_RETURN(PreparedDataKey prepared, PrepareDataKey(subject, grade));
  return InsertDataKey(tx, std::move(prepared));
}

Result<PreparedDataKey> Keyring::PrepareDataKey(std::string_view subject, KeyGrade grade) const {
  if (subject.empty()) return Fail(ErrorCode::kInvalidArgument, "empty subject reference");
  PreparedDataKey p;
  p.subject = std::string(subject);
  p.grade = grade;
  std::shared_ptr<const Aead> kek;
  {
    std::lock_guard lock(impl_->mu);
    p.kek_version = impl_->primary.at(grade);
    kek = impl_->Kek(grade, p.kek_version);
  }
  CV_ASSIGN_OR_RETURN(Secret key, RandomKey(AeadKeySize(suite_)));
  CV_ASSIGN_OR_RETURN(p.wrapped, WrapDataKey(*kek, suite_, grade, p.kek_version, subject, key));
  CV_ASSIGN_OR_RETURN(std::unique_ptr<Aead> aead, NewAead(suite_, key));
  p.aead = std::move(aead);
  return p;
}

Result<DataKey> Keyring::InsertDataKey(store::Tx& tx, PreparedDataKey prepared) {
  if (!prepared.aead) return Fail(ErrorCode::kInvalidArgument, "prepared data key is empty");
  CV_ASSIGN_OR_RETURN(
      const std::optional<std::int64_t> id,
      tx.Insert("INSERT INTO data_keys (subject, grade, kek_version, wrapped, created_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5)",
                {store::Text(prepared.subject), store::Text(KeyGradeName(prepared.grade)),
                 store::Int(prepared.kek_version), store::Blob(prepared.wrapped),
                 store::Text(FormatRfc3339(impl_->clock->Now()))}));
  if (!id) return Fail(ErrorCode::kInternal, "could not create data key");
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->data_keys.size() >= kDataKeyCacheSize) impl_->data_keys.clear();
    impl_->data_keys[*id] = prepared.aead;
  }
  return DataKey(*id, prepared.grade, suite_, std::move(prepared.aead));
}

Result<DataKey> Keyring::OpenDataKey(store::Tx& tx, std::int64_t key_id) {
  // The row is read every time, even on a cache hit: a key destroyed by another process must
  // not keep working here.
  auto row = tx.QueryOne("SELECT subject, grade, kek_version, wrapped FROM data_keys WHERE id = ?1",
                         {store::Int(key_id)});
  if (!row) return std::unexpected(row.error());
  if (!*row) {
    auto destroyed =
        tx.QueryOne("SELECT 1 FROM destroyed_keys WHERE id = ?1", {store::Int(key_id)});
    if (destroyed && *destroyed) return std::unexpected(DestroyedKey(key_id));
    return Fail(ErrorCode::kNotFound, "no data key " + std::to_string(key_id));
  }
  const store::Row& r = **row;
  auto grade = ParseKeyGrade(r.Text(1).value_or(""));
  if (!grade) return std::unexpected(grade.error());
  std::shared_ptr<const Aead> kek;
  {
    std::lock_guard lock(impl_->mu);
    auto hit = impl_->data_keys.find(key_id);
    if (hit != impl_->data_keys.end()) return DataKey(key_id, *grade, suite_, hit->second);
    kek = impl_->Kek(*grade, static_cast<int>(r.Int(2).value_or(0)));
  }
  if (!kek) return Fail(ErrorCode::kFailedPrecondition, "data key's KEK version is not loaded");
  auto wrapped = r.Blob(3);
  if (!wrapped) return std::unexpected(wrapped.error());
  auto key = UnwrapDataKey(*kek, *wrapped, r.Text(0).value_or(""));
  if (!key) return std::unexpected(key.error());
  auto aead = NewAead(suite_, *key);
  if (!aead) return std::unexpected(aead.error());
  std::shared_ptr<const Aead> shared = std::move(*aead);
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->data_keys.size() >= kDataKeyCacheSize) impl_->data_keys.clear();
    impl_->data_keys[key_id] = shared;
  }
  return DataKey(key_id, *grade, suite_, std::move(shared));
}

Result<std::string> Keyring::DecryptField(store::Tx& tx, std::string_view ciphertext,
                                          std::string_view associated_data) {
  auto id = FieldKeyId(ciphertext);
  if (!id) return std::unexpected(DecryptionFailed());
  auto key = OpenDataKey(tx, *id);
  if (!key) return std::unexpected(key.error());
  return key->Decrypt(ciphertext, associated_data);
}

Result<std::string> Keyring::BlindIndex(std::string_view normalized_identifier) const {
  return impl_->blind_index->Compute(normalized_identifier);
}

Result<std::string> Keyring::AuditHash(std::string_view value) const {
  return impl_->audit_hash->Compute(value);
}

Result<int> Keyring::DestroySubject(store::Tx& tx, std::string_view subject,
                                    std::string_view reason) {
  if (reason.empty()) return Fail(ErrorCode::kInvalidArgument, "a destruction needs a reason");
  auto rows = tx.Query("SELECT id, grade FROM data_keys WHERE subject = ?1 ORDER BY id",
                       {store::Text(subject)});
  if (!rows) return std::unexpected(rows.error());
  const std::string now = FormatRfc3339(impl_->clock->Now());
  std::vector<LedgerEntry> entries;
  for (const store::Row& row : *rows) {
    entries.push_back(
        {now, row.Int(0).value_or(0), row.Text(1).value_or(""), std::string(subject)});
  }
  if (entries.empty()) return 0;
  // Invariant 3: the ledger first, so a crash or rollback after this point cannot revive the key.
  CV_RETURN_IF_ERROR(AppendLedger(impl_->ledger_path, entries));
  for (const LedgerEntry& e : entries) {
    auto deleted = tx.Exec("DELETE FROM data_keys WHERE id = ?1", {store::Int(e.key_id)});
    if (!deleted) return std::unexpected(deleted.error());
    auto noted = tx.Exec(
        "INSERT INTO destroyed_keys (id, subject, grade, destroyed_at, reason) "
        "VALUES (?1, ?2, ?3, ?4, ?5)",
        {store::Int(e.key_id), store::Text(subject), store::Text(e.grade), store::Text(now),
         store::Text(reason)});
    if (!noted) return std::unexpected(noted.error());
    std::lock_guard lock(impl_->mu);
    impl_->data_keys.erase(e.key_id);
  }
  return static_cast<int>(entries.size());
}

}  // namespace cv::crypto::keyring
