// CreditReport: a subject's credit report assembled from their stored facts and query history,
// every field masked server-side by its grade before it leaves (REQUIREMENTS QRY-4, QRY-6;
// docs/credit_model.md "Reports").
//
// Thread-safety: pure functions over their arguments.
// Invariants:
//  1. Identification items (name, ID number, mobile, address, account numbers) appear only as
//     their catalog mask rule leaves them; C3 items never appear (QRY-6).
//  2. A shredded subject's report holds no fact, only the notice that the data was destroyed.
#ifndef CV_CREDIT_REPORT_H_
#define CV_CREDIT_REPORT_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "credit/credit_store.h"

namespace cv::credit {

// One earlier query of the subject, as the report lists it (QRY-4).
struct QueryHistoryEntry {
  std::string institution;
  TimePoint time;
  std::string reason;
};

// Who asked and why: the report's header.
struct ReportHeader {
  std::string report_id;
  TimePoint issued_at;
  std::string institution;
  std::string user;  // login
  std::string reason;
  bool subject_found = false;
};

// The report as JSON (docs/credit_model.md lists every member).
nlohmann::json BuildReport(const ReportHeader& header, const SubjectFile* file,
                           const std::vector<QueryHistoryEntry>& history);

// The printable HTML form of a report JSON (every text escaped).
std::string ReportHtml(const nlohmann::json& answer);

// Amount in minor units as a decimal text with two places: 12345 -> "123.45".
std::string FormatAmount(std::int64_t minor);

// The masked display of the catalog item `item_id`'s value `value` (QRY-6). C3 items and
// unknown items are hidden entirely.
std::string MaskedValue(std::string_view item_id, std::string_view value);

}  // namespace cv::credit

#endif  // CV_CREDIT_REPORT_H_
