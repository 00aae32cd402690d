#include "media/image.hpp"

#include <algorithm>
#include <bit>
#include <cstdio>

#include "media/dhash.hpp"
#include "media/exif.hpp"
#include "media/sniff.hpp"
#include "media/vips_env.hpp"

namespace envgrid::media {

using detail::Format;
using vips::VImage;

namespace {

constexpr int kHashSide = 256;  // the dHash is taken from a thumbnail this big

core::Error refuse(int status, std::string type, std::string title, std::string detail = {}) {
  core::Error e;
  e.status = status;
  e.type = std::move(type);
  e.title = std::move(title);
  e.detail = std::move(detail);
  return e;
}

core::Error corrupt() {
  return refuse(400, "corrupt-image", "图片已损坏或不完整",
                "图片无法完整解码，可能在拍摄或上传中被截断，请重新上传原图");
}

std::string megabytes(std::size_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(n) / (1024.0 * 1024.0));
  return buf;
}

std::optional<core::Error> check_dimensions(long long w, long long h, const Limits& limits) {
  if (w <= 0 || h <= 0) return corrupt();
  if (std::max(w, h) > limits.max_side || w * h > limits.max_pixels)
    return refuse(413, "image-too-large", "图片像素过大",
                  "图片尺寸 " + std::to_string(w) + "×" + std::to_string(h) + "，单边不得超过 " +
                      std::to_string(limits.max_side) + " 像素，总像素不得超过 " + std::to_string(limits.max_pixels));
  return std::nullopt;
}

// Everything that can be refused without decoding: size, magic bytes, claimed dimensions.
core::Result<Format> precheck(std::string_view bytes, const Limits& limits) {
  if (bytes.empty()) return refuse(400, "empty-file", "文件为空", "上传的文件没有内容");
  if (bytes.size() > limits.max_bytes)
    return refuse(413, "file-too-large", "文件过大",
                  "文件 " + megabytes(bytes.size()) + "，超过 " + megabytes(limits.max_bytes) + " 的上限");
  const Format f = detail::sniff(bytes);
  if (f == Format::unknown)
    return refuse(415, "unsupported-media-type", "文件不是可识别的图片（支持 JPEG、PNG、HEIC）");
  if (f == Format::heic && !detail::heif_available())
    return refuse(415, "heic-unsupported", "服务器暂不支持 HEIC 图片，请改用 JPEG 或 PNG",
                  "请在手机相机设置中选择“兼容性最佳”格式后重新拍摄，或将图片转换为 JPEG");
  if (auto dims = detail::header_dimensions(f, bytes))
    if (auto e = check_dimensions(dims->width, dims->height, limits)) return *e;
  return f;
}

VImage load_header(Format f, VipsBlob* blob) {
  auto* opts = VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL)->set("fail_on", VIPS_FAIL_ON_TRUNCATED);
  switch (f) {
    case Format::jpeg:
      return VImage::jpegload_buffer(blob, opts);
    case Format::png:
      return VImage::pngload_buffer(blob, opts);
    default:
      return VImage::heifload_buffer(blob, opts);
  }
}

// A decode of every pixel, upright, fitting side × side; libvips errors surface when the
// caller evaluates it. JPEG shrinks on load: libjpeg still reads every entropy-coded
// block, so a cut-off file fails just as a full-size decode would. HEIC is decoded in
// full on purpose: thumbnail_buffer would use its embedded thumbnail when big enough and
// never touch the primary image, letting a truncated file through.
VImage upright_thumbnail(Format f, VipsBlob* blob, int side) {
  auto* fit = VImage::option()->set("height", side)->set("size", VIPS_SIZE_DOWN);
  VImage t = f == Format::heic
                 ? VImage::heifload_buffer(blob, VImage::option()->set("fail_on", VIPS_FAIL_ON_TRUNCATED))
                       .thumbnail_image(side, fit)
                 : VImage::thumbnail_buffer(blob, side, fit->set("option_string", "fail_on=truncated"));
  if (t.has_alpha()) t = t.flatten(VImage::option()->set("background", std::vector<double>{255.0}));
  if (t.format() != VIPS_FORMAT_UCHAR || (t.bands() != 1 && t.bands() != 3))
    t = t.colourspace(VIPS_INTERPRETATION_sRGB);
  return t;
}

std::uint64_t dhash_of(VImage t) {
  if (t.bands() != 1) t = t.colourspace(VIPS_INTERPRETATION_B_W);
  t = t.cast(VIPS_FORMAT_UCHAR);
  size_t n = 0;
  void* mem = t.write_to_memory(&n);
  const std::uint64_t h = detail::dhash_gray(static_cast<const unsigned char*>(mem), t.width(), t.height(),
                                             static_cast<std::size_t>(t.width()));
  g_free(mem);
  return h;
}

const char* mime_of(Format f) {
  switch (f) {
    case Format::jpeg:
      return "image/jpeg";
    case Format::png:
      return "image/png";
    default:
      return "image/heic";
  }
}

const char* name_of(Format f) {
  switch (f) {
    case Format::jpeg:
      return "jpeg";
    case Format::png:
      return "png";
    default:
      return "heic";
  }
}

}  // namespace

core::Result<ImageInfo> inspect(std::string_view bytes, const Limits& limits) {
  auto format = precheck(bytes, limits);
  if (!format) return format.error();
  detail::ensure_vips();
  detail::BorrowedBlob blob(bytes);
  ImageInfo info;
  info.format = name_of(*format);
  info.mime = mime_of(*format);
  try {
    VImage header = load_header(*format, blob.get());
    if (auto e = check_dimensions(header.width(), header.height(), limits)) return *e;
    detail::ExifFacts exif;
    if (header.get_typeof(VIPS_META_EXIF_NAME) != 0) {
      size_t n = 0;
      const void* p = header.get_blob(VIPS_META_EXIF_NAME, &n);
      exif = detail::read_exif(std::string_view(static_cast<const char*>(p), n));
    }
    info.taken_at = exif.taken_at;
    info.lng = exif.lng;
    info.lat = exif.lat;
    const int orientation = header.get_typeof(VIPS_META_ORIENTATION) != 0 ? header.get_int(VIPS_META_ORIENTATION) : 1;
    const bool swapped = orientation >= 5 && orientation <= 8;
    info.width = swapped ? header.height() : header.width();
    info.height = swapped ? header.width() : header.height();
    info.dhash = dhash_of(upright_thumbnail(*format, blob.get(), kHashSide));
  } catch (const vips::VError&) {
    detail::take_vips_error();
    return corrupt();
  }
  return info;
}

int hamming(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

core::Result<std::string> thumbnail_jpeg(std::string_view bytes, int max_side, const Limits& limits) {
  auto format = precheck(bytes, limits);
  if (!format) return format.error();
  detail::ensure_vips();
  detail::BorrowedBlob blob(bytes);
  try {
    VImage header = load_header(*format, blob.get());
    if (auto e = check_dimensions(header.width(), header.height(), limits)) return *e;
    VImage t = upright_thumbnail(*format, blob.get(), std::clamp(max_side, 1, 10000));
    return detail::take_blob(
        t.jpegsave_buffer(VImage::option()->set("Q", 80)->set("strip", true)->set("optimize_coding", true)));
  } catch (const vips::VError&) {
    detail::take_vips_error();
    return corrupt();
  }
}

}  // namespace envgrid::media
