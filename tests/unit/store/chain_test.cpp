#include "fixture.hpp"
#include "store/ledger_chain.hpp"
#include "store/problems.hpp"

namespace envgrid::store::test {

class ChainTest : public DbTest {
 protected:
  std::int64_t add_problem_with_history(int steps) {
    return db_->write([&](Conn& c) {
      ProblemRow p;
      p.tenant_id = tenant_;
      p.number = "P" + std::to_string(++n_);
      p.state = "reported";
      p.source = "patrol";
      p.category_code = "06010";
      p.address = p.description = "x";
      p.reporter_id = user_;
      auto id = insert_problem(c, p);
      for (int i = 0; i < steps; ++i) {
        TransitionRow t;
        t.tenant_id = tenant_;
        t.problem_id = id;
        t.action = i ? "accept" : "report";
        t.actor_id = user_;
        t.to_state = "registered";
        t.at = 1000 + i;
        append_transition(c, t);
      }
      return id;
    });
  }
  int n_ = 0;
};

TEST_F(ChainTest, IntactChainsVerify) {
  add_problem_with_history(3);
  add_problem_with_history(2);
  auto rep = db_->read([&](Conn& c) { return verify_chains(c, tenant_); });
  EXPECT_FALSE(rep.first_break);
  EXPECT_EQ(rep.problems, 2);
  EXPECT_EQ(rep.rows, 5);
}

TEST_F(ChainTest, EditedCommentIsCaughtAtThatRow) {
  add_problem_with_history(3);
  auto id = add_problem_with_history(3);
  db_->write([&](Conn& c) { c.query("UPDATE transitions SET comment = 'tampered' WHERE problem_id = ? AND seq = 2", {id}); });
  auto rep = db_->read([&](Conn& c) { return verify_chains(c, tenant_); });
  ASSERT_TRUE(rep.first_break);
  EXPECT_EQ(rep.first_break->problem_id, id);
  EXPECT_EQ(rep.first_break->seq, 2);
}

TEST_F(ChainTest, DeletedRowIsCaught) {
  auto id = add_problem_with_history(3);
  db_->write([&](Conn& c) { c.query("DELETE FROM transitions WHERE problem_id = ? AND seq = 2", {id}); });
  auto rep = db_->read([&](Conn& c) { return verify_chains(c, tenant_); });
  ASSERT_TRUE(rep.first_break);
  EXPECT_EQ(rep.first_break->seq, 3);
}

TEST_F(ChainTest, RehashedRowStillBreaksTheNextLink) {
  auto id = add_problem_with_history(3);
  // An attacker who edits row 2 and recomputes its hash still breaks row 3's prev_hash.
  db_->write([&](Conn& c) {
    auto h = history(c, tenant_, id);
    h[1].comment = "forged";
    c.query("UPDATE transitions SET comment = ?, hash = ? WHERE id = ?", {h[1].comment, chain_hash(h[1].prev_hash, h[1]), h[1].id});
  });
  auto rep = db_->read([&](Conn& c) { return verify_chains(c, tenant_); });
  ASSERT_TRUE(rep.first_break);
  EXPECT_EQ(rep.first_break->seq, 3);
}

}  // namespace envgrid::store::test
