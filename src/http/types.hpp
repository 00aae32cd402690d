#pragma once
// Requests and responses as handlers see them: plain values, no Boost.Beast, so only
// server.cpp pays Beast's compile cost.
#include <boost/json.hpp>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace envgrid::http {

struct Request {
  std::string method;  // "GET", "POST", …
  std::string target;  // raw target with query
  std::string path;    // percent-decoded path
  std::multimap<std::string, std::string> query;  // decoded
  std::map<std::string, std::string> headers;     // lower-case names
  std::string body;
  std::string remote;  // peer address
  std::map<std::string, std::string> path_params;  // filled by the router

  std::optional<std::string> header(const std::string& lower_name) const;
  std::optional<std::string> q(const std::string& name) const;  // first value
  std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<std::filesystem::path> file;  // stream this file as the body

  static Response json(const boost::json::value& v, int status = 200);
  static Response no_content();
};

}  // namespace envgrid::http
