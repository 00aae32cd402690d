#include "http/login_limiter.hpp"

namespace envgrid::http {

std::int64_t LoginLimiter::blocked_for(const std::string& key, std::int64_t now, bool address) {
  std::lock_guard lk(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  auto& q = it->second;
  while (!q.empty() && q.front() <= now - window_) q.pop_front();
  const size_t limit = static_cast<size_t>(address ? max_ * 4 : max_);
  if (q.size() < limit) {
    if (q.empty()) failures_.erase(it);
    return 0;
  }
  return q[q.size() - limit] + window_ - now;
}

void LoginLimiter::fail(const std::string& key, std::int64_t now) {
  std::lock_guard lk(mu_);
  auto& q = failures_[key];
  q.push_back(now);
  if (q.size() > 1000) q.pop_front();
}

void LoginLimiter::succeed(const std::string& key) {
  std::lock_guard lk(mu_);
  failures_.erase(key);
}

}  // namespace envgrid::http
