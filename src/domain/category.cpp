// Reading and writing the category list, with every problem in the data named.
#include "domain/category.hpp"

#include <cmath>
#include <map>
#include <set>

#include "domain/json_util.hpp"

namespace envgrid::domain {

namespace json = boost::json;

namespace {

constexpr double kMaxHours = 366 * 24;

bool code_chars_ok(const std::string& c) {
  for (char ch : c)
    if (!((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z'))) return false;
  return true;
}

bool all_digits(const std::string& c) {
  for (char ch : c)
    if (ch < '0' || ch > '9') return false;
  return !c.empty();
}

void read_limit(core::JsonReader& sub, const std::string& path, const std::string& who, Category& c) {
  const json::value* lv = sub.raw("limit", true);
  if (!lv) return;
  if (!lv->is_object()) return sub.fail(path + ".limit", "应为对象 {\"hours\": 数字, \"kind\": \"working\"|\"natural\"}");
  core::JsonReader lr(lv->as_object(), path + ".limit");
  if (auto h = lr.num("hours", true)) {
    if (*h <= 0) lr.fail(path + ".limit.hours", who + "的整改时限应大于 0 小时");
    else if (*h > kMaxHours) lr.fail(path + ".limit.hours", who + "的整改时限不能超过 8784 小时（一年）");
    else if (std::fabs(*h * 60 - std::round(*h * 60)) > 1e-6)
      lr.fail(path + ".limit.hours", who + "的整改时限应为整数分钟");
    else c.limit_hours = *h;
  }
  if (auto k = lr.one_of("kind", true, {"working", "natural"})) c.limit_kind = *parse_limit_kind(*k);
  detail::absorb(sub, lr);
}

}  // namespace

Limit Category::limit() const { return {std::llround(limit_hours * 60), limit_kind}; }

const Category* CategoryList::find(std::string_view code) const {
  for (const auto& c : categories)
    if (c.code == code) return &c;
  return nullptr;
}

const CategoryClass* CategoryList::find_class(std::string_view code) const {
  for (const auto& c : classes)
    if (c.code == code) return &c;
  return nullptr;
}

std::vector<const Category*> CategoryList::children(std::string_view class_code) const {
  std::vector<const Category*> out;
  for (const auto& c : categories)
    if (c.parent == class_code) out.push_back(&c);
  return out;
}

core::Result<CategoryList> parse_categories(const json::value& v) {
  const char* title = "问题类别数据有误";
  if (!v.is_object()) return detail::validation(title, {{"", "应为 JSON 对象"}});
  core::JsonReader r(v.as_object());
  CategoryList list;
  list.version = r.int64("version", false, 1, 1000000).value_or(1);
  list.note = r.str("note", false, 1000).value_or("");
  std::map<std::string, std::string> codes;  // code → where it was first seen
  std::set<std::string> names;

  auto unique_code = [&](core::JsonReader& sub, const std::string& path, const std::string& code) {
    auto [it, fresh] = codes.emplace(code, path);
    if (!fresh) sub.fail(path + ".code", "编码 " + code + " 重复（与 " + it->second + " 相同）");
  };

  detail::each_object(r, "classes", true, 2000, [&](core::JsonReader& sub, const std::string& path) {
    CategoryClass k;
    k.code = sub.str("code", true, 8, 1).value_or("");
    k.name = sub.str("name", true, 40, 1).value_or("");
    if (!k.code.empty() && !code_chars_ok(k.code)) sub.fail(path + ".code", "大类编码只能含数字和大写字母：" + k.code);
    if (!k.code.empty()) unique_code(sub, path, k.code);
    list.classes.push_back(std::move(k));
  });

  detail::each_object(r, "categories", true, 2000, [&](core::JsonReader& sub, const std::string& path) {
    Category c;
    c.code = sub.str("code", true, 12, 1).value_or("");
    const std::string who = c.code.empty() ? "类别" : "类别 " + c.code + " ";
    if (!c.code.empty() && !code_chars_ok(c.code)) sub.fail(path + ".code", "类别编码只能含数字和大写字母：" + c.code);
    if (!c.code.empty()) unique_code(sub, path, c.code);
    c.parent = sub.str("parent", true, 8, 1).value_or("");
    if (!c.parent.empty()) {
      if (!list.find_class(c.parent)) sub.fail(path + ".parent", who + "的大类 " + c.parent + " 不存在");
      else if (c.code.rfind(c.parent, 0) != 0)
        sub.fail(path + ".code", who + "的编码应以所属大类编码 " + c.parent + " 开头");
    }
    c.name = sub.str("name", true, 40, 1).value_or("");
    if (!c.name.empty() && !names.insert(c.name).second) sub.fail(path + ".name", "类别名称「" + c.name + "」重复");
    c.aliases = sub.str_array("aliases", false, 20, 40).value_or(std::vector<std::string>{});
    c.national = sub.one_of("standard", false, {"national", "local"}).value_or(all_digits(c.code) ? "national" : "local") ==
                 "national";
    read_limit(sub, path, who, c);
    c.unit_type = sub.str("unit_type", true, 20, 1).value_or("");
    c.after_photo_required = sub.boolean("after_photo_required", false).value_or(true);
    if (auto d = sub.num("deduction", false)) {
      if (*d < 0 || *d > 100) sub.fail(path + ".deduction", who + "的扣分应在 0 到 100 之间");
      else c.deduction = *d;
    }
    c.filing_standard = sub.str("filing_standard", true, 300, 1).value_or("");
    c.closing_standard = sub.str("closing_standard", true, 300, 1).value_or("");
    list.categories.push_back(std::move(c));
  });

  auto errors = detail::collect(r);
  if (!errors.empty()) return detail::validation(title, std::move(errors));
  return list;
}

json::object categories_to_json(const CategoryList& list) {
  json::array classes, cats;
  for (const auto& k : list.classes) classes.push_back(json::object{{"code", k.code}, {"name", k.name}});
  for (const auto& c : list.categories) {
    json::array aliases;
    for (const auto& a : c.aliases) aliases.emplace_back(a);
    cats.push_back(json::object{
        {"code", c.code},
        {"parent", c.parent},
        {"name", c.name},
        {"aliases", std::move(aliases)},
        {"standard", c.national ? "national" : "local"},
        {"limit", json::object{{"hours", c.limit_hours}, {"kind", limit_kind_name(c.limit_kind)}}},
        {"unit_type", c.unit_type},
        {"after_photo_required", c.after_photo_required},
        {"deduction", c.deduction},
        {"filing_standard", c.filing_standard},
        {"closing_standard", c.closing_standard},
    });
  }
  json::object o{{"version", list.version}};
  if (!list.note.empty()) o["note"] = list.note;
  o["classes"] = std::move(classes);
  o["categories"] = std::move(cats);
  return o;
}

}  // namespace envgrid::domain
