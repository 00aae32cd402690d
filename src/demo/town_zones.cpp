// The demo town's zones (roads, river, frontage, sites, places), merchants and 包保.
#include <boost/json.hpp>
#include <cmath>
#include <stdexcept>

#include "demo/town_builder.hpp"
#include "geo/geojson.hpp"
#include "store/territory.hpp"

namespace envgrid::demo {

namespace json = boost::json;

std::int64_t Builder::add_zone(const std::string& code, const std::string& name, const std::string& kind,
                               const json::value& geometry, double buffer_m, json::object attrs,
                               const std::vector<ZoneDuty>& duties) {
  auto area = geo::parse_area(geometry, buffer_m);
  if (!area) throw std::runtime_error("演示责任区图形无效: " + name + ": " + area.error().detail);
  store::ZoneRow z;
  z.code = code;
  z.name = name;
  z.kind = kind;
  const auto& type = geometry.as_object().at("type");
  z.geometry = type == "Polygon" && buffer_m == 0 ? json::serialize(geo::to_geojson(*area)) : json::serialize(geometry);
  z.buffer_m = buffer_m;
  z.attrs = json::serialize(attrs);
  for (const auto& d : duties) z.units.push_back({units.at(d.unit_code), person(), d.duty, ""});
  auto id = store::insert_zone(c, tenant, z);
  zones[code] = id;
  ++sum.zones;
  return id;
}

namespace {

json::array duty_list(bool five) {
  json::array a{"包卫生", "包秩序", "包绿化"};
  if (five) {
    a.emplace_back("包设施");
    a.emplace_back("包市容");
  }
  return a;
}

// Strips along the shopping streets, clear of the crossings, alternating sides.
void frontage_zones(Builder& b) {
  struct Street {
    const char* code;
    int per_side;
    bool five;
  };
  const Street streets[] = {{"road-wenfeng", 6, true}, {"road-fenghuang", 4, true}, {"road-jiangjun", 5, true},
                            {"road-xiaoshui", 3, false}, {"road-wenhong", 2, true}};
  std::vector<Road> all = b.plan.roads;
  all.push_back(b.plan.river);
  for (const auto& s : streets) {
    const Road* road = nullptr;
    for (const auto& r : b.plan.roads)
      if (r.code == s.code) road = &r;
    const auto cross = crossings(*road, all);
    const std::string short_code = std::string(s.code).substr(5);
    for (int side : {1, -1}) {
      const std::string side_label = road->east_west ? (side > 0 ? "北侧" : "南侧") : (side > 0 ? "西侧" : "东侧");
      int made = 0;
      for (double t = road->t0 + 60 + (side > 0 ? 0 : 65); t + 100 < road->t1 && made < s.per_side; t += 260) {
        bool clear = true;
        for (double x : cross) clear = clear && (x < t - 45 || x > t + 145);
        if (!clear) continue;
        ++made;
        char seq[16];
        std::snprintf(seq, sizeof seq, "%02d", made);
        const double a = road->half_width + 2, w = 28;
        auto ring = strip(*road, t, t + 100, side, a, a + w);
        json::object attrs{{"duty_scheme", s.five ? "门前五包" : "门前三包"}, {"duties", duty_list(s.five)}};
        auto id = b.add_zone("fr-" + short_code + (side > 0 ? "-l" : "-r") + seq,
                             road->name + side_label + "门前责任区" + seq, "frontage", polygon_json(ring), 0, attrs,
                             {{"CGZD", s.five ? "门前五包监管" : "门前三包监管"}});
        b.frontages.push_back({id, road, t, t + 100, side, a + w / 2, duty_list(s.five)});
      }
    }
  }
}

}  // namespace

void build_zones(Builder& b) {
  for (const auto& r : b.plan.roads) {
    const bool main = r.half_width >= 15;
    b.add_zone(r.code, r.name, "road", line_json(r.centreline()), r.half_width,
               {{"road_class", main ? "主干道" : "次干道"}, {"length_m", std::round(r.t1 - r.t0)}},
               {{"CGZD", "路长"}, {"HWS", "保洁责任单位"}});
  }
  const Road& river = b.plan.river;
  b.add_zone(river.code, river.name, "river", line_json(river.centreline(50)), river.half_width,
             {{"length_m", std::round(river.t1 - river.t0)}}, {{"SWZ", "河长"}, {"HWS", "河道保洁"}});
  frontage_zones(b);

  b.add_zone("site-fhc3", "凤凰城三期建筑工地", "construction_site", polygon_json(rect({3300, 2150}, 160, 110)), 0,
             {{"project", "凤凰城三期住宅项目"}, {"contractor", "山东鲁建集团有限公司"}, {"permit_no", "370302202403150101"}},
             {{"XM-FHC3", "工地负责人"}, {"ZJB", "扬尘监管"}});
  b.add_zone("station-jiangjun", "将军路空气质量监测站周边", "monitoring_station", point_json({1500, 2050}), 300,
             {{"station", "将军路市控空气质量监测站"}}, {{"HWS", "站点周边保洁"}, {"CGZD", "包保干部"}});
  struct Place {
    const char* code;
    const char* name;
    int community;
    Xy centre;
    double w, h;
    const char* property;
    int households;
  };
  const Place compounds[] = {{"oc-wenfeng", "文峰小区", 0, {650, 2050}, 220, 160, "none", 320},
                             {"oc-fenghuangyuan", "凤凰苑小区", 1, {2300, 2800}, 200, 160, "community_managed", 260},
                             {"oc-xiaoshuijiayuan", "孝水家园", 0, {1450, 2900}, 200, 150, "self_managed", 180}};
  for (const auto& p : compounds) {
    b.add_zone(p.code, p.name, "old_compound", polygon_json(rect(p.centre, p.w, p.h)), 0,
               {{"property_status", p.property}, {"households", p.households}},
               {{b.community_code[p.community], "包保干部"}, {"ZJB", "物业监管"}});
    b.zone_community[p.code] = p.community;
  }
  struct Lane {
    const char* code;
    const char* name;
    int community;
    Xy from, to;
  };
  const Lane lanes[] = {{"bs-wenfenghoujie", "文峰后街", 0, {1100, 1900}, {1900, 1950}},
                        {"bs-fenghuangxixiang", "凤凰西巷", 1, {2100, 2600}, {2120, 3000}},
                        {"bs-xiaoshuili", "孝水里", 2, {1200, 500}, {1800, 520}},
                        {"bs-shanchuanhutong", "山川胡同", 3, {3200, 1100}, {3500, 1300}}};
  for (const auto& l : lanes) {
    const Xy mid{(l.from.x + l.to.x) / 2 + 15, (l.from.y + l.to.y) / 2 - 10};
    b.add_zone(l.code, l.name, "back_street", line_json({l.from, mid, l.to}), 5, {},
               {{b.community_code[l.community], "街长"}});
    b.zone_community[l.code] = l.community;
  }
  b.add_zone("market-jiangjun", "将军路农贸市场", "market", polygon_json(rect({2250, 1350}, 130, 100)), 0,
             {{"stalls", 120}}, {{"SCJGS", "市场监管"}, {"CGZD", "周边秩序"}});
  b.add_zone("school-wenfeng", "文峰小学校园周边", "school_area", point_json({700, 2700}), 200,
             {{"school", "文峰小学"}}, {{"JJZD", "交通秩序"}, {b.community_code[0], "包保干部"}});
  b.add_zone("vendor-xiaoshui", "孝水路便民疏导点", "vendor_area", polygon_json(rect({1700, 760}, 160, 60)), 0,
             {{"hours", "17:00-22:00"}}, {{"CGZD", "疏导点管理"}});
  b.add_zone("ent-luzhong", "鲁中耐火材料有限公司厂区", "enterprise", polygon_json(rect({3300, 500}, 300, 200)), 0,
             {{"industry", "耐火材料"}}, {{"QY-LZNC", "企业负责人"}, {"HBS", "扬尘监管"}});
  b.add_zone("ent-zcrd", "淄川热电有限公司厂区", "enterprise", polygon_json(rect({500, 450}, 300, 220)), 0,
             {{"industry", "火电"}}, {{"QY-ZCRD", "企业负责人"}, {"HBS", "扬尘监管"}});
  b.add_zone("railway-south", "铁路沿线（示范街道段）", "railway", line_json({{0, 150}, {2000, 170}, {4000, 140}}), 30,
             {}, {{b.community_code[2], "包保干部"}, {b.community_code[3], "包保干部"}, {"CGZD", "沿线巡查"}});
}

void build_merchants(Builder& b) {
  struct Trade {
    const char* trade;
    std::vector<const char*> nouns;
    bool small;  // 七小行业
  };
  static const Trade trades[] = {{"餐饮", {"烧烤", "饭店", "面馆", "包子铺", "水饺馆", "快餐"}, true},
                                 {"零售", {"超市", "便利店", "水果店", "烟酒店", "副食店"}, true},
                                 {"美容美发", {"理发店", "美发沙龙"}, true},
                                 {"汽修", {"汽修厂", "轮胎店", "洗车行"}, false},
                                 {"五金建材", {"五金店", "建材店"}, false},
                                 {"生活服务", {"干洗店", "药店", "手机维修"}, false}};
  static const char* names[] = {"鑫源", "福满堂", "家和", "兴隆", "顺发", "好运来", "金鼎", "聚福", "佳佳",
                                "红星", "鲁味", "老街坊", "惠民", "万家", "德顺", "新华", "四季", "益民"};
  static const int star_pick[] = {5, 4, 4, 4, 3, 3, 3, 3, 2, 2, 1, 0, 4, 3, 5, 4, 3, 2, 4, 3};
  for (const auto& f : b.frontages) {
    const int n = 2 + b.rng.below(3);
    for (int i = 0; i < n; ++i) {
      const double t = f.t0 + (i + 0.5) * (f.t1 - f.t0) / n;
      const Xy p0 = f.road->at(t), nrm = f.road->left_normal(t);
      const Xy p{p0.x + nrm.x * f.side * f.offset, p0.y + nrm.y * f.side * f.offset};
      const auto& tr = trades[b.rng.below(6)];
      store::MerchantRow m;
      m.name = std::string(names[b.rng.below(18)]) + tr.nouns[static_cast<size_t>(b.rng.below(static_cast<int>(tr.nouns.size())))];
      const int number = static_cast<int>(std::lround(t / 10)) * 2 + (f.side > 0 ? 0 : 1);
      m.address = f.road->name + std::to_string(number) + "号";
      m.zone_id = f.zone_id;
      auto g = to_lnglat(p);
      m.lng = g.lng;
      m.lat = g.lat;
      m.duty_set = json::serialize(f.duties);
      if (b.rng.chance(85)) {
        char d[32];
        std::snprintf(d, sizeof d, "2024-03-%02d", 1 + b.rng.below(28));
        m.pledge_signed_at = d;
      }
      m.licence_status = tr.small && b.rng.chance(18) ? "none" : "complete";
      m.trade = tr.trade;
      m.stars = m.licence_status == "none" ? b.rng.below(2) : star_pick[b.rng.below(20)];
      m.contact = b.person();
      m.phone = b.phone();
      store::insert_merchant(b.c, b.tenant, m);
      ++b.sum.merchants;
    }
  }
}

void build_assignments(Builder& b) {
  auto add = [&](const std::string& kind, const std::string& unit, std::optional<std::int64_t> target_unit,
                 std::optional<std::int64_t> target_zone, const std::string& target_name, const std::string& duty,
                 std::optional<std::int64_t> cadre_user = std::nullopt) {
    store::AssignmentRow a;
    a.kind = kind;
    a.cadre_name = b.person();
    a.cadre_user_id = cadre_user;
    a.unit_id = b.units.at(unit);
    a.target_unit_id = target_unit;
    a.target_zone_id = target_zone;
    a.target_name = target_name;
    a.duty = duty;
    a.start_date = "2024-01-01";
    store::insert_assignment(b.c, b.tenant, a);
    ++b.sum.assignments;
  };
  for (int k = 0; k < kCommunities; ++k) {
    const bool village = k >= 2;
    add(village ? "village" : "community", "JD", b.units.at(b.community_code[k]), std::nullopt, b.community_name[k],
        village ? "包村干部" : "包社区领导", k == 0 ? std::optional(b.users.at("leader")) : std::nullopt);
  }
  for (const auto& [code, community] : b.zone_community) {
    const bool lane = code.rfind("bs-", 0) == 0;
    auto z = store::find_zone(b.c, b.tenant, code);
    add(lane ? "street" : "compound", b.community_code[community], std::nullopt, z->id, z->name,
        lane ? "街长" : "包保干部");
  }
  const std::pair<const char*, const char*> points[] = {
      {"station-jiangjun", "CGZD"}, {"site-fhc3", "ZJB"}, {"market-jiangjun", "SCJGS"}};
  for (const auto& [code, unit] : points) {
    auto z = store::find_zone(b.c, b.tenant, code);
    add("point", unit, std::nullopt, z->id, z->name, "划点包保责任人");
  }
}

}  // namespace envgrid::demo
