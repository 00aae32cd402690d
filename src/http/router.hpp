#pragma once
// Method + path-pattern routing ("/api/v1/problems/{id}"). Unknown paths get 404 and a
// known path with the wrong method gets 405, both as problem+json.
#include <functional>
#include <string>
#include <vector>

#include "http/types.hpp"

namespace envgrid::http {

using RouteHandler = std::function<Response(Request&)>;

struct Route {
  std::string method;
  std::string pattern;
  std::vector<std::string> segments;
  RouteHandler handler;
};

class Router {
 public:
  void add(std::string method, std::string pattern, RouteHandler h);
  void get(std::string p, RouteHandler h) { add("GET", std::move(p), std::move(h)); }
  void post(std::string p, RouteHandler h) { add("POST", std::move(p), std::move(h)); }
  void put(std::string p, RouteHandler h) { add("PUT", std::move(p), std::move(h)); }
  void patch(std::string p, RouteHandler h) { add("PATCH", std::move(p), std::move(h)); }
  void del(std::string p, RouteHandler h) { add("DELETE", std::move(p), std::move(h)); }
  // Finds the route and fills req.path_params; nullptr with status 404/405 otherwise.
  const Route* match(Request& req, int& status) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace envgrid::http
