#include "media/exif.hpp"

#include <libexif/exif-data.h>
#include <libexif/exif-utils.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace envgrid::media::detail {

namespace {

constexpr std::string_view kExifHeader("Exif\0\0", 6);

struct ExifDataDeleter {
  void operator()(ExifData* d) const { exif_data_unref(d); }
};
using ExifPtr = std::unique_ptr<ExifData, ExifDataDeleter>;

// A fresh ExifData that neither "fixes" what it loads nor adds tags when saving: left
// on, libexif fills in mandatory tags, DateTime among them, with the current time.
ExifPtr new_exif_data() {
  ExifPtr d(exif_data_new());
  if (d) exif_data_unset_option(d.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  return d;
}

// ---- reading ----

std::optional<std::string> ascii(ExifContent* ifd, ExifTag tag) {
  ExifEntry* e = ifd ? exif_content_get_entry(ifd, tag) : nullptr;
  if (!e || !e->data || e->format != EXIF_FORMAT_ASCII) return std::nullopt;
  std::string s(reinterpret_cast<const char*>(e->data), e->size);
  if (auto nul = s.find('\0'); nul != std::string::npos) s.resize(nul);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  if (s.empty()) return std::nullopt;
  return s;
}

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// "YYYY:MM:DD HH:MM:SS" (also "YYYY-MM-DD" and a "T") → the wall-clock time as if UTC.
std::optional<core::Millis> parse_exif_datetime(std::string_view s) {
  int y, mo, d, h, mi, se;
  if (s.size() < 19 || !digits(s, 0, 4, y) || !digits(s, 5, 2, mo) || !digits(s, 8, 2, d) || !digits(s, 11, 2, h) ||
      !digits(s, 14, 2, mi) || !digits(s, 17, 2, se))
    return std::nullopt;
  if ((s[4] != ':' && s[4] != '-') || s[7] != s[4] || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':')
    return std::nullopt;
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 60) return std::nullopt;
  const core::Date date{y, mo, d};
  if (core::civil_from_days(core::days_from_civil(date)) != date) return std::nullopt;  // 2024-02-30
  return core::days_from_civil(date) * core::kDay + h * core::kHour + mi * core::kMinute +
         std::min(se, 59) * core::kSecond;
}

// "+08:00" / "-05:30" → minutes east of UTC.
std::optional<int> parse_offset(std::string_view s) {
  int h, m;
  if (s.size() < 6 || (s[0] != '+' && s[0] != '-') || !digits(s, 1, 2, h) || s[3] != ':' || !digits(s, 4, 2, m) ||
      h > 14 || m > 59)
    return std::nullopt;
  return (s[0] == '-' ? -1 : 1) * (h * 60 + m);
}

int subsec_millis(std::optional<std::string> s) {
  if (!s) return 0;
  int ms = 0, n = 0;
  for (char c : *s) {
    if (c < '0' || c > '9') break;
    if (n < 3) ms = ms * 10 + (c - '0');
    ++n;
  }
  if (n == 0) return 0;
  for (; n < 3; ++n) ms *= 10;
  return ms;
}

std::optional<core::Millis> taken_at(ExifData* d) {
  ExifContent* exif = d->ifd[EXIF_IFD_EXIF];
  ExifContent* ifd0 = d->ifd[EXIF_IFD_0];
  struct Source {
    ExifContent* ifd;
    ExifTag time, offset, subsec;
  };
  const Source sources[] = {
      {exif, EXIF_TAG_DATE_TIME_ORIGINAL, EXIF_TAG_OFFSET_TIME_ORIGINAL, EXIF_TAG_SUB_SEC_TIME_ORIGINAL},
      {ifd0, EXIF_TAG_DATE_TIME_ORIGINAL, EXIF_TAG_OFFSET_TIME_ORIGINAL, EXIF_TAG_SUB_SEC_TIME_ORIGINAL},  // misplaced
      {ifd0, EXIF_TAG_DATE_TIME, EXIF_TAG_OFFSET_TIME, EXIF_TAG_SUB_SEC_TIME},
  };
  for (const Source& src : sources) {
    auto text = ascii(src.ifd, src.time);
    if (!text) continue;
    auto wall = parse_exif_datetime(*text);
    if (!wall) continue;
    std::optional<int> offset;
    if (auto o = ascii(exif, src.offset)) offset = parse_offset(*o);
    const int minutes = offset.value_or(static_cast<int>(core::kShanghaiOffset / core::kMinute));
    return *wall + subsec_millis(ascii(exif, src.subsec)) - minutes * core::kMinute;
  }
  return std::nullopt;
}

std::optional<double> gps_degrees(ExifData* d, ExifTag value_tag, ExifTag ref_tag, char negative_ref, double max) {
  ExifContent* gps = d->ifd[EXIF_IFD_GPS];
  ExifEntry* e = gps ? exif_content_get_entry(gps, value_tag) : nullptr;
  if (!e || !e->data || e->format != EXIF_FORMAT_RATIONAL || e->components < 1 || e->components > 3 ||
      e->size < 8 * e->components)
    return std::nullopt;
  const ExifByteOrder order = exif_data_get_byte_order(d);
  double deg = 0, scale = 1;
  for (unsigned i = 0; i < e->components; ++i) {
    const ExifRational r = exif_get_rational(e->data + 8 * i, order);
    if (r.denominator == 0) return std::nullopt;
    const double part = static_cast<double>(r.numerator) / r.denominator;
    if (i > 0 && part >= 60.0) return std::nullopt;
    deg += part / scale;
    scale *= 60;
  }
  if (!std::isfinite(deg) || deg > max) return std::nullopt;
  if (auto ref = ascii(gps, ref_tag); ref && ((*ref)[0] == negative_ref || (*ref)[0] == negative_ref + 32)) deg = -deg;
  return deg;
}

int orientation(ExifData* d) {
  ExifEntry* e = d->ifd[EXIF_IFD_0] ? exif_content_get_entry(d->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION) : nullptr;
  if (!e || !e->data || e->format != EXIF_FORMAT_SHORT || e->size < 2) return 1;
  const int o = exif_get_short(e->data, exif_data_get_byte_order(d));
  return o >= 1 && o <= 8 ? o : 1;
}

}  // namespace

ExifFacts read_exif(std::string_view block) {
  ExifFacts facts;
  std::string owned;
  if (auto at = block.substr(0, 16).find(kExifHeader); at != std::string_view::npos) {
    block.remove_prefix(at);
  } else if (block.starts_with(std::string_view("II*\0", 4)) || block.starts_with(std::string_view("MM\0*", 4))) {
    owned.assign(kExifHeader);  // bare TIFF, as in a PNG eXIf chunk
    owned.append(block);
    block = owned;
  } else {
    return facts;
  }
  ExifPtr d = new_exif_data();
  if (!d) return facts;
  exif_data_load_data(d.get(), reinterpret_cast<const unsigned char*>(block.data()),
                      static_cast<unsigned>(block.size()));
  facts.taken_at = taken_at(d.get());
  auto lat = gps_degrees(d.get(), static_cast<ExifTag>(EXIF_TAG_GPS_LATITUDE),
                         static_cast<ExifTag>(EXIF_TAG_GPS_LATITUDE_REF), 'S', 90);
  auto lng = gps_degrees(d.get(), static_cast<ExifTag>(EXIF_TAG_GPS_LONGITUDE),
                         static_cast<ExifTag>(EXIF_TAG_GPS_LONGITUDE_REF), 'W', 180);
  if (lat && lng && !(*lat == 0 && *lng == 0)) {
    facts.lat = lat;
    facts.lng = lng;
  }
  facts.orientation = orientation(d.get());
  return facts;
}

// ---- writing ----

namespace {

ExifEntry* add_entry(ExifData* d, ExifIfd ifd, ExifTag tag, ExifFormat format, unsigned components) {
  ExifMem* mem = exif_mem_new_default();
  ExifEntry* e = exif_entry_new_mem(mem);
  const unsigned size = exif_format_get_size(format) * components;
  e->data = static_cast<unsigned char*>(exif_mem_alloc(mem, size));
  std::memset(e->data, 0, size);
  e->size = size;
  e->tag = tag;
  e->format = format;
  e->components = components;
  exif_content_add_entry(d->ifd[ifd], e);  // the IFD now holds the reference
  exif_entry_unref(e);
  exif_mem_unref(mem);
  return e;
}

void add_ascii(ExifData* d, ExifIfd ifd, ExifTag tag, std::string_view s) {
  ExifEntry* e = add_entry(d, ifd, tag, EXIF_FORMAT_ASCII, static_cast<unsigned>(s.size() + 1));
  std::memcpy(e->data, s.data(), s.size());
}

void add_short(ExifData* d, ExifIfd ifd, ExifTag tag, int v) {
  exif_set_short(add_entry(d, ifd, tag, EXIF_FORMAT_SHORT, 1)->data, exif_data_get_byte_order(d),
                 static_cast<ExifShort>(v));
}

void add_rationals(ExifData* d, ExifIfd ifd, ExifTag tag, std::initializer_list<ExifRational> values) {
  ExifEntry* e = add_entry(d, ifd, tag, EXIF_FORMAT_RATIONAL, static_cast<unsigned>(values.size()));
  unsigned i = 0;
  for (const ExifRational& r : values) exif_set_rational(e->data + 8 * i++, exif_data_get_byte_order(d), r);
}

void add_bytes(ExifData* d, ExifIfd ifd, ExifTag tag, ExifFormat format, std::string_view bytes) {
  ExifEntry* e = add_entry(d, ifd, tag, format, static_cast<unsigned>(bytes.size()));
  std::memcpy(e->data, bytes.data(), bytes.size());
}

std::string two(int v) { return {static_cast<char>('0' + v / 10 % 10), static_cast<char>('0' + v % 10)}; }

std::string exif_datetime(core::Millis t, int offset_minutes) {
  const core::Millis local = t + offset_minutes * core::kMinute;
  const std::int64_t days = local >= 0 ? local / core::kDay : -((-local + core::kDay - 1) / core::kDay);
  const core::Date date = core::civil_from_days(days);
  const core::Millis rest = local - days * core::kDay;
  return std::to_string(date.year) + ":" + two(date.month) + ":" + two(date.day) + " " +
         two(static_cast<int>(rest / core::kHour)) + ":" + two(static_cast<int>(rest / core::kMinute % 60)) + ":" +
         two(static_cast<int>(rest / core::kSecond % 60));
}

std::string offset_text(int minutes) {
  const int a = std::abs(minutes);
  return std::string(minutes < 0 ? "-" : "+") + two(a / 60) + ":" + two(a % 60);
}

// Degrees, minutes and seconds to 1/10 000 of a second (about 3 mm).
void add_gps_coordinate(ExifData* d, int value_tag, int ref_tag, double v, char pos, char neg) {
  add_ascii(d, EXIF_IFD_GPS, static_cast<ExifTag>(ref_tag), std::string(1, v < 0 ? neg : pos));
  const long long total = std::llround(std::fabs(v) * 3600.0 * 10000.0);
  const auto deg = static_cast<ExifLong>(total / (3600LL * 10000));
  const auto min = static_cast<ExifLong>(total / (60LL * 10000) % 60);
  const auto sec = static_cast<ExifLong>(total % (60LL * 10000));
  add_rationals(d, EXIF_IFD_GPS, static_cast<ExifTag>(value_tag), {{deg, 1}, {min, 1}, {sec, 10000}});
}

}  // namespace

std::string build_exif(const ExifTags& tags) {
  ExifPtr d = new_exif_data();
  ExifData* ed = d.get();
  exif_data_set_byte_order(ed, EXIF_BYTE_ORDER_INTEL);
  exif_data_set_data_type(ed, EXIF_DATA_TYPE_COMPRESSED);

  add_ascii(ed, EXIF_IFD_0, EXIF_TAG_MAKE, tags.make);
  add_ascii(ed, EXIF_IFD_0, EXIF_TAG_MODEL, tags.model);
  add_short(ed, EXIF_IFD_0, EXIF_TAG_ORIENTATION, tags.orientation);
  add_rationals(ed, EXIF_IFD_0, EXIF_TAG_X_RESOLUTION, {{72, 1}});
  add_rationals(ed, EXIF_IFD_0, EXIF_TAG_Y_RESOLUTION, {{72, 1}});
  add_short(ed, EXIF_IFD_0, EXIF_TAG_RESOLUTION_UNIT, 2);
  add_bytes(ed, EXIF_IFD_EXIF, EXIF_TAG_EXIF_VERSION, EXIF_FORMAT_UNDEFINED, "0231");  // 2.31 brought OffsetTime*
  if (tags.taken_at) {
    const std::string when = exif_datetime(*tags.taken_at, tags.utc_offset_minutes);
    add_ascii(ed, EXIF_IFD_0, EXIF_TAG_DATE_TIME, when);
    add_ascii(ed, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, when);
    add_ascii(ed, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_DIGITIZED, when);
    if (const core::Millis ms = ((*tags.taken_at % 1000) + 1000) % 1000; ms != 0) {
      const std::string sub = std::to_string(1000 + ms).substr(1);  // "007"
      add_ascii(ed, EXIF_IFD_EXIF, EXIF_TAG_SUB_SEC_TIME, sub);
      add_ascii(ed, EXIF_IFD_EXIF, EXIF_TAG_SUB_SEC_TIME_ORIGINAL, sub);
      add_ascii(ed, EXIF_IFD_EXIF, EXIF_TAG_SUB_SEC_TIME_DIGITIZED, sub);
    }
    if (tags.write_offset) {
      const std::string off = offset_text(tags.utc_offset_minutes);
      add_ascii(ed, EXIF_IFD_EXIF, EXIF_TAG_OFFSET_TIME, off);
      add_ascii(ed, EXIF_IFD_EXIF, EXIF_TAG_OFFSET_TIME_ORIGINAL, off);
      add_ascii(ed, EXIF_IFD_EXIF, EXIF_TAG_OFFSET_TIME_DIGITIZED, off);
    }
  }
  if (tags.lat && tags.lng) {
    add_bytes(ed, EXIF_IFD_GPS, static_cast<ExifTag>(EXIF_TAG_GPS_VERSION_ID), EXIF_FORMAT_BYTE,
              std::string_view("\2\3\0\0", 4));
    add_gps_coordinate(ed, EXIF_TAG_GPS_LATITUDE, EXIF_TAG_GPS_LATITUDE_REF, *tags.lat, 'N', 'S');
    add_gps_coordinate(ed, EXIF_TAG_GPS_LONGITUDE, EXIF_TAG_GPS_LONGITUDE_REF, *tags.lng, 'E', 'W');
    add_ascii(ed, EXIF_IFD_GPS, static_cast<ExifTag>(EXIF_TAG_GPS_MAP_DATUM), "WGS-84");
  }

  unsigned char* buf = nullptr;
  unsigned int size = 0;
  exif_data_save_data(ed, &buf, &size);
  std::string out(reinterpret_cast<const char*>(buf), size);
  std::free(buf);
  return out;
}

std::optional<std::string> insert_exif(std::string_view jpeg, std::string_view block) {
  if (block.size() + 2 > 0xFFFF || jpeg.size() < 2) return std::nullopt;
  std::size_t at = 2;  // after SOI
  if (jpeg.size() >= at + 4 && static_cast<unsigned char>(jpeg[at]) == 0xFF &&
      static_cast<unsigned char>(jpeg[at + 1]) == 0xE0)  // JFIF APP0 stays first
    at += 2 + ((static_cast<unsigned char>(jpeg[at + 2]) << 8) | static_cast<unsigned char>(jpeg[at + 3]));
  if (at > jpeg.size()) return std::nullopt;
  const std::size_t len = block.size() + 2;
  std::string out;
  out.reserve(jpeg.size() + len + 2);
  out.append(jpeg.substr(0, at));
  out.push_back('\xFF');
  out.push_back('\xE1');
  out.push_back(static_cast<char>(len >> 8));
  out.push_back(static_cast<char>(len & 0xFF));
  out.append(block);
  out.append(jpeg.substr(at));
  return out;
}

}  // namespace envgrid::media::detail
