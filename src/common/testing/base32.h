// Test-only helpers for TOTP: RFC 4648 section 6 base32 decoding and the seed of an otpauth URI,
// so tests can compute the codes an authenticator app would show.
#ifndef CV_COMMON_TESTING_BASE32_H_
#define CV_COMMON_TESTING_BASE32_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/secret.h"

namespace cv::test {

// Unpadded upper-case base32 to bytes.
inline Result<Secret> Base32DecodeForTesting(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
    if (v < 0) return Fail(ErrorCode::kInvalidArgument, "not base32");
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return Secret(out);
}

// The seed in "otpauth://totp/...?secret=BASE32&...".
inline Result<Secret> OtpauthSeedForTesting(std::string_view uri) {
  const std::size_t at = uri.find("secret=");
  if (at == std::string_view::npos) return Fail(ErrorCode::kInvalidArgument, "no secret");
  std::string_view rest = uri.substr(at + 7);
  return Base32DecodeForTesting(rest.substr(0, rest.find('&')));
}

}  // namespace cv::test

#endif  // CV_COMMON_TESTING_BASE32_H_
