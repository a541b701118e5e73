// Fuzzes the provider batch format (credit/batch_parse.h, credit/batch_format.h): the same bytes
// go to the records reader as JSON Lines and as CSV (with the default and a tiny line limit) and
// to the manifest parser.
//
// Invariants checked:
//  1. Open never fails for JSON Lines; for CSV it fails only with kMalformed, kInvalidArgument or
//     kResourceExhausted and a non-empty message.
//  2. Every ParsedLine has a line number >= 1, strictly increasing, at most the input's line
//     count + 1; a RecordError carries the same line, a non-empty code name and a message.
//  3. Every accepted record holds amounts in [0, kMaxAmountMinor]; resident IDs of 15 or 18
//     characters; mobiles of 11 digits.
//  4. ParseManifest either fails with a message or gives a manifest whose signing text starts
//     with the magic line and has exactly 7 lines.
#include <algorithm>
#include <string>

#include "credit/batch_format.h"
#include "credit/batch_parse.h"
#include "credit/internal/field_checks.h"
#include "tests/fuzz/fuzz_support.h"

namespace cv::credit {
namespace {

void CheckAmount(std::int64_t minor) {
  FUZZ_CHECK(minor >= 0 && minor <= internal::kMaxAmountMinor);
}

void CheckSubject(const SubjectKey& s) {
  if (s.id_type == "resident_id") FUZZ_CHECK(s.id_number.size() == 15 || s.id_number.size() == 18);
  if (s.id_type == "passport") FUZZ_CHECK(s.id_number.size() >= 5 && s.id_number.size() <= 17);
}

void CheckRecord(const Record& record) {
  if (const auto* r = std::get_if<IdentityRecord>(&record)) {
    CheckSubject(r->subject);
    if (r->mobile) FUZZ_CHECK(r->mobile->size() == 11);
  } else if (const auto* a = std::get_if<AccountRecord>(&record)) {
    CheckSubject(a->subject);
    CheckAmount(a->limit), CheckAmount(a->balance), CheckAmount(a->overdue_amount);
    FUZZ_CHECK(a->repayment_24m.size() <= 24);
  } else if (const auto* p = std::get_if<RepaymentRecord>(&record)) {
    CheckAmount(p->balance), CheckAmount(p->overdue_amount);
  } else if (const auto* e = std::get_if<AdverseRecord>(&record)) {
    CheckSubject(e->subject);
    CheckAmount(e->amount);
  }
}

void CheckReader(std::string_view text, BatchFormat format, std::size_t max_line_bytes) {
  auto reader = BatchReader::Open(text, format, ParseOptions{20240615, max_line_bytes});
  if (!reader) {
    const ErrorCode code = reader.error().code();
    FUZZ_CHECK(format == BatchFormat::kCsv);
    FUZZ_CHECK(code == ErrorCode::kMalformed || code == ErrorCode::kInvalidArgument ||
               code == ErrorCode::kResourceExhausted);
    FUZZ_CHECK(!reader.error().message().empty());
    return;
  }
  const std::uint64_t lines =
      static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
  std::uint64_t last = 0;
  while (std::optional<ParsedLine> p = reader->Next()) {
    FUZZ_CHECK(p->line > last && p->line <= lines + 1);
    last = p->line;
    if (const auto* e = std::get_if<RecordError>(&p->result)) {
      FUZZ_CHECK(e->line == p->line);
      FUZZ_CHECK(!RecordErrorCodeName(e->code).empty());
      FUZZ_CHECK(!e->message.empty());
    } else {
      CheckRecord(std::get<Record>(p->result));
    }
  }
}

void CheckManifest(std::string_view text) {
  Result<Manifest> m = ParseManifest(text);
  if (!m) {
    FUZZ_CHECK(!m.error().message().empty());
    return;
  }
  const std::string signing = ManifestSigningText(*m);
  FUZZ_CHECK(signing.starts_with(std::string(kSigningTextMagic) + "\n"));
  FUZZ_CHECK(std::count(signing.begin(), signing.end(), '\n') == 7);
}

}  // namespace
}  // namespace cv::credit

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = cv::fuzz::AsText(data, size);
  for (cv::credit::BatchFormat format :
       {cv::credit::BatchFormat::kJsonl, cv::credit::BatchFormat::kCsv}) {
    cv::credit::CheckReader(text, format, 64 * 1024);
    cv::credit::CheckReader(text, format, 48);
  }
  cv::credit::CheckManifest(text);
  return 0;
}
