// Ingest::Submit: verify the batch, then apply it chunk by chunk.
#include "credit/ingest.h"

#include <chrono>
#include <memory>

#include "credit/batch_format.h"
#include "credit/batch_parse.h"
#include "credit/internal/actor_event.h"
#include "credit/internal/apply_record.h"
#include "credit/internal/fact_store.h"
#include "credit/internal/ingest_prepared.h"

namespace cv::credit {
namespace {

using internal::MicrosOf;

// Today's date in China (UTC+8) as YYYYMMDD: dates after it are in the future.
int TodayYmd(TimePoint now) {
  const auto day = std::chrono::floor<std::chrono::days>(now + std::chrono::hours(8));
  const std::chrono::year_month_day ymd{day};
  return static_cast<int>(ymd.year()) * 10000 + static_cast<int>(unsigned(ymd.month())) * 100 +
         static_cast<int>(unsigned(ymd.day()));
}

// Audits a whole-batch refusal in its own transaction and returns `refusal`.
Status RefuseBatch(store::Store& store, audit::AuditLog& audit, const access::Actor& by,
                   TimePoint now, std::string_view batch_id, const Error& refusal) {
  CV_ASSIGN_OR_RETURN(auto tx, store.Begin());
  audit::Event e = internal::ActorEvent(by, now, "batch.submit", "batch", batch_id);
  e.result = audit::Outcome::kDenied;
  e.reason = refusal.message().substr(0, 500);
  CV_RETURN_IF_ERROR(audit.Append(*tx, e));
  CV_RETURN_IF_ERROR(tx->Commit());
  return std::unexpected(refusal);
}

// Invariant 3 and the signature; in `tx`.
Status CheckSubmitter(store::Tx& tx, const access::Actor& by, const Manifest& m) {
  if (m.institution != by.institution) {
    return Fail(ErrorCode::kPermissionDenied,
                "the manifest's institution is not the submitter's institution");
  }
  CV_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT status, kind, public_key FROM institutions "
                                            "WHERE code = ?1",
                                            {store::Text(m.institution)}));
  if (!row) return Fail(ErrorCode::kPermissionDenied, "unknown institution");
  CV_ASSIGN_OR_RETURN(std::string status, row->Text(0));
  CV_ASSIGN_OR_RETURN(std::string kind, row->Text(1));
  CV_ASSIGN_OR_RETURN(std::string key, row->Text(2));
  if (status != "active")
    return Fail(ErrorCode::kPermissionDenied, "the institution is not active");
  if (kind != "provider" && kind != "provider_user") {
    return Fail(ErrorCode::kPermissionDenied, "the institution is not a data provider");
  }
  if (key.empty()) {
    return Fail(ErrorCode::kPermissionDenied,
                "the institution has no registered public key to verify the manifest with");
  }
  return VerifyManifestSignature(m, key);
}

}  // namespace

Result<BatchStatus> Ingest::Submit(const access::Actor& by, const BatchSubmission& submission) {
  Prepared p;
  p.now = clock_.Now();
  auto manifest = ParseManifest(submission.manifest_json);
  if (!manifest) {
    return std::unexpected(RefuseBatch(store_, audit_, by, p.now, "", manifest.error()).error());
  }
  p.manifest = std::move(*manifest);
  {
    CV_ASSIGN_OR_RETURN(auto tx, store_.Begin());
    if (Status prepared = Prepare(*tx, by, submission, p); !prepared) {
      tx.reset();  // roll back anything half-done, then audit the refusal on its own
      return std::unexpected(
          RefuseBatch(store_, audit_, by, p.now, p.manifest.batch_id, prepared.error()).error());
    }
    CV_RETURN_IF_ERROR(tx->Commit());
  }
  CV_RETURN_IF_ERROR(ApplyFrom(by, p));
  CV_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kRead));
  return Find(*tx, by, p.manifest.batch_id);
}

Status Ingest::Prepare(store::Tx& tx, const access::Actor& by, const BatchSubmission& submission,
                       Prepared& p) {
  const Manifest& m = p.manifest;
  if (submission.records.size() > options_.max_records_bytes) {
    return Fail(ErrorCode::kInvalidArgument, "the records file is larger than the limit");
  }
  CV_RETURN_IF_ERROR(CheckSubmitter(tx, by, m));
  if (m.encryption) {
    if (!open_transport_) {
      return Fail(ErrorCode::kUnsupported, "encrypted batches are not accepted here");
    }
    // JR/T 0117 9.4.1 b): records sealed to the platform are opened automatically.
    CV_ASSIGN_OR_RETURN(p.records,
                        open_transport_(tx, submission.records,
                                        "cvault-batch|" + m.institution + "|" + m.batch_id));
  } else {
    p.records = submission.records;
  }
  ParseOptions options;
  options.today_ymd = TodayYmd(p.now);
  std::size_t count = 0;
  if (m.format == BatchFormat::kJsonl) {
    // Parsed on another thread from now on, while the digest is checked and the first chunks
    // are applied (internal/parsed_lines.h); stopped if the batch is refused below.
    CV_ASSIGN_OR_RETURN(BatchReader reader, BatchReader::Open(p.records, m.format, options));
    count = BatchReader::CountJsonl(p.records, options.max_line_bytes);
    if (count == m.record_count) {
      // The parser thread also works out each record's references and a new subject's keys.
      p.lines = std::make_unique<internal::ParsedLines>(
          std::move(reader), count, [this, institution = m.institution](const Record& r) {
            return internal::PrepareLine(credit_, institution, r);
          });
    }
  }
  CV_RETURN_IF_ERROR(CheckRecordsDigest(m, p.records));
  CV_RETURN_IF_ERROR(FindOrCreateBatch(tx, by, p));
  if (m.format == BatchFormat::kCsv) {
    // CSV cells may span lines, so it is not counted without parsing: parsed here, in full.
    CV_ASSIGN_OR_RETURN(BatchReader reader, BatchReader::Open(p.records, m.format, options));
    std::vector<ParsedLine> lines = ReadAll(reader);
    count = lines.size();
    p.lines = std::make_unique<internal::ParsedLines>(std::move(lines));
  }
  if (count != m.record_count) {
    return Fail(ErrorCode::kInvalidArgument,
                "record_count is " + std::to_string(m.record_count) + " but the file holds " +
                    std::to_string(count) + " records",
                Position{"", 0, "record_count"});
  }
  return Ok();
}

}  // namespace cv::credit
