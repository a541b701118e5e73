// Batch manifest: the signed JSON object that describes a provider's records file — who sent it,
// its id, encoding, record count and digest — and the text its signature covers
// (docs/ingest_format.md "Manifest").
//
// Thread-safety: value types and pure functions.
// Invariants:
//  1. ParseManifest accepts only manifests whose every field is present (encryption may be null),
//     of the right JSON type and form, with no other keys and no repeated keys.
//  2. digest.alg and signature.alg are of one suite: sm3 with sm2-sm3 (gm), sha256 with
//     ecdsa-p256-sha256 (intl).
//  3. The digest covers the records bytes as the provider wrote them, in plaintext: after
//     decryption when `encryption` is set, so the signature vouches for the content, not for one
//     envelope of it.
#ifndef CV_CREDIT_BATCH_FORMAT_H_
#define CV_CREDIT_BATCH_FORMAT_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "credit/batch_parse.h"
#include "crypto/suite.h"

namespace cv::credit {

// DO NOT CHANGE: signed by providers.
inline constexpr std::string_view kSigningTextMagic = "cvault-batch-v1";
inline constexpr std::size_t kMaxManifestBytes = 64 * 1024;
inline constexpr std::size_t kMaxEncryptionBytes = 16 * 1024;  // `encryption`, dumped
inline constexpr std::uint64_t kMaxRecordCount = 100'000'000;

struct Manifest {
  int format_version = 1;
  std::string institution;  // [A-Z0-9_-]{1,32}, the registered institution code
  std::string batch_id;     // [A-Za-z0-9_.-]{1,64}, unique per institution
  BatchFormat format = BatchFormat::kJsonl;
  std::uint64_t record_count = 0;            // non-blank records in the file
  crypto::Suite suite = crypto::Suite::kGm;  // from digest.alg (invariant 2)
  std::string digest_alg;                    // "sm3" | "sha256"
  std::string digest_hex;                    // 64 lower-case hex digits
  std::optional<nlohmann::json> encryption;  // an object, carried opaquely; nullopt: plaintext
  std::string signature_alg;                 // "sm2-sm3" | "ecdsa-p256-sha256"
  std::string signature;                     // DER SEQUENCE { r, s }, decoded from base64
};

// Parses and checks a manifest (invariant 1). Errors are kInvalidArgument (kMalformed when not
// JSON) and name the field, dotted for nested ones ("digest.hex"), in Position::field.
[[nodiscard]] Result<Manifest> ParseManifest(std::string_view json);

// The text the provider signs, one item a line, each ending in '\n':
//   cvault-batch-v1, institution, batch_id, format, record_count, "<digest alg>:<hex>", and the
//   encryption object dumped canonically (keys sorted, no spaces, non-ASCII escaped) or "none".
// DO NOT CHANGE: signed by providers.
std::string ManifestSigningText(const Manifest& manifest);

// Ok when manifest.signature verifies over ManifestSigningText with `public_key`: a PEM
// "-----BEGIN PUBLIC KEY-----" block or SubjectPublicKeyInfo DER, on the manifest's suite's
// curve. A key of the other suite, or a bad signature, is the one generic kPermissionDenied
// "signature verification failed"; a key that does not parse is kInvalidArgument.
[[nodiscard]] Status VerifyManifestSignature(const Manifest& manifest, std::string_view public_key);

// Ok when the digest of `records` (plaintext, invariant 3) equals the manifest's; else
// kInvalidArgument naming digest.hex.
[[nodiscard]] Status CheckRecordsDigest(const Manifest& manifest, std::string_view records);

}  // namespace cv::credit

#endif  // CV_CREDIT_BATCH_FORMAT_H_
