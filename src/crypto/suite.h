// Suite: the algorithm family a data directory uses for every primitive — `gm` or `intl` (CRY-2).
//
// Thread-safety: plain values and pure functions.
#ifndef CV_CRYPTO_SUITE_H_
#define CV_CRYPTO_SUITE_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/result.h"

namespace cv::crypto {

// DO NOT CHANGE: the numbers are stored in every ciphertext header and in key files.
enum class Suite : std::uint8_t {
  kGm = 1,    // SM4-GCM, SM3, HMAC-SM3, SM2 signatures (GB/T 32918, default id 1234567812345678).
  kIntl = 2,  // AES-256-GCM, SHA-256, HMAC-SHA256, ECDSA P-256 with SHA-256.
};

// "gm" or "intl".
std::string_view SuiteName(Suite suite);

// Parses "gm" or "intl"; anything else is kInvalidArgument.
Result<Suite> ParseSuite(std::string_view name);

// The suite stored as `byte`; kMalformed when the byte names no suite.
Result<Suite> SuiteFromByte(std::uint8_t byte);

// Key sizes in bytes. SM4 keys are 128 bits; AES keys 256 bits.
std::size_t AeadKeySize(Suite suite);
inline constexpr std::size_t kMacKeySize = 32;
inline constexpr std::size_t kDigestSize = 32;  // SM3 and SHA-256 both give 32 bytes.

}  // namespace cv::crypto

#endif  // CV_CRYPTO_SUITE_H_
