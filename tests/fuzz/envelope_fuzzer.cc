// Fuzzes the sealed envelope (crypto/envelope.h): UnarmorSealed on the input as text, OpenSealed on
// the input as bytes for a gm and an intl recipient, and a seal/open round trip of the input.
//
// Invariants checked:
//  1. Unarmoring fails only with kMalformed.
//  2. Opening garbage fails only with kMalformed, kUnsupported or the generic kPermissionDenied
//     ("decryption failed"), never crashes, and never succeeds.
//  3. Whatever is sealed to a key opens with its private key to the same bytes.
#include <string>

#include "crypto/envelope.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

void CheckOpenFails(std::string_view private_der_hex, std::string_view sealed) {
  const cv::Secret key(cv::fuzz::FromHex(private_der_hex));
  auto opened = cv::crypto::OpenSealed(key, sealed, "fuzz");
  FUZZ_CHECK(!opened);  // invariant 2: a forgery would need the AEAD key
  const cv::ErrorCode code = opened.error().code();
  FUZZ_CHECK(code == cv::ErrorCode::kMalformed || code == cv::ErrorCode::kUnsupported ||
             code == cv::ErrorCode::kPermissionDenied);
}

void CheckRoundTrip(std::string_view public_der_hex, std::string_view private_der_hex,
                    std::string_view data) {
  auto sealed = cv::crypto::SealToPublicKey(cv::fuzz::FromHex(public_der_hex), data, "ad");
  FUZZ_CHECK(sealed.has_value());
  const cv::Secret key(cv::fuzz::FromHex(private_der_hex));
  auto opened = cv::crypto::OpenSealed(key, *sealed, "ad");
  FUZZ_CHECK(opened.has_value() && *opened == data);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = cv::fuzz::AsText(data, size);
  auto unarmored = cv::crypto::UnarmorSealed(text);
  if (!unarmored) FUZZ_CHECK(unarmored.error().code() == cv::ErrorCode::kMalformed);
  CheckOpenFails(cv::fuzz::kGmPrivateDerHex, text);
  CheckOpenFails(cv::fuzz::kIntlPrivateDerHex, text);
  // Sealing costs public-key operations: round-trip one input in 16 (by its first byte), so the
  // ctest run stays fast.
  if (size > 0 && size <= 256 && data[0] % 16 == 0) {
    CheckRoundTrip(cv::fuzz::kGmPublicDerHex, cv::fuzz::kGmPrivateDerHex, text);
    CheckRoundTrip(cv::fuzz::kIntlPublicDerHex, cv::fuzz::kIntlPrivateDerHex, text);
  }
  return 0;
}
