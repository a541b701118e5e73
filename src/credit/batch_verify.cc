// The manifest's signing text, signature verification and the records digest check.
#include <memory>

#include "audit/internal/hex.h"
#include "credit/batch_format.h"
#include "crypto/hasher.h"
#include "crypto/signer.h"

namespace cv::credit {
namespace {

std::unexpected<Error> VerificationFailed() {
  return Fail(ErrorCode::kPermissionDenied, "signature verification failed");
}

// The verifier for `public_key` (PEM or DER) on `suite`'s curve.
Result<std::unique_ptr<crypto::Verifier>> VerifierFor(crypto::Suite suite,
                                                      std::string_view public_key) {
  if (!public_key.starts_with("-----BEGIN")) return crypto::NewVerifier(suite, public_key);
  CV_ASSIGN_OR_RETURN(crypto::ParsedPublicKey key, crypto::ParsePublicKeyPem(public_key));
  if (key.suite != suite) return VerificationFailed();
  return crypto::NewVerifier(suite, key.der);
}

}  // namespace

std::string ManifestSigningText(const Manifest& m) {
  std::string text;
  text.append(kSigningTextMagic).append("\n");
  text.append(m.institution).append("\n");
  text.append(m.batch_id).append("\n");
  text.append(BatchFormatName(m.format)).append("\n");
  text.append(std::to_string(m.record_count)).append("\n");
  text.append(m.digest_alg).append(":").append(m.digest_hex).append("\n");
  text.append(m.encryption ? m.encryption->dump(-1, ' ', /*ensure_ascii=*/true) : "none");
  text.append("\n");
  return text;
}

Status VerifyManifestSignature(const Manifest& manifest, std::string_view public_key) {
  CV_ASSIGN_OR_RETURN(std::unique_ptr<crypto::Verifier> verifier,
                      VerifierFor(manifest.suite, public_key));
  if (!verifier->Verify(manifest.signature, ManifestSigningText(manifest))) {
    return VerificationFailed();
  }
  return Ok();
}

Status CheckRecordsDigest(const Manifest& manifest, std::string_view records) {
  CV_ASSIGN_OR_RETURN(std::unique_ptr<crypto::Hasher> hasher, crypto::NewHasher(manifest.suite));
  CV_ASSIGN_OR_RETURN(std::string digest, hasher->Hash(records));
  if (audit::internal::HexEncode(digest) != manifest.digest_hex) {
    return Fail(ErrorCode::kInvalidArgument,
                "the records do not match manifest field \"digest.hex\"",
                Position{"", 0, "digest.hex"});
  }
  return Ok();
}

}  // namespace cv::credit
