#pragma once
// Problem categories (问题类别): a two-level list of classes (大类, e.g. 06 市容环境) and
// leaf categories (小类) with national 数字化城市管理 event codes where they exist and
// local extensions ("<class>L<nn>", e.g. 06L01 乱涂乱画) for what the national list lacks.
// Each leaf carries its time limit, default responsible unit type, whether an after-photo
// is required, deduction points and short 立案/结案 standards. Editable data
// (data/categories.json, GET/PUT by an admin), validated on load.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/sla.hpp"

namespace envgrid::domain {

struct CategoryClass {
  std::string code, name;
};

struct Category {
  std::string code, parent, name;
  std::vector<std::string> aliases;  // other names people use (四大堆, 乱贴乱画 …)
  bool national = true;              // a national event code, else a local extension
  double limit_hours = 0;
  LimitKind limit_kind = LimitKind::working;
  std::string unit_type;             // matched against units' kinds of work (环卫, 城管 …)
  bool after_photo_required = true;
  double deduction = 0;              // points deducted per problem in assessments
  std::string filing_standard;       // 立案标准
  std::string closing_standard;      // 结案标准
  Limit limit() const;               // limit_hours in whole minutes
};

struct CategoryList {
  std::int64_t version = 1;  // bumped by whoever edits the file
  std::string note;
  std::vector<CategoryClass> classes;
  std::vector<Category> categories;
  // The leaf with this code, or nullptr.
  const Category* find(std::string_view code) const;
  const CategoryClass* find_class(std::string_view code) const;
  // Leaves of a class, in list order.
  std::vector<const Category*> children(std::string_view class_code) const;
};

// {"version": 1, "note": "…", "classes": [{"code": "06", "name": "市容环境"}, …],
//  "categories": [{"code": "06010", "parent": "06", "name": "暴露垃圾", "aliases": [],
//                  "standard": "national"|"local",
//                  "limit": {"hours": 4, "kind": "working"|"natural"},
//                  "unit_type": "环卫", "after_photo_required": true, "deduction": 1,
//                  "filing_standard": "…", "closing_standard": "…"}, …]}
// Validates and reports every error at once (400 "validation", Chinese messages naming the
// entry): duplicate codes and names, unknown parents, a code not starting with its class,
// missing names, non-positive or fractional-minute limits, unknown kinds, negative deductions.
core::Result<CategoryList> parse_categories(const boost::json::value& v);
// The same document back; parse(to_json(x)) == x.
boost::json::object categories_to_json(const CategoryList& list);

}  // namespace envgrid::domain
