// Validation of a consent request (invariant 2 of consents.h; JR/T 0299 5.2-5.3): every field
// checked and normalized, errors kInvalidArgument naming the field and the rule, never the value.
//
// Thread-safety: pure functions.
#ifndef CV_CREDIT_INTERNAL_CONSENT_VALIDATE_H_
#define CV_CREDIT_INTERNAL_CONSENT_VALIDATE_H_

#include <span>
#include <string_view>

#include "common/clock.h"
#include "common/result.h"
#include "credit/consents.h"

namespace cv::credit::internal {

// JR/T 0299 5.2: the identity verification methods an authorization may name. DO NOT CHANGE the
// names: stored in consent bodies and part of the API.
std::span<const std::string_view> VerificationMethods();
// The channels a consent may be obtained through. DO NOT CHANGE: stored and part of the API.
std::span<const std::string_view> ConsentChannels();

inline constexpr std::size_t kMaxNameBytes = 64;
inline constexpr std::size_t kMaxReasons = 16;
inline constexpr std::size_t kMaxSubjectSignatureBytes = 8192;
inline constexpr std::size_t kMaxShortTextBytes = 128;  // key ids, device, agreement version
inline constexpr std::size_t kMaxRevokeReasonBytes = 1000;

// `request` checked and normalized at `now` (China-time days): the id number upper-cased, the
// reasons and methods deduplicated in order, the SM3 digest lower-cased, valid_from and signed_at
// filled in when empty. REQUIRES: max_validity_days > 0.
[[nodiscard]] Result<ConsentRequest> ValidateConsent(const ConsentRequest& request, TimePoint now,
                                                     int max_validity_days);

// A revocation reason: 1-1000 bytes of valid UTF-8 without control characters.
[[nodiscard]] Status ValidateRevokeReason(std::string_view reason);

}  // namespace cv::credit::internal

#endif  // CV_CREDIT_INTERNAL_CONSENT_VALIDATE_H_
