#pragma once
// libvips set-up and small helpers around its C++ API. Internal to src/media.
#include <string>
#include <string_view>
#include <vips/vips8>

namespace envgrid::media::detail {

// Initialises libvips once per process (thread-safe): one worker per pipeline, no
// operation cache, untrusted loaders blocked, libvips warnings kept out of the logs.
// Throws std::runtime_error if libvips cannot start.
void ensure_vips();

// Whether this libvips can decode HEIC (heifload built and not blocked).
bool heif_available();

// A borrowed view of bytes as a VipsBlob; REQUIRES the bytes outlive every image made
// from it (safe because the operation cache is off and images stay local to a call).
class BorrowedBlob {
 public:
  explicit BorrowedBlob(std::string_view bytes);
  ~BorrowedBlob();
  BorrowedBlob(const BorrowedBlob&) = delete;
  BorrowedBlob& operator=(const BorrowedBlob&) = delete;
  VipsBlob* get() const { return blob_; }

 private:
  VipsBlob* blob_;
};

// Copies a blob returned by a *save_buffer call into a string and releases it.
std::string take_blob(VipsBlob* blob);

// The libvips error text of the failure just caught (the buffer is then cleared).
std::string take_vips_error();

}  // namespace envgrid::media::detail
