#include "media/vips_env.hpp"

#include <mutex>
#include <stdexcept>

namespace envgrid::media::detail {

static void drop_vips_warning(const gchar*, GLogLevelFlags, const gchar*, gpointer) {}

void ensure_vips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("envgrid")) throw std::runtime_error("libvips initialisation failed: " + take_vips_error());
    // A server decodes many different uploads once each: caching operations would only
    // pin their buffers. Requests already run in parallel, so one worker per pipeline.
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_concurrency_set(1);
    vips_block_untrusted_set(TRUE);
    // "error in tile …" and friends: the failure reaches the caller as an Error anyway.
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, drop_vips_warning, nullptr);
  });
}

bool heif_available() {
  ensure_vips();
  static const bool available = [] {
    VipsOperation* op = vips_operation_new("heifload_buffer");
    if (!op) {
      vips_error_clear();
      return false;
    }
    const bool blocked = vips_operation_get_flags(op) & VIPS_OPERATION_BLOCKED;
    g_object_unref(op);
    return !blocked;
  }();
  return available;
}

BorrowedBlob::BorrowedBlob(std::string_view bytes) : blob_(vips_blob_new(nullptr, bytes.data(), bytes.size())) {}
BorrowedBlob::~BorrowedBlob() { vips_area_unref(VIPS_AREA(blob_)); }

std::string take_blob(VipsBlob* blob) {
  size_t n = 0;
  const void* p = vips_blob_get(blob, &n);
  std::string out(static_cast<const char*>(p), n);
  vips_area_unref(VIPS_AREA(blob));
  return out;
}

std::string take_vips_error() {
  std::string s = vips_error_buffer();
  vips_error_clear();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace envgrid::media::detail
