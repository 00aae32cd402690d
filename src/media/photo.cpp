#include "media/photo.hpp"

#include <cmath>
#include <stdexcept>

#include "media/exif.hpp"
#include "media/scene.hpp"
#include "media/vips_env.hpp"

namespace envgrid::media {

using vips::VImage;

namespace {

void check_size(int w, int h) {
  if (w < 16 || h < 16 || w > 12000 || h > 12000) throw std::invalid_argument("photo size out of range");
}

// The canvas as a libvips image; REQUIRES the canvas to outlive it.
VImage as_image(detail::Canvas& c) {
  return VImage::new_from_memory(c.rgb.data(), c.rgb.size(), c.width, c.height, 3, VIPS_FORMAT_UCHAR)
      .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

}  // namespace

std::string make_photo_jpeg(const PhotoSpec& spec) {
  check_size(spec.width, spec.height);
  if (spec.quality < 1 || spec.quality > 100) throw std::invalid_argument("JPEG quality out of range");
  if (spec.lng.has_value() != spec.lat.has_value()) throw std::invalid_argument("lng and lat go together");
  if (spec.lat && (std::abs(*spec.lat) > 90 || std::abs(*spec.lng) > 180))
    throw std::invalid_argument("coordinates out of range");
  VipsAngle stored_turn;  // the turn that makes the stored pixels from the upright scene
  switch (spec.orientation) {
    case 1:
      stored_turn = VIPS_ANGLE_D0;
      break;
    case 3:
      stored_turn = VIPS_ANGLE_D180;
      break;
    case 6:
      stored_turn = VIPS_ANGLE_D270;
      break;  // viewers turn it 90° clockwise
    case 8:
      stored_turn = VIPS_ANGLE_D90;
      break;
    default:
      throw std::invalid_argument("orientation must be 1, 3, 6 or 8");
  }
  detail::ensure_vips();
  detail::Canvas canvas = detail::render_scene(spec.width, spec.height, spec.seed);
  detail::draw_caption(canvas, spec.caption);
  VImage img = as_image(canvas);
  if (stored_turn != VIPS_ANGLE_D0) img = img.rot(stored_turn);
  const std::string jpeg = detail::take_blob(
      img.jpegsave_buffer(VImage::option()->set("Q", spec.quality)->set("strip", true)->set("optimize_coding", true)));

  detail::ExifTags tags;
  tags.taken_at = spec.taken_at;
  tags.lng = spec.lng;
  tags.lat = spec.lat;
  tags.orientation = spec.orientation;
  auto out = detail::insert_exif(jpeg, detail::build_exif(tags));
  if (!out) throw std::logic_error("EXIF block does not fit an APP1 segment");
  return std::move(*out);
}

std::string make_png(int width, int height, std::uint32_t seed) {
  check_size(width, height);
  detail::ensure_vips();
  detail::Canvas canvas = detail::render_scene(width, height, seed);
  return detail::take_blob(as_image(canvas).pngsave_buffer(VImage::option()->set("compression", 6)));
}

}  // namespace envgrid::media
