// HMAC-SM3 and HMAC-SHA256 on OpenSSL's EVP_MAC, with keyed contexts pooled.
#include <openssl/core_names.h>
#include <openssl/crypto.h>

#include "crypto/internal/handle_pool.h"
#include "crypto/internal/openssl_util.h"
#include "crypto/mac.h"

namespace cv::crypto {
namespace {

using internal::MacCtxPtr;
using internal::MacPtr;
using internal::OpensslError;

constexpr std::size_t kMinMacKeySize = 16;

class OpensslHmac final : public Mac {
 public:
  OpensslHmac(MacPtr mac, const char* digest, Secret key)
      : mac_(std::move(mac)),
        digest_(digest),
        key_(std::move(key)),
        pool_([this] { return MakeContext(); }) {}

  Result<MacCtxPtr> MakeContext() const {
    MacCtxPtr ctx(EVP_MAC_CTX_new(mac_.get()));
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest_), 0),
        OSSL_PARAM_construct_end()};
    if (!ctx || EVP_MAC_init(ctx.get(), key_.data(SecretAccess::Get()), key_.size(), params) != 1) {
      return std::unexpected(OpensslError(std::string("HMAC-") + digest_ + " init"));
    }
    return ctx;
  }

  Result<std::string> Compute(std::string_view data) const override {
    auto lease = pool_.Acquire();
    if (!lease) return std::unexpected(lease.error());
    EVP_MAC_CTX* ctx = lease->get();
    std::string tag(EVP_MAX_MD_SIZE, '\0');
    std::size_t size = 0;
    // A null key re-initialises the context with the key it already holds.
    if (EVP_MAC_init(ctx, nullptr, 0, nullptr) != 1 ||
        EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size()) !=
            1 ||
        EVP_MAC_final(ctx, reinterpret_cast<unsigned char*>(tag.data()), &size, tag.size()) != 1) {
      return std::unexpected(OpensslError(std::string("HMAC-") + digest_));
    }
    tag.resize(size);
    return tag;
  }

 private:
  MacPtr mac_;
  const char* digest_;
  Secret key_;
  mutable internal::HandlePool<MacCtxPtr> pool_;
};

}  // namespace

Status Mac::Verify(std::string_view tag, std::string_view data) const {
  auto expected = Compute(data);
  if (!expected) return std::unexpected(expected.error());
  if (tag.size() != expected->size() ||
      CRYPTO_memcmp(tag.data(), expected->data(), tag.size()) != 0) {
    return Fail(ErrorCode::kPermissionDenied, "MAC verification failed");
  }
  return Ok();
}

Result<std::unique_ptr<Mac>> NewMac(Suite suite, const Secret& key) {
  if (key.size() < kMinMacKeySize) {
    return Fail(ErrorCode::kInvalidArgument, "MAC key must be at least 16 bytes");
  }
  MacPtr mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  if (!mac) return std::unexpected(OpensslError("HMAC unavailable"));
  const char* digest = suite == Suite::kGm ? "SM3" : "SHA256";
  auto hmac = std::make_unique<OpensslHmac>(std::move(mac), digest, key.Clone());
  auto probe = hmac->MakeContext();
  if (!probe) return std::unexpected(probe.error());
  return hmac;
}

}  // namespace cv::crypto
