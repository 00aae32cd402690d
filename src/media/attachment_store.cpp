#include "media/attachment_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace envgrid::media {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void throw_errno(const std::string& what, const fs::path& p) {
  throw std::system_error(errno, std::generic_category(), what + " " + p.string());
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

void fsync_dir(const fs::path& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0) throw_errno("fsync", dir);
}

// Creates dir and any missing parents, fsyncing each parent whose entries changed, so a
// file renamed into dir is reachable after a crash.
void make_dirs_durable(const fs::path& dir) {
  if (fs::is_directory(dir)) return;
  make_dirs_durable(dir.parent_path());
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) throw_errno("mkdir", dir);
  fsync_dir(dir.parent_path());
}

void write_all(int fd, std::string_view bytes, const fs::path& p) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("write", p);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Writes target atomically: a unique temp file beside it, fsync, rename, fsync the dir.
void write_atomic(const fs::path& target, std::string_view bytes) {
  const fs::path dir = target.parent_path();
  make_dirs_durable(dir);
  std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  Fd fd(::mkostemp(tmpl.data(), O_CLOEXEC));
  const fs::path tmp = tmpl;
  if (fd.get() < 0) throw_errno("create", tmp);
  try {
    write_all(fd.get(), bytes, tmp);
    if (::fchmod(fd.get(), 0644) != 0) throw_errno("chmod", tmp);
    if (::fsync(fd.get()) != 0) throw_errno("fsync", tmp);
    if (::close(fd.release()) != 0) throw_errno("close", tmp);
    if (::rename(tmp.c_str(), target.c_str()) != 0) throw_errno("rename", tmp);
  } catch (...) {
    ::unlink(tmp.c_str());
    throw;
  }
  fsync_dir(dir);
}

std::optional<std::string> read_file(const fs::path& p) {
  Fd fd(::open(p.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw_errno("open", p);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw_errno("stat", p);
  std::string out(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  while (got < out.size()) {
    const ssize_t n = ::read(fd.get(), out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_errno("read", p);
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  out.resize(got);
  return out;
}

}  // namespace

AttachmentStore::AttachmentStore(fs::path root) : root_(std::move(root)) { fs::create_directories(root_); }

bool AttachmentStore::valid_sha(std::string_view sha) {
  if (sha.size() != 64) return false;
  for (char c : sha)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool AttachmentStore::valid_suffix(std::string_view s) {
  if (s.empty() || s.size() > 32 || s.front() == '.' || s.find("..") != std::string_view::npos) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

fs::path AttachmentStore::path_of(const std::string& sha) const {
  if (!valid_sha(sha)) throw std::invalid_argument("not a SHA-256 hex digest");
  return root_ / sha.substr(0, 2) / sha.substr(2, 2) / sha;
}

fs::path AttachmentStore::derived_path_of(const std::string& sha, std::string_view suffix) const {
  if (!valid_suffix(suffix)) throw std::invalid_argument("bad derived-file suffix");
  fs::path p = path_of(sha);
  p += ".";
  p += std::string(suffix);
  return p;
}

std::string AttachmentStore::put(std::string_view bytes) {
  std::string sha = sha256_hex(bytes);
  const fs::path p = path_of(sha);
  // Same name, same content: a file already there (from a complete rename) is the one.
  if (!fs::exists(p)) write_atomic(p, bytes);
  return sha;
}

bool AttachmentStore::exists(const std::string& sha) const {
  std::error_code ec;
  return valid_sha(sha) && fs::is_regular_file(path_of(sha), ec);
}

std::optional<std::string> AttachmentStore::read(const std::string& sha) const {
  if (!valid_sha(sha)) return std::nullopt;
  return read_file(path_of(sha));
}

void AttachmentStore::put_derived(const std::string& sha, std::string_view suffix, std::string_view bytes) {
  write_atomic(derived_path_of(sha, suffix), bytes);
}

std::optional<std::string> AttachmentStore::read_derived(const std::string& sha, std::string_view suffix) const {
  if (!valid_sha(sha) || !valid_suffix(suffix)) return std::nullopt;
  return read_file(derived_path_of(sha, suffix));
}

}  // namespace envgrid::media
