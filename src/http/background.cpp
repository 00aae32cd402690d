#include "http/background.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "http/notify.hpp"
#include "http/webhook.hpp"

namespace envgrid::http {

// A write that computed its deadline before a sweep's read may commit after it.
constexpr core::Millis kLateCommitMargin = 5 * core::kMinute;

void Background::start() {
  const core::Millis sweep = app_.cfg.notify_sweep_seconds * core::kSecond;
  threads_.emplace_back([this, sweep] {
    std::optional<core::Millis> since;  // the first sweep looks at every open problem
    every("notify_sweep", sweep, [this, &since] {
      const core::Millis now = app_.clock.now();
      notify::sweep(app_, now, since);
      since = now - kLateCommitMargin;
    });
  });
  threads_.emplace_back([this] {
    every("webhook", core::kSecond, [this] {
      // Drain a backlog without waiting a second between batches.
      while (webhook::deliver_due(app_, app_.clock.now()) > 0) {
        std::lock_guard l(mu_);
        if (stopping_) return;
      }
    });
  });
}

void Background::stop() {
  {
    std::lock_guard l(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

void Background::every(const char* name, core::Millis period, const std::function<void()>& step) {
  std::unique_lock l(mu_);
  while (!stopping_) {
    l.unlock();
    try {
      step();
    } catch (const std::exception& e) {
      spdlog::error(R"({{"event":"background_failed","task":"{}","error":{}}})", name,
                    boost::json::serialize(boost::json::value(e.what())));
    }
    l.lock();
    cv_.wait_for(l, std::chrono::milliseconds(period), [this] { return stopping_; });
  }
}

}  // namespace envgrid::http
