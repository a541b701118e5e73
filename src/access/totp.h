// TOTP second factor (RFC 6238 over Debian's liboath): seeds, otpauth enrolment URIs, codes and
// replay-safe verification (ACC-5; JR/T 0117 8.3.4 enhanced a).
//
// Thread-safety: thread-safe functions (liboath is initialised once).
// Invariants:
//  1. A seed is C3 (GRD-1): it lives in a Secret, and so does the URI that carries it.
//  2. HMAC-SHA1, 6 digits, 30-second steps from the Unix epoch (RFC 6238 defaults; the values
//     authenticator apps assume). DO NOT CHANGE: enrolled devices depend on them.
//  3. A failed verification says "invalid code" and never the expected code.
#ifndef CV_ACCESS_TOTP_H_
#define CV_ACCESS_TOTP_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/result.h"
#include "common/secret.h"

namespace cv::access {

inline constexpr std::size_t kTotpSeedBytes = 20;     // RFC 4226 4 R6 recommends 160 bits
inline constexpr std::size_t kTotpMinSeedBytes = 16;  // RFC 4226 4 R6: at least 128 bits
inline constexpr int kTotpDigits = 6;
inline constexpr int kTotpPeriodSeconds = 30;
inline constexpr int kTotpDefaultWindow = 1;  // steps either side: allows 30 s of clock drift
inline constexpr int kTotpMaxWindow = 10;     // steps either side VerifyTotp accepts at most

// A fresh random seed of kTotpSeedBytes bytes.
[[nodiscard]] Result<Secret> NewTotpSeed();

// The enrolment URI an authenticator app reads (usually as a QR code):
// otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30
// with issuer and account percent-encoded (RFC 3986 unreserved characters kept) and the seed in
// unpadded base32. It contains the seed, so it is a Secret.
// REQUIRES: issuer and account are non-empty and hold no ':' (Key Uri Format).
Secret OtpauthUri(std::string_view issuer, std::string_view account, const Secret& seed);

// The TOTP time step of `t`: whole 30-second periods since the Unix epoch.
std::int64_t TotpStep(TimePoint t);

// The code for `t` with `digits` digits (6, 7 or 8; 8 for RFC 6238's test vectors).
// kInvalidArgument for a seed shorter than kTotpMinSeedBytes, a time before the epoch or another
// number of digits; kInternal when liboath fails.
[[nodiscard]] Result<std::string> TotpCode(const Secret& seed, TimePoint t,
                                           int digits = kTotpDigits);

// As TotpCode, for a time step rather than a time (RFC 6238's T). Also reaches steps beyond
// TimePoint's range (nanoseconds in 64 bits end in 2262), as RFC 6238's last test vector needs.
// kInvalidArgument for a negative step or one past time_t's range.
[[nodiscard]] Result<std::string> TotpCodeForStep(const Secret& seed, std::int64_t step,
                                                  int digits = kTotpDigits);

// The time step `code` (6 digits) was made for, if it matches one within `window` steps either
// side of `now` and is later than `last_used_step` (the step of the last code accepted, -1 if
// none). A code for a step <= last_used_step is a replay: kPermissionDenied "invalid code: already
// used"; any other mismatch is kPermissionDenied "invalid code". Every step in the window is
// computed and compared in constant time, so the time taken does not reveal which step matched.
// The caller stores the returned step as the new last_used_step.
// REQUIRES: 0 <= window <= kTotpMaxWindow (else kInvalidArgument).
[[nodiscard]] Result<std::int64_t> VerifyTotp(const Secret& seed, std::string_view code,
                                              TimePoint now, int window,
                                              std::int64_t last_used_step);

}  // namespace cv::access

#endif  // CV_ACCESS_TOTP_H_
