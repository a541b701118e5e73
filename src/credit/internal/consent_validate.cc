// Validation of a consent request.
#include "credit/internal/consent_validate.h"

#include <algorithm>
#include <array>
#include <string>

#include "credit/internal/consent_dates.h"
#include "credit/reasons.h"
#include "grading/check_digits.h"

namespace cv::credit::internal {
namespace {

// JR/T 0299 5.2: identity verification before an electronic authorization.
constexpr std::array<std::string_view, 8> kMethods = {"id_check", "face",     "bank_card",
                                                      "sms",      "video",    "digital_certificate",
                                                      "password", "in_person"};
constexpr std::array<std::string_view, 4> kChannels = {"online", "counter", "mobile_app",
                                                       "paper_scan"};
// A consent signed up to this long after "now" is accepted (clock skew between systems).
constexpr auto kSignedAtSkew = std::chrono::minutes(5);

std::unexpected<Error> Invalid(std::string_view field, std::string_view rule) {
  return Fail(ErrorCode::kInvalidArgument, std::string(field) + ": " + std::string(rule),
              Position{"", 0, std::string(field)});
}

// The length of the UTF-8 sequence starting with `lead`, 0 when it cannot start one.
int SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

// Well-formed UTF-8 (no overlong forms, surrogates or values above U+10FFFF).
bool IsUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const int n = SequenceLength(lead);
    if (n == 0 || i + n > s.size()) return false;
    for (int k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
    }
    const auto second = static_cast<unsigned char>(n > 1 ? s[i + 1] : 0);
    if ((lead == 0xe0 && second < 0xa0) || (lead == 0xed && second > 0x9f) ||
        (lead == 0xf0 && second < 0x90) || (lead == 0xf4 && second > 0x8f)) {
      return false;
    }
    i += n;
  }
  return true;
}

// Text that is stored and shown: valid UTF-8 without control characters, at most `max` bytes.
bool IsText(std::string_view s, std::size_t max) {
  if (s.size() > max || !IsUtf8(s)) return false;
  return std::none_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

bool AllOf(std::string_view s, bool (*ok)(char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), ok);
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpperAlnum(char c) { return IsDigit(c) || (c >= 'A' && c <= 'Z'); }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f'); }
bool IsScopeChar(char c) { return (c >= 'a' && c <= 'z') || IsDigit(c) || c == '_'; }
bool IsBase64Char(char c) {
  return IsUpperAlnum(c) || (c >= 'a' && c <= 'z') || c == '+' || c == '/' || c == '=' ||
         c == '-' || c == '_';
}

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

template <std::size_t N>
bool Known(const std::array<std::string_view, N>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// `items` without repeats, first occurrence kept.
std::vector<std::string> Deduplicated(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const std::string& s : items) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

// GB 11643-1999: 17 digits and the MOD 11-2 check character; the legacy 15-digit numbers have
// none. Passports: 5-17 of A-Z 0-9 (ICAO 9303 document numbers, national formats vary).
Status CheckSubject(SubjectKey& subject) {
  subject.id_number = Upper(subject.id_number);
  const std::string& n = subject.id_number;
  if (subject.id_type == "passport") {
    if (n.size() < 5 || n.size() > 17 || !AllOf(n, IsUpperAlnum)) {
      return Invalid("subject.id_number", "a passport number is 5-17 of A-Z 0-9");
    }
    return Ok();
  }
  if (subject.id_type != "resident_id") {
    return Invalid("subject.id_type", "must be resident_id or passport");
  }
  if (n.size() == 15 && AllOf(n, IsDigit)) return Ok();
  if (n.size() != 18 || !AllOf(n.substr(0, 17), IsDigit)) {
    return Invalid("subject.id_number", "a resident ID is 17 digits and a check character");
  }
  if (grading::ResidentIdCheckChar(n.substr(0, 17)) != n[17]) {
    return Invalid("subject.id_number", "the check character does not match (GB 11643)");
  }
  return Ok();
}

Status CheckName(std::string_view name) {
  if (name.empty()) return Invalid("subject.name", "is required");
  if (!IsText(name, kMaxNameBytes)) {
    return Invalid("subject.name", "at most 64 bytes of UTF-8 without control characters");
  }
  return Ok();
}

// QRY-2: lawful reasons only; self-queries are the subject's own, never an institution's.
Status CheckReasons(std::vector<std::string>& reasons) {
  reasons = Deduplicated(reasons);
  if (reasons.empty()) return Invalid("reasons", "at least one reason code is required");
  if (reasons.size() > kMaxReasons) return Invalid("reasons", "at most 16 reason codes");
  for (const std::string& code : reasons) {
    const QueryReason* reason = FindQueryReason(code);
    if (reason == nullptr) return Invalid("reasons", "unknown reason code");
    if (reason->self_query) {
      return Invalid("reasons", "self-query codes are not open to institutions");
    }
  }
  return Ok();
}

// Invariant 2 (JR/T 0299 5.2): "id_check" and at least two further distinct methods.
Status CheckVerification(std::vector<std::string>& methods) {
  methods = Deduplicated(methods);
  for (const std::string& m : methods) {
    if (!Known(kMethods, m)) return Invalid("verification", "unknown verification method");
  }
  if (std::find(methods.begin(), methods.end(), "id_check") == methods.end()) {
    return Invalid("verification", "id_check is required");
  }
  if (methods.size() < 3) {
    return Invalid("verification", "id_check and at least two other methods are required");
  }
  return Ok();
}

Status CheckAgreement(ConsentRequest& r) {
  if (r.agreement_version.empty()) return Invalid("agreement.version", "is required");
  if (!IsText(r.agreement_version, kMaxShortTextBytes)) {
    return Invalid("agreement.version", "at most 128 bytes without control characters");
  }
  for (char& c : r.agreement_sm3) {
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  }
  if (r.agreement_sm3.size() != 64 || !AllOf(r.agreement_sm3, IsHex)) {
    return Invalid("agreement.sm3", "must be 64 hex digits (the SM3 digest of the agreement)");
  }
  return Ok();
}

Status CheckSignature(const ConsentRequest& r) {
  if (r.subject_signature.empty()) {
    if (!r.signing_key_id.empty()) return Invalid("signature.value", "is required with a key_id");
    return Ok();
  }
  if (r.subject_signature.size() > kMaxSubjectSignatureBytes ||
      !AllOf(r.subject_signature, IsBase64Char)) {
    return Invalid("signature.value", "at most 8192 bytes of base64");
  }
  if (r.signing_key_id.empty()) return Invalid("signature.key_id", "is required with a value");
  if (!IsText(r.signing_key_id, kMaxShortTextBytes)) {
    return Invalid("signature.key_id", "at most 128 bytes without control characters");
  }
  return Ok();
}

Status CheckOther(const ConsentRequest& r) {
  if (r.scope.empty() || r.scope.size() > 64 || !AllOf(r.scope, IsScopeChar)) {
    return Invalid("scope", "1-64 of a-z 0-9 _");
  }
  if (!Known(kChannels, r.channel)) {
    return Invalid("channel", "must be online, counter, mobile_app or paper_scan");
  }
  if (!IsText(r.device, kMaxShortTextBytes)) {
    return Invalid("device", "at most 128 bytes without control characters");
  }
  return Ok();
}

// JR/T 0299 5.3: a window of calendar days, signed before it opens, not over yet.
Status CheckWindow(ConsentRequest& r, TimePoint now, int max_days) {
  std::optional<TimePoint> signed_at = now;
  if (!r.signed_at.empty()) signed_at = ParseRfc3339(r.signed_at);
  if (!signed_at) return Invalid("signed_at", "must be an RFC 3339 time");
  if (*signed_at > now + kSignedAtSkew) return Invalid("signed_at", "is in the future");
  if (r.signed_at.empty()) r.signed_at = FormatRfc3339(now);
  const Days today = ChinaDay(now);
  std::optional<Days> from = today;
  if (!r.valid_from.empty()) from = ParseDate(r.valid_from);
  if (!from) return Invalid("valid_from", "must be a date YYYY-MM-DD");
  if (*from < ChinaDay(*signed_at)) {
    return Invalid("valid_from", "must not be before the day the consent was signed");
  }
  if (*from > today + std::chrono::days(max_days)) {
    return Invalid("valid_from", "too far in the future");
  }
  const std::optional<Days> until = ParseDate(r.valid_until);
  if (!until) return Invalid("valid_until", "must be a date YYYY-MM-DD");
  if (*until < *from) return Invalid("valid_until", "must not be before valid_from");
  if (*until < today) return Invalid("valid_until", "the consent has already expired");
  if (*until - *from > std::chrono::days(max_days)) {
    return Invalid("valid_until", "the validity window exceeds the maximum");
  }
  r.valid_from = FormatDate(*from);
  return Ok();
}

}  // namespace

std::span<const std::string_view> VerificationMethods() { return kMethods; }
std::span<const std::string_view> ConsentChannels() { return kChannels; }

Result<ConsentRequest> ValidateConsent(const ConsentRequest& request, TimePoint now,
                                       int max_validity_days) {
  ConsentRequest r = request;
  CV_RETURN_IF_ERROR(CheckSubject(r.subject));
  CV_RETURN_IF_ERROR(CheckName(r.name));
  CV_RETURN_IF_ERROR(CheckReasons(r.reasons));
  CV_RETURN_IF_ERROR(CheckWindow(r, now, max_validity_days));
  CV_RETURN_IF_ERROR(CheckAgreement(r));
  CV_RETURN_IF_ERROR(CheckVerification(r.verification));
  CV_RETURN_IF_ERROR(CheckSignature(r));
  CV_RETURN_IF_ERROR(CheckOther(r));
  return r;
}

Status ValidateRevokeReason(std::string_view reason) {
  if (reason.empty() || !IsText(reason, kMaxRevokeReasonBytes)) {
    return Invalid("reason", "1-1000 bytes of UTF-8 without control characters");
  }
  return Ok();
}

}  // namespace cv::credit::internal
