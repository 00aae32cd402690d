#pragma once
// Files compiled into the binary (migrations, default data), by path relative to the
// repository root.
#include <optional>
#include <string_view>
#include <vector>

namespace envgrid::embedded {

struct File {
  std::string_view path;
  std::string_view content;
};
const std::vector<File>& all();
// The file at path, or nullopt.
std::optional<std::string_view> find(std::string_view path);
// Every file whose path starts with prefix, sorted by path.
std::vector<File> under(std::string_view prefix);

}  // namespace envgrid::embedded
