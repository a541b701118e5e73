// QueryReason: the lawful reasons for a credit query, by their published codes (REQUIREMENTS
// QRY-2; Credit Reporting Interim Measures Art.31; PBOC credit reference centre codes).
//
// Thread-safety: immutable tables and pure functions.
#ifndef CV_CREDIT_REASONS_H_
#define CV_CREDIT_REASONS_H_

#include <optional>
#include <span>
#include <string_view>

namespace cv::credit {

struct QueryReason {
  std::string_view code;  // "02". DO NOT CHANGE: part of the query and consent interfaces.
  std::string_view name;  // English
  std::string_view name_zh;
  // QRY-1: every reason but post-loan management needs the subject's electronic authorization.
  bool needs_consent = true;
  // A self-query by the subject (in person or online); not open to institutions.
  bool self_query = false;
};

std::span<const QueryReason> AllQueryReasons();
// nullptr for an unknown code.
const QueryReason* FindQueryReason(std::string_view code);

inline constexpr std::string_view kPostLoanManagement = "01";

}  // namespace cv::credit

#endif  // CV_CREDIT_REASONS_H_
