// HTTP request and response values as the API sees them, apart from any transport (STYLE
// "Policy apart from transport"): the Beast listener fills an HttpRequest and writes the
// HttpResponse back; tests call the API with these values directly.
//
// Thread-safety: plain values.
#ifndef CV_SERVER_HTTP_H_
#define CV_SERVER_HTTP_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace cv::server {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query as sent, e.g. "/api/v1/audit/events?limit=10"
  // Header names in lower case; a repeated header keeps its last value.
  std::map<std::string, std::string, std::less<>> headers;
  std::string body;
  std::string client_address;  // the peer's IP address
  std::string client_cert_cn;  // the verified client certificate's CN under mutual TLS, or ""

  // The header's value, or "" when absent. `name` must be lower case.
  std::string_view Header(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type = "application/json";

  void SetHeader(std::string name, std::string value);
  std::string_view Header(std::string_view name) const;
};

// True for the routes that take an upload (POST /api/v1/batches, /api/v1/scan,
// /api/v1/bulk-queries): their body limit
// is max_upload_bytes instead of max_body_bytes.
bool IsUploadTarget(std::string_view target);

// The path of a target without its query string.
std::string_view PathOf(std::string_view target);

// The decoded query parameters of a target ("a=1&b=x%20y"). kInvalidArgument for a malformed
// percent escape. A repeated key keeps its last value.
Result<std::map<std::string, std::string, std::less<>>> QueryParams(std::string_view target);

// Percent-decodes one URL component ('+' is a space only in query strings). kInvalidArgument
// for a bad escape or a decoded NUL.
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space = false);

// The reason phrase of a status code ("Not Found").
std::string_view StatusText(int status);

}  // namespace cv::server

#endif  // CV_SERVER_HTTP_H_
