#include "core/error.hpp"

namespace envgrid::core {

ApiError::ApiError(int status, std::string type, std::string title, std::string detail,
                   std::vector<FieldError> errors)
    : error_{status, std::move(type), std::move(title), std::move(detail), std::move(errors), {}} {}

ApiError validation_error(std::vector<FieldError> errors, std::string detail) {
  return ApiError(400, "validation", "请求内容有误", std::move(detail), std::move(errors));
}
ApiError bad_request(std::string title, std::string detail) {
  return ApiError(400, "bad-request", std::move(title), std::move(detail));
}
ApiError unauthorized(std::string detail) {
  return ApiError(401, "unauthorized", "请先登录", std::move(detail));
}
ApiError forbidden(std::string detail) {
  return ApiError(403, "forbidden", "没有权限执行此操作", std::move(detail));
}
ApiError not_found(std::string what) {
  return ApiError(404, "not-found", what.empty() ? "资源不存在" : what + "不存在");
}
ApiError conflict(std::string type, std::string title, std::string detail) {
  return ApiError(409, std::move(type), std::move(title), std::move(detail));
}

boost::json::object problem_json(const Error& e) {
  boost::json::object o;
  o["type"] = "https://envgrid.example/problems/" + e.type;
  o["title"] = e.title;
  o["status"] = e.status;
  if (!e.detail.empty()) o["detail"] = e.detail;
  if (!e.errors.empty()) {
    boost::json::array a;
    for (const auto& f : e.errors) a.push_back(boost::json::object{{"field", f.field}, {"message", f.message}});
    o["errors"] = std::move(a);
  }
  for (const auto& kv : e.extra) o[kv.key()] = kv.value();
  return o;
}

}  // namespace envgrid::core
