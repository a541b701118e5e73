// Ingest: the batch row, and applying a batch chunk by chunk with its feedback.
#include <span>
#include <string>
#include <vector>

#include "credit/batch_format.h"
#include "credit/batch_parse.h"
#include "credit/ingest.h"
#include "credit/internal/actor_event.h"
#include "credit/internal/apply_record.h"
#include "credit/internal/fact_store.h"
#include "credit/internal/ingest_prepared.h"
#include "credit/internal/write_cache.h"

namespace cv::credit {

using internal::MicrosOf;

namespace {

// Records whose queued rows are handed to the sealer together (write_cache.h SealPipeline).
constexpr std::size_t kSealHandOver = 256;

// Feedback rows are inserted kFeedbackGroup at a time, by one statement (fewer statement runs on
// the writer's thread); the rest of a chunk one by one.
constexpr std::size_t kFeedbackGroup = 64;
constexpr std::size_t kFeedbackColumns = 7;

// The INSERT of `rows` feedback rows, parameters numbered ?1.. (store convention).
std::string FeedbackSql(std::size_t rows) {
  std::string sql =
      "INSERT INTO credit_batch_feedback (batch, line, record_type, status, code, field, "
      "message) VALUES ";
  for (std::size_t r = 0; r < rows; ++r) {
    sql += r == 0 ? "(" : ", (";
    for (std::size_t c = 0; c < kFeedbackColumns; ++c) {
      sql += (c == 0 ? "?" : ", ?") + std::to_string(r * kFeedbackColumns + c + 1);
    }
    sql += ")";
  }
  return sql;
}

const std::string& FeedbackInsert(std::size_t rows) {
  static const std::string one = FeedbackSql(1);
  static const std::string group = FeedbackSql(kFeedbackGroup);
  return rows == 1 ? one : group;
}

// Inserts the buffered feedback rows (kFeedbackColumns values each): whole groups with one
// statement, unless `all`, the rest too.
Status FlushFeedback(store::Tx& tx, std::vector<store::Value>& values, bool all) {
  const std::size_t group = kFeedbackGroup * kFeedbackColumns;
  std::size_t at = 0;
  for (; values.size() - at >= group; at += group) {
    CV_RETURN_IF_ERROR(tx.Exec(FeedbackInsert(kFeedbackGroup),
                               std::span<const store::Value>(values).subspan(at, group)));
  }
  if (all) {
    for (; at < values.size(); at += kFeedbackColumns) {
      CV_RETURN_IF_ERROR(tx.Exec(
          FeedbackInsert(1), std::span<const store::Value>(values).subspan(at, kFeedbackColumns)));
    }
  }
  values.erase(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(at));
  return Ok();
}

}  // namespace

Status Ingest::FindOrCreateBatch(store::Tx& tx, const access::Actor& by, Prepared& p) {
  const Manifest& m = p.manifest;
  const std::string digest = m.digest_alg + ":" + m.digest_hex;
  CV_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id, digest, next_line FROM credit_batches "
                                            "WHERE institution = ?1 AND batch_id = ?2",
                                            {store::Text(m.institution), store::Text(m.batch_id)}));
  if (row) {
    CV_ASSIGN_OR_RETURN(std::string known, row->Text(1));
    if (known != digest) {
      return Fail(ErrorCode::kConflict, "this batch id was already submitted with other content");
    }
    CV_ASSIGN_OR_RETURN(p.batch_row, row->Int(0));
    CV_ASSIGN_OR_RETURN(p.next_line, row->Int(2));
    return Ok();  // idempotent: resume (or nothing left to do)
  }
  CV_ASSIGN_OR_RETURN(
      auto created,
      tx.QueryOne("INSERT INTO credit_batches (institution, batch_id, digest, format, "
                  "record_count, state, submitted_by, submitted_us) VALUES (?1, ?2, ?3, ?4, ?5, "
                  "'processing', ?6, ?7) RETURNING id",
                  {store::Text(m.institution), store::Text(m.batch_id), store::Text(digest),
                   store::Text(BatchFormatName(m.format)),
                   store::Int(static_cast<std::int64_t>(m.record_count)), store::Int(by.user_id),
                   store::Int(MicrosOf(p.now))}));
  CV_ASSIGN_OR_RETURN(p.batch_row, created->Int(0));
  audit::Event e = internal::ActorEvent(by, p.now, "batch.submit", "batch", m.batch_id);
  e.Add("record_count", std::to_string(m.record_count)).Add("digest", digest);
  e.Add("encrypted", m.encryption ? "yes" : "no");
  CV_RETURN_IF_ERROR(audit_.Append(tx, e));
  return Ok();
}

Status Ingest::ApplyFrom(const access::Actor& by, const Prepared& p) {
  std::size_t first = 0;
  const std::size_t count = p.lines->size();
  while (first < count && static_cast<std::int64_t>(p.lines->At(first).line) < p.next_line) {
    ++first;
  }
  const std::size_t chunk = std::max<std::size_t>(options_.chunk_records, 1);
  for (std::size_t at = first; at < count; at += chunk) {
    const std::size_t end = std::min(at + chunk, count);
    CV_RETURN_IF_ERROR(ApplyChunk(by, p, at, end, /*last=*/end == count));
  }
  if (first < count) return Ok();                // the last chunk marked the batch done
  CV_ASSIGN_OR_RETURN(auto tx, store_.Begin());  // resumed with nothing left to apply
  CV_RETURN_IF_ERROR(MarkDone(*tx, by, p));
  return tx->Commit();
}

Status Ingest::MarkDone(store::Tx& tx, const access::Actor& by, const Prepared& p) {
  CV_ASSIGN_OR_RETURN(std::int64_t changed,
                      tx.Exec("UPDATE credit_batches SET state = 'done', finished_us = ?1 "
                              "WHERE id = ?2 AND state = 'processing'",
                              {store::Int(MicrosOf(clock_.Now())), store::Int(p.batch_row)}));
  if (changed > 0) {
    audit::Event e =
        internal::ActorEvent(by, clock_.Now(), "batch.done", "batch", p.manifest.batch_id);
    CV_RETURN_IF_ERROR(audit_.Append(tx, e));
  }
  return Ok();
}

Status Ingest::ApplyChunk(const access::Actor& by, const Prepared& p, std::size_t first,
                          std::size_t end, bool last) {
  CV_ASSIGN_OR_RETURN(auto tx, store_.Begin());
  internal::WriteCache cache;  // this transaction's only (write_cache.h invariant 1)
  cache.defer = true;          // fact rows are sealed on the other core (invariant 4)
  internal::SealPipeline sealing(*tx, cache);
  std::int64_t accepted = 0, rejected = 0;
  std::vector<store::Value> feedback;  // rows not inserted yet, kFeedbackColumns values each
  for (std::size_t i = first; i < end; ++i) {
    if ((i - first) % kSealHandOver == 0) CV_RETURN_IF_ERROR(sealing.Step());
    const ParsedLine& pl = p.lines->At(i);
    FeedbackLine f;
    f.line = static_cast<std::int64_t>(pl.line);
    if (const auto* error = std::get_if<RecordError>(&pl.result)) {
      f.record_type = error->record_type;
      f.code = std::string(RecordErrorCodeName(error->code));
      f.field = error->field;
      f.message = error->message;
    } else {
      const Record& record = std::get<Record>(pl.result);
      f.record_type = std::string(RecordTypeName(record));
      Provenance from{p.manifest.institution, p.batch_row, f.line, p.now};
      cache.prep = p.lines->PrepAt(i);
      auto rejection = internal::ApplyRecord(*tx, credit_, record, from, cache);
      cache.prep = nullptr;
      if (!rejection) return std::unexpected(rejection.error());
      if (*rejection) {
        f.code = (*rejection)->code;
        f.field = (*rejection)->field;
        f.message = (*rejection)->message;
      }
    }
    f.status = f.code.empty() ? "accepted" : "rejected";
    (f.code.empty() ? accepted : rejected) += 1;
    for (store::Value v : {store::Int(p.batch_row), store::Int(f.line), store::Text(f.record_type),
                           store::Text(f.status), store::Text(f.code), store::Text(f.field),
                           store::Text(f.message)}) {
      feedback.push_back(std::move(v));
    }
    if (feedback.size() >= kFeedbackGroup * kFeedbackColumns) {
      CV_RETURN_IF_ERROR(FlushFeedback(*tx, feedback, false));
    }
  }
  CV_RETURN_IF_ERROR(FlushFeedback(*tx, feedback, true));
  CV_RETURN_IF_ERROR(sealing.Finish());
  const std::int64_t next = static_cast<std::int64_t>(p.lines->At(end - 1).line) + 1;
  CV_RETURN_IF_ERROR(tx->Exec(
      "UPDATE credit_batches SET next_line = ?1, accepted = accepted + ?2, "
      "rejected = rejected + ?3 WHERE id = ?4",
      {store::Int(next), store::Int(accepted), store::Int(rejected), store::Int(p.batch_row)}));
  audit::Event e =
      internal::ActorEvent(by, clock_.Now(), "batch.apply", "batch", p.manifest.batch_id);
  e.Add("first_line", std::to_string(p.lines->At(first).line))
      .Add("last_line", std::to_string(p.lines->At(end - 1).line))
      .Add("accepted", std::to_string(accepted))
      .Add("rejected", std::to_string(rejected));
  CV_RETURN_IF_ERROR(audit_.Append(*tx, e));
  if (last) {
    CV_RETURN_IF_ERROR(MarkDone(*tx, by, p));  // one commit fewer per batch
  }
  return tx->Commit();
}

}  // namespace cv::credit
