// Listener: HTTPS over Boost.Beast and Asio — accepts TLS connections, reads HTTP/1.1 requests
// within size and time limits, hands each to the Api and writes the answer, keep-alive, one
// thread per core, and a graceful stop (no new connections, in-flight requests finish).
//
// Thread-safety: Start, then Run on one thread; Stop may be called from any thread or signal
// handler context via the io_context (it posts).
#ifndef CV_SERVER_LISTENER_H_
#define CV_SERVER_LISTENER_H_

#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/result.h"
#include "server/api.h"

namespace cv::server {

struct ListenerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8443;  // 0: any free port (tests)
  int threads = 0;            // I/O threads; 0: one per core
  int workers = 128;  // threads running the Api (they block on the store and the audit commit)
  std::size_t max_header_bytes = 16 << 10;  // 431 beyond
  std::size_t max_body_bytes = 1 << 20;     // 413 beyond
  std::size_t max_upload_bytes = 64 << 20;  // the same for upload routes (IsUploadTarget)
  std::chrono::seconds handshake_timeout{10};
  std::chrono::seconds request_timeout{30};  // to read one request once it started
  std::chrono::seconds idle_timeout{60};     // keep-alive wait for the next request
};

class Listener {
 public:
  // Binds and listens. kFailedPrecondition when the address cannot be bound (names it).
  static Result<std::unique_ptr<Listener>> Start(const ListenerOptions& options,
                                                 boost::asio::ssl::context& tls, Api& api);
  ~Listener();

  // The bound port (the chosen one when options.port was 0).
  std::uint16_t port() const;

  // Serves until Stop() or SIGTERM/SIGINT, then returns once every connection has closed.
  void Run();
  // Stops accepting; idle connections close, busy ones close after their answer.
  void Stop();

 private:
  struct State;
  explicit Listener(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace cv::server

#endif  // CV_SERVER_LISTENER_H_
