// A deliberately small HTTP/1.1 client over POSIX sockets for the webhook: one POST,
// read the status line, close. Only the worker thread calls it, never a request.
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "http/webhook.hpp"

namespace envgrid::http::webhook {

namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string sys_error(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

// Non-blocking connect bounded by timeout_ms; the socket is blocking again afterwards.
std::string connect_within(int fd, const addrinfo& ai, int timeout_ms) {
  const int flags = ::fcntl(fd, F_GETFL, 0);
  ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  if (::connect(fd, ai.ai_addr, ai.ai_addrlen) != 0) {
    if (errno != EINPROGRESS) return sys_error("connect");
    pollfd p{fd, POLLOUT, 0};
    const int n = ::poll(&p, 1, timeout_ms);
    if (n == 0) return "connect: timed out";
    if (n < 0) return sys_error("poll");
    int err = 0;
    socklen_t len = sizeof err;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err) return std::string("connect: ") + std::strerror(err);
  }
  ::fcntl(fd, F_SETFL, flags);
  return "";
}

}  // namespace

std::optional<Target> parse_url(const std::string& url) {
  const std::string scheme = "http://";
  if (url.size() > 2000 || url.compare(0, scheme.size(), scheme) != 0) return std::nullopt;
  const std::string rest = url.substr(scheme.size());
  const auto slash = rest.find_first_of("/?");
  std::string authority = rest.substr(0, slash);
  Target t;
  t.path = slash == std::string::npos ? "/" : rest.substr(slash);
  if (t.path.front() == '?') t.path = "/" + t.path;
  if (authority.empty() || authority.find('@') != std::string::npos) return std::nullopt;
  for (char ch : t.path)
    if (static_cast<unsigned char>(ch) <= 0x20 || ch == '#' || ch == 0x7f) return std::nullopt;
  std::string port;
  if (authority.front() == '[') {  // [IPv6]:port
    auto close = authority.find(']');
    if (close == std::string::npos) return std::nullopt;
    t.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return std::nullopt;
      port = authority.substr(close + 2);
      if (port.empty()) return std::nullopt;
    }
  } else {
    auto colon = authority.rfind(':');
    t.host = authority.substr(0, colon);
    if (colon != std::string::npos) {
      port = authority.substr(colon + 1);
      if (port.empty() || t.host.find(':') != std::string::npos) return std::nullopt;
    }
  }
  if (t.host.empty()) return std::nullopt;
  for (char ch : t.host)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '-' && ch != ':' && ch != '_')
      return std::nullopt;
  if (!port.empty()) {
    if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    const int p = std::stoi(port);
    if (p < 1 || p > 65535) return std::nullopt;
    t.port = static_cast<std::uint16_t>(p);
  }
  return t;
}

PostResult post(const Target& t, const std::vector<std::pair<std::string, std::string>>& headers,
                const std::string& body, int timeout_ms) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = ::getaddrinfo(t.host.c_str(), std::to_string(t.port).c_str(), &hints, &found); rc != 0)
    return {0, std::string("resolve ") + t.host + ": " + ::gai_strerror(rc)};
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, &::freeaddrinfo);

  std::string error = "connect: no address";
  for (const addrinfo* ai = found; ai; ai = ai->ai_next) {
    Fd fd(::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol));
    if (fd.get() < 0) {
      error = sys_error("socket");
      continue;
    }
    if (error = connect_within(fd.get(), *ai, timeout_ms); !error.empty()) continue;
    timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);

    std::string host = t.host.find(':') != std::string::npos ? "[" + t.host + "]" : t.host;
    if (t.port != 80) host += ":" + std::to_string(t.port);
    std::string req = "POST " + t.path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n" +
                      "Content-Length: " + std::to_string(body.size()) + "\r\n";
    for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
    req += "\r\n" + body;
    for (size_t sent = 0; sent < req.size();) {
      const ssize_t n = ::send(fd.get(), req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return {0, sys_error("send")};
      sent += static_cast<size_t>(n);
    }
    // Only the status line matters; stop reading once it is complete.
    std::string head;
    char buf[1024];
    while (head.find("\r\n") == std::string::npos && head.size() < 8192) {
      const ssize_t n = ::recv(fd.get(), buf, sizeof buf, 0);
      if (n == 0) break;
      if (n < 0) return {0, errno == EAGAIN || errno == EWOULDBLOCK ? "recv: timed out" : sys_error("recv")};
      head.append(buf, static_cast<size_t>(n));
    }
    int status = 0;
    if (head.rfind("HTTP/1.", 0) != 0 || std::sscanf(head.c_str() + 8, " %3d", &status) != 1)
      return {0, "bad response: " + head.substr(0, head.find("\r\n")).substr(0, 80)};
    if (status < 200 || status > 299) return {status, "HTTP " + std::to_string(status)};
    return {status, ""};
  }
  return {0, error};
}

}  // namespace envgrid::http::webhook
