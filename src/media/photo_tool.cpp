// envgrid_photo: writes a photo-like JPEG with real EXIF (or a PNG) for tests and demos.
//   envgrid_photo --seed 7 --time 2024-09-13T10:00:00+08:00 --lng 118.05 --lat 36.81 --out x.jpg
//                 [--width 1024] [--height 768] [--quality 85] [--caption 文字] [--orientation 1|3|6|8] [--png]
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "media/photo.hpp"

// LeakSanitizer: fontconfig (through pango, for captions) keeps process-lifetime caches.
#if defined(__SANITIZE_ADDRESS__)
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig\n"; }
#endif

namespace {

constexpr const char* kUsage =
    "usage: envgrid_photo --seed N --out FILE|- [--time ISO8601] [--lng DEG --lat DEG]\n"
    "                     [--width W] [--height H] [--quality Q] [--caption TEXT] [--orientation 1|3|6|8] [--png]\n";

[[noreturn]] void fail(const std::string& msg) {
  std::cerr << "envgrid_photo: " << msg << "\n" << kUsage;
  std::exit(2);
}

long long integer(std::string_view name, const std::string& v) {
  std::size_t used = 0;
  long long n = 0;
  try {
    n = std::stoll(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != v.size() || v.empty()) fail(std::string(name) + " wants an integer, got '" + v + "'");
  return n;
}

double number(std::string_view name, const std::string& v) {
  std::size_t used = 0;
  double d = 0;
  try {
    d = std::stod(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != v.size() || v.empty()) fail(std::string(name) + " wants a number, got '" + v + "'");
  return d;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace envgrid;
  media::PhotoSpec spec;
  std::string out;
  bool png = false, have_seed = false;
  std::optional<double> lng, lat;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--png") {
      png = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      return 0;
    }
    if (i + 1 >= argc) fail("missing value for " + std::string(arg));
    const std::string v = argv[++i];
    if (arg == "--seed") {
      spec.seed = static_cast<std::uint32_t>(integer(arg, v));
      have_seed = true;
    } else if (arg == "--out") {
      out = v;
    } else if (arg == "--time") {
      spec.taken_at = core::parse_iso(v);
      if (!spec.taken_at) fail("--time wants ISO 8601 such as 2024-09-13T10:00:00+08:00, got '" + v + "'");
    } else if (arg == "--lng") {
      lng = number(arg, v);
    } else if (arg == "--lat") {
      lat = number(arg, v);
    } else if (arg == "--width") {
      spec.width = static_cast<int>(integer(arg, v));
    } else if (arg == "--height") {
      spec.height = static_cast<int>(integer(arg, v));
    } else if (arg == "--quality") {
      spec.quality = static_cast<int>(integer(arg, v));
    } else if (arg == "--caption") {
      spec.caption = v;
    } else if (arg == "--orientation") {
      spec.orientation = static_cast<int>(integer(arg, v));
    } else {
      fail("unknown option " + std::string(arg));
    }
  }
  if (!have_seed || out.empty()) fail("--seed and --out are required");
  if (lng.has_value() != lat.has_value()) fail("--lng and --lat go together");
  spec.lng = lng;
  spec.lat = lat;

  std::string bytes;
  try {
    bytes = png ? media::make_png(spec.width, spec.height, spec.seed) : media::make_photo_jpeg(spec);
  } catch (const std::exception& e) {
    fail(e.what());
  }
  if (out == "-") {
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
  }
  std::ofstream f(out, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) {
    std::cerr << "envgrid_photo: cannot write " << out << "\n";
    return 1;
  }
  return 0;
}
