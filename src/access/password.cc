// Password composition rules (JR/T 0117 7.5.9) and expiry.
#include "access/password.h"

#include <fmt/format.h>

#include <chrono>

namespace cv::access {
namespace {

enum CharClass { kUpper = 1, kLower = 2, kDigit = 4, kSpecial = 8 };

bool IsPrintableAscii(unsigned char c) { return c >= 0x20 && c <= 0x7e; }

int ClassOf(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return kUpper;
  if (c >= 'a' && c <= 'z') return kLower;
  if (c >= '0' && c <= '9') return kDigit;
  return kSpecial;
}

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Lower-cases into a buffer that wipes itself, as the password passes through it.
Secret LowerCopy(std::string_view text) {
  Secret out = Secret::Zeroed(text.size());
  std::uint8_t* p = out.Mutable(SecretAccess::Get());
  for (std::size_t i = 0; i < text.size(); ++i)
    p[i] = static_cast<std::uint8_t>(LowerAscii(text[i]));
  return out;
}

Status OnlyPrintableAscii(std::string_view pw) {
  for (unsigned char c : pw) {
    if (!IsPrintableAscii(c)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "password rule 'charset': only printable ASCII characters (space to ~) are "
                  "allowed");
    }
  }
  return Ok();
}

// JR/T 0117 7.5.9: at least 8 characters.
Status LongEnough(const PasswordPolicy& policy, std::string_view pw) {
  if (pw.size() < static_cast<std::size_t>(policy.min_length)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("password rule 'min_length': at least {} characters are required",
                            policy.min_length));
  }
  if (pw.size() > static_cast<std::size_t>(kMaxPasswordLength)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("password rule 'max_length': at most {} characters are accepted",
                            kMaxPasswordLength));
  }
  return Ok();
}

// JR/T 0117 7.5.9: at least three of upper-case, lower-case, digit and special characters.
Status EnoughClasses(const PasswordPolicy& policy, std::string_view pw) {
  int seen = 0;
  for (unsigned char c : pw) seen |= ClassOf(c);
  const int count = __builtin_popcount(static_cast<unsigned>(seen));
  if (count < policy.min_classes) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("password rule 'min_classes': at least {} of upper-case letter, "
                            "lower-case letter, digit and special character are required",
                            policy.min_classes));
  }
  return Ok();
}

// JR/T 0117 7.5.9: no run of 3 consecutive username characters, ignoring case.
Status NoRunFromUsername(const PasswordPolicy& policy, std::string_view username,
                         std::string_view pw) {
  const std::size_t run = static_cast<std::size_t>(policy.max_common_run) + 1;
  if (username.size() < run) return Ok();
  const Secret lower_pw = LowerCopy(pw);
  const std::string_view haystack = lower_pw.View(SecretAccess::Get());
  std::string user(username);
  for (char& c : user) c = LowerAscii(c);
  for (std::size_t i = 0; i + run <= user.size(); ++i) {
    if (haystack.find(std::string_view(user).substr(i, run)) != std::string_view::npos) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("password rule 'username_run': the password must not contain {} "
                              "consecutive characters of the user name",
                              run));
    }
  }
  return Ok();
}

}  // namespace

Status CheckPasswordRules(const PasswordPolicy& policy, std::string_view username,
                          const Secret& password) {
  const std::string_view pw = password.View(SecretAccess::Get());
  CV_RETURN_IF_ERROR(OnlyPrintableAscii(pw));
  CV_RETURN_IF_ERROR(LongEnough(policy, pw));
  CV_RETURN_IF_ERROR(EnoughClasses(policy, pw));
  return NoRunFromUsername(policy, username, pw);
}

// ACC-3: a password expires `expiry_days` after it was set (JR/T 0117 7.5.9: every 6 months).
bool PasswordExpired(TimePoint changed_at, TimePoint now, const PasswordPolicy& policy) {
  return now - changed_at >= std::chrono::days(policy.expiry_days);
}

}  // namespace cv::access
