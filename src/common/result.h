// Result<T> and Error: how every fallible function in CreditVault reports failure.
//
// Thread-safety: value types; safe to copy between threads.
// Error codes are stable: they appear in API answers and exit codes. DO NOT CHANGE their names.
#ifndef CV_COMMON_RESULT_H_
#define CV_COMMON_RESULT_H_

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace cv {

enum class ErrorCode : std::uint8_t {
  kInvalidArgument,     // "invalid_argument": the caller's input is wrong.
  kNotFound,            // "not_found"
  kPermissionDenied,    // "permission_denied"
  kUnauthenticated,     // "unauthenticated"
  kFailedPrecondition,  // "failed_precondition": the system is not in a state to do this.
  kConflict,            // "conflict"
  kInternal,            // "internal": a bug or an environment failure.
  kUnreadable,          // "unreadable": an input file cannot be opened or read.
  kMalformed,           // "malformed": input is malformed beyond recovery.
  kUnsupported,         // "unsupported": a format or encoding we do not handle.
  kResourceExhausted,   // "resource_exhausted": a configured limit was exceeded.
};

// The stable wire name of `code`, e.g. "invalid_argument".
std::string_view ErrorCodeName(ErrorCode code);

// Where in an input an error was found. Empty fields are omitted when printed.
struct Position {
  std::string file;
  std::uint64_t line = 0;  // 1-based; 0 = unknown.
  std::string field;

  bool empty() const { return file.empty() && line == 0 && field.empty(); }
};

// An error: stable code, human message, optional input position.
// Invariant: `message` never contains a secret or a personal data value in clear.
class Error {
 public:
  Error(ErrorCode code, std::string message, Position position = {})
      : code_(code), message_(std::move(message)), position_(std::move(position)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const Position& position() const { return position_; }

  // "code: message (file:line, field F)".
  std::string ToString() const;

 private:
  ErrorCode code_;
  std::string message_;
  Position position_;
};

template <typename T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> Fail(ErrorCode code, std::string message, Position position = {}) {
  return std::unexpected<Error>(Error(code, std::move(message), std::move(position)));
}

inline Status Ok() { return {}; }

}  // namespace cv

// Propagates a failed Result out of the current function.
#define CV_RETURN_IF_ERROR(expr)                                 \
  do {                                                           \
    auto cv_status_ = (expr);                                    \
    if (!cv_status_) return std::unexpected(cv_status_.error()); \
  } while (0)

#define CV_RESULT_CONCAT_INNER_(a, b) a##b
#define CV_RESULT_CONCAT_(a, b) CV_RESULT_CONCAT_INNER_(a, b)

// `lhs = *expr` when expr (a Result) holds a value; otherwise returns its error. Works with
// move-only values: CV_ASSIGN_OR_RETURN(auto store, OpenStore(options));
#define CV_ASSIGN_OR_RETURN(lhs, expr)                                                  \
  auto CV_RESULT_CONCAT_(cv_result_, __LINE__) = (expr);                                \
  if (!CV_RESULT_CONCAT_(cv_result_, __LINE__)) {                                       \
    return std::unexpected(std::move(CV_RESULT_CONCAT_(cv_result_, __LINE__)).error()); \
  }                                                                                     \
  lhs = std::move(*CV_RESULT_CONCAT_(cv_result_, __LINE__))

#endif  // CV_COMMON_RESULT_H_
