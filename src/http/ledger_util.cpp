#include "http/ledger_util.hpp"

#include <bit>

#include "core/error.hpp"

namespace envgrid::http::ledger {

namespace json = boost::json;

std::array<std::int64_t, 5> dhash_bands_of(std::uint64_t h);

static PhotoFacts read_photo(const store::Row& r) {
  PhotoFacts f;
  f.attachment_id = r.i64(0);
  f.sha256 = r.str(1);
  f.dhash = static_cast<std::uint64_t>(r.i64(2));
  f.taken_at = r.opt_i64(3);
  f.lng = r.opt_f64(4);
  f.lat = r.opt_f64(5);
  return f;
}

std::vector<PhotoFacts> load_photos(store::Conn& c, std::int64_t tenant, const std::vector<std::int64_t>& ids,
                                    const std::string& field) {
  std::vector<PhotoFacts> out;
  std::vector<core::FieldError> errs;
  for (size_t i = 0; i < ids.size(); ++i) {
    auto r = c.first("SELECT id, sha256, dhash, taken_at, lng, lat FROM attachments WHERE tenant_id = ? AND id = ?",
                     {tenant, ids[i]});
    if (!r) errs.push_back({field + "[" + std::to_string(i) + "]", "附件不存在"});
    else out.push_back(read_photo(*r));
  }
  if (!errs.empty()) throw core::validation_error(errs);
  return out;
}

std::vector<PhotoFacts> problem_photos(store::Conn& c, std::int64_t problem_id, const std::string& role) {
  std::vector<PhotoFacts> out;
  for (const auto& r : c.query("SELECT a.id, a.sha256, a.dhash, a.taken_at, a.lng, a.lat FROM problem_attachments pa "
                               "JOIN attachments a ON a.id = pa.attachment_id WHERE pa.problem_id = ? AND pa.role = ? "
                               "ORDER BY a.id",
                               {problem_id, role})
                           .rows)
    out.push_back(read_photo(r));
  return out;
}

std::vector<PhotoFacts> photos_used_elsewhere(store::Conn& c, std::int64_t tenant, std::int64_t problem_id,
                                              const std::vector<PhotoFacts>& photos) {
  std::vector<PhotoFacts> out;
  for (const auto& ph : photos) {
    auto b = dhash_bands_of(ph.dhash);
    // Any image within Hamming distance 4 shares at least one of the five bands.
    auto rows = c.query(
        "SELECT DISTINCT a.id, a.sha256, a.dhash, a.taken_at, a.lng, a.lat, pa.problem_id FROM attachments a "
        "JOIN problem_attachments pa ON pa.attachment_id = a.id "
        "WHERE a.tenant_id = ? AND pa.problem_id <> ? AND (a.sha256 = ? OR a.dh0 = ? OR a.dh1 = ? OR a.dh2 = ? OR "
        "a.dh3 = ? OR a.dh4 = ?) LIMIT 200",
        {tenant, problem_id, ph.sha256, b[0], b[1], b[2], b[3], b[4]});
    for (const auto& r : rows.rows) {
      PhotoFacts f = read_photo(r);
      f.problem_id = r.i64(6);
      if (f.sha256 == ph.sha256 || std::popcount(f.dhash ^ ph.dhash) <= 4) out.push_back(f);
    }
  }
  return out;
}

void link_photos(store::Conn& c, std::int64_t tenant, std::int64_t problem_id, const std::vector<PhotoFacts>& photos,
                 const std::string& role, const std::vector<EvidenceFlag>& flags) {
  for (const auto& ph : photos) {
    json::array f;
    for (const auto& fl : flags)
      if (fl.attachment_id == ph.attachment_id) f.push_back(json::object{{"code", fl.code}, {"label", fl.label}});
    c.query("INSERT INTO problem_attachments (tenant_id, problem_id, attachment_id, role, flags) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (problem_id, attachment_id) DO NOTHING",
            {tenant, problem_id, ph.attachment_id, role, json::serialize(f)});
  }
}

void record(store::Conn& c, const store::ProblemRow& p, const Actor& a, const std::string& action,
            const std::optional<std::string>& from, const std::string& comment, const json::object& payload,
            core::Millis at) {
  store::TransitionRow t;
  t.tenant_id = p.tenant_id;
  t.problem_id = p.id;
  t.action = action;
  t.actor_id = a.user_id;
  t.from_state = from;
  t.to_state = p.state;
  t.comment = comment;
  t.payload = json::serialize(payload);
  t.at = at;
  store::append_transition(c, t);
}

static const std::map<std::string, std::pair<std::string, std::string>>& outcome_kinds() {
  static const std::map<std::string, std::pair<std::string, std::string>> k = {
      {"persuade", {"劝导/制止", "次"}}, {"penalty", {"处罚", "起"}},     {"tow", {"拖移", "辆"}},
      {"demolish", {"拆除", "㎡"}},      {"ban", {"取缔", "处"}},         {"clear", {"清运", "吨"}},
      {"remove_ads", {"清除小广告", "条"}}, {"paint", {"粉刷", "㎡"}},   {"repair", {"修复", "㎡"}},
      {"other", {"其他", "处"}}};
  return k;
}

void check_outcome(const Outcome& o) {
  auto it = outcome_kinds().find(o.kind);
  std::vector<core::FieldError> errs;
  if (it == outcome_kinds().end()) {
    std::string list;
    for (const auto& [k, v] : outcome_kinds()) list += (list.empty() ? "" : "、") + k + "（" + v.first + "）";
    errs.push_back({"outcome.kind", "取值应为：" + list});
  }
  if (!(o.quantity >= 0) || o.quantity > 1e7) errs.push_back({"outcome.quantity", "应为 0 到 10000000 之间的数"});
  if (o.amount && (!(*o.amount >= 0) || *o.amount > 1e8)) errs.push_back({"outcome.amount", "罚款金额应为 0 到 1 亿元之间"});
  if (!errs.empty()) throw core::validation_error(errs);
}

json::object outcome_json(const Outcome& o) {
  const auto& k = outcome_kinds().at(o.kind);
  json::object j{{"kind", o.kind}, {"label", k.first}, {"quantity", o.quantity}, {"unit", o.unit.empty() ? k.second : o.unit}};
  if (o.amount) j["amount"] = *o.amount;
  return j;
}

std::string merge_evidence(const std::string& existing, const std::vector<EvidenceFlag>& flags) {
  json::array a = json::parse(existing).as_array();
  for (const auto& f : flags)
    a.push_back(json::object{{"attachment_id", f.attachment_id}, {"code", f.code}, {"label", f.label}});
  return json::serialize(a);
}

void check_unit(store::Conn& c, std::int64_t tenant, std::int64_t unit_id, const std::string& field) {
  auto r = c.first("SELECT disabled FROM units WHERE tenant_id = ? AND id = ?", {tenant, unit_id});
  if (!r) throw core::validation_error({{field, "单位不存在"}});
  if (r->boolean(0)) throw core::validation_error({{field, "单位已停用"}});
}

void refresh_deadline(App& app, store::ProblemRow& p) {
  auto d = plan_deadline(app, p);
  p.deadline = d ? std::optional(d->deadline) : std::nullopt;
  p.warn_at = d ? std::optional(d->warn_at) : std::nullopt;
}

}  // namespace envgrid::http::ledger
