// Password storage with Argon2id (libsodium crypto_pwhash_str), reuse checks and the dummy
// verification that makes an unknown user name cost as much as a wrong password.
#include <sodium.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <utility>

#include "access/internal/sodium_init.h"
#include "access/password.h"

namespace cv::access {
namespace {

// DO NOT CHANGE: stored. The prefix of every hash HashPassword writes (libsodium's format).
constexpr std::string_view kArgon2idPrefix = "$argon2id$";

// The password BurnVerifyTime's fixed hashes are made from; no account can have it, as it is
// never stored as anyone's hash.
constexpr std::string_view kBurnPassword = "cvault burn-verify-time dummy password";

std::size_t MemoryBytes(const PasswordPolicy& policy) {
  return static_cast<std::size_t>(policy.argon2_memory_kib) * 1024;
}

Status CheckCost(const PasswordPolicy& policy) {
  if (policy.argon2_iterations < crypto_pwhash_OPSLIMIT_MIN ||
      policy.argon2_iterations > crypto_pwhash_OPSLIMIT_MAX ||
      policy.argon2_memory_kib < crypto_pwhash_MEMLIMIT_MIN / 1024 ||
      policy.argon2_memory_kib > crypto_pwhash_MEMLIMIT_MAX / 1024) {
    return Fail(ErrorCode::kInvalidArgument, "Argon2id cost is outside libsodium's limits");
  }
  return Ok();
}

// libsodium needs a NUL-terminated string; refuses what is not one of our hashes.
Result<std::string> HashString(std::string_view stored_hash) {
  if (!stored_hash.starts_with(kArgon2idPrefix) || stored_hash.size() >= crypto_pwhash_STRBYTES ||
      stored_hash.find('\0') != std::string_view::npos) {
    return Fail(ErrorCode::kMalformed, "stored password hash is not an Argon2id string");
  }
  return std::string(stored_hash);
}

Result<std::string> HashBytes(const PasswordPolicy& policy, std::string_view pw) {
  CV_RETURN_IF_ERROR(internal::EnsureSodium());
  CV_RETURN_IF_ERROR(CheckCost(policy));
  char out[crypto_pwhash_STRBYTES] = {};
  if (crypto_pwhash_str_alg(out, pw.empty() ? "" : pw.data(), pw.size(), policy.argon2_iterations,
                            MemoryBytes(policy), crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Fail(ErrorCode::kResourceExhausted, "Argon2id ran out of memory");
  }
  return std::string(out);
}

// The fixed hash for `policy`'s cost, made on first use ("" when it cannot be made).
std::string BurnHash(const PasswordPolicy& policy) {
  static std::mutex mu;
  static std::map<std::pair<std::uint64_t, std::uint64_t>, std::string> hashes;
  const auto cost = std::make_pair(policy.argon2_iterations, policy.argon2_memory_kib);
  std::lock_guard<std::mutex> lock(mu);
  auto it = hashes.find(cost);
  if (it != hashes.end()) return it->second;
  auto hash = HashBytes(policy, kBurnPassword);
  if (!hash) return "";
  return hashes.emplace(cost, std::move(*hash)).first->second;
}

}  // namespace

Result<std::string> HashPassword(const PasswordPolicy& policy, const Secret& password) {
  return HashBytes(policy, password.View(SecretAccess::Get()));
}

// ACC-3: verification in constant time; libsodium recomputes the hash and compares with
// sodium_memcmp, so the time depends on the stored cost only.
Result<bool> VerifyPassword(std::string_view stored_hash, const Secret& password) {
  CV_RETURN_IF_ERROR(internal::EnsureSodium());
  CV_ASSIGN_OR_RETURN(const std::string hash, HashString(stored_hash));
  const std::string_view pw = password.View(SecretAccess::Get());
  return crypto_pwhash_str_verify(hash.c_str(), pw.empty() ? "" : pw.data(), pw.size()) == 0;
}

bool NeedsRehash(const PasswordPolicy& policy, std::string_view stored_hash) {
  auto hash = HashString(stored_hash);
  if (!hash || !internal::EnsureSodium()) return true;
  return crypto_pwhash_str_needs_rehash(hash->c_str(), policy.argon2_iterations,
                                        MemoryBytes(policy)) != 0;
}

// JR/T 0117 7.5.9 (ACC-3 default): none of the last `history` passwords may be used again.
Status CheckNotReused(const PasswordPolicy& policy, const std::vector<std::string>& last_hashes,
                      const Secret& password) {
  const std::size_t n = std::min(last_hashes.size(), static_cast<std::size_t>(policy.history));
  for (std::size_t i = 0; i < n; ++i) {
    CV_ASSIGN_OR_RETURN(const bool same, VerifyPassword(last_hashes[i], password));
    if (same) {
      return Fail(ErrorCode::kInvalidArgument,
                  "password rule 'history': the password was one of the last " +
                      std::to_string(policy.history) + " passwords");
    }
  }
  return Ok();
}

// ACC-4: an unknown user name costs one verification, as a wrong password does.
void BurnVerifyTime(const PasswordPolicy& policy) {
  const std::string hash = BurnHash(policy);
  static constexpr std::string_view kWrong = "not the burn password";
  if (hash.empty()) return;
  const int rc = crypto_pwhash_str_verify(hash.c_str(), kWrong.data(), kWrong.size());
  (void)rc;
}

std::string BurnVerifyHashForTesting(const PasswordPolicy& policy) { return BurnHash(policy); }

}  // namespace cv::access
