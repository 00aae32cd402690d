#pragma once
// Expected failures travel as values (Result<T>) in the domain and as core::ApiError
// exceptions in handlers; both render as RFC 9457 problem+json with a Chinese title.
#include <boost/json.hpp>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace envgrid::core {

struct FieldError {
  std::string field;    // JSON pointer-ish path: "lng", "attachment_ids[2]", "features[3]"
  std::string message;  // Chinese, for the person filling the form
};

struct Error {
  int status = 400;
  std::string type;   // stable English slug, e.g. "validation", "stale-version"
  std::string title;  // Chinese, shown to the user
  std::string detail; // Chinese, optional
  std::vector<FieldError> errors;
  boost::json::object extra;  // more members, e.g. allowed_actions
};

// The exception form, thrown by handlers and the parts of the server that serve them.
class ApiError : public std::exception {
 public:
  explicit ApiError(Error e) : error_(std::move(e)) {}
  ApiError(int status, std::string type, std::string title, std::string detail = {},
           std::vector<FieldError> errors = {});
  const char* what() const noexcept override { return error_.title.c_str(); }
  const Error& error() const { return error_; }
  Error& error() { return error_; }

 private:
  Error error_;
};

// Common errors. Titles are Chinese and user-facing.
ApiError validation_error(std::vector<FieldError> errors, std::string detail = {});
ApiError bad_request(std::string title, std::string detail = {});
ApiError unauthorized(std::string detail = {});
ApiError forbidden(std::string detail = {});
ApiError not_found(std::string what);
ApiError conflict(std::string type, std::string title, std::string detail = {});

// The problem+json body for an error (status, type, title, detail, errors, extra).
boost::json::object problem_json(const Error& e);

// A value or an Error; the domain's return type for expected failures.
template <class T>
class Result {
 public:
  Result(T v) : v_(std::move(v)) {}  // NOLINT: implicit by design
  Result(Error e) : v_(std::move(e)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  const Error& error() const { return std::get<1>(v_); }
  // Value or throw ApiError: the handler-side bridge.
  T take() {
    if (!ok()) throw ApiError(std::get<1>(v_));
    return std::move(std::get<0>(v_));
  }

 private:
  std::variant<T, Error> v_;
};

}  // namespace envgrid::core
