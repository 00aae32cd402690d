// Report counts: aggregate queries over the ledger for bulletins and work reports.
#include "store/assessment_reports.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

namespace envgrid::store {

namespace json = boost::json;

LedgerTotals ledger_totals(Conn& c, std::int64_t tenant, std::int64_t from, std::int64_t to, std::int64_t at) {
  auto r = c.query(
      "SELECT SUM(CASE WHEN reported_at >= ? AND reported_at < ? THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN dispatched_at >= ? AND dispatched_at < ? THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN closed_at >= ? AND closed_at < ? THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN handled_at >= ? AND handled_at < ? AND (deadline IS NULL OR handled_at <= deadline) "
      "THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN state = 'dispatched' AND deadline < ? THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN reported_at >= ? AND reported_at < ? AND rebound_of IS NOT NULL THEN 1 ELSE 0 END) "
      "FROM problems WHERE tenant_id = ? AND state NOT IN ('rejected', 'voided')",
      {from, to, from, to, from, to, from, to, at, from, to, tenant}).one();
  auto v = [&](size_t i) { return r.null(i) ? 0 : r.i64(i); };
  return {v(0), v(1), v(2), v(3), v(4), v(5)};
}

std::vector<CategoryCount> category_counts(Conn& c, std::int64_t tenant, std::int64_t from, std::int64_t to) {
  std::vector<CategoryCount> out;
  for (const auto& r : c.query(
           "SELECT category_code, SUM(CASE WHEN reported_at >= ? AND reported_at < ? THEN 1 ELSE 0 END), "
           "SUM(CASE WHEN closed_at >= ? AND closed_at < ? THEN 1 ELSE 0 END) FROM problems "
           "WHERE tenant_id = ? AND state NOT IN ('rejected', 'voided') AND ((reported_at >= ? AND reported_at < ?) "
           "OR (closed_at >= ? AND closed_at < ?)) GROUP BY category_code",
           {from, to, from, to, tenant, from, to, from, to}).rows)
    out.push_back({r.str(0), r.i64(1), r.i64(2)});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.closed != b.closed ? a.closed > b.closed : a.code < b.code;
  });
  return out;
}

std::vector<OutcomeTotal> outcome_totals(Conn& c, std::int64_t tenant, std::int64_t from, std::int64_t to) {
  std::map<std::pair<std::string, std::string>, OutcomeTotal> sums;
  for (const auto& r : c.query(
           "SELECT outcome FROM problems WHERE tenant_id = ? AND handled_at >= ? AND handled_at < ? "
           "AND state IN ('handled', 'closed') AND outcome IS NOT NULL",
           {tenant, from, to}).rows) {
    boost::system::error_code ec;
    auto v = json::parse(r.str(0), ec);
    if (ec || !v.is_object()) continue;
    const auto& o = v.as_object();
    auto s = [&](const char* k) {
      auto* x = o.if_contains(k);
      return x && x->is_string() ? std::string(x->as_string()) : std::string();
    };
    auto* q = o.if_contains("quantity");
    double qty = q && q->is_number() ? q->to_number<double>() : 0.0;
    auto& t = sums[{s("kind"), s("unit")}];
    t.kind = s("kind");
    t.label = s("label").empty() ? t.kind : s("label");
    t.unit = s("unit");
    t.quantity += qty;
    t.problems += 1;
  }
  std::vector<OutcomeTotal> out;
  for (auto& [k, v] : sums) out.push_back(std::move(v));
  return out;
}

std::vector<ProblemPhotos> exposure_problems(Conn& c, std::int64_t tenant, const std::vector<std::int64_t>& units,
                                             bool territorial, std::int64_t from, std::int64_t to, int per_unit) {
  std::vector<ProblemPhotos> out;
  if (units.empty()) return out;
  std::string in;
  Params p{tenant, from, to};
  for (size_t i = 0; i < units.size(); ++i) {
    in += i ? ", ?" : "?";
    p.emplace_back(units[i]);
  }
  const std::string owner = territorial ? "g.community_unit_id" : "p.unit_id";
  const std::string time = territorial ? "p.reported_at" : "p.dispatched_at";
  // Problems with photos first: the exposure list shows what was found.
  auto rows = c.query(
      "SELECT * FROM (SELECT p.id AS id, " + owner + " AS owner, p.number, p.address, p.category_code, p.state, "
      "(SELECT a.sha256 FROM problem_attachments pa JOIN attachments a ON a.id = pa.attachment_id "
      " WHERE pa.problem_id = p.id AND pa.role = 'before' ORDER BY a.id LIMIT 1) AS before_sha, "
      "(SELECT a.sha256 FROM problem_attachments pa JOIN attachments a ON a.id = pa.attachment_id "
      " WHERE pa.problem_id = p.id AND pa.role = 'after' ORDER BY a.id LIMIT 1) AS after_sha "
      "FROM problems p LEFT JOIN grids g ON g.id = p.grid_id WHERE p.tenant_id = ? AND " + time + " >= ? AND " +
          time + " < ? AND p.state NOT IN ('rejected', 'voided') AND " + owner + " IN (" + in + ")) x " +
          "ORDER BY owner, CASE WHEN before_sha IS NULL THEN 1 ELSE 0 END, id",
      p);
  std::map<std::int64_t, int> taken;
  for (const auto& r : rows.rows) {
    if (taken[r.i64(1)]++ >= per_unit) continue;
    out.push_back({r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4), r.str(5), r.opt_str(6).value_or(""),
                   r.opt_str(7).value_or("")});
  }
  return out;
}

static void collect_names(const json::value& v, std::vector<std::pair<std::string, std::string>>& out) {
  if (v.is_array()) {
    for (const auto& x : v.as_array()) collect_names(x, out);
  } else if (v.is_object()) {
    const auto& o = v.as_object();
    auto* code = o.if_contains("code");
    auto* name = o.if_contains("name");
    if (code && name && code->is_string() && name->is_string())
      out.emplace_back(std::string(code->as_string()), std::string(name->as_string()));
    for (const auto& kv : o) collect_names(kv.value(), out);
  }
}

std::vector<std::pair<std::string, std::string>> category_names(Conn& c, std::int64_t tenant) {
  std::vector<std::pair<std::string, std::string>> out;
  auto r = c.first("SELECT value FROM settings WHERE tenant_id = ? AND key = 'categories'", {tenant});
  if (!r) return out;
  boost::system::error_code ec;
  auto v = json::parse(r->str(0), ec);
  if (!ec) collect_names(v, out);
  return out;
}

}  // namespace envgrid::store
