// The category list: the shipped data, the round trip, and every loader error at once.
#include <map>
#include <set>

#include "domain/category.hpp"
#include "test_util.hpp"

namespace envgrid::domain {
namespace {

CategoryList shipped() {
  auto r = parse_categories(test::data_json("categories.json"));
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().title + " " + r.error().errors.at(0).field + " " +
                                            r.error().errors.at(0).message);
  return r.ok() ? *r : CategoryList{};
}

TEST(Categories, ShippedListHasTheNationalCodes) {
  const CategoryList list = shipped();
  const std::map<std::string, std::string> national = {
      {"06010", "暴露垃圾"}, {"06011", "积存垃圾渣土"}, {"06012", "道路不洁"}, {"06014", "道路遗撒"},
      {"06001", "私搭乱建"}, {"06030", "乱倒污水"},     {"06036", "乱堆杂物"}, {"07001", "非法小广告"},
      {"07003", "违规户外广告"}, {"08004", "工地扬尘"}, {"08011", "渣土车未密闭"}, {"09005", "店外经营"},
      {"09006", "占道经营"}, {"09009", "机动车乱停放"}, {"09010", "非机动车乱停放"}};
  for (const auto& [code, name] : national) {
    const Category* c = list.find(code);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_EQ(c->name, name);
    EXPECT_TRUE(c->national) << code;
  }
}

TEST(Categories, ShippedListCoversWhatTheSeedsName) {
  const CategoryList list = shipped();
  auto named = [&](const std::string& what) {
    for (const auto& c : list.categories) {
      if (c.name.find(what) != std::string::npos) return true;
      for (const auto& a : c.aliases)
        if (a == what) return true;
    }
    return false;
  };
  for (const char* w : {"乱涂乱画", "残垣断壁", "空中蜘蛛网", "弱电线路", "三大堆", "四大堆", "畜禽散养", "裸露土地",
                        "门前五包不落实", "河道垃圾", "积存建筑垃圾", "露天烧烤", "焚烧秸秆", "破损路面", "绿化缺失",
                        "违规养犬", "乱贴乱画", "门窗乱贴", "物料堆场扬尘", "七小行业"})
    EXPECT_TRUE(named(w)) << w;
}

TEST(Categories, ShippedEntriesAreComplete) {
  const CategoryList list = shipped();
  std::set<std::string> classes;
  for (const auto& k : list.classes) classes.insert(k.name);
  EXPECT_EQ(classes, (std::set<std::string>{"市容环境", "宣传广告", "施工管理", "街面秩序", "突发事件", "其他（地方扩展）"}));
  for (const auto& c : list.categories) {
    EXPECT_NE(list.find_class(c.parent), nullptr) << c.code;
    EXPECT_GT(c.limit().minutes, 0) << c.code;
    EXPECT_FALSE(c.unit_type.empty()) << c.code;
    EXPECT_FALSE(c.filing_standard.empty()) << c.code;
    EXPECT_FALSE(c.closing_standard.empty()) << c.code;
    EXPECT_EQ(c.national, c.code.find('L') == std::string::npos) << c.code;
  }
  EXPECT_GE(list.children("06").size(), 15u);
  EXPECT_EQ(list.find("06010")->limit().minutes, 240);
  EXPECT_EQ(list.find("06014")->limit().kind, LimitKind::natural);
  EXPECT_EQ(list.find("99999"), nullptr);
}

TEST(Categories, RoundTrip) {
  const CategoryList list = shipped();
  const auto j = categories_to_json(list);
  auto again = parse_categories(j);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(categories_to_json(*again), j);
  EXPECT_EQ(again->categories.size(), list.categories.size());
  EXPECT_EQ(j.at("version"), 1);
}

TEST(Categories, HalfHourLimitsAreWholeMinutes) {
  auto r = parse_categories(boost::json::parse(R"({
    "classes": [{"code": "06", "name": "市容环境"}],
    "categories": [{"code": "06010", "parent": "06", "name": "暴露垃圾", "limit": {"hours": 0.5, "kind": "natural"},
                    "unit_type": "环卫", "filing_standard": "有垃圾", "closing_standard": "已清运"}]})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->find("06010")->limit().minutes, 30);
  EXPECT_TRUE(r->find("06010")->after_photo_required);  // default
  EXPECT_EQ(r->find("06010")->deduction, 0);
}

TEST(Categories, EveryErrorIsReportedInChineseAtOnce) {
  auto r = parse_categories(boost::json::parse(R"({
    "classes": [{"code": "06", "name": "市容环境"}, {"code": "06", "name": "重复大类"}, {"code": "x7"}],
    "categories": [
      {"code": "06010", "parent": "06", "name": "暴露垃圾", "limit": {"hours": 4, "kind": "working"},
       "unit_type": "环卫", "filing_standard": "a", "closing_standard": "b"},
      {"code": "06010", "parent": "06", "name": "又一个", "limit": {"hours": 4, "kind": "working"},
       "unit_type": "环卫", "filing_standard": "a", "closing_standard": "b"},
      {"code": "55001", "parent": "55", "name": "无主", "limit": {"hours": 4, "kind": "working"},
       "unit_type": "环卫", "filing_standard": "a", "closing_standard": "b"},
      {"code": "06002", "parent": "06", "name": "零时限", "limit": {"hours": 0, "kind": "working"},
       "unit_type": "环卫", "filing_standard": "a", "closing_standard": "b"},
      {"code": "06003", "parent": "06", "name": "负时限", "limit": {"hours": -2, "kind": "monthly"},
       "unit_type": "环卫", "filing_standard": "a", "closing_standard": "b", "deduction": -1},
      {"code": "06004", "parent": "06", "limit": {"hours": 4, "kind": "working"},
       "unit_type": "环卫", "filing_standard": "a", "closing_standard": "b"},
      {"code": "07001", "parent": "06", "name": "暴露垃圾", "limit": {"hours": 4.001, "kind": "working"},
       "unit_type": "", "filing_standard": "a", "closing_standard": "b", "colour": "red"}
    ]})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status, 400);
  EXPECT_EQ(r.error().type, "validation");
  EXPECT_EQ(r.error().title, "问题类别数据有误");
  std::map<std::string, std::string> m;
  for (const auto& e : r.error().errors) m[e.field] += e.message + ";";
  EXPECT_EQ(m["classes[1].code"], "编码 06 重复（与 classes[0] 相同）;");
  EXPECT_EQ(m["classes[2].name"], "必填;");
  EXPECT_NE(m["classes[2].code"].find("x7"), std::string::npos);
  EXPECT_EQ(m["categories[1].code"], "编码 06010 重复（与 categories[0] 相同）;");
  EXPECT_EQ(m["categories[2].parent"], "类别 55001 的大类 55 不存在;");
  EXPECT_EQ(m["categories[3].limit.hours"], "类别 06002 的整改时限应大于 0 小时;");
  EXPECT_EQ(m["categories[4].limit.hours"], "类别 06003 的整改时限应大于 0 小时;");
  EXPECT_NE(m["categories[4].limit.kind"].find("working"), std::string::npos);
  EXPECT_EQ(m["categories[4].deduction"], "类别 06003 的扣分应在 0 到 100 之间;");
  EXPECT_EQ(m["categories[5].name"], "必填;");
  EXPECT_EQ(m["categories[6].code"], "类别 07001 的编码应以所属大类编码 06 开头;");
  EXPECT_EQ(m["categories[6].name"], "类别名称「暴露垃圾」重复;");
  EXPECT_EQ(m["categories[6].limit.hours"], "类别 07001 的整改时限应为整数分钟;");
  EXPECT_EQ(m["categories[6].unit_type"], "不能为空;");
  EXPECT_EQ(m["categories[6].colour"], "未知字段;");
}

TEST(Categories, ShapeErrors) {
  EXPECT_FALSE(parse_categories(boost::json::parse("[]")).ok());
  auto r = parse_categories(boost::json::parse(R"({"classes": {}, "categories": [1]})"));
  ASSERT_FALSE(r.ok());
  std::set<std::string> fields;
  for (const auto& e : r.error().errors) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"classes", "categories[0]"}));
}

}  // namespace
}  // namespace envgrid::domain
