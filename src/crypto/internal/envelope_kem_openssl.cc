// Envelope key encapsulation on OpenSSL 3: SM2 encryption (EVP_PKEY_encrypt), ECDH
// (EVP_PKEY_derive) and HKDF (EVP_KDF "HKDF").
#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/x509.h>

#include "crypto/internal/envelope_kem.h"

namespace cv::crypto::internal {
namespace {

using KdfPtr = OpensslPtr<EVP_KDF, EVP_KDF_free>;
using KdfCtxPtr = OpensslPtr<EVP_KDF_CTX, EVP_KDF_CTX_free>;
using Pkcs8Ptr = OpensslPtr<PKCS8_PRIV_KEY_INFO, PKCS8_PRIV_KEY_INFO_free>;

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// The suite whose curve `key` is on; kInvalidArgument for any other key.
Result<Suite> SuiteOfKey(EVP_PKEY* key) {
  char group[64] = {0};
  std::size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group), &len) ==
      1) {
    const int nid = OBJ_txt2nid(group);
    if (nid == NID_sm2 && EVP_PKEY_is_a(key, "SM2")) return Suite::kGm;
    if (nid == NID_X9_62_prime256v1 && EVP_PKEY_is_a(key, "EC")) return Suite::kIntl;
  }
  ClearOpensslErrors();
  return Fail(ErrorCode::kInvalidArgument, "envelope key is neither SM2 nor EC P-256");
}

// Fills in the suite and the canonical SPKI (uncompressed point) of `out.key`.
Status Describe(RecipientKey& out) {
  CV_ASSIGN_OR_RETURN(out.suite, SuiteOfKey(out.key.get()));
  if (EVP_PKEY_set_utf8_string_param(out.key.get(), OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT,
                                     "uncompressed") != 1) {
    return std::unexpected(OpensslError("envelope key point format"));
  }
  unsigned char* der = nullptr;
  const int len = i2d_PUBKEY(out.key.get(), &der);
  if (len <= 0) return std::unexpected(OpensslError("envelope key encoding"));
  out.spki_der.assign(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return Ok();
}

// The output size of a one-shot EVP_PKEY operation, then the operation into `out`.
template <typename Op>
Status RunSized(Op op, std::size_t& size, unsigned char* out) {
  if (op(out, &size) != 1) return std::unexpected(OpensslError("public-key operation"));
  return Ok();
}

}  // namespace

Result<RecipientKey> ParseRecipientPublic(std::string_view spki_der) {
  const unsigned char* p = Bytes(spki_der);
  RecipientKey out;
  out.key.reset(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki_der.size())));
  if (!out.key || p != Bytes(spki_der) + spki_der.size()) {
    ClearOpensslErrors();
    return Fail(ErrorCode::kInvalidArgument, "recipient key is not SubjectPublicKeyInfo DER");
  }
  CV_RETURN_IF_ERROR(Describe(out));
  return out;
}

Result<RecipientKey> ParseRecipientPrivate(const Secret& pkcs8_der) {
  const unsigned char* p = pkcs8_der.data(SecretAccess::Get());
  Pkcs8Ptr info(d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, static_cast<long>(pkcs8_der.size())));
  RecipientKey out;
  out.key.reset(info ? EVP_PKCS82PKEY(info.get()) : nullptr);
  if (!out.key) {
    ClearOpensslErrors();
    return Fail(ErrorCode::kInvalidArgument, "recipient private key is not PKCS#8 DER");
  }
  CV_RETURN_IF_ERROR(Describe(out));
  return out;
}

Result<std::string> Sm2Encrypt(EVP_PKEY* key, const Secret& plaintext) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  if (!ctx || EVP_PKEY_encrypt_init(ctx.get()) != 1) {
    return std::unexpected(OpensslError("SM2 encrypt init"));
  }
  auto op = [&](unsigned char* out, std::size_t* size) {
    return EVP_PKEY_encrypt(ctx.get(), out, size, plaintext.data(SecretAccess::Get()),
                            plaintext.size());
  };
  std::size_t size = 0;
  CV_RETURN_IF_ERROR(RunSized(op, size, nullptr));
  std::string out(size, '\0');
  CV_RETURN_IF_ERROR(RunSized(op, size, reinterpret_cast<unsigned char*>(out.data())));
  out.resize(size);
  return out;
}

Result<Secret> Sm2Decrypt(EVP_PKEY* key, std::string_view ciphertext) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) != 1) {
    return std::unexpected(OpensslError("SM2 decrypt init"));
  }
  auto op = [&](unsigned char* out, std::size_t* size) {
    return EVP_PKEY_decrypt(ctx.get(), out, size, Bytes(ciphertext), ciphertext.size());
  };
  std::size_t size = 0;
  CV_RETURN_IF_ERROR(RunSized(op, size, nullptr));
  Secret buffer = Secret::Zeroed(size);
  CV_RETURN_IF_ERROR(RunSized(op, size, buffer.Mutable(SecretAccess::Get())));
  return Secret(buffer.View(SecretAccess::Get()).substr(0, size));
}

namespace {

Result<Secret> Derive(EVP_PKEY* key, EVP_PKEY* peer) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  // EVP_PKEY_derive_set_peer checks the peer's public key (on the curve, not infinity).
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
      EVP_PKEY_derive_set_peer(ctx.get(), peer) != 1) {
    return std::unexpected(OpensslError("ECDH init"));
  }
  auto op = [&](unsigned char* out, std::size_t* size) {
    return EVP_PKEY_derive(ctx.get(), out, size);
  };
  std::size_t size = 0;
  CV_RETURN_IF_ERROR(RunSized(op, size, nullptr));
  Secret shared = Secret::Zeroed(size);
  CV_RETURN_IF_ERROR(RunSized(op, size, shared.Mutable(SecretAccess::Get())));
  if (size != shared.size()) return Fail(ErrorCode::kInternal, "ECDH output size");
  return shared;
}

Result<PkeyPtr> P256FromPoint(std::string_view point) {
  if (point.size() != kP256PointSize || point[0] != 0x04) {
    return Fail(ErrorCode::kInvalidArgument, "not an uncompressed P-256 point");
  }
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) !=
          1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return std::unexpected(OpensslError("ephemeral point params"));
  }
  ParamsPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return std::unexpected(OpensslError("ephemeral point", ErrorCode::kInvalidArgument));
  }
  return PkeyPtr(raw);
}

}  // namespace

Result<EphemeralShare> EcdhToRecipient(EVP_PKEY* recipient) {
  PkeyPtr ephemeral(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!ephemeral) return std::unexpected(OpensslError("ephemeral key"));
  EphemeralShare out;
  out.point.resize(kP256PointSize);
  std::size_t len = 0;
  if (EVP_PKEY_get_octet_string_param(ephemeral.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
                                      reinterpret_cast<unsigned char*>(out.point.data()),
                                      out.point.size(), &len) != 1 ||
      len != kP256PointSize) {
    return std::unexpected(OpensslError("ephemeral point"));
  }
  CV_ASSIGN_OR_RETURN(out.shared, Derive(ephemeral.get(), recipient));
  return out;
}

Result<Secret> EcdhWithPoint(EVP_PKEY* key, std::string_view point) {
  CV_ASSIGN_OR_RETURN(PkeyPtr peer, P256FromPoint(point));
  return Derive(key, peer.get());
}

Result<Secret> HkdfSha256(const Secret& ikm, std::string_view info, std::size_t length) {
  KdfPtr kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
  KdfCtxPtr ctx(kdf ? EVP_KDF_CTX_new(kdf.get()) : nullptr);
  if (!ctx) return std::unexpected(OpensslError("HKDF"));
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>("SHA256"), 0),
      OSSL_PARAM_construct_octet_string(
          OSSL_KDF_PARAM_KEY, const_cast<std::uint8_t*>(ikm.data(SecretAccess::Get())), ikm.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char*>(info.data()),
                                        info.size()),
      OSSL_PARAM_construct_end()};
  Secret out = Secret::Zeroed(length);
  if (EVP_KDF_derive(ctx.get(), out.Mutable(SecretAccess::Get()), length, params) != 1) {
    return std::unexpected(OpensslError("HKDF"));
  }
  return out;
}

}  // namespace cv::crypto::internal
