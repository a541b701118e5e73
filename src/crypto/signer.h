// Signer and Verifier: digital signatures, SM2 with SM3 (GB/T 32918.2, distinguishing id
// "1234567812345678" per GM/T 0009) or ECDSA P-256 with SHA-256 (FIPS 186-4). Signatures are DER
// SEQUENCE { r, s } as both standards' ASN.1 modules give them.
//
// Keys travel as DER: private keys as PKCS#8 PrivateKeyInfo (in a Secret), public keys as
// X.509 SubjectPublicKeyInfo. Thread-safety: Signer and Verifier are immutable and thread-safe.
#ifndef CV_CRYPTO_SIGNER_H_
#define CV_CRYPTO_SIGNER_H_

#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/secret.h"
#include "crypto/suite.h"

namespace cv::crypto {

// The SM2 distinguishing identifier every CreditVault signature uses (GM/T 0009-2012 10).
inline constexpr std::string_view kSm2DefaultId = "1234567812345678";

class Signer {
 public:
  virtual ~Signer() = default;
  [[nodiscard]] virtual Result<std::string> Sign(std::string_view message) const = 0;
};

class Verifier {
 public:
  virtual ~Verifier() = default;
  // Ok, or the one generic kPermissionDenied "signature verification failed".
  [[nodiscard]] virtual Status Verify(std::string_view signature,
                                      std::string_view message) const = 0;
};

struct SigningKeyPair {
  Secret private_key_der;      // PKCS#8 PrivateKeyInfo
  std::string public_key_der;  // SubjectPublicKeyInfo
};

// A fresh key pair: SM2 for gm, P-256 for intl.
[[nodiscard]] Result<SigningKeyPair> GenerateSigningKey(Suite suite);

// REQUIRES: the key is on the suite's curve (SM2 / P-256), else kInvalidArgument.
[[nodiscard]] Result<std::unique_ptr<Signer>> NewSigner(Suite suite, const Secret& private_key_der);
[[nodiscard]] Result<std::unique_ptr<Verifier>> NewVerifier(Suite suite,
                                                            std::string_view public_key_der);

// A verifier for the uncompressed point 04 || x || y on the suite's curve (test vectors).
[[nodiscard]] Result<std::unique_ptr<Verifier>> NewVerifierFromPoint(Suite suite,
                                                                     std::string_view point);

// The public key as PEM ("-----BEGIN PUBLIC KEY-----"), for `openssl` and other tools.
[[nodiscard]] Result<std::string> PublicKeyPem(std::string_view public_key_der);

// A public key read from PEM, with the suite whose curve it is on.
struct ParsedPublicKey {
  Suite suite;
  std::string der;  // SubjectPublicKeyInfo, for NewVerifier(suite, der)
};

// Reads one "-----BEGIN PUBLIC KEY-----" block (at most kMaxPublicKeyPemBytes) holding an SM2 or
// an EC P-256 key. kInvalidArgument for anything else (another curve or algorithm, not PEM).
inline constexpr std::size_t kMaxPublicKeyPemBytes = 4096;
[[nodiscard]] Result<ParsedPublicKey> ParsePublicKeyPem(std::string_view pem);

}  // namespace cv::crypto

#endif  // CV_CRYPTO_SIGNER_H_
