// Fuzzes what the API parses from a request before any handler runs (server/http.h,
// server/router.h, server/json_fields.h): the target's path and query, percent escapes, route
// matching against the real route table's shapes, and typed reads of a JSON body.
//
// Invariants checked:
//  1. PercentDecode never yields a NUL byte and never grows the text; it fails with
//     kInvalidArgument only.
//  2. A route match's parameters are non-empty and contain no '/'; a match names a declared
//     pattern; a method mismatch lists the allowed methods.
//  3. Typed field reads either fail with kInvalidArgument or return values within their bounds.
#include <nlohmann/json.hpp>
#include <string>

#include "server/http.h"
#include "server/json_fields.h"
#include "server/router.h"
#include "tests/fuzz/fuzz_support.h"

namespace cv::server {
namespace {

const Router& Routes() {
  static const Router router = [] {
    Router r;
    const char* kRoutes[][2] = {
        {"GET", "/healthz"},
        {"POST", "/api/v1/sessions"},
        {"GET", "/api/v1/sessions/current"},
        {"DELETE", "/api/v1/sessions/current"},
        {"GET", "/api/v1/users/{username}"},
        {"POST", "/api/v1/users/{username}/roles"},
        {"POST", "/api/v1/institutions/{code}/status"},
        {"GET", "/api/v1/audit/proofs/inclusion"},
    };
    std::size_t id = 0;
    for (const auto& [method, pattern] : kRoutes) (void)r.Add(method, pattern, id++);
    return r;
  }();
  return router;
}

void CheckTarget(std::string_view target) {
  auto decoded = PercentDecode(target, true);
  if (decoded) {
    FUZZ_CHECK(decoded->size() <= target.size());
    FUZZ_CHECK(decoded->find('\0') == std::string::npos);
  } else {
    FUZZ_CHECK(decoded.error().code() == ErrorCode::kInvalidArgument);
  }
  auto params = QueryParams(target);
  if (!params) FUZZ_CHECK(params.error().code() == ErrorCode::kInvalidArgument);
  for (const char* method : {"GET", "POST", "DELETE"}) {
    const RouteMatch m = Routes().Match(method, PathOf(target));
    if (m.kind == RouteMatch::Kind::kFound) {
      FUZZ_CHECK(!m.pattern.empty());
      for (const auto& [name, value] : m.params) {
        FUZZ_CHECK(!value.empty() && value.find('/') == std::string::npos);
      }
    } else if (m.kind == RouteMatch::Kind::kMethodNotAllowed) {
      FUZZ_CHECK(!m.allowed.empty());
    }
  }
}

void CheckBody(std::string_view text) {
  const nlohmann::json body = nlohmann::json::parse(text, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return;
  auto s = OptionalString(body, "username", 64);
  if (s && *s) FUZZ_CHECK(!(*s)->empty() && (*s)->size() <= 64);
  if (!s) FUZZ_CHECK(s.error().code() == ErrorCode::kInvalidArgument);
  auto roles = RequiredStringArray(body, "roles", 8, 32);
  if (roles) {
    FUZZ_CHECK(!roles->empty() && roles->size() <= 8);
    for (const std::string& r : *roles) FUZZ_CHECK(!r.empty() && r.size() <= 32);
  } else {
    FUZZ_CHECK(roles.error().code() == ErrorCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace cv::server

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = cv::fuzz::AsText(data, size);
  cv::server::CheckTarget(text);
  cv::server::CheckBody(text);
  return 0;
}
