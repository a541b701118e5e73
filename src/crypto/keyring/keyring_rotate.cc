// CRY-4: KEK rotation, the resumable rewrap job, and the keyring's status report.
#include "crypto/keyring/internal/keyring_impl.h"
#include "crypto/random.h"

namespace cv::crypto::keyring {
namespace {

// The running rewrap job of `grade`, or a new one when none runs. Returns (id, last key id);
// id 0 when there is nothing to rewrap (no job is recorded then).
Result<std::pair<std::int64_t, std::int64_t>> CurrentJob(store::Tx& tx, KeyGrade grade, int target,
                                                         const std::string& now) {
  const std::string g(KeyGradeName(grade));
  auto job = tx.QueryOne(
      "SELECT id, last_key_id, target_version FROM rewrap_jobs "
      "WHERE grade = ?1 AND state = 'running'",
      {store::Text(g)});
  if (!job) return std::unexpected(job.error());
  if (*job && (*job)->Int(2).value_or(0) == target) {
    return std::pair{*(*job)->Int(0), *(*job)->Int(1)};
  }
  if (*job) {  // A newer rotation superseded it: close it; a new job covers its keys too.
    auto closed = tx.Exec("UPDATE rewrap_jobs SET state = 'done', finished_at = ?2 WHERE id = ?1",
                          {store::Int(*(*job)->Int(0)), store::Text(now)});
    if (!closed) return std::unexpected(closed.error());
  }
  auto total = tx.QueryOne("SELECT count(*) FROM data_keys WHERE grade = ?1 AND kek_version < ?2",
                           {store::Text(g), store::Int(target)});
  if (!total) return std::unexpected(total.error());
  if ((*total)->Int(0).value_or(0) == 0) return std::pair{std::int64_t{0}, std::int64_t{0}};
  auto created = tx.QueryOne(
      "INSERT INTO rewrap_jobs (grade, target_version, state, total_count, started_at) "
      "VALUES (?1, ?2, 'running', ?3, ?4) RETURNING id",
      {store::Text(g), store::Int(target), store::Int(*(*total)->Int(0)), store::Text(now)});
  if (!created) return std::unexpected(created.error());
  return std::pair{*(*created)->Int(0), std::int64_t{0}};
}

// Retires every non-primary KEK version of `grade` that no data key uses any more.
Result<std::vector<int>> RetireDrained(store::Tx& tx, KeyGrade grade, const std::string& now) {
  const std::string g(KeyGradeName(grade));
  auto rows = tx.Query(
      "SELECT version FROM key_versions WHERE purpose = 'kek' AND grade = ?1 AND state = 'active' "
      "AND NOT EXISTS (SELECT 1 FROM data_keys d WHERE d.grade = ?1 AND d.kek_version = version)",
      {store::Text(g)});
  if (!rows) return std::unexpected(rows.error());
  std::vector<int> retired;
  for (const store::Row& row : *rows) {
    const std::int64_t v = row.Int(0).value_or(0);
    auto done = tx.Exec(
        "UPDATE key_versions SET state = 'retired', wrapped = NULL, retired_at = ?3 "
        "WHERE purpose = 'kek' AND grade = ?1 AND version = ?2",
        {store::Text(g), store::Int(v), store::Text(now)});
    if (!done) return std::unexpected(done.error());
    retired.push_back(static_cast<int>(v));
  }
  return retired;
}

}  // namespace

Result<int> Keyring::Rotate(store::Tx& tx, KeyGrade grade) {
  const std::string g(KeyGradeName(grade));
  auto top =
      tx.QueryOne("SELECT max(version) FROM key_versions WHERE purpose = 'kek' AND grade = ?1",
                  {store::Text(g)});
  if (!top) return std::unexpected(top.error());
  const int version = static_cast<int>((*top)->Int(0).value_or(0)) + 1;
  auto key = RandomKey(AeadKeySize(suite_));
  if (!key) return std::unexpected(key.error());
  auto wrapped = impl_->root->Encrypt(key->View(SecretAccess::Get()),
                                      RootWrapAd(data_dir_id_, kPurposeKek, g, version));
  if (!wrapped) return std::unexpected(wrapped.error());
  const std::string now = FormatRfc3339(impl_->clock->Now());
  auto demoted = tx.Exec(
      "UPDATE key_versions SET state = 'active' WHERE purpose = 'kek' AND grade = ?1 "
      "AND state = 'primary'",
      {store::Text(g)});
  auto added = tx.Exec(
      "INSERT INTO key_versions (purpose, grade, version, state, wrapped, created_at) "
      "VALUES ('kek', ?1, ?2, 'primary', ?3, ?4)",
      {store::Text(g), store::Int(version), store::Blob(*wrapped), store::Text(now)});
  if (!demoted) return std::unexpected(demoted.error());
  if (!added) return std::unexpected(added.error());
  auto aead = NewAead(suite_, *key);
  if (!aead) return std::unexpected(aead.error());
  std::lock_guard lock(impl_->mu);
  impl_->keks[{grade, version}] = std::move(*aead);
  impl_->primary[grade] = version;
  return version;
}

namespace {

// Moves up to `batch` data keys of `grade` with ids above `after` onto KEK `target`. Returns how
// many it moved and the last id it moved (or `after`).
Result<std::pair<std::size_t, std::int64_t>> RewrapBatch(store::Tx& tx, Keyring::Impl& impl,
                                                         KeyGrade grade, int target,
                                                         std::int64_t after, std::size_t batch) {
  auto rows = tx.Query(
      "SELECT id, subject, kek_version, wrapped FROM data_keys "
      "WHERE grade = ?1 AND kek_version < ?2 AND id > ?3 ORDER BY id LIMIT ?4",
      {store::Text(KeyGradeName(grade)), store::Int(target), store::Int(after),
       store::Int(static_cast<std::int64_t>(batch))});
  if (!rows) return std::unexpected(rows.error());
  std::int64_t last = after;
  for (const store::Row& row : *rows) {
    const std::string subject = row.Text(1).value_or("");
    std::shared_ptr<const Aead> old_kek, new_kek;
    {
      std::lock_guard lock(impl.mu);
      old_kek = impl.Kek(grade, static_cast<int>(row.Int(2).value_or(0)));
      new_kek = impl.Kek(grade, target);
    }
    if (!old_kek || !new_kek) return Fail(ErrorCode::kFailedPrecondition, "KEK not loaded");
    auto key = UnwrapDataKey(*old_kek, row.Blob(3).value_or(""), subject);
    if (!key) return std::unexpected(key.error());
    auto rewrapped = WrapDataKey(*new_kek, impl.suite, grade, target, subject, *key);
    if (!rewrapped) return std::unexpected(rewrapped.error());
    last = row.Int(0).value_or(last);
    auto updated = tx.Exec("UPDATE data_keys SET kek_version = ?2, wrapped = ?3 WHERE id = ?1",
                           {store::Int(last), store::Int(target), store::Blob(*rewrapped)});
    if (!updated) return std::unexpected(updated.error());
  }
  return std::pair{rows->size(), last};
}

// Records a batch in job `job_id` and fills progress.done/total from it.
Status SaveJobProgress(store::Tx& tx, std::int64_t job_id, std::size_t moved, std::int64_t last,
                       RewrapProgress& progress) {
  auto saved =
      tx.Exec("UPDATE rewrap_jobs SET last_key_id = ?2, done_count = done_count + ?3 WHERE id = ?1",
              {store::Int(job_id), store::Int(last), store::Int(static_cast<std::int64_t>(moved))});
  if (!saved) return std::unexpected(saved.error());
  auto counts = tx.QueryOne("SELECT done_count, total_count FROM rewrap_jobs WHERE id = ?1",
                            {store::Int(job_id)});
  if (!counts) return std::unexpected(counts.error());
  progress.done = (*counts)->Int(0).value_or(0);
  progress.total = (*counts)->Int(1).value_or(0);
  return Ok();
}

// Closes job `job_id` (0: none) and retires the versions the rewrap drained.
Status FinishRewrap(store::Tx& tx, std::int64_t job_id, const std::string& now,
                    RewrapProgress& progress) {
  auto retired = RetireDrained(tx, progress.grade, now);
  if (!retired) return std::unexpected(retired.error());
  progress.retired_versions = *retired;
  if (job_id == 0) return Ok();
  auto closed = tx.Exec("UPDATE rewrap_jobs SET state = 'done', finished_at = ?2 WHERE id = ?1",
                        {store::Int(job_id), store::Text(now)});
  if (!closed) return std::unexpected(closed.error());
  return Ok();
}

}  // namespace

Result<RewrapProgress> Keyring::RewrapStep(
    store::Store& store, KeyGrade grade, std::size_t batch,
    const std::function<Status(store::Tx&, const RewrapProgress&)>& before_commit) {
  const std::string now = FormatRfc3339(impl_->clock->Now());
  RewrapProgress progress;
  progress.grade = grade;
  {
    std::lock_guard lock(impl_->mu);
    progress.target_version = impl_->primary.at(grade);
  }
  auto tx = store.Begin(store::TxMode::kWrite);
  if (!tx) return std::unexpected(tx.error());
  auto job = CurrentJob(**tx, grade, progress.target_version, now);
  if (!job) return std::unexpected(job.error());
  auto moved = RewrapBatch(**tx, *impl_, grade, progress.target_version, job->second, batch);
  if (!moved) return std::unexpected(moved.error());
  progress.finished = moved->first < batch;
  if (job->first != 0) {
    CV_RETURN_IF_ERROR(SaveJobProgress(**tx, job->first, moved->first, moved->second, progress));
  }
  if (progress.finished) CV_RETURN_IF_ERROR(FinishRewrap(**tx, job->first, now, progress));
  if (before_commit) CV_RETURN_IF_ERROR(before_commit(**tx, progress));
  CV_RETURN_IF_ERROR((*tx)->Commit());
  {
    std::lock_guard lock(impl_->mu);
    for (int v : progress.retired_versions) impl_->keks.erase({grade, v});
  }
  if (!progress.retired_versions.empty()) CV_RETURN_IF_ERROR(store.Flush());
  return progress;
}

Result<KeyringStatus> Keyring::ReadStatus(store::Tx& tx) {
  auto meta = ReadMeta(tx);
  if (!meta) return std::unexpected(meta.error());
  if (!meta->contains("data_dir_id")) {
    return Fail(ErrorCode::kFailedPrecondition, "no keyring here: run `cvault init` first");
  }
  KeyringStatus status;
  status.data_dir_id = (*meta)["data_dir_id"];
  status.suite = (*meta)["suite"];
  status.seal_mode = (*meta)["seal_mode"];
  status.threshold = std::atoi((*meta)["threshold"].c_str());
  status.custodians = std::atoi((*meta)["custodians"].c_str());
  auto versions = tx.Query(
      "SELECT k.purpose, k.grade, k.version, k.state, k.created_at, coalesce(k.retired_at, ''), "
      "(SELECT count(*) FROM data_keys d WHERE k.purpose = 'kek' AND d.grade = k.grade "
      " AND d.kek_version = k.version) "
      "FROM key_versions k ORDER BY k.purpose, k.grade, k.version");
  if (!versions) return std::unexpected(versions.error());
  for (const store::Row& r : *versions) {
    status.versions.push_back({r.Text(0).value_or(""), r.Text(1).value_or(""),
                               static_cast<int>(r.Int(2).value_or(0)), r.Text(3).value_or(""),
                               r.Int(6).value_or(0), r.Text(4).value_or(""),
                               r.Text(5).value_or("")});
  }
  auto destroyed = tx.QueryOne("SELECT count(*) FROM destroyed_keys");
  if (!destroyed) return std::unexpected(destroyed.error());
  status.destroyed_data_keys = (*destroyed)->Int(0).value_or(0);
  auto jobs = tx.Query(
      "SELECT id, grade, target_version, state, done_count, total_count FROM rewrap_jobs "
      "ORDER BY id");
  if (!jobs) return std::unexpected(jobs.error());
  for (const store::Row& r : *jobs) {
    status.rewrap_jobs.push_back({r.Int(0).value_or(0), r.Text(1).value_or(""),
                                  static_cast<int>(r.Int(2).value_or(0)), r.Text(3).value_or(""),
                                  r.Int(4).value_or(0), r.Int(5).value_or(0)});
  }
  return status;
}

}  // namespace cv::crypto::keyring
