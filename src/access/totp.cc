// TOTP over liboath (RFC 6238: HOTP of the 30-second time step, HMAC-SHA1).
#include "access/totp.h"

#include <fmt/format.h>
#include <liboath/oath.h>
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <limits>
#include <mutex>

#include "access/internal/base32.h"
#include "access/internal/sodium_init.h"
#include "crypto/random.h"

namespace cv::access {
namespace {

constexpr int kMaxDigits = 8;

Status EnsureOath() {
  static std::once_flag once;
  static int rc = OATH_CRYPTO_ERROR;
  std::call_once(once, [] { rc = oath_init(); });
  if (rc != OATH_OK) return Fail(ErrorCode::kInternal, "liboath could not initialise");
  return Ok();
}

Status CheckSeed(const Secret& seed) {
  if (seed.size() < kTotpMinSeedBytes) {
    return Fail(ErrorCode::kInvalidArgument, "TOTP seed is shorter than 128 bits");
  }
  return Ok();
}

// Writes the `digits`-digit code of `step` and its NUL to `out`; the caller wipes it. liboath
// takes a time, not a step; the step's first second gives the step's code.
Status CodeForStep(const Secret& seed, std::int64_t step, int digits, char (&out)[kMaxDigits + 1]) {
  CV_RETURN_IF_ERROR(EnsureOath());
  const auto* key = reinterpret_cast<const char*>(seed.data(SecretAccess::Get()));
  const auto when = static_cast<time_t>(step * kTotpPeriodSeconds);
  if (oath_totp_generate2(key, seed.size(), when, kTotpPeriodSeconds, OATH_TOTP_DEFAULT_START_TIME,
                          static_cast<unsigned>(digits), 0, out) != OATH_OK) {
    return Fail(ErrorCode::kInternal, "liboath could not compute a TOTP code");
  }
  return Ok();
}

// Whether `code` is the code of `step`, compared in constant time.
Result<bool> MatchesStep(const Secret& seed, std::int64_t step, std::string_view code) {
  char expected[kMaxDigits + 1] = {};
  Status made = CodeForStep(seed, step, kTotpDigits, expected);
  const bool same = made && sodium_memcmp(expected, code.data(), code.size()) == 0;
  SecureZero(expected, sizeof(expected));
  if (!made) return std::unexpected(made.error());
  return same;
}

bool IsSixDigits(std::string_view code) {
  return code.size() == static_cast<std::size_t>(kTotpDigits) &&
         std::ranges::all_of(code, [](char c) { return c >= '0' && c <= '9'; });
}

// RFC 3986 2.3: unreserved characters stay, every other byte becomes %XX.
std::string PercentEncode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

// Appends the unpadded base32 of `seed` at `out`; returns the number of characters written.
std::size_t AppendBase32(const Secret& seed, char* out) {
  Secret padded = Secret::Zeroed(internal::Base32Size(seed.size()));
  char* text = reinterpret_cast<char*>(padded.Mutable(SecretAccess::Get()));
  internal::Base32EncodeTo(seed.View(SecretAccess::Get()), text);
  const std::size_t n = (seed.size() * 8 + 4) / 5;  // characters before the '=' padding
  std::memcpy(out, text, n);
  return n;
}

}  // namespace

Result<Secret> NewTotpSeed() { return crypto::RandomKey(kTotpSeedBytes); }

Secret OtpauthUri(std::string_view issuer, std::string_view account, const Secret& seed) {
  const std::string head =
      fmt::format("otpauth://totp/{}:{}?secret=", PercentEncode(issuer), PercentEncode(account));
  const std::string tail = fmt::format("&issuer={}&algorithm=SHA1&digits={}&period={}",
                                       PercentEncode(issuer), kTotpDigits, kTotpPeriodSeconds);
  Secret uri = Secret::Zeroed(head.size() + (seed.size() * 8 + 4) / 5 + tail.size());
  char* p = reinterpret_cast<char*>(uri.Mutable(SecretAccess::Get()));
  p = std::copy(head.begin(), head.end(), p);
  p += AppendBase32(seed, p);
  std::copy(tail.begin(), tail.end(), p);
  return uri;
}

std::int64_t TotpStep(TimePoint t) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
  return seconds >= 0 ? seconds / kTotpPeriodSeconds
                      : (seconds - kTotpPeriodSeconds + 1) / kTotpPeriodSeconds;
}

Result<std::string> TotpCode(const Secret& seed, TimePoint t, int digits) {
  if (t.time_since_epoch().count() < 0) {
    return Fail(ErrorCode::kInvalidArgument, "TOTP time is before the Unix epoch");
  }
  return TotpCodeForStep(seed, TotpStep(t), digits);
}

Result<std::string> TotpCodeForStep(const Secret& seed, std::int64_t step, int digits) {
  CV_RETURN_IF_ERROR(CheckSeed(seed));
  if (digits < kTotpDigits || digits > kMaxDigits) {
    return Fail(ErrorCode::kInvalidArgument, "TOTP codes have 6 to 8 digits");
  }
  if (step < 0 || step > std::numeric_limits<time_t>::max() / kTotpPeriodSeconds) {
    return Fail(ErrorCode::kInvalidArgument, "TOTP time step is out of range");
  }
  char out[kMaxDigits + 1] = {};
  CV_RETURN_IF_ERROR(CodeForStep(seed, step, digits, out));
  std::string code(out);
  SecureZero(out, sizeof(out));
  return code;
}

// ACC-5: a code is accepted once; codes of steps up to `last_used_step` are replays.
Result<std::int64_t> VerifyTotp(const Secret& seed, std::string_view code, TimePoint now,
                                int window, std::int64_t last_used_step) {
  if (window < 0 || window > kTotpMaxWindow) {
    return Fail(ErrorCode::kInvalidArgument, "TOTP window must be between 0 and 10 steps");
  }
  CV_RETURN_IF_ERROR(CheckSeed(seed));
  CV_RETURN_IF_ERROR(internal::EnsureSodium());
  if (!IsSixDigits(code)) return Fail(ErrorCode::kPermissionDenied, "invalid code");
  const std::int64_t now_step = TotpStep(now);
  std::int64_t fresh = -1;
  bool replayed = false;
  for (std::int64_t step = std::max<std::int64_t>(0, now_step - window); step <= now_step + window;
       ++step) {
    CV_ASSIGN_OR_RETURN(const bool match, MatchesStep(seed, step, code));
    if (match && step > last_used_step) fresh = step;
    if (match && step <= last_used_step) replayed = true;
  }
  if (fresh >= 0) return fresh;
  return Fail(ErrorCode::kPermissionDenied,
              replayed ? "invalid code: already used" : "invalid code");
}

}  // namespace cv::access
