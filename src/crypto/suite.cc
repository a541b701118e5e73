// Suite names and sizes.
#include "crypto/suite.h"

#include <string>

namespace cv::crypto {

std::string_view SuiteName(Suite suite) { return suite == Suite::kGm ? "gm" : "intl"; }

Result<Suite> ParseSuite(std::string_view name) {
  if (name == "gm") return Suite::kGm;
  if (name == "intl") return Suite::kIntl;
  return Fail(ErrorCode::kInvalidArgument,
              "unknown crypto suite '" + std::string(name) + "' (expected gm or intl)");
}

Result<Suite> SuiteFromByte(std::uint8_t byte) {
  if (byte == static_cast<std::uint8_t>(Suite::kGm)) return Suite::kGm;
  if (byte == static_cast<std::uint8_t>(Suite::kIntl)) return Suite::kIntl;
  return Fail(ErrorCode::kMalformed, "unknown crypto suite byte " + std::to_string(byte));
}

std::size_t AeadKeySize(Suite suite) { return suite == Suite::kGm ? 16 : 32; }

}  // namespace cv::crypto
