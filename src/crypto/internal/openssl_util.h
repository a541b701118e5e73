// Owning pointers for OpenSSL objects and the one way OpenSSL failures become an Error.
//
// Only src/crypto includes OpenSSL headers (ARCHITECTURE: layers).
#ifndef CV_CRYPTO_INTERNAL_OPENSSL_UTIL_H_
#define CV_CRYPTO_INTERNAL_OPENSSL_UTIL_H_

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>
#include <string>

#include "common/result.h"

namespace cv::crypto::internal {

template <typename T, void (*Free)(T*)>
struct OpensslDeleter {
  void operator()(T* p) const { Free(p); }
};
template <typename T, void (*Free)(T*)>
using OpensslPtr = std::unique_ptr<T, OpensslDeleter<T, Free>>;

using CipherCtxPtr = OpensslPtr<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>;
using CipherPtr = OpensslPtr<EVP_CIPHER, EVP_CIPHER_free>;
using MdPtr = OpensslPtr<EVP_MD, EVP_MD_free>;
using MdCtxPtr = OpensslPtr<EVP_MD_CTX, EVP_MD_CTX_free>;
using MacPtr = OpensslPtr<EVP_MAC, EVP_MAC_free>;
using MacCtxPtr = OpensslPtr<EVP_MAC_CTX, EVP_MAC_CTX_free>;
using PkeyPtr = OpensslPtr<EVP_PKEY, EVP_PKEY_free>;
using PkeyCtxPtr = OpensslPtr<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using BignumPtr = OpensslPtr<BIGNUM, BN_clear_free>;
using ParamBldPtr = OpensslPtr<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>;
using ParamsPtr = OpensslPtr<OSSL_PARAM, OSSL_PARAM_free>;

// An Error (kInternal unless `code` says otherwise) whose message is `what` followed by the
// OpenSSL error queue's reasons; the queue is cleared. OpenSSL reasons never contain key bytes.
Error OpensslError(const std::string& what, ErrorCode code = ErrorCode::kInternal);

// Empties the OpenSSL error queue (after an expected failure, e.g. a bad tag).
void ClearOpensslErrors();

}  // namespace cv::crypto::internal

#endif  // CV_CRYPTO_INTERNAL_OPENSSL_UTIL_H_
