// SM4-GCM on libgcrypt: Debian's OpenSSL 3.0 has SM4 but not SM4-GCM; libgcrypt 1.10 has both,
// with AES-NI/AVX2 bulk paths (docs/crypto.md has the measurements).
#include <gcrypt.h>

#include "crypto/internal/backends.h"
#include "crypto/internal/gcrypt_util.h"
#include "crypto/internal/handle_pool.h"

namespace cv::crypto::internal {
namespace {

struct CipherCloser {
  void operator()(gcry_cipher_hd_t h) const { gcry_cipher_close(h); }
};
using CipherHandle = std::unique_ptr<std::remove_pointer_t<gcry_cipher_hd_t>, CipherCloser>;

class Sm4GcmGcrypt final : public Aead {
 public:
  explicit Sm4GcmGcrypt(Secret key)
      : key_(std::move(key)), pool_([this] { return MakeHandle(); }) {}

  Result<CipherHandle> MakeHandle() const {
    gcry_cipher_hd_t raw = nullptr;
    gcry_error_t err = gcry_cipher_open(&raw, GCRY_CIPHER_SM4, GCRY_CIPHER_MODE_GCM, 0);
    if (err) return std::unexpected(GcryptError("SM4-GCM open", err));
    CipherHandle handle(raw);
    err = gcry_cipher_setkey(raw, key_.data(SecretAccess::Get()), key_.size());
    if (err) return std::unexpected(GcryptError("SM4-GCM setkey", err));
    return handle;
  }

  Suite suite() const override { return Suite::kGm; }

 protected:
  Status Seal(const std::uint8_t* nonce, std::string_view plaintext, std::string_view ad,
              std::uint8_t* out) const override {
    auto lease = pool_.Acquire();
    if (!lease) return std::unexpected(lease.error());
    gcry_cipher_hd_t h = lease->get();
    CV_RETURN_IF_ERROR(Start(h, nonce, ad));
    gcry_error_t err = 0;
    if (!plaintext.empty()) {
      err = gcry_cipher_encrypt(h, out, plaintext.size(), plaintext.data(), plaintext.size());
    }
    if (!err) err = gcry_cipher_gettag(h, out + plaintext.size(), kTagSize);
    if (err) return std::unexpected(GcryptError("SM4-GCM encrypt", err));
    return Ok();
  }

  Status Open(const std::uint8_t* nonce, std::string_view sealed, std::string_view ad,
              std::uint8_t* out) const override {
    auto lease = pool_.Acquire();
    if (!lease) return std::unexpected(lease.error());
    gcry_cipher_hd_t h = lease->get();
    CV_RETURN_IF_ERROR(Start(h, nonce, ad));
    const std::size_t n = sealed.size() - kTagSize;
    gcry_error_t err = 0;
    if (n != 0) err = gcry_cipher_decrypt(h, out, n, sealed.data(), n);
    if (!err) err = gcry_cipher_checktag(h, sealed.data() + n, kTagSize);
    if (err) return std::unexpected(GcryptError("SM4-GCM decrypt", err));
    return Ok();
  }

 private:
  // Resets the handle to its keyed state, sets the nonce and authenticates `ad`.
  static Status Start(gcry_cipher_hd_t h, const std::uint8_t* nonce, std::string_view ad) {
    gcry_error_t err = gcry_cipher_reset(h);
    if (!err) err = gcry_cipher_setiv(h, nonce, kNonceSize);
    if (!err && !ad.empty()) err = gcry_cipher_authenticate(h, ad.data(), ad.size());
    if (err) return std::unexpected(GcryptError("SM4-GCM start", err));
    return Ok();
  }

  Secret key_;
  mutable HandlePool<CipherHandle> pool_;
};

}  // namespace

Result<std::unique_ptr<Aead>> NewSm4GcmGcrypt(const Secret& key) {
  CV_RETURN_IF_ERROR(EnsureGcrypt());
  auto aead = std::make_unique<Sm4GcmGcrypt>(key.Clone());
  auto probe = aead->MakeHandle();  // Fail at construction, not at first use.
  if (!probe) return std::unexpected(probe.error());
  return aead;
}

}  // namespace cv::crypto::internal
