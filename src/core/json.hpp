#pragma once
// Reading request bodies: every field is checked for type and range, every problem is
// collected (not just the first), unknown fields are refused, and finish() throws one
// validation ApiError naming each bad field in Chinese.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace envgrid::core {

// Parses a request body; throws ApiError 400 "请求体不是合法的 JSON" on malformed input
// or when the top level is not an object.
boost::json::object parse_object(std::string_view body);

class JsonReader {
 public:
  explicit JsonReader(const boost::json::object& o, std::string prefix = {});

  std::optional<std::string> str(std::string_view key, bool required, size_t max_len = 1000,
                                 size_t min_len = 0);
  std::optional<std::int64_t> int64(std::string_view key, bool required,
                                    std::int64_t min = INT64_MIN, std::int64_t max = INT64_MAX);
  std::optional<double> num(std::string_view key, bool required, double min = -1e300,
                            double max = 1e300);
  std::optional<bool> boolean(std::string_view key, bool required);
  // One of the allowed values (Chinese message lists them).
  std::optional<std::string> one_of(std::string_view key, bool required,
                                    const std::vector<std::string>& allowed);
  std::optional<std::vector<std::int64_t>> int_array(std::string_view key, bool required,
                                                     size_t max_items = 100);
  std::optional<std::vector<std::string>> str_array(std::string_view key, bool required,
                                                    size_t max_items = 100, size_t max_len = 200);
  // Raw access for nested structures; marks the key as known.
  const boost::json::value* raw(std::string_view key, bool required);
  bool has(std::string_view key) const;
  // Adds an error discovered by the caller.
  void fail(std::string field, std::string message);
  const std::vector<FieldError>& errors() const { return errors_; }
  // Throws validation_error if any field failed or an unknown field was sent.
  void finish();

 private:
  const boost::json::value* get(std::string_view key, bool required);
  std::string path(std::string_view key) const;
  const boost::json::object& o_;
  std::string prefix_;
  std::set<std::string, std::less<>> known_;
  std::vector<FieldError> errors_;
};

// Small conveniences for building responses.
std::string serialize(const boost::json::value& v);
// value or null
boost::json::value opt(const std::optional<std::string>& s);
boost::json::value opt(const std::optional<std::int64_t>& v);
boost::json::value opt(const std::optional<double>& v);

}  // namespace envgrid::core
