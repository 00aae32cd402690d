#pragma once
// Small helpers shared by the report handlers (reports*.cpp).
#include <optional>
#include <string>

#include "export/docx_builder.hpp"
#include "http/app.hpp"

namespace envgrid::http::reports {

// 12, 12.5, 0.25: at most two decimals, no trailing zeros.
std::string num(double v);
std::string state_label(const std::string& state);
// The thumbnail (else the original) of an attachment if it is a JPEG; nullopt otherwise.
std::optional<std::string> photo(App& app, const std::string& sha);
std::string tenant_name(store::Conn& c, std::int64_t tenant);
// The built document as a download; 500 if the builder failed.
Response docx_response(const exporter::DocxBuilder& d, const std::string& filename);

}  // namespace envgrid::http::reports
