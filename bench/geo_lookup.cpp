// bench/geo_lookup: point → grid + zones throughput of geo::IndexSnapshot next to naive
// baselines, in one run on the same data. Prints Markdown; see bench/README.md.
//
//   geo_lookup [--vertices 16,64,256] [--points N] [--threads N] [--sweep]
//              [--dump DIR | --dump-only DIR]   (data for bench/geo_lookup_postgis.sh)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <latch>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "geo_lookup_data.hpp"
#include "geo_lookup_naive.hpp"

namespace envgrid::bench {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Rates are per CPU-second of the measuring thread: the machine is shared, and time spent
// descheduled says nothing about the code. Wall-clock rates are printed beside them.
double thread_cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

struct Rate {
  double cpu = 0, wall = 0;  // lookups per second
};

struct Options {
  std::vector<int> vertices{16, 64, 256};
  std::size_t points = 1'000'000;
  int threads = 2;
  bool sweep = false;
  bool dump_only = false;  // write the data for geo_lookup_postgis.sh, measure nothing
  std::string dump;
};

// Runs `lookup` over pts[0..n) `repeats` times; returns the best rates. The checksum keeps
// the compiler from dropping the work.
template <class F>
Rate rate(const std::vector<geo::Point>& pts, std::size_t n, int repeats, F&& lookup) {
  Rate best;
  std::uint64_t sum = 0;
  for (int r = 0; r < repeats; ++r) {
    std::int64_t zones[16];
    auto t0 = Clock::now();
    double c0 = thread_cpu_seconds();
    for (std::size_t i = 0; i < n; ++i) {
      std::optional<std::int64_t> grid;
      std::size_t k = lookup(pts[i], grid, std::span<std::int64_t>(zones));
      sum += static_cast<std::uint64_t>(grid.value_or(0)) * 31 + k;
    }
    best.cpu = std::max(best.cpu, double(n) / (thread_cpu_seconds() - c0));
    best.wall = std::max(best.wall, double(n) / seconds_since(t0));
  }
  if (sum == 42) std::printf(" ");  // never true in practice; makes `sum` observable
  return best;
}

// lookup_batch over chunks of 4 096 points, as an import or a GPS track would call it.
Rate rate_batch(const geo::IndexSnapshot& s, const std::vector<geo::Point>& pts, int repeats) {
  Rate best;
  std::vector<geo::BatchHit> out(4096);
  std::vector<std::int64_t> zones;
  std::uint64_t sum = 0;
  for (int r = 0; r < repeats; ++r) {
    auto t0 = Clock::now();
    double c0 = thread_cpu_seconds();
    for (std::size_t i = 0; i < pts.size(); i += out.size()) {
      std::size_t m = std::min(out.size(), pts.size() - i);
      zones.clear();
      s.lookup_batch(std::span(pts).subspan(i, m), std::span(out).first(m), zones);
      sum += zones.size() + static_cast<std::uint64_t>(out[m - 1].grid_id);
    }
    best.cpu = std::max(best.cpu, double(pts.size()) / (thread_cpu_seconds() - c0));
    best.wall = std::max(best.wall, double(pts.size()) / seconds_since(t0));
  }
  if (sum == 42) std::printf(" ");
  return best;
}

// Every thread looks up all points (from a different offset) at the same time.
std::vector<Rate> rate_threads(const geo::IndexSnapshot& s, const std::vector<geo::Point>& pts, int threads) {
  std::vector<Rate> rates(threads);
  std::latch start(threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      std::vector<geo::Point> mine(pts.begin() + pts.size() * t / threads, pts.end());
      mine.insert(mine.end(), pts.begin(), pts.begin() + pts.size() * t / threads);
      start.arrive_and_wait();
      rates[t] = rate(mine, mine.size(), 1, [&](geo::Point p, auto& g, auto z) { return s.lookup_into(p, g, z); });
    });
  for (auto& th : pool) th.join();
  return rates;
}

// What one dependent random memory access costs here, which bounds any one-point-at-a-
// time lookup over a structure larger than the caches (pointer chase, per CPU-second).
std::string memory_latency_note() {
  std::string out = "machine: dependent random access";
  for (std::size_t mb : {1, 8, 32}) {
    std::size_t n = mb * 1048576 / 64;
    std::vector<std::uint64_t> next(n * 8);  // one hop per 64-byte line
    std::vector<std::uint32_t> perm(n);
    for (std::uint32_t i = 0; i < n; ++i) perm[i] = i;
    std::mt19937_64 rng(3);
    std::shuffle(perm.begin(), perm.end(), rng);
    for (std::size_t i = 0; i < n; ++i) next[perm[i] * 8] = perm[(i + 1) % n] * 8;
    std::uint64_t p = 0;
    const std::size_t steps = 2'000'000;
    double c0 = thread_cpu_seconds();
    for (std::size_t i = 0; i < steps; ++i) p = next[p];
    double ns = (thread_cpu_seconds() - c0) * 1e9 / steps;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s %zu MB: %.0f ns", mb == 1 ? " within" : ",", mb, ns + (p == 1 ? 1e-9 : 0));
    out += buf;
  }
  return out;
}

std::string fmt_rate(double r) {
  char buf[64];
  if (r >= 1e6) std::snprintf(buf, sizeof buf, "%.2f M/s", r / 1e6);
  else std::snprintf(buf, sizeof buf, "%.0f k/s", r / 1e3);
  return buf;
}

void row(int v, const std::string& method, std::size_t n, Rate r, double envgrid_cpu) {
  std::printf("| %d | %s | %zu | %s | %.0f | %s | %.2f× |\n", v, method.c_str(), n, fmt_rate(r.cpu).c_str(),
              1e9 / r.cpu, fmt_rate(r.wall).c_str(), r.cpu / envgrid_cpu);
}

// How many points the index and a baseline answer differently (grid or zone list).
template <class B>
std::size_t mismatches(const geo::IndexSnapshot& s, const B& base, const std::vector<geo::Point>& pts, std::size_t n) {
  std::size_t bad = 0;
  std::int64_t za[64], zb[64];
  for (std::size_t i = 0; i < n; ++i) {
    std::optional<std::int64_t> ga, gb;
    std::size_t ka = s.lookup_into(pts[i], ga, za), kb = base.lookup(pts[i], gb, zb);
    bad += ga != gb || ka != kb || !std::equal(za, za + std::min<std::size_t>(ka, 64), zb);
  }
  return bad;
}

// grids_<v>.tsv, and expected_<v>.txt: how many (point, grid) and (point, zone) pairs the
// first 200 000 points give, for the PostGIS script to check its joins against.
void dump_grids(const std::string& dir, int v, const geo::AreaMap& grids, const geo::IndexSnapshot& s,
                const std::vector<geo::Point>& pts) {
  write_areas_tsv(dir + "/grids_" + std::to_string(v) + ".tsv", grids);
  std::size_t grid_pairs = 0, zone_pairs = 0;
  for (std::size_t i = 0; i < std::min<std::size_t>(pts.size(), 200'000); ++i) {
    geo::Hit h = s.lookup(pts[i]);
    grid_pairs += h.grid_id.has_value();
    zone_pairs += h.zone_ids.size();
  }
  std::ofstream(dir + "/expected_" + std::to_string(v) + ".txt") << grid_pairs << ' ' << zone_pairs << '\n';
}

void run(const Options& opt) {
  District d = district();
  double zone_parse_s = 0;
  geo::AreaMap zones = make_zones(d, 42, zone_parse_s);
  std::vector<geo::Point> pts = make_points(d, opt.points, 7);
  std::size_t zone_vertices = 0;
  for (const auto& [id, a] : zones) zone_vertices += geo::vertex_count(*a);
  std::printf("## geo lookup: 10 000 grids + %zu zones (%zu vertices), %zu random points\n\n", zones.size(), zone_vertices, pts.size());
  std::printf("zones parsed and validated by geo::parse_area at %.0f areas/s (buffering included)\n\n", zones.size() / zone_parse_s);
  if (!opt.dump.empty()) {
    std::filesystem::create_directories(opt.dump);
    write_areas_tsv(opt.dump + "/zones.tsv", zones);
    write_points_tsv(opt.dump + "/points.tsv", pts, 200'000);
    std::ofstream(opt.dump + "/extent.txt") << std::setprecision(17) << d.extent.min_lng << ' ' << d.extent.min_lat << ' '
                                            << d.extent.max_lng << ' ' << d.extent.max_lat << '\n';
  }

  std::vector<std::string> notes;
  notes.push_back(memory_latency_note());
  if (!opt.dump_only) {
    std::printf("| grid vertices | method | points timed | lookups per CPU-second, one thread | ns/lookup | wall-clock rate | vs envgrid |\n");
    std::printf("|---|---|---|---|---|---|---|\n");
  }
  for (int v : opt.vertices) {
    double grid_parse_s = 0;
    geo::AreaMap grids = make_grids(d, v, 1000 + v, grid_parse_s);
    double build_s = 1e9;
    std::shared_ptr<const geo::IndexSnapshot> s;
    for (int r = 0; r < (opt.dump_only ? 1 : 3); ++r) {
      double c0 = thread_cpu_seconds();
      s = geo::IndexSnapshot::build(grids, zones);
      build_s = std::min(build_s, thread_cpu_seconds() - c0);
    }
    if (!opt.dump.empty()) dump_grids(opt.dump, v, grids, *s, pts);
    if (opt.dump_only) continue;
    geo::IndexStats st = s->stats();
    auto env = [&](geo::Point p, auto& g, auto z) { return s->lookup_into(p, g, z); };
    Rate env_rate = rate(pts, pts.size(), 3, env);
    double base = env_rate.cpu;
    row(v, "envgrid IndexSnapshot::lookup_into", pts.size(), env_rate, base);
    row(v, "envgrid IndexSnapshot::lookup_batch (4 096 per call)", pts.size(), rate_batch(*s, pts, 3), base);
    std::vector<Rate> mt = rate_threads(*s, pts, opt.threads);
    Rate mt_mean;
    for (Rate r : mt) mt_mean.cpu += r.cpu / opt.threads, mt_mean.wall += r.wall / opt.threads;
    row(v, "envgrid lookup_into, " + std::to_string(opt.threads) + " threads at once (mean per thread)",
        pts.size() * opt.threads, mt_mean, base);

    NaiveBuckets naive(grids, zones, d.extent, 100.0 / d.ky, d.kx / d.ky);
    std::size_t nb = std::min<std::size_t>(pts.size(), 200'000);
    row(v, "naive bucket grid (100 m buckets, bbox + contains)", nb,
        rate(pts, nb, 3, [&](geo::Point p, auto& g, auto z) { return naive.lookup(p, g, z); }), base);
    RtreeIndex rtree(grids, zones);
    row(v, "Boost.Geometry R*-tree of bboxes + contains", nb,
        rate(pts, nb, 3, [&](geo::Point p, auto& g, auto z) { return rtree.lookup(p, g, z); }), base);
    LinearScan scan(grids, zones);
    std::size_t nl = std::min<std::size_t>(pts.size(), 3'000);
    row(v, "linear scan of bboxes + contains", nl,
        rate(pts, nl, 1, [&](geo::Point p, auto& g, auto z) { return scan.lookup(p, g, z); }), base);

    std::size_t bad = mismatches(*s, naive, pts, pts.size()) + mismatches(*s, scan, pts, nl);
    std::size_t with_grid = 0, zone_hits = 0;
    for (geo::Point p : pts) {
      geo::Hit h = s->lookup(p);
      with_grid += h.grid_id.has_value(), zone_hits += h.zone_ids.size();
    }
    char hits[160];
    std::snprintf(hits, sizeof hits, "%d-vertex grids: %.1f %% of points in a grid, %.2f zones per point on average", v,
                  100.0 * with_grid / pts.size(), double(zone_hits) / pts.size());
    notes.push_back(hits);
    char note[512];
    std::snprintf(note, sizeof note,
                  "%d-vertex grids: index build %.0f ms CPU (best of 3) for %zu areas; %.1f MB; buckets %zux%zu of %.0f m; "
                  "%zu items, %zu edges, %zu buckets answered directly; grids parsed at %.0f/s; "
                  "answers differing from the baselines: %zu of %zu",
                  v, build_s * 1e3, st.grids + st.zones, st.bytes / 1048576.0, st.cells_x, st.cells_y, st.cell_w_m,
                  st.items, st.edges, st.direct_cells, grids.size() / grid_parse_s, bad, pts.size() + nl);
    notes.push_back(note);

    if (opt.sweep) {
      for (double cpe : {0.125, 0.25, 0.5, 1.0, 2.0}) {
        geo::IndexOptions io;
        io.cells_per_edge = cpe;
        double c0 = thread_cpu_seconds();
        auto sw = geo::IndexSnapshot::build(grids, zones, io);
        double b = thread_cpu_seconds() - c0;
        Rate r = rate(pts, pts.size(), 3, [&](geo::Point p, auto& g, auto z) { return sw->lookup_into(p, g, z); });
        Rate rb = rate_batch(*sw, pts, 3);
        char n2[256];
        geo::IndexStats ss = sw->stats();
        std::snprintf(n2, sizeof n2, "sweep %d vertices, cells_per_edge %.3g: lookup_into %s, lookup_batch %s, %.1f MB "
                      "(%zu buckets, %zu items, %zu edges), bucket %.1f m, build %.0f ms CPU",
                      v, cpe, fmt_rate(r.cpu).c_str(), fmt_rate(rb.cpu).c_str(), ss.bytes / 1048576.0,
                      ss.cells_x * ss.cells_y, ss.items, ss.edges, ss.cell_w_m, b * 1e3);
        notes.push_back(n2);
      }
    }
  }
  std::printf("\n");
  for (const auto& n : notes) std::printf("- %s\n", n.c_str());
}

}  // namespace
}  // namespace envgrid::bench

int main(int argc, char** argv) {
  envgrid::bench::Options opt;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error("missing value after " + a);
      return argv[++i];
    };
    if (a == "--vertices") {
      opt.vertices.clear();
      std::string list = next();
      for (std::size_t p = 0; p < list.size();) {
        std::size_t q = list.find(',', p);
        opt.vertices.push_back(std::stoi(list.substr(p, q - p)));
        p = q == std::string::npos ? list.size() : q + 1;
      }
    } else if (a == "--points") opt.points = std::stoul(next());
    else if (a == "--threads") opt.threads = std::stoi(next());
    else if (a == "--sweep") opt.sweep = true;
    else if (a == "--dump") opt.dump = next();
    else if (a == "--dump-only") opt.dump = next(), opt.dump_only = true;
    else {
      std::fprintf(stderr, "usage: %s [--vertices 16,64,256] [--points N] [--threads N] [--sweep] [--dump DIR | --dump-only DIR]\n", argv[0]);
      return 2;
    }
  }
  for (int v : opt.vertices)
    if (v < 4 || v % 4) return std::fprintf(stderr, "--vertices: multiples of 4 only\n"), 2;
  envgrid::bench::run(opt);
  return 0;
}
