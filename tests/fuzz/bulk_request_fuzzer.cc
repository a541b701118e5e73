// Fuzzes the bulk query request file parser (credit/bulk_query.h, QRY-5).
//
// Invariants checked:
//  1. ParseBulkRequest fails only with kInvalidArgument, with a message.
//  2. A parsed request has 1..kMaxBulkSubjects subjects, each with the file's reason, and a
//     positive count.
#include "credit/bulk_query.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto r = cv::credit::ParseBulkRequest(cv::fuzz::AsText(data, size));
  if (!r) {
    FUZZ_CHECK(r.error().code() == cv::ErrorCode::kInvalidArgument);
    FUZZ_CHECK(!r.error().message().empty());
    return 0;
  }
  FUZZ_CHECK(!r->subjects.empty() && r->subjects.size() <= cv::credit::kMaxBulkSubjects);
  FUZZ_CHECK(r->count > 0);
  for (const auto& s : r->subjects) FUZZ_CHECK(s.reason == r->reason);
  return 0;
}
