// SM3 and SHA-256 on OpenSSL's EVP digests (fetched once per Hasher).
#include "crypto/hasher.h"
#include "crypto/internal/openssl_util.h"

namespace cv::crypto {
namespace {

using internal::MdCtxPtr;
using internal::MdPtr;
using internal::OpensslError;

class OpensslHasher final : public Hasher {
 public:
  OpensslHasher(MdPtr md, std::string_view name) : md_(std::move(md)), name_(name) {}

  Result<std::string> Hash(std::string_view data) const override { return HashParts({data}); }

  Result<std::string> HashParts(std::initializer_list<std::string_view> parts) const override {
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestInit_ex2(ctx.get(), md_.get(), nullptr) != 1) {
      return std::unexpected(OpensslError(std::string(name_) + " init"));
    }
    for (std::string_view part : parts) {
      if (EVP_DigestUpdate(ctx.get(), part.data(), part.size()) != 1) {
        return std::unexpected(OpensslError(std::string(name_) + " update"));
      }
    }
    std::string digest(EVP_MAX_MD_SIZE, '\0');
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(digest.data()), &size) !=
        1) {
      return std::unexpected(OpensslError(std::string(name_) + " final"));
    }
    digest.resize(size);
    return digest;
  }

  std::string_view name() const override { return name_; }

 private:
  MdPtr md_;
  std::string_view name_;
};

}  // namespace

Result<std::unique_ptr<Hasher>> NewHasher(Suite suite) {
  const char* name = suite == Suite::kGm ? "SM3" : "SHA256";
  MdPtr md(EVP_MD_fetch(nullptr, name, nullptr));
  if (!md) return std::unexpected(OpensslError(std::string(name) + " unavailable"));
  return std::make_unique<OpensslHasher>(std::move(md), name);
}

}  // namespace cv::crypto
