#pragma once
// The server's background work: the reminder sweep (every notify.sweep_seconds) and the
// webhook worker (every second). Owned and started by `envgrid serve` only, so building
// an App (tests, `envgrid routes`) starts no threads. stop() joins both; a post in
// flight finishes first (at most its timeouts).
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "http/app.hpp"

namespace envgrid::http {

class Background {
 public:
  explicit Background(App& app) : app_(app) {}
  ~Background() { stop(); }
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  void start();
  void stop();

 private:
  // Runs step now and then every period until stop(); logs and survives its exceptions.
  void every(const char* name, core::Millis period, const std::function<void()>& step);

  App& app_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace envgrid::http
