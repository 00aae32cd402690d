#include "test_util.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vips/vips8>
#include <zip.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>

namespace envgrid::exporter::test {
namespace fs = std::filesystem;

namespace {

// The LibreOffice profile of this test process, removed at exit.
struct LoProfile {
  fs::path dir = fs::temp_directory_path() / ("lo-envgrid-" + std::to_string(getpid()));
  ~LoProfile() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

// Scratch directories of this test process, removed at exit.
struct Scratch {
  std::vector<fs::path> dirs;
  ~Scratch() {
    std::error_code ec;
    for (const fs::path& d : dirs) fs::remove_all(d, ec);
  }
};

}  // namespace

std::string make_jpeg(int w, int h, double r, double g, double b, const std::string& label) {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("unit_export")) vips_error_exit(nullptr);
  });
  using vips::VImage;
  VImage img = VImage::black(w, h).new_from_image(std::vector<double>{r, g, b});
  if (!label.empty()) {
    VImage mask = VImage::text(label.c_str(), VImage::option()
                                                   ->set("font", "Noto Sans CJK SC Bold")
                                                   ->set("width", w * 3 / 4)
                                                   ->set("height", h / 4));
    const int x = (w - mask.width()) / 2, y = (h - mask.height()) / 2;
    mask = mask.embed(x, y, w, h);
    img = mask.ifthenelse(std::vector<double>{255, 255, 255}, img,
                          VImage::option()->set("blend", true));
  }
  void* buf = nullptr;
  size_t size = 0;
  img.cast(VIPS_FORMAT_UCHAR).write_to_buffer(".jpg", &buf, &size,
                                               VImage::option()->set("Q", 80));
  std::string out(static_cast<const char*>(buf), size);
  g_free(buf);
  return out;
}

fs::path artifacts_dir() {
  fs::path dir = fs::path(ENVGRID_SOURCE_DIR) / "tests" / "artifacts" / "export";
  fs::create_directories(dir);
  return dir;
}

fs::path scratch_dir(const std::string& tag) {
  fs::path dir = fs::temp_directory_path() /
                 ("envgrid-export-" + std::to_string(getpid()) + "-" + tag);
  static Scratch scratch;
  fs::remove_all(dir);
  fs::create_directories(dir);
  scratch.dirs.push_back(dir);
  return dir;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

static zip_t* open_zip(const std::string& bytes, zip_source_t** src) {
  zip_error_t ze;
  zip_error_init(&ze);
  *src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &ze);
  zip_t* za = *src ? zip_open_from_source(*src, ZIP_RDONLY, &ze) : nullptr;
  if (!za && *src) zip_source_free(*src);
  zip_error_fini(&ze);
  return za;
}

std::optional<std::string> zip_entry(const std::string& archive, const std::string& name) {
  zip_source_t* src = nullptr;
  zip_t* za = open_zip(archive, &src);
  if (!za) return std::nullopt;
  std::optional<std::string> out;
  zip_stat_t st;
  if (zip_stat(za, name.c_str(), 0, &st) == 0) {
    if (zip_file_t* f = zip_fopen(za, name.c_str(), 0)) {
      std::string data(st.size, '\0');
      if (zip_fread(f, data.data(), st.size) == static_cast<zip_int64_t>(st.size)) out = data;
      zip_fclose(f);
    }
  }
  zip_close(za);
  return out;
}

std::vector<std::string> zip_names(const std::string& archive) {
  std::vector<std::string> names;
  zip_source_t* src = nullptr;
  zip_t* za = open_zip(archive, &src);
  if (!za) return names;
  const zip_int64_t n = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; i < n; ++i) names.emplace_back(zip_get_name(za, i, 0));
  zip_close(za);
  return names;
}

int run(const std::string& command, std::string* output) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  std::array<char, 4096> buf;
  std::string out;
  while (std::size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  const int status = pclose(pipe);
  if (output) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

fs::path soffice_convert(const fs::path& in, const std::string& filter,
                         const std::string& out_ext, const fs::path& out_dir, const std::string& infilter) {
  static LoProfile profile;
  std::string out;
  EXPECT_EQ(run("command -v soffice", &out), 0) << "LibreOffice (soffice) is required";
  // The 公文 fonts resolve to serif Noto CJK as they would to 仿宋/小标宋 on a PC.
  const std::string fonts = std::string(ENVGRID_SOURCE_DIR) +
                            "/src/export/fontconfig/envgrid-fonts.conf";
  const std::string cmd = "FONTCONFIG_FILE='" + fonts +
                          "' timeout 180 soffice -env:UserInstallation=file://" +
                          profile.dir.string() + " --headless --norestore " +
                          (infilter.empty() ? "" : "--infilter='" + infilter + "' ") + "--convert-to '" +
                          filter + "' --outdir '" + out_dir.string() + "' '" + in.string() + "'";
  const int rc = run(cmd, &out);
  const fs::path produced = out_dir / (in.stem().string() + "." + out_ext);
  EXPECT_EQ(rc, 0) << cmd << "\n" << out;
  EXPECT_TRUE(fs::exists(produced)) << cmd << "\n" << out;
  return produced;
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') { quoted = true; any = true; }
    else if (c == ',') { rows.back().push_back(field); field.clear(); any = true; }
    else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
      any = false;
    } else { field += c; any = true; }
  }
  if (any || !field.empty()) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

}  // namespace envgrid::exporter::test
