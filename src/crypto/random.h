// Random bytes from OpenSSL's DRBG (seeded by the kernel), for keys, nonces and salts.
//
// Thread-safety: thread-safe.
#ifndef CV_CRYPTO_RANDOM_H_
#define CV_CRYPTO_RANDOM_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "common/result.h"
#include "common/secret.h"

namespace cv::crypto {

// Fills `out`. kInternal when the generator fails (it is never silently weak).
[[nodiscard]] Status RandomBytes(std::span<std::uint8_t> out);

// Fills `out` with random bytes that are public once used (AEAD nonces), drawn from a small
// per-thread buffer refilled from RandomBytes, so a nonce costs no generator call of its own.
// Each byte is handed out once; a forked child discards its parent's buffer (pthread_atfork),
// so parent and child never draw the same bytes. REQUIRES: out.size() <= 64.
[[nodiscard]] Status RandomPublicBytes(std::span<std::uint8_t> out);

// A fresh key of `size` random bytes.
[[nodiscard]] Result<Secret> RandomKey(std::size_t size);

// `size` random bytes that are not secret (salts, ids).
[[nodiscard]] Result<std::string> RandomString(std::size_t size);

}  // namespace cv::crypto

#endif  // CV_CRYPTO_RANDOM_H_
