#pragma once
// Counts failed logins per user name and per address in a sliding window.
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace envgrid::http {

class LoginLimiter {
 public:
  LoginLimiter(int max_failures, std::int64_t window_ms) : max_(max_failures), window_(window_ms) {}
  // Milliseconds until key may try again; 0 when allowed. Address keys get 4× the budget.
  std::int64_t blocked_for(const std::string& key, std::int64_t now, bool address);
  void fail(const std::string& key, std::int64_t now);
  void succeed(const std::string& key);

 private:
  int max_;
  std::int64_t window_;
  std::mutex mu_;
  std::map<std::string, std::deque<std::int64_t>> failures_;
};

}  // namespace envgrid::http
