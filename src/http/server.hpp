#pragma once
// The HTTP/1.1 server (Boost.Beast): keep-alive, body and header limits, read timeouts,
// handlers on a worker pool so slow database work never stalls the I/O threads, a JSON
// access log, and graceful shutdown on SIGINT/SIGTERM.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/types.hpp"

namespace envgrid::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  int io_threads = 2;
  int worker_threads = 32;
  std::size_t max_body_bytes = 25 * 1024 * 1024;
  int read_timeout_seconds = 30;
  int shutdown_grace_seconds = 15;
};

using Handler = std::function<Response(Request&)>;

class Server {
 public:
  Server(ServerOptions opts, Handler handler);
  ~Server();
  // Binds; throws std::runtime_error with a Chinese message if the address is taken.
  void bind();
  // The bound port (useful with port 0).
  std::uint16_t port() const;
  // Serves until SIGINT/SIGTERM or stop(); returns after in-flight requests finished.
  void run(bool handle_signals = true);
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace envgrid::http
