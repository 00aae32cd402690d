// The demo town: regions, units, users and grids, and the transaction around all steps.
#include <boost/json.hpp>
#include <stdexcept>

#include "core/crypto.hpp"
#include "demo/town_builder.hpp"
#include "geo/geojson.hpp"
#include "store/accounts.hpp"
#include "store/territory.hpp"

namespace envgrid::demo {

namespace json = boost::json;

namespace {

struct DemoUser {
  const char* username;
  const char* role;
  const char* name;
  const char* unit;  // unit code, "" for none
};

// One login per role; two grid workers and three unit handlers (two departments, one
// community) so scoping can be seen. role_user in the API tests takes the first per role.
const DemoUser kUsers[] = {
    {"admin", "admin", "赵磊", "ZHZX"},
    {"dispatcher", "dispatcher", "李娜", "ZHZX"},
    {"inspector", "inspector", "孙卫东", "JD"},
    {"grid1", "grid_worker", "王秀英", "370302010001"},
    {"grid2", "grid_worker", "刘海涛", "370302010201"},
    {"chengguan", "unit_handler", "陈志强", "CGZD"},
    {"huanwei", "unit_handler", "杨桂兰", "HWS"},
    {"shequ", "unit_handler", "周丽娟", "370302010001"},
    {"leader", "leader", "吴德明", "JD"},
    {"viewer", "viewer", "郑立新", ""},
};

struct DemoUnit {
  const char* code;
  const char* name;
  const char* type;
  const char* parent;
  const char* handles;
};

const DemoUnit kDepartments[] = {
    {"ZHZX", "街道综合指挥中心", "command", "JD", ""},
    {"CGZD", "城管执法中队", "team", "JD", "城管"},
    {"HWS", "环卫所", "agency", "JD", "环卫"},
    {"ZJB", "住建办", "department", "JD", "住建"},
    {"SCJGS", "市场监管所", "agency", "JD", "市场监管"},
    {"JJZD", "交警中队", "team", "", "交警"},
    {"SWZ", "水务站", "agency", "JD", "水务"},
    {"YLS", "园林绿化所", "agency", "JD", "园林"},
    {"HBS", "生态环境监管所", "agency", "", "生态环境"},
    {"PCS", "派出所", "agency", "", "公安"},
    {"QY-LZNC", "鲁中耐火材料有限公司", "enterprise", "", ""},
    {"QY-ZCRD", "淄川热电有限公司", "enterprise", "", ""},
    {"QY-JSJC", "金石建材有限公司", "enterprise", "", ""},
    {"XM-FHC3", "凤凰城三期项目部", "enterprise", "", ""},
};

struct Community {
  const char* code;  // 12-digit region code, also the unit code
  const char* name;
  const char* unit_name;
  const char* level;
};

const Community kCommunityList[kCommunities] = {
    {"370302010001", "文峰社区", "文峰社区居委会", "community"},
    {"370302010002", "凤凰社区", "凤凰社区居委会", "community"},
    {"370302010201", "孝水村", "孝水村村委会", "village"},
    {"370302010202", "山川村", "山川村村委会", "village"},
};

std::int64_t add_unit(Builder& b, const std::string& code, const std::string& name, const std::string& type,
                      const std::string& parent, std::optional<std::int64_t> region, const std::string& handles) {
  store::UnitRow u;
  u.code = code;
  u.name = name;
  u.type = type;
  if (!parent.empty()) u.parent_id = b.units.at(parent);
  u.region_id = region;
  u.principal = b.person();
  u.phone = b.phone();
  u.handles = handles;
  auto id = store::insert_unit(b.c, b.tenant, u);
  b.units[code] = id;
  ++b.sum.units;
  return id;
}

}  // namespace

std::string Builder::person() {
  static const char* family[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                 "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"};
  static const char* given[] = {"建国", "秀英", "志强", "丽娟", "海涛", "桂兰", "德明", "红梅", "立新", "文静",
                                "振华", "春燕", "国庆", "晓东", "玉兰", "永刚", "淑珍", "宏伟", "凤英", "卫东"};
  return std::string(family[rng.below(20)]) + given[rng.below(20)];
}

std::string Builder::phone() {
  static const char* prefix[] = {"138", "139", "150", "151", "158", "186", "187", "133", "177", "135"};
  std::string p = prefix[rng.below(10)];
  for (int i = 0; i < 8; ++i) p += static_cast<char>('0' + rng.below(10));
  return p;
}

json::value polygon_json(const std::vector<Xy>& ring) {
  json::array coords;
  for (auto p : ring) {
    auto g = to_lnglat(p);
    coords.push_back(json::array{g.lng, g.lat});
  }
  return json::object{{"type", "Polygon"}, {"coordinates", json::array{coords}}};
}

json::value line_json(const std::vector<Xy>& pts) {
  json::array coords;
  for (auto p : pts) {
    auto g = to_lnglat(p);
    coords.push_back(json::array{g.lng, g.lat});
  }
  return json::object{{"type", "LineString"}, {"coordinates", std::move(coords)}};
}

json::value point_json(Xy p) {
  auto g = to_lnglat(p);
  return json::object{{"type", "Point"}, {"coordinates", json::array{g.lng, g.lat}}};
}

void build_units(Builder& b) {
  auto region = [&](const std::string& code, const std::string& name, const std::string& level,
                    std::optional<std::int64_t> parent) {
    ++b.sum.regions;
    return store::insert_region(b.c, b.tenant, {0, code, name, level, parent});
  };
  const auto county = region("370302000000", "淄川区", "county", std::nullopt);
  const auto street = region("370302010000", "示范街道", "street", county);
  add_unit(b, "JD", "示范街道办事处", "street", "", street, "");
  for (const auto& d : kDepartments) add_unit(b, d.code, d.name, d.type, d.parent, std::nullopt, d.handles);
  for (const auto& cm : kCommunityList) {
    const auto r = region(cm.code, cm.name, cm.level, street);
    // Territorial units handle what happens in their own territory (社区 categories).
    add_unit(b, cm.code, cm.unit_name, cm.level, "JD", r, "社区");
    b.community_code.push_back(cm.code);
    b.community_name.push_back(cm.name);
  }
  b.c.query("UPDATE tenants SET name = ? WHERE id = ?", {std::string("淄川区（演示）"), b.tenant});
}

void build_users(Builder& b, const std::vector<std::pair<Login, std::string>>& hashed) {
  for (size_t i = 0; i < hashed.size(); ++i) {
    const auto& [login, hash] = hashed[i];
    store::NewUser u;
    u.tenant_id = b.tenant;
    u.username = login.username;
    u.display_name = login.display_name;
    u.password_hash = hash;
    u.phone = b.phone();
    if (*kUsers[i].unit) u.unit_id = b.units.at(kUsers[i].unit);
    u.roles = {login.role};
    b.users[login.username] = store::insert_user(b.c, u, b.now);
  }
}

void build_grids(Builder& b) {
  std::vector<int> seq(kCommunities, 0);
  b.grids_of.assign(kCommunities, {});
  for (const auto& shape : b.plan.grids) {
    const int k = shape.community;
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%03d", ++seq[k]);
    store::GridRow g;
    g.code = b.community_code[k] + suffix;
    g.name = b.community_name[k] + "第" + std::string(suffix + 1) + "网格";
    g.community_unit_id = b.units.at(b.community_code[k]);
    g.region_id = store::find_region(b.c, b.tenant, b.community_code[k])->id;
    g.leader_user_id = b.users.at("leader");
    if (k == 0 && seq[k] <= 8) g.worker_ids = {b.users.at("grid1")};
    if (k == 2 && seq[k] <= 8) g.worker_ids = {b.users.at("grid2")};
    auto area = geo::parse_area(polygon_json(shape.ring));
    if (!area) throw std::runtime_error("演示网格图形无效: " + g.name + ": " + area.error().detail);
    g.geometry = json::serialize(geo::to_geojson(*area));
    b.grids_of[k].push_back(store::insert_grid(b.c, b.tenant, g));
    ++b.sum.grids;
  }
}

std::string role_label(const std::string& role) {
  if (role == "admin") return "系统管理员";
  if (role == "dispatcher") return "受理派遣员";
  if (role == "inspector") return "督查员";
  if (role == "grid_worker") return "网格员";
  if (role == "unit_handler") return "责任单位处置人员";
  if (role == "leader") return "领导";
  if (role == "viewer") return "上级观察员";
  return role;
}

std::optional<Summary> build_town(store::Database& db, std::int64_t tenant, core::Millis now) {
  const bool has_grids =
      db.read([&](store::Conn& c) { return c.first("SELECT 1 FROM grids WHERE tenant_id = ? LIMIT 1", {tenant}).has_value(); });
  if (has_grids) return std::nullopt;
  // Argon2id is slow by design: hash before taking the writer.
  std::vector<std::pair<Login, std::string>> hashed;
  for (const auto& u : kUsers) {
    Login l{u.username, std::string("demo-") + u.username, u.role, u.name};
    hashed.emplace_back(l, core::hash_password(l.password));
  }
  return db.write([&](store::Conn& c) -> std::optional<Summary> {
    // Checked again inside the transaction: two demo runs at once must not both build.
    if (c.first("SELECT 1 FROM grids WHERE tenant_id = ? LIMIT 1", {tenant})) return std::nullopt;
    Builder b{c, tenant, now, Rng(20240913), {}, {}, {}, {}, {}, {}, {}, {}, {}, {}};
    b.plan = plan_town(b.rng);
    build_units(b);
    build_users(b, hashed);
    build_grids(b);
    build_zones(b);
    build_merchants(b);
    build_assignments(b);
    json::array logins;
    for (const auto& [l, hash] : hashed) {
      b.sum.logins.push_back(l);
      logins.push_back(json::object{{"username", l.username}, {"password", l.password}, {"role", l.role},
                                    {"display_name", l.display_name}});
    }
    store::put_setting(c, tenant, "demo_logins", json::serialize(logins), now);
    return b.sum;
  });
}

}  // namespace envgrid::demo
