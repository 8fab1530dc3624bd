#include "core/count_state.h"

#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/top_k.h"
#include "gtest/gtest.h"

namespace firecount {
namespace {

Ranking reference_ranking(const std::map<std::string, uint64_t>& counts, size_t k) {
  Ranking all(counts.begin(), counts.end());
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (all.size() > k) all.resize(k);
  return all;
}

TEST(TopKSelectorTest, TiesBreakByWordBytes) {
  TopKSelector s(3);
  s.offer("b", 5);
  s.offer("a", 5);
  s.offer("c", 5);
  s.offer("\xc3\xa9", 5);  // é sorts after ASCII by bytes
  s.offer("z", 9);
  const auto top = s.take_sorted();
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].word, "z");
  EXPECT_EQ(top[1].word, "a");
  EXPECT_EQ(top[2].word, "b");
}

TEST(TopKSelectorTest, KLargerThanVocabularyKeepsAll) {
  TopKSelector s(100);
  s.offer("x", 1);
  s.offer("y", 2);
  const auto top = s.take_sorted();
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].word, "y");
}

TEST(TopKSelectorTest, SameWordOfferedTwiceIsKeptOnce) {
  TopKSelector s(3);
  s.offer("x", 4);
  s.offer("x", 4);
  s.offer("y", 1);
  const auto top = s.take_sorted();
  ASSERT_EQ(top.size(), 2u);
}

TEST(TopKSelectorTest, ZeroKSelectsNothing) {
  TopKSelector s(0);
  s.offer("x", 4);
  EXPECT_TRUE(s.take_sorted().empty());
}

TEST(CountStateTest, EmptyWordIsAWord) {
  CountState state(10);
  BatchDelta d;
  d.add_word("");
  d.add_word("");
  d.add_word("a");
  const BatchDelta* ds[] = {&d};
  state.apply(ds);
  ASSERT_EQ(state.ranking().size(), 2u);
  EXPECT_EQ(state.ranking()[0].first, "");
  EXPECT_EQ(state.ranking()[0].second, 2u);
}

// The incremental ranking (previous top-K ∪ words of the batch) must equal a full recount after
// every batch, whatever the number of workers, batches and ties.
TEST(CountStateTest, IncrementalRankingMatchesFullRecount) {
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    std::mt19937 rng(seed);
    const size_t k = 1 + rng() % 12;
    const int vocabulary = 5 + static_cast<int>(rng() % 60);
    CountState state(k);
    std::map<std::string, uint64_t> reference;
    for (int batch = 0; batch < 25; ++batch) {
      BatchDelta a, b;
      const int words = static_cast<int>(rng() % 40);
      for (int i = 0; i < words; ++i) {
        // Skewed choice gives many ties at low counts and a few heavy words.
        const int r = static_cast<int>(rng() % vocabulary);
        const std::string w = "w" + std::to_string(r * r % vocabulary);
        (rng() % 2 ? a : b).add_word(w);
        ++reference[w];
      }
      const BatchDelta* ds[] = {&a, &b};
      state.apply(ds);
      ASSERT_EQ(state.ranking(), reference_ranking(reference, k))
          << "seed " << seed << " batch " << batch;
      ASSERT_EQ(state.distinct(), reference.size());
    }
  }
}

// apply_consuming takes a delta's table over while the state is empty: same results as apply.
TEST(CountStateTest, ConsumingApplyMatchesApply) {
  for (uint32_t seed = 1; seed <= 10; ++seed) {
    std::mt19937 rng(seed);
    const size_t k = 1 + rng() % 8;
    CountState copying(k), consuming(k);
    for (int batch = 0; batch < 6; ++batch) {
      BatchDelta a, b, c, a2, b2, c2;
      for (int i = 0, n = static_cast<int>(rng() % 200); i < n; ++i) {
        const std::string w = "w" + std::to_string(rng() % 50) + std::string(rng() % 3 * 9, 'x');
        switch (rng() % 3) {
          case 0:
            a.add_word(w);
            a2.add_word(w);
            break;
          case 1:
            b.add_word(w);
            b2.add_word(w);
            break;
          default:
            c.add_word(w);
            c2.add_word(w);
            break;
        }
      }
      a.tokens = a2.tokens = 3;
      const BatchDelta* ds[] = {&a, &b, &c};
      copying.apply(ds);
      BatchDelta* ms[] = {&a2, &b2, &c2};
      consuming.apply_consuming(ms);
      ASSERT_EQ(consuming.ranking(), copying.ranking()) << "seed " << seed << " batch " << batch;
      ASSERT_EQ(consuming.distinct(), copying.distinct());
      ASSERT_EQ(consuming.totals().tokens, copying.totals().tokens);
    }
  }
}

// Continuous folding (io/engine.h): a batch's worker deltas applied in many random slices, with
// the totals grown ahead in between, give after every batch exactly the totals, distinct words and
// ranking (ties included) of one apply() of the whole batch, and of a full recount.
TEST(CountStateTest, FoldingInRandomSlicesMatchesOneApplyAndRecount) {
  for (uint32_t seed = 1; seed <= 30; ++seed) {
    std::mt19937 rng(seed);
    const size_t k = 1 + rng() % 10;
    const int vocabulary = 5 + static_cast<int>(rng() % 80);
    const int workers = 1 + static_cast<int>(rng() % 3);
    CountState folded(k), whole(k);
    std::map<std::string, uint64_t> reference;
    uint64_t tokens = 0;
    for (int batch = 0; batch < 20; ++batch) {
      std::vector<BatchDelta> batch_deltas(static_cast<size_t>(workers));
      const int slices = static_cast<int>(rng() % 6);  // 0: an empty batch
      for (int s = 0; s < slices; ++s) {
        std::vector<BatchDelta> slice(static_cast<size_t>(workers));
        for (int i = 0, n = static_cast<int>(rng() % 30); i < n; ++i) {
          // Skewed choice: many ties at low counts and a few heavy words; some long words.
          const int r = static_cast<int>(rng() % static_cast<size_t>(vocabulary));
          const std::string w =
              "w" + std::to_string(r * r % vocabulary) + std::string(r % 3 * 8, 'x');
          BatchDelta& d = slice[rng() % slice.size()];
          d.add_word(w);
          ++d.tokens;
          ++reference[w];
          ++tokens;
        }
        for (BatchDelta& d : slice) d.messages[static_cast<int>(MessageKind::kTweet)] = rng() % 3;
        for (size_t w = 0; w < slice.size(); ++w) batch_deltas[w].absorb(slice[w]);
        std::vector<BatchDelta*> ptrs;
        for (BatchDelta& d : slice) ptrs.push_back(&d);
        if (rng() % 2) {
          folded.apply_consuming(ptrs);
        } else {
          std::vector<const BatchDelta*> cptrs(ptrs.begin(), ptrs.end());
          folded.apply(cptrs);
        }
        if (rng() % 3 == 0) folded.reserve(folded.distinct() + rng() % 64);
      }
      std::vector<const BatchDelta*> ptrs;
      for (const BatchDelta& d : batch_deltas) ptrs.push_back(&d);
      whole.apply(ptrs);
      ASSERT_EQ(folded.ranking(), whole.ranking()) << "seed " << seed << " batch " << batch;
      ASSERT_EQ(folded.ranking(), reference_ranking(reference, k))
          << "seed " << seed << " batch " << batch;
      ASSERT_EQ(folded.distinct(), reference.size());
      ASSERT_EQ(whole.distinct(), reference.size());
      ASSERT_EQ(folded.totals().tokens, tokens);
      ASSERT_EQ(folded.totals().tweets, whole.totals().tweets);
      for (const auto& [word, count] : reference) {
        ASSERT_EQ(folded.words().find(word)->count, count) << word;
      }
    }
  }
}

TEST(CountStateTest, TotalsAddUp) {
  CountState state(5);
  BatchDelta d;
  d.messages[static_cast<int>(MessageKind::kTweet)] = 3;
  d.messages[static_cast<int>(MessageKind::kDelete)] = 2;
  d.tokens = 7;
  d.bytes = 100;
  const BatchDelta* ds[] = {&d, &d};
  state.apply(ds);
  EXPECT_EQ(state.totals().tweets, 6u);
  EXPECT_EQ(state.totals().tokens, 14u);
  EXPECT_EQ(state.totals().bytes, 200u);
  EXPECT_EQ(state.totals().messages[static_cast<int>(MessageKind::kDelete)], 4u);
}

}  // namespace
}  // namespace firecount
