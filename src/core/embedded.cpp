#include "core/embedded.hpp"

namespace envgrid::embedded {

std::optional<std::string_view> find(std::string_view path) {
  for (const auto& f : all())
    if (f.path == path) return f.content;
  return std::nullopt;
}

std::vector<File> under(std::string_view prefix) {
  std::vector<File> out;
  for (const auto& f : all())
    if (f.path.substr(0, prefix.size()) == prefix) out.push_back(f);
  return out;
}

}  // namespace envgrid::embedded
