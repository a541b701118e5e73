// Aead: authenticated encryption with associated data (Tink's Aead), SM4-GCM or AES-256-GCM.
//
// Ciphertext format (DO NOT CHANGE: stored): nonce (12 bytes) || encrypted bytes || tag (16 bytes).
// The nonce is random per call, so one key must not seal more than 2^32 messages (NIST SP 800-38D
// 8.3); the keyring gives each subject its own data key, far below that bound.
//
// Thread-safety: an Aead is immutable and safe to use from many threads; backends keep a small
// pool of prepared cipher contexts so that a call does not repeat the key schedule.
#ifndef CV_CRYPTO_AEAD_H_
#define CV_CRYPTO_AEAD_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/secret.h"
#include "crypto/suite.h"

namespace cv::crypto {

class Aead {
 public:
  static constexpr std::size_t kNonceSize = 12;
  static constexpr std::size_t kTagSize = 16;
  static constexpr std::size_t kOverhead = kNonceSize + kTagSize;

  virtual ~Aead() = default;

  // Encrypts `plaintext` and authenticates it with `associated_data`.
  [[nodiscard]] Result<std::string> Encrypt(std::string_view plaintext,
                                            std::string_view associated_data) const;

  // Decrypts. Any mismatch (ciphertext, tag, nonce, associated data or key) fails with the one
  // generic kPermissionDenied "decryption failed", whatever the cause.
  [[nodiscard]] Result<std::string> Decrypt(std::string_view ciphertext,
                                            std::string_view associated_data) const;
  // As Decrypt, into zeroizing memory (for wrapped keys and C3 values).
  [[nodiscard]] Result<Secret> DecryptSecret(std::string_view ciphertext,
                                             std::string_view associated_data) const;

  // Encrypts with a caller-chosen nonce, for known-answer tests only (self-test, vectors).
  // REQUIRES: `nonce` has kNonceSize bytes and is never reused with this key.
  [[nodiscard]] Result<std::string> EncryptWithNonceForKat(std::string_view nonce,
                                                           std::string_view plaintext,
                                                           std::string_view associated_data) const;

  virtual Suite suite() const = 0;

 protected:
  // Writes plaintext.size() + kTagSize bytes (encrypted bytes, then tag) to `out`.
  virtual Status Seal(const std::uint8_t* nonce, std::string_view plaintext,
                      std::string_view associated_data, std::uint8_t* out) const = 0;
  // Reads encrypted bytes + tag; writes sealed.size() - kTagSize bytes to `out`. REQUIRES:
  // sealed.size() >= kTagSize. Fails with any error on a mismatch; the caller maps it to the
  // generic failure.
  virtual Status Open(const std::uint8_t* nonce, std::string_view sealed,
                      std::string_view associated_data, std::uint8_t* out) const = 0;

 private:
  Status OpenChecked(std::string_view ciphertext, std::string_view associated_data,
                     std::uint8_t* out) const;
};

// The suite's AEAD under `key`. REQUIRES: key.size() == AeadKeySize(suite), else
// kInvalidArgument. gm: SM4-GCM on libgcrypt; intl: AES-256-GCM on OpenSSL (docs/crypto.md).
[[nodiscard]] Result<std::unique_ptr<Aead>> NewAead(Suite suite, const Secret& key);

// The generic decryption failure every caller sees.
Error DecryptionFailed();

}  // namespace cv::crypto

#endif  // CV_CRYPTO_AEAD_H_
