// HttpsClient: a synchronous Beast client with verified TLS.
#include "server/client.h"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <charconv>
#include <optional>

namespace cv::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

struct Url {
  std::string host;
  std::string port;
};

Result<Url> ParseUrl(std::string_view url) {
  constexpr std::string_view kScheme = "https://";
  if (url.substr(0, kScheme.size()) != kScheme) {
    return Fail(ErrorCode::kInvalidArgument, "the server URL must start with https://");
  }
  url.remove_prefix(kScheme.size());
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  if (url.find('/') != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "the server URL must have no path");
  }
  Url out;
  std::size_t colon = url.rfind(':');
  if (!url.empty() && url.front() == '[') {
    const std::size_t close = url.find(']');
    if (close == std::string_view::npos) return Fail(ErrorCode::kInvalidArgument, "bad URL");
    out.host = std::string(url.substr(1, close - 1));
    colon = close + 1 < url.size() && url[close + 1] == ':' ? close + 1 : std::string_view::npos;
  } else {
    out.host = std::string(url.substr(0, colon));
  }
  out.port = colon == std::string_view::npos ? "443" : std::string(url.substr(colon + 1));
  if (out.host.empty()) return Fail(ErrorCode::kInvalidArgument, "the server URL has no host");
  return out;
}

}  // namespace

std::string ClientResponse::Header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n.size() == name.size() && std::equal(n.begin(), n.end(), name.begin(), [](char a, char b) {
          return std::tolower(a) == std::tolower(b);
        })) {
      return v;
    }
  }
  return "";
}

struct HttpsClient::State {
  ClientOptions options;
  Url url;
  net::io_context io;
  ssl::context tls{ssl::context::tls_client};
  std::optional<beast::ssl_stream<beast::tcp_stream>> stream;
  beast::flat_buffer buffer;
};

HttpsClient::HttpsClient(std::unique_ptr<State> state) : state_(std::move(state)) {}
HttpsClient::~HttpsClient() {
  if (state_->stream) {
    beast::error_code ignored;
    beast::get_lowest_layer(*state_->stream).socket().shutdown(tcp::socket::shutdown_both, ignored);
  }
}

Result<std::unique_ptr<HttpsClient>> HttpsClient::Connect(const ClientOptions& options) {
  auto state = std::make_unique<State>();
  state->options = options;
  CV_ASSIGN_OR_RETURN(state->url, ParseUrl(options.url));
  SSL_CTX* ctx = state->tls.native_handle();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  if (options.max_tls_version != 0) SSL_CTX_set_max_proto_version(ctx, options.max_tls_version);
  beast::error_code ec;
  state->tls.set_verify_mode(ssl::verify_peer, ec);
  if (options.ca_cert.empty()) {
    state->tls.set_default_verify_paths(ec);
  } else {
    state->tls.load_verify_file(options.ca_cert, ec);
  }
  if (ec) {
    return Fail(ErrorCode::kUnreadable, "cannot load the CA certificate " + options.ca_cert);
  }
  std::unique_ptr<HttpsClient> client(new HttpsClient(std::move(state)));
  CV_RETURN_IF_ERROR(client->Open());
  return client;
}

Status HttpsClient::Open() {
  State& s = *state_;
  s.stream.reset();
  s.stream.emplace(s.io, s.tls);
  beast::error_code ec;
  tcp::resolver resolver(s.io);
  const auto endpoints = resolver.resolve(s.url.host, s.url.port, ec);
  if (ec) return Fail(ErrorCode::kUnreadable, "cannot resolve " + s.url.host);
  beast::get_lowest_layer(*s.stream).expires_after(std::chrono::seconds(30));
  beast::get_lowest_layer(*s.stream).connect(endpoints, ec);
  if (ec) {
    return Fail(ErrorCode::kUnreadable,
                "cannot connect to " + s.url.host + ":" + s.url.port + ": " + ec.message());
  }
  SSL* ssl = s.stream->native_handle();
  // Host-name (or IP) verification against the certificate's SAN.
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  if (X509_VERIFY_PARAM_set1_ip_asc(param, s.url.host.c_str()) != 1) {
    SSL_set_tlsext_host_name(ssl, s.url.host.c_str());
    X509_VERIFY_PARAM_set1_host(param, s.url.host.c_str(), 0);
  }
  s.stream->handshake(ssl::stream_base::client, ec);
  if (ec) {
    s.stream.reset();
    return Fail(ErrorCode::kUnreadable,
                "TLS handshake with " + s.url.host + " failed: " + ec.message());
  }
  return Ok();
}

std::string HttpsClient::TlsVersion() const {
  return state_->stream ? SSL_get_version(state_->stream->native_handle()) : "";
}

Result<ClientResponse> HttpsClient::Request(
    std::string_view method, std::string_view target, std::string_view body, std::string_view token,
    std::vector<std::pair<std::string, std::string>> headers) {
  State& s = *state_;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!s.stream) CV_RETURN_IF_ERROR(Open());
    const beast::string_view verb(method.data(), method.size());
    http::request<http::string_body> req{http::string_to_verb(verb),
                                         beast::string_view(target.data(), target.size()), 11};
    if (req.method() == http::verb::unknown) req.method_string(verb);
    req.set(http::field::host, s.url.host);
    req.set(http::field::user_agent, "cvault");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + std::string(token));
    if (!body.empty()) req.set(http::field::content_type, "application/json");
    for (const auto& [n, v] : headers) req.set(n, v);
    req.body() = std::string(body);
    req.keep_alive(true);
    req.prepare_payload();
    beast::error_code ec;
    beast::get_lowest_layer(*s.stream).expires_after(std::chrono::seconds(60));
    http::write(*s.stream, req, ec);
    http::response_parser<http::string_body> parser;
    parser.body_limit(256u << 20);
    if (!ec) http::read(*s.stream, s.buffer, parser, ec);
    if (ec) {
      s.stream.reset();
      s.buffer.clear();
      if (attempt == 0) continue;  // the server closed an idle connection: retry once
      return Fail(ErrorCode::kUnreadable, "request failed: " + ec.message());
    }
    const auto& res = parser.get();
    ClientResponse out;
    out.status = static_cast<int>(res.result_int());
    for (const auto& f : res)
      out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    out.body = res.body();
    if (!res.keep_alive()) s.stream.reset();
    return out;
  }
  return Fail(ErrorCode::kUnreadable, "request failed");
}

}  // namespace cv::server
