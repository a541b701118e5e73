// Fuzzes the strict base64 codec of signed notes (audit/internal/base64.h).
//
// Invariants checked:
//  1. Decoding succeeds only for canonical text: encoding the bytes gives the input back, and
//     the input's length is a multiple of four. Failures are kMalformed.
//  2. Encoding any bytes gives 4 * ceil(n / 3) characters that decode to the same bytes.
#include <string>

#include "audit/internal/base64.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cv::audit::internal;
  const std::string_view text = cv::fuzz::AsText(data, size);
  auto decoded = Base64Decode(text);
  if (decoded) {
    FUZZ_CHECK(size % 4 == 0 && decoded->size() <= size / 4 * 3);
    FUZZ_CHECK(Base64Encode(*decoded) == text);
  } else {
    FUZZ_CHECK(decoded.error().code() == cv::ErrorCode::kMalformed);
  }
  const std::string encoded = Base64Encode(text);
  FUZZ_CHECK(encoded.size() == (size + 2) / 3 * 4);
  auto again = Base64Decode(encoded);
  FUZZ_CHECK(again.has_value() && *again == text);
  return 0;
}
