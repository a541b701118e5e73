// Aead: nonce handling and the generic failure, over the backends' Seal/Open.
#include "crypto/aead.h"

#include "crypto/internal/backends.h"
#include "crypto/random.h"

namespace cv::crypto {
namespace {

const std::uint8_t* Bytes(std::string_view s) {
  return reinterpret_cast<const std::uint8_t*>(s.data());
}

}  // namespace

Error DecryptionFailed() { return Error(ErrorCode::kPermissionDenied, "decryption failed"); }

Result<std::string> Aead::Encrypt(std::string_view plaintext,
                                  std::string_view associated_data) const {
  std::string out(kOverhead + plaintext.size(), '\0');
  auto* p = reinterpret_cast<std::uint8_t*>(out.data());
  CV_RETURN_IF_ERROR(RandomPublicBytes({p, kNonceSize}));  // nonces are public
  CV_RETURN_IF_ERROR(Seal(p, plaintext, associated_data, p + kNonceSize));
  return out;
}

Result<std::string> Aead::EncryptWithNonceForKat(std::string_view nonce, std::string_view plaintext,
                                                 std::string_view associated_data) const {
  if (nonce.size() != kNonceSize) {
    return Fail(ErrorCode::kInvalidArgument, "nonce must be 12 bytes");
  }
  std::string out(nonce);
  out.resize(kOverhead + plaintext.size());
  auto* p = reinterpret_cast<std::uint8_t*>(out.data());
  CV_RETURN_IF_ERROR(Seal(p, plaintext, associated_data, p + kNonceSize));
  return out;
}

Status Aead::OpenChecked(std::string_view ciphertext, std::string_view associated_data,
                         std::uint8_t* out) const {
  if (ciphertext.size() < kOverhead) return std::unexpected(DecryptionFailed());
  const std::string_view sealed = ciphertext.substr(kNonceSize);
  if (!Open(Bytes(ciphertext), sealed, associated_data, out)) {
    return std::unexpected(DecryptionFailed());
  }
  return Ok();
}

Result<std::string> Aead::Decrypt(std::string_view ciphertext,
                                  std::string_view associated_data) const {
  std::string out(ciphertext.size() >= kOverhead ? ciphertext.size() - kOverhead : 0, '\0');
  auto status =
      OpenChecked(ciphertext, associated_data, reinterpret_cast<std::uint8_t*>(out.data()));
  if (!status) {
    SecureZero(out.data(), out.size());
    return std::unexpected(status.error());
  }
  return out;
}

Result<Secret> Aead::DecryptSecret(std::string_view ciphertext,
                                   std::string_view associated_data) const {
  Secret out = Secret::Zeroed(ciphertext.size() >= kOverhead ? ciphertext.size() - kOverhead : 0);
  CV_RETURN_IF_ERROR(OpenChecked(ciphertext, associated_data, out.Mutable(SecretAccess::Get())));
  return out;
}

Result<std::unique_ptr<Aead>> NewAead(Suite suite, const Secret& key) {
  if (key.size() != AeadKeySize(suite)) {
    return Fail(ErrorCode::kInvalidArgument, std::string(SuiteName(suite)) + " AEAD key must be " +
                                                 std::to_string(AeadKeySize(suite)) + " bytes");
  }
  return suite == Suite::kGm ? internal::NewSm4GcmGcrypt(key) : internal::NewAesGcmOpenssl(key);
}

}  // namespace cv::crypto
