// SM2 and ECDSA P-256 on OpenSSL 3's EVP_PKEY signatures.
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "crypto/internal/openssl_util.h"
#include "crypto/signer.h"

namespace cv::crypto {
namespace {

using internal::MdCtxPtr;
using internal::OpensslError;
using internal::PkeyCtxPtr;
using internal::PkeyPtr;

using BioPtr = internal::OpensslPtr<BIO, BIO_free_all>;
using Pkcs8Ptr = internal::OpensslPtr<PKCS8_PRIV_KEY_INFO, PKCS8_PRIV_KEY_INFO_free>;

const char* KeyType(Suite suite) { return suite == Suite::kGm ? "SM2" : "EC"; }
const char* CurveName(Suite suite) { return suite == Suite::kGm ? "SM2" : "prime256v1"; }
const char* DigestName(Suite suite) { return suite == Suite::kGm ? "SM3" : "SHA256"; }

// Ok when `key` is on the suite's curve.
Status CheckCurve(Suite suite, EVP_PKEY* key) {
  char group[64] = {0};
  std::size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group), &len) !=
          1 ||
      OBJ_txt2nid(group) != OBJ_txt2nid(CurveName(suite))) {
    internal::ClearOpensslErrors();
    return Fail(ErrorCode::kInvalidArgument,
                std::string("signing key is not on the ") + CurveName(suite) + " curve");
  }
  return Ok();
}

// Starts a sign (sign = true) or verify operation on `md`, with the SM2 id where it applies.
Status InitDigestOp(Suite suite, EVP_MD_CTX* md, EVP_PKEY* key, bool sign) {
  EVP_PKEY_CTX* pctx = nullptr;
  int rc =
      sign ? EVP_DigestSignInit_ex(md, &pctx, DigestName(suite), nullptr, nullptr, key, nullptr)
           : EVP_DigestVerifyInit_ex(md, &pctx, DigestName(suite), nullptr, nullptr, key, nullptr);
  if (rc != 1) return std::unexpected(OpensslError("signature init"));
  if (suite == Suite::kGm &&
      EVP_PKEY_CTX_set1_id(pctx, kSm2DefaultId.data(), kSm2DefaultId.size()) != 1) {
    return std::unexpected(OpensslError("SM2 id"));
  }
  return Ok();
}

class OpensslSigner final : public Signer {
 public:
  OpensslSigner(Suite suite, PkeyPtr key) : suite_(suite), key_(std::move(key)) {}

  Result<std::string> Sign(std::string_view message) const override {
    MdCtxPtr md(EVP_MD_CTX_new());
    if (!md) return std::unexpected(OpensslError("sign"));
    CV_RETURN_IF_ERROR(InitDigestOp(suite_, md.get(), key_.get(), true));
    const auto* m = reinterpret_cast<const unsigned char*>(message.data());
    std::size_t size = 0;
    if (EVP_DigestSign(md.get(), nullptr, &size, m, message.size()) != 1) {
      return std::unexpected(OpensslError("sign"));
    }
    std::string signature(size, '\0');
    if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, m,
                       message.size()) != 1) {
      return std::unexpected(OpensslError("sign"));
    }
    signature.resize(size);
    return signature;
  }

 private:
  Suite suite_;
  PkeyPtr key_;
};

class OpensslVerifier final : public Verifier {
 public:
  OpensslVerifier(Suite suite, PkeyPtr key) : suite_(suite), key_(std::move(key)) {}

  Status Verify(std::string_view signature, std::string_view message) const override {
    MdCtxPtr md(EVP_MD_CTX_new());
    if (!md) return std::unexpected(OpensslError("verify"));
    CV_RETURN_IF_ERROR(InitDigestOp(suite_, md.get(), key_.get(), false));
    if (EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                         signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                         message.size()) != 1) {
      internal::ClearOpensslErrors();
      return Fail(ErrorCode::kPermissionDenied, "signature verification failed");
    }
    return Ok();
  }

 private:
  Suite suite_;
  PkeyPtr key_;
};

Result<Secret> PrivateKeyDer(EVP_PKEY* key) {
  Pkcs8Ptr info(EVP_PKEY2PKCS8(key));
  unsigned char* der = nullptr;
  int len = info ? i2d_PKCS8_PRIV_KEY_INFO(info.get(), &der) : -1;
  if (len <= 0) return std::unexpected(OpensslError("encode private key"));
  Secret out(std::string_view(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len)));
  OPENSSL_clear_free(der, static_cast<std::size_t>(len));
  return out;
}

Result<std::string> PublicKeyDer(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  int len = i2d_PUBKEY(key, &der);
  if (len <= 0) return std::unexpected(OpensslError("encode public key"));
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

}  // namespace

Result<SigningKeyPair> GenerateSigningKey(Suite suite) {
  PkeyPtr key(suite == Suite::kGm ? EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2")
                                  : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) return std::unexpected(OpensslError("generate signing key"));
  auto priv = PrivateKeyDer(key.get());
  if (!priv) return std::unexpected(priv.error());
  auto pub = PublicKeyDer(key.get());
  if (!pub) return std::unexpected(pub.error());
  return SigningKeyPair{std::move(*priv), std::move(*pub)};
}

Result<std::unique_ptr<Signer>> NewSigner(Suite suite, const Secret& private_key_der) {
  const auto* p = private_key_der.data(SecretAccess::Get());
  Pkcs8Ptr info(d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, static_cast<long>(private_key_der.size())));
  PkeyPtr key(info ? EVP_PKCS82PKEY(info.get()) : nullptr);
  if (!key) {
    internal::ClearOpensslErrors();
    return Fail(ErrorCode::kInvalidArgument, "private key is not PKCS#8 DER");
  }
  CV_RETURN_IF_ERROR(CheckCurve(suite, key.get()));
  return std::make_unique<OpensslSigner>(suite, std::move(key));
}

Result<std::unique_ptr<Verifier>> NewVerifier(Suite suite, std::string_view public_key_der) {
  const auto* p = reinterpret_cast<const unsigned char*>(public_key_der.data());
  PkeyPtr key(d2i_PUBKEY(nullptr, &p, static_cast<long>(public_key_der.size())));
  if (!key) {
    internal::ClearOpensslErrors();
    return Fail(ErrorCode::kInvalidArgument, "public key is not SubjectPublicKeyInfo DER");
  }
  CV_RETURN_IF_ERROR(CheckCurve(suite, key.get()));
  return std::make_unique<OpensslVerifier>(suite, std::move(key));
}

Result<std::unique_ptr<Verifier>> NewVerifierFromPoint(Suite suite, std::string_view point) {
  internal::ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, CurveName(suite), 0) !=
          1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return std::unexpected(OpensslError("public point params"));
  }
  internal::ParamsPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, KeyType(suite), nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return std::unexpected(OpensslError("public point", ErrorCode::kInvalidArgument));
  }
  return std::make_unique<OpensslVerifier>(suite, PkeyPtr(raw));
}

Result<std::string> PublicKeyPem(std::string_view public_key_der) {
  const auto* p = reinterpret_cast<const unsigned char*>(public_key_der.data());
  PkeyPtr key(d2i_PUBKEY(nullptr, &p, static_cast<long>(public_key_der.size())));
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!key || !bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1) {
    return std::unexpected(OpensslError("public key PEM", ErrorCode::kInvalidArgument));
  }
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

Result<ParsedPublicKey> ParsePublicKeyPem(std::string_view pem) {
  if (pem.size() > kMaxPublicKeyPemBytes) {
    return Fail(ErrorCode::kInvalidArgument, "public key PEM is too long");
  }
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  PkeyPtr key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!key) {
    internal::ClearOpensslErrors();
    return Fail(ErrorCode::kInvalidArgument, "not a PEM public key");
  }
  for (Suite suite : {Suite::kGm, Suite::kIntl}) {
    if (!CheckCurve(suite, key.get())) continue;
    CV_ASSIGN_OR_RETURN(std::string der, PublicKeyDer(key.get()));
    return ParsedPublicKey{suite, std::move(der)};
  }
  return Fail(ErrorCode::kInvalidArgument, "public key is neither SM2 nor EC P-256");
}

}  // namespace cv::crypto
