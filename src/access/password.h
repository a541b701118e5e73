// Password policy, rules and hashing: JR/T 0117 7.5.9 as required by ACC-3, with Argon2id
// (libsodium crypto_pwhash) for storage and a dummy verification for unknown users (ACC-4).
//
// Thread-safety: plain values and thread-safe functions (BurnVerifyTime caches under a mutex).
// Invariants:
//  1. No error message contains the password or any part of it.
//  2. Stored hashes are libsodium's encoded Argon2id strings, `$argon2id$v=19$m=..,t=..,p=1$..`;
//     the format is libsodium's (docs/access.md "Passwords"). DO NOT CHANGE: stored.
//  3. A policy read from config is never looser than the defaults below (ARCHITECTURE: "config
//     can only make them stricter").
#ifndef CV_ACCESS_PASSWORD_H_
#define CV_ACCESS_PASSWORD_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/config.h"
#include "common/result.h"
#include "common/secret.h"

namespace cv::access {

// Longest password accepted (an input limit, SEC-2); the rules set no maximum.
inline constexpr int kMaxPasswordLength = 128;

// The defaults are JR/T 0117 7.5.9's numbers (and the product's Argon2id cost); config may only
// make them stricter. Tests may build weaker Argon2 costs directly to run fast.
struct PasswordPolicy {
  int min_length = 8;      // JR/T 0117 7.5.9: at least 8 characters
  int min_classes = 3;     // 3 of upper, lower, digit, special
  int max_common_run = 2;  // a run of 3 consecutive username characters is refused
  int expiry_days = 180;   // changed at least every 6 months (ACC-3 default)
  int history = 5;         // the last 5 passwords, the current one included, are not reused
  std::uint64_t argon2_iterations = 3;
  std::uint64_t argon2_memory_kib = 65536;
};

// The [access] keys PasswordPolicyFromConfig reads, so whoever checks the whole section for
// typos can list them.
std::span<const std::string_view> PasswordConfigKeys();

// The policy from the [access] section (keys `password_*`). A value looser than the default is
// refused with kInvalidArgument naming the key; so is an unknown `password_*` key.
[[nodiscard]] Result<PasswordPolicy> PasswordPolicyFromConfig(const Config& config);

// OK when `password` meets every rule of `policy` for `username`; otherwise kInvalidArgument
// naming the first rule broken. Only printable ASCII (space to '~') is accepted; any other byte,
// including non-ASCII letters, is refused (docs/access.md).
[[nodiscard]] Status CheckPasswordRules(const PasswordPolicy& policy, std::string_view username,
                                        const Secret& password);

// The Argon2id encoded hash of `password` with the policy's cost and a fresh random salt.
// kInvalidArgument for a cost below libsodium's minimum; kResourceExhausted when out of memory.
[[nodiscard]] Result<std::string> HashPassword(const PasswordPolicy& policy,
                                               const Secret& password);

// Whether `password` matches `stored_hash`, in time independent of the password (libsodium's
// crypto_pwhash_str_verify). kMalformed when `stored_hash` is not an Argon2id string.
[[nodiscard]] Result<bool> VerifyPassword(std::string_view stored_hash, const Secret& password);

// True when `stored_hash` was made with another cost than the policy's (or is unreadable): hash
// the password again after a successful login.
bool NeedsRehash(const PasswordPolicy& policy, std::string_view stored_hash);

// kInvalidArgument when `password` matches one of the first `policy.history` entries of
// `last_hashes` (newest first, the current password's hash at [0]); older entries are ignored.
[[nodiscard]] Status CheckNotReused(const PasswordPolicy& policy,
                                    const std::vector<std::string>& last_hashes,
                                    const Secret& password);

// True once `expiry_days` days have passed since `changed_at` (expired at exactly that instant).
bool PasswordExpired(TimePoint changed_at, TimePoint now, const PasswordPolicy& policy);

// Spends the time of one VerifyPassword at the policy's cost, against a fixed hash made once per
// cost, so an unknown user name costs the same as a wrong password (ACC-4).
void BurnVerifyTime(const PasswordPolicy& policy);

// For tests: the hash BurnVerifyTime verifies against for `policy`'s cost ("" if it could not be
// made).
std::string BurnVerifyHashForTesting(const PasswordPolicy& policy);

}  // namespace cv::access

#endif  // CV_ACCESS_PASSWORD_H_
