// The only translation unit that includes Boost.Beast.
#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url.hpp>
#include <chrono>
#include <thread>

#include "core/error.hpp"

namespace envgrid::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

std::string percent_decode(std::string_view s) {
  auto r = boost::urls::make_pct_string_view(s);
  if (!r) return std::string(s);
  return r->decode();
}

void parse_target(Request& req) {
  std::string_view t = req.target;
  auto qpos = t.find('?');
  req.path = percent_decode(t.substr(0, qpos));
  if (qpos == std::string_view::npos) return;
  std::string_view qs = t.substr(qpos + 1);
  while (!qs.empty()) {
    auto amp = qs.find('&');
    std::string_view kv = qs.substr(0, amp);
    if (!kv.empty()) {
      auto eq = kv.find('=');
      std::string k(kv.substr(0, eq)), v(eq == std::string_view::npos ? "" : kv.substr(eq + 1));
      for (auto* s : {&k, &v})
        for (auto& c : *s)
          if (c == '+') c = ' ';
      req.query.emplace(percent_decode(k), percent_decode(v));
    }
    if (amp == std::string_view::npos) break;
    qs.remove_prefix(amp + 1);
  }
}

std::string error_body(int status, const char* type, const char* title) {
  core::Error e{status, type, title, {}, {}, {}};
  return boost::json::serialize(core::problem_json(e));
}

}  // namespace

struct Server::Impl {
  ServerOptions opts;
  Handler handler;
  asio::io_context ioc;
  asio::thread_pool workers;
  tcp::acceptor acceptor{ioc};
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
  asio::signal_set signals{ioc};

  Impl(ServerOptions o, Handler h)
      : opts(std::move(o)), handler(std::move(h)), workers(static_cast<size_t>(opts.worker_threads)) {}

  struct Session : std::enable_shared_from_this<Session> {
    Impl& srv;
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser;
    std::string remote;

    Session(Impl& s, tcp::socket sock) : srv(s), stream(std::move(sock)) {
      beast::error_code ec;
      auto ep = stream.socket().remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }

    void start() { read(); }

    void read() {
      parser.emplace();
      parser->body_limit(srv.opts.max_body_bytes);
      parser->header_limit(16 * 1024);
      stream.expires_after(std::chrono::seconds(srv.opts.read_timeout_seconds));
      bhttp::async_read(stream, buffer, *parser,
                        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
      if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::eof) return close();
      if (ec == bhttp::error::body_limit) {
        return send_raw(413, error_body(413, "payload-too-large", "上传内容过大"), false);
      }
      if (ec) {
        if (ec == bhttp::error::header_limit) return send_raw(431, error_body(431, "headers-too-large", "请求头过大"), false);
        if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category())
          return send_raw(400, error_body(400, "bad-http", "请求格式错误"), false);
        return close();
      }
      auto req = std::make_shared<Request>();
      auto& m = parser->get();
      req->method = std::string(m.method_string());
      req->target = std::string(m.target());
      for (const auto& f : m) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        req->headers[name] = std::string(f.value());
      }
      req->body = std::move(m.body());
      req->remote = remote;
      const bool keep_alive = m.keep_alive();
      parse_target(*req);
      ++srv.in_flight;
      stream.expires_never();
      asio::post(srv.workers, [self = shared_from_this(), req, keep_alive] {
        auto t0 = std::chrono::steady_clock::now();
        Response res;
        try {
          res = self->srv.handler(*req);
        } catch (const core::ApiError& e) {
          res = Response::json(core::problem_json(e.error()), e.error().status);
          res.content_type = "application/problem+json";
        } catch (const std::exception& e) {
          spdlog::error(R"({{"event":"handler_exception","path":"{}","what":"{}"}})", req->path, e.what());
          res.status = 500;
          res.content_type = "application/problem+json";
          res.body = error_body(500, "internal", "服务器内部错误，请稍后重试");
        }
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        asio::post(self->stream.get_executor(), [self, req, res = std::move(res), keep_alive, ms]() mutable {
          self->write(*req, std::move(res), keep_alive, ms);
        });
      });
    }

    template <class Msg>
    void prepare(Msg& msg, const Response& res, bool keep_alive) {
      msg.result(static_cast<unsigned>(res.status));
      msg.set(bhttp::field::server, "envgrid");
      if (!res.content_type.empty()) msg.set(bhttp::field::content_type, res.content_type);
      msg.set("X-Content-Type-Options", "nosniff");
      for (const auto& [k, v] : res.headers) msg.insert(k, v);
      msg.keep_alive(keep_alive && !srv.stopping);
    }

    void write(const Request& req, Response res, bool keep_alive, double ms) {
      spdlog::info(R"({{"event":"access","method":"{}","path":"{}","status":{},"ms":{:.2f},"remote":"{}"}})",
                   req.method, req.path, res.status, ms, remote);
      if (res.file) {
        bhttp::response<bhttp::file_body> msg;
        beast::error_code ec;
        msg.body().open(res.file->c_str(), beast::file_mode::scan, ec);
        if (ec) {
          res.file.reset();
          res.status = 404;
          res.content_type = "application/problem+json";
          res.body = error_body(404, "not-found", "文件不存在");
        } else {
          prepare(msg, res, keep_alive);
          msg.prepare_payload();
          auto sp = std::make_shared<bhttp::response<bhttp::file_body>>(std::move(msg));
          return send(sp);
        }
      }
      auto msg = std::make_shared<bhttp::response<bhttp::string_body>>();
      prepare(*msg, res, keep_alive);
      msg->body() = std::move(res.body);
      msg->prepare_payload();
      send(msg);
    }

    template <class Ptr>
    void send(Ptr msg) {
      stream.expires_after(std::chrono::seconds(60));
      bhttp::async_write(stream, *msg, [self = shared_from_this(), msg](beast::error_code ec, std::size_t) {
        --self->srv.in_flight;
        if (ec || !msg->keep_alive()) return self->close();
        self->read();
      });
    }

    void send_raw(int status, std::string body, bool keep_alive) {
      ++srv.in_flight;
      auto msg = std::make_shared<bhttp::response<bhttp::string_body>>();
      Response r;
      r.status = status;
      r.content_type = "application/problem+json";
      prepare(*msg, r, keep_alive);
      msg->body() = std::move(body);
      msg->prepare_payload();
      send(msg);
    }

    void close() {
      beast::error_code ec;
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    }
  };

  void accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket sock) {
      if (ec) {
        if (!stopping) accept();
        return;
      }
      std::make_shared<Session>(*this, std::move(sock))->start();
      accept();
    });
  }

  void begin_shutdown() {
    if (stopping.exchange(true)) return;
    spdlog::info(R"({{"event":"shutdown","in_flight":{}}})", in_flight.load());
    beast::error_code ec;
    acceptor.close(ec);
    // Let in-flight requests finish, then stop the loop.
    std::thread([this] {
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(opts.shutdown_grace_seconds);
      while (in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      ioc.stop();
    }).detach();
  }
};

Server::Server(ServerOptions opts, Handler handler) : impl_(std::make_unique<Impl>(std::move(opts), std::move(handler))) {}
Server::~Server() {
  impl_->ioc.stop();
  impl_->workers.join();
}

void Server::bind() {
  beast::error_code ec;
  auto addr = asio::ip::make_address(impl_->opts.host, ec);
  if (ec) throw std::runtime_error("监听地址无效: " + impl_->opts.host);
  tcp::endpoint ep(addr, impl_->opts.port);
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    throw std::runtime_error("无法监听 " + impl_->opts.host + ":" + std::to_string(impl_->opts.port) + " (" +
                             ec.message() + ")");
}

std::uint16_t Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::run(bool handle_signals) {
  if (handle_signals) {
    impl_->signals.add(SIGINT);
    impl_->signals.add(SIGTERM);
    impl_->signals.async_wait([this](beast::error_code ec, int) {
      if (!ec) impl_->begin_shutdown();
    });
  }
  impl_->accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->opts.io_threads; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
  impl_->workers.join();
}

void Server::stop() {
  asio::post(impl_->ioc, [this] { impl_->begin_shutdown(); });
}

}  // namespace envgrid::http
