#pragma once
// Internal helpers for reading editable data (categories, calendars, SLA inputs) with
// every problem collected and named in Chinese. Not part of the domain's public API.
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"

namespace envgrid::domain::detail {

// A 400 "validation" error with a Chinese title and one entry per bad field.
inline core::Error validation(std::string title, std::vector<core::FieldError> errors) {
  return core::Error{400, "validation", std::move(title), {}, std::move(errors), {}};
}

// The reader's errors plus one per unknown field (JsonReader::finish reports them by
// throwing; data files are read without exceptions escaping).
inline std::vector<core::FieldError> collect(core::JsonReader& r) {
  try {
    r.finish();
  } catch (const core::ApiError& e) {
    return e.error().errors;
  }
  return {};
}

// Appends a nested reader's errors to the outer one.
inline void absorb(core::JsonReader& outer, core::JsonReader& inner) {
  for (auto& e : collect(inner)) outer.fail(std::move(e.field), std::move(e.message));
}

// Reads r[key] as an array of objects, each handed to f(sub reader, path) with its
// errors folded into r. Missing (when required), non-array, too long, or non-object
// elements are reported on r.
template <class F>
void each_object(core::JsonReader& r, std::string_view key, bool required, size_t max_items, F f) {
  const boost::json::value* v = r.raw(key, required);
  if (!v) return;
  if (!v->is_array()) return r.fail(std::string(key), "应为数组");
  const auto& a = v->as_array();
  if (a.size() > max_items) return r.fail(std::string(key), "最多 " + std::to_string(max_items) + " 项");
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string path = std::string(key) + "[" + std::to_string(i) + "]";
    if (!a[i].is_object()) {
      r.fail(path, "应为对象");
      continue;
    }
    core::JsonReader sub(a[i].as_object(), path);
    f(sub, path);
    absorb(r, sub);
  }
}

}  // namespace envgrid::domain::detail
