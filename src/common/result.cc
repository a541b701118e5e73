// Error formatting.
#include "common/result.h"

#include <fmt/format.h>

namespace cv {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kPermissionDenied:
      return "permission_denied";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kFailedPrecondition:
      return "failed_precondition";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kInternal:
      return "internal";
    case ErrorCode::kUnreadable:
      return "unreadable";
    case ErrorCode::kMalformed:
      return "malformed";
    case ErrorCode::kUnsupported:
      return "unsupported";
    case ErrorCode::kResourceExhausted:
      return "resource_exhausted";
  }
  return "internal";
}

std::string Error::ToString() const {
  std::string out = fmt::format("{}: {}", ErrorCodeName(code_), message_);
  if (position_.empty()) return out;
  out += " (";
  if (!position_.file.empty()) out += position_.file;
  if (position_.line != 0)
    out += fmt::format("{}line {}", position_.file.empty() ? "" : ":", position_.line);
  if (!position_.field.empty()) out += fmt::format(", field {}", position_.field);
  out += ")";
  return out;
}

}  // namespace cv
