// A small HTTP load generator for envgrid's benchmarks: keep-alive connections, either
// as fast as possible (saturation) or paced at a fixed rate with latency measured from
// each request's scheduled start (so queueing delay counts, no coordinated omission).
//
//   http_load --url http://127.0.0.1:8080/api/v1/problems --method POST --token T
//             --body-template body.json --connections 32 --rate 1000 --duration 10
// The body template may contain {{lng}} {{lat}} {{n}}, replaced per request.
#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string host = "127.0.0.1", port = "8080", target = "/", method = "GET", token, body_template, label = "load";
  int connections = 16;
  double rate = 0, duration = 10;
  double lng0 = 118.02, lng1 = 118.08, lat0 = 36.78, lat1 = 36.82;
};

static std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
  return s;
}

int main(int argc, char** argv) {
  Options o;
  std::string url;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--url") url = v;
    else if (k == "--method") o.method = v;
    else if (k == "--token") o.token = v;
    else if (k == "--body-template") {
      std::ifstream in(v);
      std::stringstream ss;
      ss << in.rdbuf();
      o.body_template = ss.str();
    } else if (k == "--connections") o.connections = std::stoi(v);
    else if (k == "--rate") o.rate = std::stod(v);
    else if (k == "--duration") o.duration = std::stod(v);
    else if (k == "--label") o.label = v;
    else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      return 2;
    }
  }
  if (url.rfind("http://", 0) != 0) {
    std::fprintf(stderr, "usage: http_load --url http://HOST:PORT/PATH [--method M] [--token T] [--body-template F] "
                         "[--connections N] [--rate R] [--duration S] [--label L]\n");
    return 2;
  }
  auto rest = url.substr(7);
  auto slash = rest.find('/');
  auto hostport = rest.substr(0, slash);
  o.target = slash == std::string::npos ? "/" : rest.substr(slash);
  auto colon = hostport.find(':');
  o.host = hostport.substr(0, colon);
  if (colon != std::string::npos) o.port = hostport.substr(colon + 1);

  std::atomic<long> next_index{0}, errors{0}, non2xx{0};
  std::mutex mu;
  std::vector<double> latencies;
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.duration));
  const double interval = o.rate > 0 ? 1.0 / o.rate : 0;

  auto worker = [&](int id) {
    asio::io_context ioc;
    tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    stream.connect(resolver.resolve(o.host, o.port));
    std::mt19937_64 rng(static_cast<unsigned>(id) * 7919u + 17u);
    std::uniform_real_distribution<double> ulng(o.lng0, o.lng1), ulat(o.lat0, o.lat1);
    std::vector<double> local;
    beast::flat_buffer buf;
    for (;;) {
      long n = next_index++;
      Clock::time_point scheduled = Clock::now();
      if (interval > 0) {
        scheduled = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(n * interval));
        if (scheduled >= end) break;
        std::this_thread::sleep_until(scheduled);
      } else if (scheduled >= end) {
        break;
      }
      bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(o.method), o.target, 11};
      req.set(bhttp::field::host, o.host);
      if (!o.token.empty()) req.set(bhttp::field::authorization, "Bearer " + o.token);
      if (!o.body_template.empty()) {
        char lng[32], lat[32];
        std::snprintf(lng, sizeof lng, "%.6f", ulng(rng));
        std::snprintf(lat, sizeof lat, "%.6f", ulat(rng));
        req.body() = replace_all(replace_all(replace_all(o.body_template, "{{lng}}", lng), "{{lat}}", lat), "{{n}}",
                                 std::to_string(n));
        req.set(bhttp::field::content_type, "application/json");
      }
      req.prepare_payload();
      try {
        bhttp::write(stream, req);
        bhttp::response<bhttp::string_body> res;
        bhttp::read(stream, buf, res);
        if (res.result_int() >= 300) {
          if (non2xx++ < 3) std::fprintf(stderr, "HTTP %u: %s\n", res.result_int(), res.body().substr(0, 300).c_str());
        }
      } catch (const std::exception& e) {
        ++errors;
        beast::error_code ec;
        stream.socket().close(ec);
        stream.connect(resolver.resolve(o.host, o.port));
        continue;
      }
      local.push_back(std::chrono::duration<double, std::milli>(Clock::now() - scheduled).count());
    }
    std::lock_guard lk(mu);
    latencies.insert(latencies.end(), local.begin(), local.end());
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < o.connections; ++i) threads.emplace_back(worker, i);
  for (auto& t : threads) t.join();
  const double secs = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(latencies.begin(), latencies.end());
  auto pct = [&](double p) {
    if (latencies.empty()) return 0.0;
    return latencies[std::min(latencies.size() - 1, static_cast<size_t>(p * static_cast<double>(latencies.size())))];
  };
  std::printf("%-28s requests=%zu rate=%.0f/s p50=%.2fms p99=%.2fms max=%.2fms errors=%ld non2xx=%ld\n", o.label.c_str(),
              latencies.size(), static_cast<double>(latencies.size()) / secs, pct(0.50), pct(0.99),
              latencies.empty() ? 0.0 : latencies.back(), errors.load(), non2xx.load());
  return non2xx.load() || errors.load() ? 1 : 0;
}
