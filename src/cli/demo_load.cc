// LoadDemoData: generate, sign and submit batch by batch; then consents and the subjects file.
#include "cli/demo_load.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "cli/demo_dataset.h"
#include "common/hex.h"
#include "credit/batch_signing.h"
#include "credit/consents.h"
#include "credit/ingest.h"
#include "crypto/hasher.h"

namespace cv::cli {
namespace {

constexpr std::string_view kAgreement = "CreditVault demo credit-report authorization, version 1";

// Signs `records` as batch number `n` and runs it through Ingest::Submit.
Status SubmitBatch(const DemoLoadTarget& t, const DemoLoadOptions& o, credit::Ingest& ingest,
                   std::uint64_t n, std::uint64_t count, std::string records,
                   DemoLoadSummary& summary) {
  credit::BatchToSign b{t.reporter.institution,
                        "demo-s" + std::to_string(o.seed) + "-" + std::to_string(n),
                        credit::BatchFormat::kJsonl, count, std::nullopt};
  CV_ASSIGN_OR_RETURN(std::string manifest,
                      credit::SignedManifest(b, records, t.suite, t.private_key_der));
  CV_ASSIGN_OR_RETURN(credit::BatchStatus status,
                      ingest.Submit(t.reporter, {std::move(manifest), std::move(records)}));
  summary.records += static_cast<std::uint64_t>(status.record_count);
  summary.accepted += static_cast<std::uint64_t>(status.accepted);
  summary.rejected += static_cast<std::uint64_t>(status.rejected);
  ++summary.batches;
  return Ok();
}

// Generates every subject, submitting a batch whenever batch_records is reached.
Result<std::vector<DemoSubject>> Ingest(const DemoLoadTarget& t, const DemoLoadOptions& o,
                                        DemoLoadSummary& summary) {
  credit::IngestOptions io;
  io.chunk_records = o.chunk_records;
  credit::Ingest ingest(t.store, t.credit, t.audit, t.clock, io);
  DemoDataset data(o.seed);
  std::vector<DemoSubject> subjects;
  subjects.reserve(o.subjects);
  std::string records;
  std::uint64_t in_batch = 0;
  for (std::uint64_t i = 0; i < o.subjects; ++i) {
    subjects.emplace_back();
    in_batch += data.Next(&records, &subjects.back());
    if (in_batch >= o.batch_records || i + 1 == o.subjects) {
      CV_RETURN_IF_ERROR(
          SubmitBatch(t, o, ingest, summary.batches + 1, in_batch, std::move(records), summary));
      records.clear();
      in_batch = 0;
    }
  }
  summary.subjects = subjects.size();
  return subjects;
}

Result<credit::ConsentRequest> DemoConsent(const DemoLoadTarget& t, const DemoSubject& s) {
  CV_ASSIGN_OR_RETURN(auto hasher, crypto::NewHasher(t.suite));
  CV_ASSIGN_OR_RETURN(const std::string digest, hasher->Hash(kAgreement));
  credit::ConsentRequest r;
  r.subject = {s.id_type, s.id_number};
  r.name = s.name;
  r.reasons = {"02"};
  r.valid_until = FormatRfc3339(t.clock.Now() + std::chrono::days(365)).substr(0, 10);
  r.agreement_version = "demo-1";
  r.agreement_sm3 = HexEncode(digest);
  r.verification = {"id_check", "face", "sms"};
  r.channel = "online";
  return r;
}

// One transaction: a reason-02 consent by the querier's institution for each of `subjects`.
Result<std::vector<std::string>> RecordConsents(const DemoLoadTarget& t,
                                                const std::vector<DemoSubject>& subjects,
                                                std::uint64_t how_many) {
  credit::Consents consents(t.credit, t.audit, t.clock);
  std::vector<std::string> ids;
  CV_ASSIGN_OR_RETURN(auto tx, t.store.Begin());
  for (std::uint64_t i = 0; i < how_many && i < subjects.size(); ++i) {
    CV_ASSIGN_OR_RETURN(const credit::ConsentRequest r, DemoConsent(t, subjects[i]));
    CV_ASSIGN_OR_RETURN(std::string id, consents.Record(*tx, t.querier, r));
    ids.push_back(std::move(id));
  }
  CV_RETURN_IF_ERROR(tx->Commit());
  return ids;
}

void WriteSubjects(const std::vector<DemoSubject>& subjects, const std::vector<std::string>& ids,
                   std::ostream& out) {
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    nlohmann::ordered_json j = {{"id_type", subjects[i].id_type},
                                {"id_number", subjects[i].id_number},
                                {"name", subjects[i].name}};
    if (i < ids.size()) j["consent_id"] = ids[i];
    out << j.dump() << '\n';
  }
}

}  // namespace

Result<DemoLoadSummary> LoadDemoData(const DemoLoadTarget& target, const DemoLoadOptions& options,
                                     std::ostream& subjects_out) {
  DemoLoadSummary summary;
  const auto start = std::chrono::steady_clock::now();
  CV_ASSIGN_OR_RETURN(const std::vector<DemoSubject> subjects, Ingest(target, options, summary));
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CV_ASSIGN_OR_RETURN(const std::vector<std::string> ids,
                      RecordConsents(target, subjects, options.consents));
  summary.consents = ids.size();
  if (!subjects.empty() && !ids.empty()) {
    summary.example_id_number = subjects[0].id_number;
    summary.example_name = subjects[0].name;
    summary.example_consent = ids[0];
  }
  WriteSubjects(subjects, ids, subjects_out);
  if (!subjects_out) return Fail(ErrorCode::kInternal, "could not write the subjects file");
  return summary;
}

}  // namespace cv::cli
