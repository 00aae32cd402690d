#pragma once
// Helpers for the exporter tests: sample JPEGs, ZIP entries, LibreOffice and poppler.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace envgrid::exporter::test {

// A w x h JPEG of one colour with an optional centred label (libvips).
std::string make_jpeg(int w, int h, double r, double g, double b, const std::string& label = {});

// tests/artifacts/export under the source tree (gitignored); created on demand.
std::filesystem::path artifacts_dir();
// A fresh empty directory under the system temp dir, unique to this process and tag.
std::filesystem::path scratch_dir(const std::string& tag);

std::string read_file(const std::filesystem::path& p);
// One entry of a ZIP archive held in memory or on disk; nullopt when absent.
std::optional<std::string> zip_entry(const std::string& archive_bytes, const std::string& name);
std::vector<std::string> zip_names(const std::string& archive_bytes);

// Runs a shell command; returns its exit status and captured stdout+stderr.
int run(const std::string& command, std::string* output = nullptr);

// Converts with headless LibreOffice using a private profile (safe to run in parallel);
// returns the produced file. `filter` is what follows --convert-to, e.g. "pdf".
// Fails the calling test (not skips) when soffice is missing or the conversion fails.
std::filesystem::path soffice_convert(const std::filesystem::path& in, const std::string& filter,
                                      const std::string& out_ext,
                                      const std::filesystem::path& out_dir,
                                      const std::string& infilter = {});

// Minimal RFC 4180 CSV reader (quoted fields, embedded newlines).
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

}  // namespace envgrid::exporter::test
