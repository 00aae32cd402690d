#include "store/ledger_chain.hpp"

#include <boost/json.hpp>

#include "core/crypto.hpp"

namespace envgrid::store {
namespace {

const std::string kGenesis(64, '0');
const char* kCols = "id, tenant_id, problem_id, seq, actor_id, at, action, from_state, to_state, comment, payload, prev_hash, hash";

TransitionRow read(const Row& r) {
  TransitionRow t;
  t.id = r.i64(0);
  t.tenant_id = r.i64(1);
  t.problem_id = r.i64(2);
  t.seq = r.i64(3);
  t.actor_id = r.i64(4);
  t.at = r.i64(5);
  t.action = r.str(6);
  t.from_state = r.opt_str(7);
  t.to_state = r.str(8);
  t.comment = r.str(9);
  t.payload = r.str(10);
  t.prev_hash = r.str(11);
  t.hash = r.str(12);
  return t;
}

}  // namespace

std::string canonical_transition(const TransitionRow& t) {
  boost::json::array a{t.tenant_id, t.problem_id, t.seq, t.action, t.actor_id};
  a.emplace_back(t.from_state ? boost::json::value(*t.from_state) : boost::json::value(nullptr));
  a.emplace_back(t.to_state);
  a.emplace_back(t.comment);
  a.emplace_back(t.payload);
  a.emplace_back(t.at);
  return boost::json::serialize(a);
}

std::string chain_hash(const std::string& prev_hash, const TransitionRow& t) {
  return core::sha256_hex(prev_hash + canonical_transition(t));
}

TransitionRow append_transition(Conn& c, TransitionRow t) {
  auto last = c.first("SELECT seq, hash FROM transitions WHERE problem_id = ? ORDER BY seq DESC LIMIT 1", {t.problem_id});
  t.seq = last ? last->i64(0) + 1 : 1;
  t.prev_hash = last ? last->str(1) : kGenesis;
  t.hash = chain_hash(t.prev_hash, t);
  t.id = c.insert(
      "INSERT INTO transitions (tenant_id, problem_id, seq, action, actor_id, from_state, to_state, comment, payload, at, "
      "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {t.tenant_id, t.problem_id, t.seq, t.action, t.actor_id, opt_param(t.from_state), t.to_state, t.comment, t.payload,
       t.at, t.prev_hash, t.hash});
  return t;
}

std::vector<TransitionRow> history(Conn& c, std::int64_t tenant_id, std::int64_t problem_id) {
  std::vector<TransitionRow> out;
  for (const auto& r : c.query(std::string("SELECT ") + kCols +
                                   " FROM transitions WHERE tenant_id = ? AND problem_id = ? ORDER BY seq",
                               {tenant_id, problem_id})
                           .rows)
    out.push_back(read(r));
  return out;
}

ChainReport verify_chains(Conn& c, std::int64_t tenant_id) {
  ChainReport rep;
  std::int64_t last_problem = 0, last_seq = 0;
  std::string prev = kGenesis;
  // Walk (problem_id, seq) in keyset pages so a large ledger never sits in memory.
  for (;;) {
    auto rows = c.query(std::string("SELECT ") + kCols +
                            " FROM transitions WHERE (? = 0 OR tenant_id = ?) AND (problem_id > ? OR (problem_id = ? AND seq > ?)) "
                            "ORDER BY problem_id, seq LIMIT 5000",
                        {tenant_id, tenant_id, last_problem, last_problem, last_seq})
                    .rows;
    if (rows.empty()) break;
    for (const auto& r : rows) {
      TransitionRow t = read(r);
      auto fail = [&](std::string why) {
        rep.first_break = ChainBreak{t.problem_id, t.seq, t.id, std::move(why)};
        return rep;
      };
      const bool new_problem = t.problem_id != last_problem;
      if (new_problem) {
        ++rep.problems;
        prev = kGenesis;
        if (t.seq != 1) return fail("缺少第 1 至 " + std::to_string(t.seq - 1) + " 条记录");
      } else if (t.seq != last_seq + 1) {
        return fail("缺少第 " + std::to_string(last_seq + 1) + " 条记录");
      }
      ++rep.rows;
      if (t.prev_hash != prev) return fail("前一条记录的哈希不匹配（记录被删除、替换或改动）");
      if (chain_hash(t.prev_hash, t) != t.hash) return fail("记录内容与哈希不符（记录被改动）");
      prev = t.hash;
      last_problem = t.problem_id;
      last_seq = t.seq;
    }
  }
  return rep;
}

}  // namespace envgrid::store
