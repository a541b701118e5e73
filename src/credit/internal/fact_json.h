// The JSON bodies that hold reported facts inside their ciphertexts (docs/credit_model.md), and
// the associated data that binds each ciphertext to its row.
//
// Thread-safety: pure functions.
#ifndef CV_CREDIT_INTERNAL_FACT_JSON_H_
#define CV_CREDIT_INTERNAL_FACT_JSON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "credit/records.h"

namespace cv::credit::internal {

// Bodies without the subject (the row's subject says whose they are).
std::string AccountBody(const AccountRecord& r);
std::string RepaymentBody(const RepaymentRecord& r);
std::string AdverseBody(const AdverseRecord& r);
// A flat JSON object of string fields, in the given order (an identity version's grade object).
// REQUIRES: no key repeats.
std::string FieldsBody(const std::vector<std::pair<std::string, std::string>>& fields);
// kInternal when a stored body does not parse (it was authenticated, so this is a bug).
[[nodiscard]] Result<AccountRecord> ParseAccountBody(std::string_view body);
[[nodiscard]] Result<RepaymentRecord> ParseRepaymentBody(std::string_view body);
[[nodiscard]] Result<AdverseRecord> ParseAdverseBody(std::string_view body);

// "<table>|<subject ref>|<key>|<version>": what a field ciphertext is bound to (invariant 1).
std::string FactAd(std::string_view table, std::string_view subject_ref, std::string_view key,
                   std::int64_t version);

}  // namespace cv::credit::internal

#endif  // CV_CREDIT_INTERNAL_FACT_JSON_H_
