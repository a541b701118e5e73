// WriteCache: sealing and inserting the queued fact rows.
#include "credit/internal/write_cache.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <variant>

#include "common/secret.h"
#include "credit/internal/fact_json.h"

namespace cv::credit::internal {
namespace {

Status SealRange(std::vector<PendingRow>& rows, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) {
    for (PendingRow::Field& f : rows[i].fields) {
      CV_ASSIGN_OR_RETURN(std::string sealed, f.key->Encrypt(f.plaintext, f.ad));
      rows[i].params[f.param] = store::Blob(sealed);
      SecureZero(f.plaintext.data(), f.plaintext.size());  // personal data: no copy lingers
      f.plaintext.clear();
    }
  }
  return Ok();
}

}  // namespace

LinePrep PrepareLine(const CreditStore& credit, std::string_view institution,
                     const Record& record) {
  LinePrep prep;
  auto subject = [&](const SubjectKey& key) {
    if (auto ref = credit.SubjectRef(key)) prep.subject_ref = std::move(*ref);
  };
  auto account = [&](std::string_view id) {
    if (auto ref = credit.AccountRef(institution, id)) prep.account_ref = std::move(*ref);
  };
  if (const auto* r = std::get_if<IdentityRecord>(&record)) {
    if (auto bodies = IdentityBodies(IdentityFields(*r))) {
      prep.c1_body = std::move((*bodies)[0]);
      prep.c2_body = std::move((*bodies)[1]);
      prep.identity_bodies = true;
    }
    subject(r->subject);
    if (prep.subject_ref.empty()) return prep;
    using crypto::keyring::KeyGrade;
    if (auto k = credit.keyring().PrepareDataKey(prep.subject_ref, KeyGrade::kC1)) {
      prep.c1_key = std::move(*k);
    }
    if (auto k = credit.keyring().PrepareDataKey(prep.subject_ref, KeyGrade::kC2)) {
      prep.c2_key = std::move(*k);
    }
  } else if (const auto* r = std::get_if<AccountRecord>(&record)) {
    subject(r->subject);
    account(r->account_id);
    prep.body = AccountBody(*r);
  } else if (const auto* r = std::get_if<RepaymentRecord>(&record)) {
    account(r->account_id);
    prep.body = RepaymentBody(*r);
  } else if (const auto* r = std::get_if<AdverseRecord>(&record)) {
    subject(r->subject);
    prep.body = AdverseBody(*r);
    if (r->account_id) account(*r->account_id);
    if (auto ref = credit.AdverseRef(institution, r->event_id)) prep.adverse_ref = std::move(*ref);
  }
  return prep;
}

Status PutRow(store::Tx& tx, WriteCache* cache, PendingRow row) {
  if (cache != nullptr && cache->defer) {
    cache->pending.push_back(std::move(row));
    return Ok();
  }
  std::vector<PendingRow> one;
  one.push_back(std::move(row));
  CV_RETURN_IF_ERROR(SealRange(one, 0, 1));
  return InsertPending(tx, one);
}

Status SealPending(std::vector<PendingRow>& rows, unsigned threads) {
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(rows.size() / 64 + 1)));
  const std::size_t per = (rows.size() + threads - 1) / threads;
  std::vector<Status> results(threads, Ok());
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < threads; ++t) {
    const std::size_t begin = std::min(rows.size(), t * per);
    const std::size_t end = std::min(rows.size(), begin + per);
    workers.emplace_back(
        [&rows, &results, t, begin, end] { results[t] = SealRange(rows, begin, end); });
  }
  results[0] = SealRange(rows, 0, std::min(rows.size(), per));
  for (std::thread& w : workers) w.join();
  for (Status& s : results) CV_RETURN_IF_ERROR(s);
  return Ok();
}

Status InsertPending(store::Tx& tx, const std::vector<PendingRow>& rows) {
  for (const PendingRow& row : rows) CV_RETURN_IF_ERROR(tx.Exec(row.sql, row.params));
  return Ok();
}

SealPipeline::~SealPipeline() {
  if (sealer_.valid()) sealer_.wait();
}

Status SealPipeline::Step() {
  if (sealer_.valid()) {
    // Never wait here: while the sealer is busy the queue just grows (the writer goes on).
    if (sealer_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return Ok();
    CV_RETURN_IF_ERROR(sealer_.get());
    CV_RETURN_IF_ERROR(InsertPending(tx_, sealing_));
  }
  sealing_ = std::move(cache_.pending);
  cache_.pending.clear();
  if (!sealing_.empty()) {
    sealer_ = std::async(std::launch::async, [this] { return SealPending(sealing_, 1); });
  }
  return Ok();
}

Status SealPipeline::Finish() {
  if (sealer_.valid()) {
    CV_RETURN_IF_ERROR(sealer_.get());
    CV_RETURN_IF_ERROR(InsertPending(tx_, sealing_));
    sealing_.clear();
  }
  // The rest on this thread and a helper: nothing else is left for the writer to do meanwhile.
  CV_RETURN_IF_ERROR(SealPending(cache_.pending, 2));
  CV_RETURN_IF_ERROR(InsertPending(tx_, cache_.pending));
  cache_.pending.clear();
  return Ok();
}

}  // namespace cv::credit::internal
