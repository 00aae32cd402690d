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

}  // namespace envgrid::domain::detail
