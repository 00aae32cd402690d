#pragma once
// multipart/form-data parsing (RFC 7578) for uploads: parts with name, filename,
// content type and body. Malformed or truncated bodies are refused with a Chinese 400.
#include <string>
#include <string_view>
#include <vector>

namespace envgrid::http {

struct Part {
  std::string name, filename, content_type;
  std::string_view body;  // view into the request body
};

// REQUIRES: body outlives the parts. Throws core::ApiError(400) when malformed.
std::vector<Part> parse_multipart(std::string_view content_type, std::string_view body);

}  // namespace envgrid::http
