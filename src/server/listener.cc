// Listener: Beast HTTPS sessions, each on its own strand, with limits, keep-alive and a graceful
// stop.
#include "server/listener.h"

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "common/log.h"
#include "server/tls.h"

namespace cv::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

class HttpsSession;

// Open sessions, so Stop can reach them.
class SessionRegistry {
 public:
  void Add(const std::shared_ptr<HttpsSession>& s) {
    std::lock_guard lock(mu_);
    sessions_.insert(s);
  }
  void Remove(const std::shared_ptr<HttpsSession>& s) {
    std::lock_guard lock(mu_);
    sessions_.erase(s);
  }
  std::vector<std::shared_ptr<HttpsSession>> Snapshot() {
    std::lock_guard lock(mu_);
    return {sessions_.begin(), sessions_.end()};
  }

 private:
  std::mutex mu_;
  std::set<std::shared_ptr<HttpsSession>> sessions_;
};

class HttpsSession : public std::enable_shared_from_this<HttpsSession> {
 public:
  HttpsSession(tcp::socket&& socket, ssl::context& tls, Api& api, const ListenerOptions& options,
               SessionRegistry& registry, net::thread_pool& workers)
      : stream_(std::move(socket), tls),
        api_(api),
        options_(options),
        registry_(registry),
        workers_(workers) {}

  void Run() {
    beast::error_code ec;
    const tcp::endpoint peer = beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
    peer_ = ec ? "unknown" : peer.address().to_string();
    registry_.Add(shared_from_this());
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      beast::get_lowest_layer(self->stream_).expires_after(self->options_.handshake_timeout);
      self->stream_.async_handshake(ssl::stream_base::server,
                                    [self](beast::error_code ec) { self->OnHandshake(ec); });
    });
  }

  // Runs on the session's strand.
  void Stop() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      self->stopping_ = true;
      if (self->reading_) {
        beast::get_lowest_layer(self->stream_).cancel();  // idle: close now
      }
    });
  }

 private:
  void OnHandshake(beast::error_code ec) {
    if (ec) return Finish();  // e.g. TLS 1.1 or a plain-HTTP client: refused (SEC-1)
    cert_cn_ = ClientCertificateSubjectCn(stream_.native_handle()).value_or("");
    DoRead();
  }

  void DoRead() {
    if (stopping_) return DoClose();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
    parser_->body_limit(options_.max_body_bytes);
    beast::get_lowest_layer(stream_).expires_after(options_.idle_timeout);
    reading_ = true;
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
  }

  // Uploads (data batches, scans) may carry a larger body than other requests; the limit is
  // chosen from the target before any of the body is read (SEC-2).
  void OnHeader(beast::error_code ec) {
    if (ec) return OnRead(ec);
    const auto target = parser_->get().target();
    if (IsUploadTarget(std::string_view(target.data(), target.size()))) {
      parser_->body_limit(options_.max_upload_bytes);
    }
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    reading_ = false;
    if (ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
        ec == beast::error::timeout || (stopping_ && ec)) {
      return DoClose();
    }
    if (ec == http::error::body_limit) return Refuse(413, "payload_too_large", "body too large");
    if (ec == http::error::header_limit) {
      return Refuse(431, "headers_too_large", "request headers too large");
    }
    if (ec) {
      // A parse error of the HTTP layer: answer it; a network or TLS error: just close.
      if (ec.category() == http::make_error_code(http::error::bad_method).category()) {
        return Refuse(400, "bad_request", "malformed HTTP request");
      }
      return Finish();
    }
    const auto& req = parser_->get();
    HttpRequest request;
    request.method = std::string(req.method_string());
    request.target = std::string(req.target());
    for (const auto& field : req) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      request.headers[name] = std::string(field.value());
    }
    request.body = req.body();
    request.client_address = peer_;
    request.client_cert_cn = cert_cn_;
    keep_alive_ = req.keep_alive() && !stopping_;
    // The Api blocks (store, durable audit): it runs on the worker pool so that the I/O threads
    // keep serving other connections and many requests can share one group commit.
    // The guard keeps the I/O loop running (graceful stop) while no socket operation is pending.
    auto guard = net::make_work_guard(stream_.get_executor());
    net::post(workers_, [self = shared_from_this(), request = std::move(request),
                         guard = std::move(guard)]() mutable {
      HttpResponse answer;
      try {
        answer = self->api_.Handle(request);
      } catch (const std::exception& e) {  // a bug must not take the server down
        CV_LOG_ERROR("request failed with an exception: {}", e.what());
        answer = Api::ErrorResponse(500, "internal", "internal error", "-");
      }
      net::post(self->stream_.get_executor(),
                [self, answer = std::move(answer)]() mutable { self->Write(std::move(answer)); });
      guard.reset();
    });
  }

  void Refuse(int status, std::string_view code, std::string_view message) {
    keep_alive_ = false;
    Write(Api::ErrorResponse(status, code, message, "-"));
  }

  void Write(HttpResponse answer) {
    auto res = std::make_shared<http::response<http::string_body>>();
    res->result(static_cast<unsigned>(answer.status));
    res->version(11);
    res->set(http::field::server, "CreditVault");
    if (answer.status != 204) res->set(http::field::content_type, answer.content_type);
    for (auto& [name, value] : answer.headers) res->set(name, value);
    // RFC 9110 15.3.5: a 204 has no content (Beast's prepare_payload throws for one with a body).
    if (answer.status != 204) res->body() = std::move(answer.body);
    res->keep_alive(keep_alive_);
    res->prepare_payload();
    beast::get_lowest_layer(stream_).expires_after(options_.request_timeout);
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
                        if (ec) return self->Finish();
                        if (!self->keep_alive_ || self->stopping_) return self->DoClose();
                        self->DoRead();
                      });
  }

  void DoClose() {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
    stream_.async_shutdown([self = shared_from_this()](beast::error_code) { self->Finish(); });
  }

  void Finish() {
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(stream_).close();
    registry_.Remove(shared_from_this());
  }

  beast::ssl_stream<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Api& api_;
  const ListenerOptions& options_;
  SessionRegistry& registry_;
  net::thread_pool& workers_;
  std::string peer_;
  std::string cert_cn_;
  bool keep_alive_ = false;
  bool reading_ = false;
  bool stopping_ = false;
};

}  // namespace

struct Listener::State {
  State(const ListenerOptions& o, ssl::context& t, Api& a)
      : options(o),
        tls(t),
        api(a),
        io(std::max(1, o.threads)),
        acceptor(net::make_strand(io)),
        workers(static_cast<std::size_t>(std::max(1, o.workers))),
        signals(io, SIGTERM, SIGINT) {}

  void Accept() {
    acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
        CV_LOG_WARN("accept failed: {}", ec.message());
      } else {
        std::make_shared<HttpsSession>(std::move(socket), tls, api, options, registry, workers)
            ->Run();
      }
      if (acceptor.is_open()) Accept();
    });
  }

  void StopNow() {
    if (stopped.exchange(true)) return;
    CV_LOG_INFO("stopping: no new connections; finishing requests in flight");
    api.BeginShutdown();
    beast::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    for (const auto& s : registry.Snapshot()) s->Stop();
  }

  ListenerOptions options;
  ssl::context& tls;
  Api& api;
  net::io_context io;
  tcp::acceptor acceptor;
  net::thread_pool workers;
  net::signal_set signals;
  SessionRegistry registry;
  std::atomic<bool> stopped{false};
};

Listener::Listener(std::unique_ptr<State> state) : state_(std::move(state)) {}
Listener::~Listener() = default;

Result<std::unique_ptr<Listener>> Listener::Start(const ListenerOptions& options, ssl::context& tls,
                                                  Api& api) {
  ListenerOptions o = options;
  if (o.threads <= 0)
    o.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto state = std::make_unique<State>(o, tls, api);
  beast::error_code ec;
  const auto address = net::ip::make_address(o.address, ec);
  if (ec) return Fail(ErrorCode::kInvalidArgument, "bad listen address " + o.address);
  const tcp::endpoint endpoint(address, o.port);
  state->acceptor.open(endpoint.protocol(), ec);
  if (!ec) state->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) state->acceptor.bind(endpoint, ec);
  if (!ec) state->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Fail(ErrorCode::kFailedPrecondition, "cannot listen on " + o.address + ":" +
                                                    std::to_string(o.port) + ": " + ec.message());
  }
  return std::unique_ptr<Listener>(new Listener(std::move(state)));
}

std::uint16_t Listener::port() const { return state_->acceptor.local_endpoint().port(); }

void Listener::Run() {
  State& s = *state_;
  s.signals.async_wait([&s](beast::error_code ec, int) {
    if (!ec) s.StopNow();
  });
  s.Accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < s.options.threads; ++i) threads.emplace_back([&s] { s.io.run(); });
  s.io.run();
  for (std::thread& t : threads) t.join();
  s.workers.join();
}

void Listener::Stop() {
  net::post(state_->io, [s = state_.get()] { s->StopNow(); });
}

}  // namespace cv::server
