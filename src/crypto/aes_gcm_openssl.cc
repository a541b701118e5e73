// AES-256-GCM on OpenSSL 3 (AES-NI + PCLMULQDQ paths).
#include <climits>

#include "crypto/internal/backends.h"
#include "crypto/internal/handle_pool.h"
#include "crypto/internal/openssl_util.h"

namespace cv::crypto::internal {
namespace {

class AesGcmOpenssl final : public Aead {
 public:
  AesGcmOpenssl(CipherPtr cipher, Secret key)
      : cipher_(std::move(cipher)),
        key_(std::move(key)),
        encrypt_pool_([this] { return MakeContext(1); }),
        decrypt_pool_([this] { return MakeContext(0); }) {}

  // A context keyed for one direction (1 = encrypt).
  Result<CipherCtxPtr> MakeContext(int encrypt) const {
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    if (!ctx || EVP_CipherInit_ex2(ctx.get(), cipher_.get(), key_.data(SecretAccess::Get()),
                                   nullptr, encrypt, nullptr) != 1) {
      return std::unexpected(OpensslError("AES-256-GCM init"));
    }
    return ctx;
  }

  Suite suite() const override { return Suite::kIntl; }

 protected:
  Status Seal(const std::uint8_t* nonce, std::string_view plaintext, std::string_view ad,
              std::uint8_t* out) const override {
    if (plaintext.size() > INT_MAX || ad.size() > INT_MAX) {
      return Fail(ErrorCode::kInvalidArgument, "AES-256-GCM input over 2 GiB");
    }
    auto lease = encrypt_pool_.Acquire();
    if (!lease) return std::unexpected(lease.error());
    EVP_CIPHER_CTX* ctx = lease->get();
    int len = 0;
    int final_len = 0;
    const auto* pt = reinterpret_cast<const unsigned char*>(plaintext.data());
    const auto* a = reinterpret_cast<const unsigned char*>(ad.data());
    if (EVP_CipherInit_ex2(ctx, nullptr, nullptr, nonce, 1, nullptr) != 1 ||
        (!ad.empty() &&
         EVP_CipherUpdate(ctx, nullptr, &len, a, static_cast<int>(ad.size())) != 1) ||
        EVP_CipherUpdate(ctx, out, &len, pt, static_cast<int>(plaintext.size())) != 1 ||
        EVP_CipherFinal_ex(ctx, out + len, &final_len) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kTagSize, out + plaintext.size()) != 1) {
      return std::unexpected(OpensslError("AES-256-GCM encrypt"));
    }
    return Ok();
  }

  Status Open(const std::uint8_t* nonce, std::string_view sealed, std::string_view ad,
              std::uint8_t* out) const override {
    if (sealed.size() > INT_MAX || ad.size() > INT_MAX) {
      return Fail(ErrorCode::kInvalidArgument, "AES-256-GCM input over 2 GiB");
    }
    auto lease = decrypt_pool_.Acquire();
    if (!lease) return std::unexpected(lease.error());
    EVP_CIPHER_CTX* ctx = lease->get();
    const int n = static_cast<int>(sealed.size() - kTagSize);
    const auto* ct = reinterpret_cast<const unsigned char*>(sealed.data());
    const auto* a = reinterpret_cast<const unsigned char*>(ad.data());
    unsigned char tag[kTagSize];
    std::copy_n(ct + n, kTagSize, tag);
    int len = 0;
    int final_len = 0;
    std::uint8_t scratch = 0;  // EVP wants a non-null output even for zero bytes.
    if (EVP_CipherInit_ex2(ctx, nullptr, nullptr, nonce, 0, nullptr) != 1 ||
        (!ad.empty() &&
         EVP_CipherUpdate(ctx, nullptr, &len, a, static_cast<int>(ad.size())) != 1) ||
        EVP_CipherUpdate(ctx, n ? out : &scratch, &len, ct, n) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kTagSize, tag) != 1 ||
        EVP_CipherFinal_ex(ctx, n ? out + len : &scratch, &final_len) != 1) {
      ClearOpensslErrors();  // A bad tag is expected input, not a library fault.
      return Fail(ErrorCode::kPermissionDenied, "tag mismatch");
    }
    return Ok();
  }

 private:
  CipherPtr cipher_;
  Secret key_;
  mutable HandlePool<CipherCtxPtr> encrypt_pool_;
  mutable HandlePool<CipherCtxPtr> decrypt_pool_;
};

}  // namespace

Result<std::unique_ptr<Aead>> NewAesGcmOpenssl(const Secret& key) {
  CipherPtr cipher(EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr));
  if (!cipher) return std::unexpected(OpensslError("AES-256-GCM unavailable"));
  auto aead = std::make_unique<AesGcmOpenssl>(std::move(cipher), key.Clone());
  auto probe = aead->MakeContext(1);
  if (!probe) return std::unexpected(probe.error());
  return aead;
}

}  // namespace cv::crypto::internal
