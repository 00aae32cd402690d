#include "media/scene.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "media/vips_env.hpp"

namespace envgrid::media::detail {

namespace {

// splitmix64: small, fast, and the same sequence on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform(double lo, double hi) { return lo + (hi - lo) * static_cast<double>(next() >> 11) * 0x1.0p-53; }
  int range(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
  bool chance(double p) { return uniform(0, 1) < p; }

 private:
  std::uint64_t s_;
};

struct Rgb {
  double r = 0, g = 0, b = 0;
};
Rgb operator*(Rgb c, double k) { return {c.r * k, c.g * k, c.b * k}; }
Rgb operator+(Rgb a, Rgb b) { return {a.r + b.r, a.g + b.g, a.b + b.b}; }
Rgb mix(Rgb a, Rgb b, double t) { return a * (1 - t) + b * t; }

struct Pt {
  double x, y;  // pixels
};

// Drawing in relative units: x in [0, 1] of the width, y in [0, 1] of the height.
class Painter {
 public:
  explicit Painter(Canvas& c) : c_(c) {}
  double px(double u) const { return u * c_.width; }
  double py(double v) const { return v * c_.height; }

  void blend(int x, int y, Rgb col, double alpha = 1.0) {
    if (x < 0 || y < 0 || x >= c_.width || y >= c_.height) return;
    unsigned char* p = &c_.rgb[(static_cast<std::size_t>(y) * c_.width + x) * 3];
    const double v[3] = {col.r, col.g, col.b};
    for (int i = 0; i < 3; ++i) p[i] = clamp8(p[i] * (1 - alpha) + v[i] * alpha);
  }

  // Even-odd scanline fill, sampling pixel centres; points in relative units.
  template <class Shade>
  void polygon(const std::vector<Pt>& rel, Shade shade) {
    std::vector<Pt> pts;
    for (const Pt& p : rel) pts.push_back({px(p.x), py(p.y)});
    double top = 1e9, bottom = -1e9;
    for (const Pt& p : pts) top = std::min(top, p.y), bottom = std::max(bottom, p.y);
    std::vector<double> xs;
    for (int y = std::max(0, static_cast<int>(top)); y < std::min(c_.height, static_cast<int>(bottom) + 1); ++y) {
      const double cy = y + 0.5;
      xs.clear();
      for (std::size_t i = 0, j = pts.size() - 1; i < pts.size(); j = i++) {
        const Pt a = pts[j], b = pts[i];
        if ((a.y <= cy) != (b.y <= cy)) xs.push_back(a.x + (cy - a.y) / (b.y - a.y) * (b.x - a.x));
      }
      std::sort(xs.begin(), xs.end());
      for (std::size_t k = 0; k + 1 < xs.size(); k += 2)
        for (int x = std::max(0, static_cast<int>(std::ceil(xs[k] - 0.5)));
             x < std::min(c_.width, static_cast<int>(std::ceil(xs[k + 1] - 0.5))); ++x)
          shade(x, y);
    }
  }
  void polygon(const std::vector<Pt>& rel, Rgb col, double alpha = 1.0) {
    polygon(rel, [&](int x, int y) { blend(x, y, col, alpha); });
  }
  void rect(double u0, double v0, double u1, double v1, Rgb col, double alpha = 1.0) {
    polygon({{u0, v0}, {u1, v0}, {u1, v1}, {u0, v1}}, col, alpha);
  }
  void ellipse(double cu, double cv, double ru, double rv, Rgb col, double alpha = 1.0) {
    std::vector<Pt> pts;
    for (int i = 0; i < 48; ++i) {
      const double a = i * 2 * std::numbers::pi / 48;
      pts.push_back({cu + ru * std::cos(a), cv + rv * std::sin(a)});
    }
    polygon(pts, col, alpha);
  }
  // A straight stroke `thick` (relative to the height) wide.
  void line(Pt a, Pt b, double thick, Rgb col, double alpha = 1.0) {
    const double dx = (b.x - a.x) * c_.width, dy = (b.y - a.y) * c_.height;
    const double len = std::max(1e-9, std::hypot(dx, dy));
    const double half = std::max(0.6, thick * c_.height / 2);
    const double nu = -dy / len * half / c_.width, nv = dx / len * half / c_.height;
    polygon({{a.x + nu, a.y + nv}, {b.x + nu, b.y + nv}, {b.x - nu, b.y - nv}, {a.x - nu, a.y - nv}}, col, alpha);
  }

  static unsigned char clamp8(double v) { return static_cast<unsigned char>(std::clamp(v, 0.0, 255.0) + 0.5); }

 private:
  Canvas& c_;
};

Rgb pick(Rng& r, std::initializer_list<Rgb> palette) {
  const Rgb c = *(palette.begin() + r.range(0, static_cast<int>(palette.size()) - 1));
  return c * r.uniform(0.8, 1.15);
}

struct Layout {
  double horizon, sun_u, sun_v, glow, glow_radius, light;  // light: lateral brightness slope
  Rgb sky_top, sky_low, ground;
};

void sky_and_ground(Canvas& c, Painter& p, const Layout& L) {
  for (int y = 0; y < c.height; ++y) {
    const double v = (y + 0.5) / c.height;
    for (int x = 0; x < c.width; ++x) {
      const double u = (x + 0.5) / c.width;
      Rgb col;
      if (v < L.horizon) {
        const double aspect = static_cast<double>(c.width) / c.height;
        const double d = std::hypot((u - L.sun_u) * aspect, v - L.sun_v) / L.glow_radius;
        col = mix(L.sky_top, L.sky_low, v / L.horizon) + Rgb{1.0, 0.93, 0.75} * (L.glow / (1 + d * d));
      } else {
        const double t = (v - L.horizon) / (1 - L.horizon);
        col = mix(L.ground * 1.15 + Rgb{20, 20, 25}, L.ground * 0.75, t) * (1 + L.light * (u - 0.5));
      }
      p.blend(x, y, col);
    }
  }
}

void clouds(Painter& p, Rng& r, const Layout& L) {
  for (int n = r.range(0, 4); n > 0; --n) {
    const double cu = r.uniform(0, 1), cv = r.uniform(0.05, L.horizon * 0.7), size = r.uniform(0.04, 0.1);
    for (int k = r.range(3, 6); k > 0; --k) {
      const double u = cu + r.uniform(-2, 2) * size, v = cv + r.uniform(-0.4, 0.4) * size;
      const double ru = size * r.uniform(0.8, 1.6), rv = size * r.uniform(0.5, 0.9);
      p.ellipse(u, v, ru, rv, Rgb{245, 245, 248}, 0.75);
    }
  }
}

void skyline(Painter& p, Rng& r, const Layout& L) {
  for (double u = r.uniform(-0.1, 0); u < 1; u += r.uniform(0.04, 0.16)) {
    const double w = r.uniform(0.05, 0.15);
    if (r.chance(0.25)) {  // a tree
      const double top = L.horizon - r.uniform(0.06, 0.18);
      p.rect(u + w * 0.45, top + 0.04, u + w * 0.55, L.horizon + 0.01, Rgb{70, 55, 40});
      p.ellipse(u + w / 2, top + 0.03, w * 0.5, (L.horizon - top) * 0.45, pick(r, {{60, 110, 50}, {40, 90, 45}}));
      continue;
    }
    const double top = L.horizon - r.uniform(0.05, std::min(0.42, L.horizon - 0.04));
    const Rgb wall = pick(r, {{180, 175, 165}, {150, 150, 155}, {200, 190, 170}, {120, 115, 110}, {170, 120, 100}});
    const double lit = 1 + L.light * (u - 0.5);
    p.rect(u, top, u + w, L.horizon + 0.005, wall * lit);
    const Rgb glass = r.chance(0.5) ? Rgb{60, 70, 90} : Rgb{210, 220, 230};
    const int cols = r.range(2, 5);
    for (double wv = top + 0.02; wv + 0.02 < L.horizon; wv += 0.035)
      for (int i = 0; i < cols; ++i) {
        const double wu = u + w * (i + 0.25) / cols;
        p.rect(wu, wv, wu + w * 0.5 / cols, wv + 0.018, glass * lit);
      }
  }
}

void road(Painter& p, Rng& r, const Layout& L) {
  const double vu = r.uniform(0.25, 0.75), left = vu - r.uniform(0.4, 0.9), right = vu + r.uniform(0.4, 0.9);
  const Rgb asphalt = Rgb{80, 80, 84} * r.uniform(0.8, 1.2);
  // Lit from the side and hazier towards the horizon, like the ground around it.
  auto shade = [&](Rgb base) {
    return [&p, &L, base](int x, int y) {
      const double u = (x + 0.5) / p.px(1), t = ((y + 0.5) / p.py(1) - L.horizon) / (1 - L.horizon);
      p.blend(x, y, base * ((1 + L.light * (u - 0.5)) * (1.2 - 0.35 * t)));
    };
  };
  p.polygon({{vu - 0.01, L.horizon}, {vu + 0.01, L.horizon}, {right, 1.0}, {left, 1.0}}, shade(asphalt));
  for (int n = r.range(3, 7); n > 0; --n) {  // repair patches, in perspective
    const double s0 = r.uniform(0.05, 0.9), s1 = std::min(1.0, s0 + r.uniform(0.05, 0.2));
    const double a = r.uniform(0.05, 0.6), b = std::min(0.95, a + r.uniform(0.1, 0.4));
    auto at = [&](double s, double k) {
      const double l = vu - 0.01 + (left - vu + 0.01) * s, rr = vu + 0.01 + (right - vu - 0.01) * s;
      return Pt{l + (rr - l) * k, L.horizon + (1 - L.horizon) * s};
    };
    p.polygon({at(s0, a), at(s0, b), at(s1, b), at(s1, a)}, shade(asphalt * r.uniform(0.7, 1.3)));
  }
  const Rgb paint = r.chance(0.5) ? Rgb{235, 235, 230} : Rgb{230, 190, 60};
  p.line({vu - 0.01, L.horizon}, {left, 1.0}, 0.006, paint);
  p.line({vu + 0.01, L.horizon}, {right, 1.0}, 0.006, paint);
  const double mid = (left + right) / 2;
  for (int i = 0; i < 8; ++i) {  // dashes, longer as they come closer
    const double s0 = std::pow(i / 8.0, 1.6), s1 = std::pow((i + 0.5) / 8.0, 1.6);
    p.line({vu + (mid - vu) * s0, L.horizon + (1 - L.horizon) * s0},
           {vu + (mid - vu) * s1, L.horizon + (1 - L.horizon) * s1}, 0.004 + 0.01 * s1, Rgb{240, 240, 240});
  }
}

void boxes_and_piles(Painter& p, Rng& r, const Layout& L) {
  struct Item {
    double base, u, size;
    bool pile;
    Rgb col;
  };
  std::vector<Item> items;
  for (int n = r.range(2, 5); n > 0; --n)
    items.push_back(
        {r.uniform(0.15, 0.95), r.uniform(-0.05, 0.85), r.uniform(0.5, 1.2), false,
         pick(r, {{40, 120, 70}, {40, 80, 150}, {170, 60, 50}, {160, 120, 80}, {220, 200, 60}, {90, 90, 95}})});
  for (int n = r.range(1, 2); n > 0; --n)
    items.push_back({r.uniform(0.3, 0.95), r.uniform(0.05, 0.8), r.uniform(0.7, 1.4), true,
                     pick(r, {{90, 70, 50}, {110, 100, 90}, {60, 55, 50}})});
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.base < b.base; });
  for (const Item& it : items) {
    const double base = L.horizon + (1 - L.horizon) * it.base;
    const double scale = (0.2 + 0.8 * it.base) * it.size;
    if (it.pile) {
      const double w = 0.22 * scale, h = 0.16 * scale, cu = it.u + w / 2;
      std::vector<Pt> outline;
      for (int i = 0; i <= 16; ++i) {
        const double a = std::numbers::pi * i / 16, k = i == 0 || i == 16 ? 1.0 : r.uniform(0.75, 1.1);
        outline.push_back({cu + w / 2 * std::cos(a) * k, base - h * std::sin(a) * k});
      }
      p.polygon(outline, it.col);
      for (int k = r.range(20, 60); k > 0; --k) {  // litter on the pile
        const double a = r.uniform(0.1, std::numbers::pi - 0.1), d = r.uniform(0, 0.8),
                     s = r.uniform(0.006, 0.018) * scale;
        const double lu = cu + w / 2 * std::cos(a) * d, lv = base - h * std::sin(a) * d;
        p.rect(lu, lv, lu + s, lv + s * 1.3, pick(r, {{230, 230, 230}, {200, 40, 40}, {40, 90, 200}, {240, 200, 40}}));
      }
      continue;
    }
    const double w = 0.16 * scale, h = w * r.uniform(0.5, 1.3) * 1.3, depth = w * 0.25;
    const double lit = 1 + L.light * (it.u - 0.5);
    p.rect(it.u, base - h, it.u + w, base, it.col * lit);
    p.polygon({{it.u, base - h},
               {it.u + depth, base - h - depth},
               {it.u + w + depth, base - h - depth},
               {it.u + w, base - h}},
              it.col * (lit * 1.25));
    p.polygon({{it.u + w, base - h},
               {it.u + w + depth, base - h - depth},
               {it.u + w + depth, base - depth},
               {it.u + w, base}},
              it.col * (lit * 0.7));
    p.line({it.u, base - h * 0.55}, {it.u + w, base - h * 0.55}, 0.004, it.col * 0.5);
  }
}

void poles_and_wires(Painter& p, Rng& r, const Layout& L) {
  std::vector<Pt> tops;
  for (int n = r.range(1, 3); n > 0; --n) {
    const double u = r.uniform(0.02, 0.98), base = L.horizon + r.uniform(0.02, 0.25), top = r.uniform(0.03, 0.3);
    p.line({u, base}, {u, top}, 0.008 + 0.01 * (base - L.horizon), Rgb{55, 55, 60});
    p.line({u - 0.03, top + 0.02}, {u + 0.03, top + 0.02}, 0.005, Rgb{55, 55, 60});
    tops.push_back({u, top + 0.02});
  }
  tops.push_back({r.chance(0.5) ? -0.05 : 1.05, r.uniform(0.05, 0.4)});
  std::sort(tops.begin(), tops.end(), [](Pt a, Pt b) { return a.x < b.x; });
  for (std::size_t i = 0; i + 1 < tops.size(); ++i)
    for (int seg = 0; seg < 12; ++seg) {  // a sagging wire
      auto at = [&](double s) {
        return Pt{tops[i].x + (tops[i + 1].x - tops[i].x) * s,
                  tops[i].y + (tops[i + 1].y - tops[i].y) * s + 0.06 * 4 * s * (1 - s)};
      };
      p.line(at(seg / 12.0), at((seg + 1) / 12.0), 0.002, Rgb{30, 30, 30});
    }
}

// Sensor noise: a hash of position and seed, so it is the same on every run.
void grain(Canvas& c, std::uint32_t seed) {
  for (int y = 0; y < c.height; ++y)
    for (int x = 0; x < c.width; ++x) {
      std::uint64_t h =
          (static_cast<std::uint64_t>(y) << 32 | static_cast<std::uint32_t>(x)) ^ (std::uint64_t{seed} << 17);
      h = Rng(h).next();
      const int luma = static_cast<int>(h % 13) - 6;
      unsigned char* px = &c.rgb[(static_cast<std::size_t>(y) * c.width + x) * 3];
      for (int i = 0; i < 3; ++i) px[i] = Painter::clamp8(px[i] + luma + static_cast<int>((h >> (8 + 8 * i)) % 5) - 2);
    }
}

}  // namespace

Canvas render_scene(int width, int height, std::uint32_t seed) {
  Canvas c{width, height, std::vector<unsigned char>(static_cast<std::size_t>(width) * height * 3)};
  Painter p(c);
  Rng r(0x656E76677269640AULL ^ (std::uint64_t{seed} * 0x9E3779B97F4A7C15ULL));
  Layout L;
  L.horizon = r.uniform(0.38, 0.62);
  L.sun_u = r.uniform(0.0, 1.0);
  L.sun_v = r.uniform(0.0, L.horizon * 0.5);
  L.glow = r.uniform(70, 120);
  L.glow_radius = r.uniform(0.15, 0.35);
  L.light = (r.chance(0.5) ? 1 : -1) * r.uniform(0.4, 0.7);
  L.sky_top = pick(r, {{70, 120, 190}, {110, 140, 180}, {150, 160, 175}, {60, 100, 170}});
  L.sky_low = mix(L.sky_top, Rgb{225, 225, 220}, r.uniform(0.4, 0.8));
  L.ground = pick(r, {{120, 118, 112}, {150, 125, 95}, {95, 130, 75}, {165, 160, 150}});
  sky_and_ground(c, p, L);
  clouds(p, r, L);
  skyline(p, r, L);
  road(p, r, L);
  boxes_and_piles(p, r, L);
  poles_and_wires(p, r, L);
  grain(c, seed);
  return c;
}

void draw_caption(Canvas& c, std::string_view text) {
  if (text.empty()) return;
  ensure_vips();
  const int pt = std::max(10, c.height / 24);
  vips::VImage mask = vips::VImage::text(
      std::string(text).c_str(),
      vips::VImage::option()->set("font", ("Sans Bold " + std::to_string(pt)).c_str())->set("width", c.width * 9 / 10));
  mask = mask.cast(VIPS_FORMAT_UCHAR);
  size_t n = 0;
  auto* m = static_cast<unsigned char*>(mask.write_to_memory(&n));
  Painter p(c);
  const int x0 = c.width / 30, y0 = c.height - c.height / 30 - mask.height();
  const int shadow = std::max(1, pt / 12);
  for (int y = 0; y < mask.height(); ++y)
    for (int x = 0; x < mask.width(); ++x) {
      const double a = m[static_cast<std::size_t>(y) * mask.width() + x] / 255.0;
      if (a > 0) p.blend(x0 + x + shadow, y0 + y + shadow, Rgb{0, 0, 0}, a * 0.7);
    }
  for (int y = 0; y < mask.height(); ++y)
    for (int x = 0; x < mask.width(); ++x) {
      const double a = m[static_cast<std::size_t>(y) * mask.width() + x] / 255.0;
      if (a > 0) p.blend(x0 + x, y0 + y, Rgb{255, 255, 255}, a);
    }
  g_free(m);
}

}  // namespace envgrid::media::detail
