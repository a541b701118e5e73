// CreditStore::Load: the latest version of every fact held on one subject, decrypted.
#include <algorithm>
#include <string>

#include "credit/credit_store.h"
#include "credit/internal/fact_json.h"
#include "credit/internal/fact_store.h"

namespace cv::credit {
namespace {

using internal::FactAd;

using internal::ReadRowMeta;
using Meta = internal::RowMeta;

Status LoadIdentity(internal::SubjectKeys& keys, std::int64_t subject_id, SubjectFile& file) {
  CV_ASSIGN_OR_RETURN(file.identity, internal::LoadIdentityFields(keys, subject_id));
  return Ok();
}

Status LoadMonths(internal::SubjectKeys& keys, std::int64_t account_id, StoredAccount& account) {
  CV_ASSIGN_OR_RETURN(
      auto rows, keys.tx().Query("SELECT month, body, version FROM credit_repayments r WHERE "
                                 "account_id = ?1 AND version = (SELECT MAX(version) FROM "
                                 "credit_repayments WHERE account_id = r.account_id AND month = "
                                 "r.month)",
                                 {store::Int(account_id)}));
  for (const store::Row& row : rows) {
    CV_ASSIGN_OR_RETURN(std::string month, row.Text(0));
    CV_ASSIGN_OR_RETURN(std::string sealed, row.Blob(1));
    CV_ASSIGN_OR_RETURN(std::int64_t version, row.Int(2));
    const std::string key = std::to_string(account_id) + "/" + month;
    CV_ASSIGN_OR_RETURN(std::string body,
                        keys.Open(sealed, FactAd("credit_repayments", keys.ref(), key, version)));
    CV_ASSIGN_OR_RETURN(RepaymentRecord r, internal::ParseRepaymentBody(body));
    account.months[month] = std::move(r);
  }
  return Ok();
}

Status LoadAccounts(internal::SubjectKeys& keys, std::int64_t subject_id, SubjectFile& file) {
  CV_ASSIGN_OR_RETURN(
      auto rows,
      keys.tx().Query("SELECT a.id, v.body, v.version, v.institution, v.reported_us FROM "
                      "credit_accounts a JOIN credit_account_versions v ON v.account_id = a.id "
                      "WHERE a.subject_id = ?1 AND v.version = (SELECT MAX(version) FROM "
                      "credit_account_versions WHERE account_id = a.id) ORDER BY a.id",
                      {store::Int(subject_id)}));
  for (const store::Row& row : rows) {
    CV_ASSIGN_OR_RETURN(std::int64_t account_id, row.Int(0));
    CV_ASSIGN_OR_RETURN(std::string sealed, row.Blob(1));
    CV_ASSIGN_OR_RETURN(Meta m, ReadRowMeta(row, 2));
    const std::string key = std::to_string(account_id);
    CV_ASSIGN_OR_RETURN(std::string body, keys.Open(sealed, FactAd("credit_account_versions",
                                                                   keys.ref(), key, m.version)));
    StoredAccount account;
    CV_ASSIGN_OR_RETURN(account.facts, internal::ParseAccountBody(body));
    account.institution = m.institution;
    account.version = static_cast<int>(m.version);
    account.reported_at = m.reported_at;
    CV_RETURN_IF_ERROR(LoadMonths(keys, account_id, account));
    file.accounts.push_back(std::move(account));
  }
  return Ok();
}

Status LoadAdverse(internal::SubjectKeys& keys, std::int64_t subject_id, SubjectFile& file) {
  CV_ASSIGN_OR_RETURN(
      auto rows,
      keys.tx().Query("SELECT adverse_ref, body, version, institution, reported_us FROM "
                      "credit_adverse d WHERE subject_id = ?1 AND version = (SELECT MAX(version) "
                      "FROM credit_adverse WHERE subject_id = d.subject_id AND adverse_ref = "
                      "d.adverse_ref) ORDER BY reported_us",
                      {store::Int(subject_id)}));
  for (const store::Row& row : rows) {
    CV_ASSIGN_OR_RETURN(std::string ref, row.Text(0));
    CV_ASSIGN_OR_RETURN(std::string sealed, row.Blob(1));
    CV_ASSIGN_OR_RETURN(Meta m, ReadRowMeta(row, 2));
    CV_ASSIGN_OR_RETURN(std::string body,
                        keys.Open(sealed, FactAd("credit_adverse", keys.ref(), ref, m.version)));
    StoredAdverse adverse;
    CV_ASSIGN_OR_RETURN(adverse.facts, internal::ParseAdverseBody(body));
    adverse.institution = m.institution;
    adverse.version = static_cast<int>(m.version);
    adverse.reported_at = m.reported_at;
    file.adverse.push_back(std::move(adverse));
  }
  return Ok();
}

}  // namespace

Result<SubjectFile> CreditStore::Load(store::Tx& tx, const SubjectRow& subject) const {
  SubjectFile file;
  file.subject = subject;
  if (subject.shredded) return file;  // CRY-5: nothing is readable any more
  internal::SubjectKeys keys(keyring_, tx, subject.ref);
  CV_RETURN_IF_ERROR(LoadIdentity(keys, subject.id, file));
  CV_RETURN_IF_ERROR(LoadAccounts(keys, subject.id, file));
  CV_RETURN_IF_ERROR(LoadAdverse(keys, subject.id, file));
  std::stable_sort(
      file.accounts.begin(), file.accounts.end(),
      [](const StoredAccount& a, const StoredAccount& b) { return a.institution < b.institution; });
  return file;
}

}  // namespace cv::credit
