// Key encapsulation behind envelope.h: SM2 public-key encryption (GB/T 32918.4) of a payload key,
// and ephemeral-static ECDH on P-256 with HKDF-SHA256 (RFC 5869), all on OpenSSL 3.
//
// Module-private (envelope.cc and tests). Thread-safety: pure functions; a RecipientKey is
// immutable after parsing and may be shared.
#ifndef CV_CRYPTO_INTERNAL_ENVELOPE_KEM_H_
#define CV_CRYPTO_INTERNAL_ENVELOPE_KEM_H_

#include <string>
#include <string_view>

#include "common/result.h"
#include "common/secret.h"
#include "crypto/internal/openssl_util.h"
#include "crypto/suite.h"

namespace cv::crypto::internal {

// An SM2 or P-256 key with its suite and its canonical SubjectPublicKeyInfo DER (uncompressed
// point, named curve), which is what the recipient key id and the HKDF info are computed over.
struct RecipientKey {
  Suite suite = Suite::kGm;
  PkeyPtr key;
  std::string spki_der;
};

// kInvalidArgument unless `spki_der` is SubjectPublicKeyInfo DER of an SM2 or P-256 key.
[[nodiscard]] Result<RecipientKey> ParseRecipientPublic(std::string_view spki_der);
// kInvalidArgument unless `pkcs8_der` is PKCS#8 PrivateKeyInfo DER of an SM2 or P-256 key.
[[nodiscard]] Result<RecipientKey> ParseRecipientPrivate(const Secret& pkcs8_der);

// gm: SM2 encryption with SM3 (OpenSSL's default), output in GM/T 0009's ASN.1 form
// SEQUENCE { x INTEGER, y INTEGER, hash OCTET STRING, ciphertext OCTET STRING }.
// REQUIRES: `key` is an SM2 key.
[[nodiscard]] Result<std::string> Sm2Encrypt(EVP_PKEY* key, const Secret& plaintext);
// Any failure is an error whose text the caller must not pass on (it maps it to the generic one).
[[nodiscard]] Result<Secret> Sm2Decrypt(EVP_PKEY* key, std::string_view ciphertext);

// intl: the uncompressed ephemeral point 04 || x || y and the ECDH shared secret (x coordinate).
struct EphemeralShare {
  std::string point;
  Secret shared;
};
inline constexpr std::size_t kP256PointSize = 65;
// A fresh ephemeral P-256 key agreed with `recipient`. REQUIRES: a P-256 key.
[[nodiscard]] Result<EphemeralShare> EcdhToRecipient(EVP_PKEY* recipient);
// The shared secret of private `key` with the peer's uncompressed point (checked to be on the
// curve); an error for any bad point.
[[nodiscard]] Result<Secret> EcdhWithPoint(EVP_PKEY* key, std::string_view point);

// HKDF-SHA256 (RFC 5869, no salt) of `ikm` with `info`, `length` bytes.
[[nodiscard]] Result<Secret> HkdfSha256(const Secret& ikm, std::string_view info,
                                        std::size_t length);

}  // namespace cv::crypto::internal

#endif  // CV_CRYPTO_INTERNAL_ENVELOPE_KEM_H_
