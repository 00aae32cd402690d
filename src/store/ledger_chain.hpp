#pragma once
// The append-only, hash-chained history of a problem:
//   hash = SHA-256(prev_hash ‖ canonical row), prev_hash of the first row = 64 zeros.
// The canonical row is a JSON array of the row's fields in fixed order, so any edit of a
// stored row (or a deleted/reordered one) breaks the chain at that row.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace envgrid::store {

struct TransitionRow {
  std::int64_t id = 0, tenant_id = 0, problem_id = 0, seq = 0, actor_id = 0, at = 0;
  std::string action;
  std::optional<std::string> from_state;
  std::string to_state, comment, payload = "{}", prev_hash, hash;
};

// Fixed-order JSON array of the hashed fields.
std::string canonical_transition(const TransitionRow& t);
std::string chain_hash(const std::string& prev_hash, const TransitionRow& t);

// Appends a row (seq, prev_hash and hash computed here) and returns it.
TransitionRow append_transition(Conn& c, TransitionRow t);
std::vector<TransitionRow> history(Conn& c, std::int64_t tenant_id, std::int64_t problem_id);

struct ChainBreak {
  std::int64_t problem_id = 0, seq = 0, transition_id = 0;
  std::string reason;
};
struct ChainReport {
  std::int64_t problems = 0, rows = 0;
  std::optional<ChainBreak> first_break;
};
// Recomputes every chain of the tenant (all tenants when tenant_id is 0), in problem
// and seq order, stopping at the first broken row.
ChainReport verify_chains(Conn& c, std::int64_t tenant_id);

}  // namespace envgrid::store
