#include "http/router.hpp"

namespace envgrid::http {
namespace {

std::vector<std::string> split(std::string_view p) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < p.size()) {
    if (p[i] == '/') {
      ++i;
      continue;
    }
    size_t j = p.find('/', i);
    out.emplace_back(p.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
    if (j == std::string_view::npos) break;
    i = j;
  }
  return out;
}

}  // namespace

void Router::add(std::string method, std::string pattern, RouteHandler h) {
  auto segs = split(pattern);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segs), std::move(h)});
}

const Route* Router::match(Request& req, int& status) const {
  auto segs = split(req.path);
  bool path_found = false;
  for (const auto& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; ++i) {
      const auto& s = r.segments[i];
      if (s.size() > 2 && s.front() == '{' && s.back() == '}') params[s.substr(1, s.size() - 2)] = segs[i];
      else ok = s == segs[i];
    }
    if (!ok) continue;
    path_found = true;
    if (r.method != req.method && !(req.method == "HEAD" && r.method == "GET")) continue;
    req.path_params = std::move(params);
    return &r;
  }
  status = path_found ? 405 : 404;
  return nullptr;
}

}  // namespace envgrid::http
