// The single tests the power-on self-test (selftest.h) is made of: known-answer tests that take
// their vector as an argument, and pairwise tests. Apart so that a unit test can feed a wrong
// expected value and see the failure detected.
//
// Thread-safety: every function is reentrant. Byte values are hex strings, as the standards print
// them; a result's detail never holds key bytes.
#ifndef CV_CRYPTO_INTERNAL_KAT_H_
#define CV_CRYPTO_INTERNAL_KAT_H_

#include <string_view>
#include <vector>

#include "common/result.h"
#include "crypto/selftest.h"
#include "crypto/suite.h"

namespace cv::crypto::internal {

// Hasher(suite)(message) == digest.
struct DigestKat {
  std::string_view name;
  Suite suite;
  std::string_view message;  // ASCII
  std::string_view digest_hex;
};
SelfTestResult RunDigestKat(const DigestKat& kat);

// NewAead(suite, key).EncryptWithNonceForKat(nonce, plaintext, ad) == nonce || ciphertext || tag;
// Decrypt of that gives the plaintext back; and with one tag bit flipped, Decrypt fails.
struct AeadKat {
  std::string_view name;
  Suite suite;
  std::string_view key_hex;
  std::string_view nonce_hex;
  std::string_view ad_hex;
  std::string_view plaintext_hex;
  std::string_view ciphertext_hex;
  std::string_view tag_hex;
};
SelfTestResult RunAeadKat(const AeadKat& kat);

// NewMac(suite, key).Compute(data) == tag, and Verify accepts it.
struct MacKat {
  std::string_view name;
  Suite suite;
  std::string_view key_hex;
  std::string_view data_hex;
  std::string_view tag_hex;
};
SelfTestResult RunMacKat(const MacKat& kat);

// The verifier of the point 04 || x || y accepts DER{r, s} on `message` and refuses it on another.
struct SignatureKat {
  std::string_view name;
  Suite suite;
  std::string_view public_x_hex;
  std::string_view public_y_hex;
  std::string_view message;  // ASCII
  std::string_view r_hex;
  std::string_view s_hex;
};
SelfTestResult RunSignatureKat(const SignatureKat& kat);

// Our HMAC-SM3 (OpenSSL) and libgcrypt's GCRY_MAC_HMAC_SM3 give the same tag on a fixed input.
SelfTestResult RunHmacSm3PairwiseTest(std::string_view name);

// A fresh key pair of `suite` signs, and its public key verifies that signature and refuses it on
// another message (FIPS 140-3 pairwise consistency test).
SelfTestResult RunSigningPairwiseTest(std::string_view name, Suite suite);

// Two 32-byte draws from RandomBytes differ and neither is all zero.
SelfTestResult RunRandomHealthTest(std::string_view name);

// Ok when every result passed, else kInternal "crypto self-test failed: <name>, <name>".
Status SelfTestStatus(const std::vector<SelfTestResult>& results);

}  // namespace cv::crypto::internal

#endif  // CV_CRYPTO_INTERNAL_KAT_H_
