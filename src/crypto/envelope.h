// Envelope encryption to a public key (issue #7; JR/T 0117 9.4.1 b; REQUIREMENTS QRY-5): a fresh
// payload key sealed to the recipient's SM2 or P-256 public key, the payload under the suite's
// Aead. gm: SM2 public-key encryption (GB/T 32918.4) of an SM4 key, payload in SM4-GCM. intl:
// ephemeral ECDH P-256, HKDF-SHA256 to an AES-256 key, payload in AES-256-GCM.
//
// Sealed format (DO NOT CHANGE: stored; docs/crypto.md "Envelope encryption"), integers big-endian:
//   0-2    magic "CVE"
//   3      version 0x01
//   4      suite: 0x01 gm, 0x02 intl (from the recipient key: SM2 -> gm, P-256 -> intl)
//   5-12   recipient key id: the first 8 bytes of SM3 (gm) / SHA-256 (intl) of the recipient's
//          SubjectPublicKeyInfo DER (named curve, uncompressed point)
//   13-14  key block length L
//   15..   key block: gm: SM2 ciphertext of the 16-byte payload key in GM/T 0009 ASN.1;
//          intl: the ephemeral public point 04 || x || y (65 bytes)
//   15+L.. Aead(payload key).Encrypt(plaintext, ad = bytes 0 .. 14+L || caller's associated data)
// intl payload key = HKDF-SHA256(ikm = ECDH x coordinate, salt = none,
//   info = "cvault-envelope-v1" || ephemeral point || recipient SPKI DER), 32 bytes.
//
// Invariants:
//  1. Every payload key is fresh per Seal call and exists only in zeroizing memory.
//  2. The whole header is authenticated: changing any header byte either fails parsing
//     (kMalformed) or fails decryption (the generic kPermissionDenied "decryption failed").
//  3. Opening never says why a well-formed envelope does not open (another recipient, another
//     suite, a damaged key block or body, other associated data): one generic failure.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef CV_CRYPTO_ENVELOPE_H_
#define CV_CRYPTO_ENVELOPE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/secret.h"

namespace cv::crypto {

// DO NOT CHANGE: stored.
inline constexpr std::string_view kEnvelopeMagic = "CVE";
inline constexpr std::uint8_t kEnvelopeVersion = 1;
inline constexpr std::size_t kEnvelopeKeyIdSize = 8;
inline constexpr std::size_t kEnvelopeFixedHeaderSize = 15;  // up to the key block
inline constexpr std::string_view kEnvelopeHkdfLabel = "cvault-envelope-v1";

// Limits: a larger plaintext is kResourceExhausted (split it); a longer key block is kMalformed.
inline constexpr std::size_t kMaxEnvelopePlaintextBytes = std::size_t{256} << 20;  // 256 MiB
inline constexpr std::size_t kMaxEnvelopeKeyBlockBytes = 256;

// Seals `plaintext` to the holder of the private key of `recipient_spki_der` (SubjectPublicKeyInfo
// DER of an SM2 or P-256 key, as ParsePublicKeyPem gives). kInvalidArgument for any other key.
[[nodiscard]] Result<std::string> SealToPublicKey(std::string_view recipient_spki_der,
                                                  std::string_view plaintext,
                                                  std::string_view associated_data = {});

// Opens an envelope sealed to the public half of `recipient_pkcs8_der` (PKCS#8 DER).
// kMalformed / kUnsupported naming the byte for a truncated or garbled header; kInvalidArgument for
// an unusable private key; otherwise the generic kPermissionDenied "decryption failed".
[[nodiscard]] Result<std::string> OpenSealed(const Secret& recipient_pkcs8_der,
                                             std::string_view sealed,
                                             std::string_view associated_data = {});

// The 8-byte recipient key id of a public key (what bytes 5-12 of an envelope hold).
[[nodiscard]] Result<std::string> RecipientKeyId(std::string_view recipient_spki_der);

// The public key (SubjectPublicKeyInfo DER) of an SM2 or P-256 private key (PKCS#8 DER).
[[nodiscard]] Result<std::string> PublicKeyOfPrivate(const Secret& private_pkcs8_der);

// ASCII armour for files and JSON: "-----BEGIN CREDITVAULT SEALED-----", base64 in 64-column
// lines, "-----END CREDITVAULT SEALED-----". Unarmor accepts exactly that (CRLF allowed) and says
// kMalformed otherwise.
[[nodiscard]] std::string ArmorSealed(std::string_view sealed);
[[nodiscard]] Result<std::string> UnarmorSealed(std::string_view armored);

}  // namespace cv::crypto

#endif  // CV_CRYPTO_ENVELOPE_H_
