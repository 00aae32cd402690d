#pragma once
// Content-addressed attachment files under the data directory, never database BLOBs:
// root/ab/cd/<sha256> for the original and root/ab/cd/<sha256>.<suffix> for files derived
// from it (e.g. "thumb.jpg"). Writes are atomic and durable (temp file, fsync, rename,
// fsync of the directory); readers never see a partial file.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/crypto.hpp"

namespace envgrid::media {

// SHA-256 of the bytes, 64 lower-case hex digits (libsodium).
using core::sha256_hex;

class AttachmentStore {
 public:
  // Creates root if missing. Throws std::filesystem::filesystem_error if it cannot.
  explicit AttachmentStore(std::filesystem::path root);

  // True for exactly 64 lower-case hex digits: the only names ever turned into paths.
  static bool valid_sha(std::string_view sha);
  // True for 1–32 characters of [a-z0-9._-], not starting with '.' and without "..".
  static bool valid_suffix(std::string_view suffix);

  // Stores the bytes and returns their SHA-256. Idempotent: a file already stored is not
  // rewritten. Thread- and process-safe. Throws std::system_error on I/O failure.
  std::string put(std::string_view bytes);
  bool exists(const std::string& sha) const;  // false for an invalid sha
  // Where the file for sha lives (whether or not it exists). Throws
  // std::invalid_argument for an invalid sha.
  std::filesystem::path path_of(const std::string& sha) const;
  std::optional<std::string> read(const std::string& sha) const;  // nullopt: absent or invalid

  // Stores (or replaces) a derived file, e.g. put_derived(sha, "thumb.jpg", jpeg).
  // Throws std::invalid_argument for an invalid sha or suffix, std::system_error on I/O.
  void put_derived(const std::string& sha, std::string_view suffix, std::string_view bytes);
  std::optional<std::string> read_derived(const std::string& sha, std::string_view suffix) const;
  std::filesystem::path derived_path_of(const std::string& sha, std::string_view suffix) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace envgrid::media
