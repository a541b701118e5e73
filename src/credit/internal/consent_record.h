// The stored form of a consent (docs/consents.md "Record format"): its row in credit_consents, the
// JSON body sealed inside it, and the canonical JSON the platform signs (invariant 3 of
// consents.h).
//
// Thread-safety: pure functions and value types; LoadConsentRow runs in the caller's transaction.
#ifndef CV_CREDIT_INTERNAL_CONSENT_RECORD_H_
#define CV_CREDIT_INTERNAL_CONSENT_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "credit/consents.h"
#include "store/store.h"

namespace cv::credit::internal {

// One row of credit_consents.
struct ConsentRow {
  std::string id;
  std::string subject_ref;
  std::string institution;
  std::string body;     // ciphertext
  std::string reasons;  // comma-separated
  std::string valid_from;
  std::string valid_until;
  std::string signature;
  std::int64_t recorded_by = 0;
  std::int64_t recorded_us = 0;
  std::int64_t revoked_us = 0;
  std::string retain_until;
};

// What the body holds beside the request.
struct ConsentBody {
  ConsentRequest request;
  std::string recorded_by;  // login
  std::string recorded_at;  // RFC 3339
};

// True for "cst_" followed by 24 lower-case hex digits.
bool IsConsentId(std::string_view id);

// The row `id`, if any.
[[nodiscard]] Result<std::optional<ConsentRow>> LoadConsentRow(store::Tx& tx, std::string_view id);
// The rows of `institution`, newest first, at most `limit`.
[[nodiscard]] Result<std::vector<ConsentRow>> LoadConsentRows(store::Tx& tx,
                                                              std::string_view institution,
                                                              int limit);

// The body JSON. DO NOT CHANGE the keys: stored (sealed) and signed.
std::string EncodeConsentBody(const ConsentBody& body);
// kMalformed when `json` is not a body of EncodeConsentBody.
[[nodiscard]] Result<ConsentBody> DecodeConsentBody(std::string_view json);

// The associated data of the body ciphertext: binds it to the table, subject and consent id.
std::string ConsentBodyAd(std::string_view subject_ref, std::string_view id);

// The bytes the platform signs: the row's columns (all but the revocation and the signature) and
// the clear body, as compact JSON with sorted keys. DO NOT CHANGE: signed.
std::string CanonicalConsent(const ConsentRow& row, std::string_view body_json);

std::string JoinCodes(const std::vector<std::string>& codes);
std::vector<std::string> SplitCodes(std::string_view csv);

}  // namespace cv::credit::internal

#endif  // CV_CREDIT_INTERNAL_CONSENT_RECORD_H_
