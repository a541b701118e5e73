// Shamir secret sharing of the root key over GF(2^8), on Debian's libgfshare: any `threshold` of
// `custodians` shares rebuild the secret; fewer reveal nothing about it (CRY-3; JR/T 0117 7.5.9
// enhanced: multiple control of keys).
//
// Thread-safety: thread-safe (libgfshare contexts are per call; its random hook is set once).
#ifndef CV_CRYPTO_KEYRING_SHAMIR_H_
#define CV_CRYPTO_KEYRING_SHAMIR_H_

#include <cstdint>
#include <span>
#include <vector>

#include "common/result.h"
#include "common/secret.h"

namespace cv::crypto::keyring {

// One custodian's share: its number (1..255, the x coordinate) and bytes (as long as the secret).
struct Share {
  std::uint8_t number = 0;
  Secret bytes;
};

// Splits `secret` into `custodians` shares numbered 1..custodians, any `threshold` of which
// rebuild it. REQUIRES: 2 <= threshold <= custodians <= 255 and a non-empty secret, else
// kInvalidArgument.
[[nodiscard]] Result<std::vector<Share>> SplitSecret(const Secret& secret, int custodians,
                                                     int threshold);

// Rebuilds the secret from `shares` by interpolation. With fewer shares than the threshold the
// result is unrelated noise: the caller must check the count against the recorded threshold and
// verify the result. REQUIRES: shares of one length with distinct non-zero numbers, else
// kInvalidArgument.
[[nodiscard]] Result<Secret> CombineShares(std::span<const Share> shares);

}  // namespace cv::crypto::keyring

#endif  // CV_CRYPTO_KEYRING_SHAMIR_H_
