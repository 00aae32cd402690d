#pragma once
// An in-memory ZIP archive (the container of DOCX files), reproducible: entries keep the
// given order and carry a fixed timestamp, so the same input gives the same bytes.
#include <string>
#include <vector>

#include "core/error.hpp"

namespace envgrid::exporter {

struct ZipEntry {
  std::string name;  // path inside the archive, '/'-separated, UTF-8
  std::string data;
  bool compress = true;  // false for already-compressed data such as JPEG
};

// The archive bytes, or an export-failed error carrying libzip's message.
core::Result<std::string> zip_to_memory(const std::vector<ZipEntry>& entries);

}  // namespace envgrid::exporter
