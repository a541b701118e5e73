// HttpsClient: the client side of the API for the `cvault` command line and the end-to-end
// tests — one TLS 1.2+ connection with certificate and host-name verification, kept alive
// across requests.
//
// Thread-safety: not thread-safe; one client per thread.
#ifndef CV_SERVER_CLIENT_H_
#define CV_SERVER_CLIENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"

namespace cv::server {

struct ClientOptions {
  std::string url;          // "https://127.0.0.1:8443"
  std::string ca_cert;      // PEM file of the CA (or the self-signed certificate) to trust; "":
                            // the system's trust store
  int max_tls_version = 0;  // 0: library maximum; e.g. TLS1_2_VERSION to force 1.2 (tests)
};

struct ClientResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string Header(std::string_view name) const;
};

class HttpsClient {
 public:
  // Connects and completes the TLS handshake. kUnreadable for a connection or handshake failure
  // (the message says which), kInvalidArgument for a bad URL.
  static Result<std::unique_ptr<HttpsClient>> Connect(const ClientOptions& options);
  ~HttpsClient();

  // One request; `token` (may be empty) goes in "Authorization: Bearer". Reconnects once when
  // the server closed an idle keep-alive connection.
  Result<ClientResponse> Request(std::string_view method, std::string_view target,
                                 std::string_view body = {}, std::string_view token = {},
                                 std::vector<std::pair<std::string, std::string>> headers = {});

  // The negotiated protocol, e.g. "TLSv1.3".
  std::string TlsVersion() const;

 private:
  struct State;
  explicit HttpsClient(std::unique_ptr<State> state);
  Status Open();
  std::unique_ptr<State> state_;
};

}  // namespace cv::server

#endif  // CV_SERVER_CLIENT_H_
