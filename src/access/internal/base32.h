// Base32 (RFC 4648 section 6: alphabet A-Z2-7, '=' padding), for TOTP seeds in otpauth URIs.
//
// Thread-safety: pure functions.
#ifndef CV_ACCESS_INTERNAL_BASE32_H_
#define CV_ACCESS_INTERNAL_BASE32_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace cv::access::internal {

// The encoded length of `n` bytes, padding included.
constexpr std::size_t Base32Size(std::size_t n) { return (n + 4) / 5 * 8; }

// Writes the Base32Size(in.size()) characters encoding `in` to `out`, padding included, so a
// secret can be encoded straight into a zeroizing buffer.
// REQUIRES: `out` has room for Base32Size(in.size()) characters.
void Base32EncodeTo(std::string_view in, char* out);

// The padded encoding of `bytes`; for values that are not secret.
std::string Base32Encode(std::string_view bytes);

}  // namespace cv::access::internal

#endif  // CV_ACCESS_INTERNAL_BASE32_H_
