#pragma once
// CountState: the running state of the job, updateStateByKey semantics (totals since start),
// and its top-K.
//
// At each batch boundary the barrier hands the retired BatchDelta of every worker to apply(),
// which adds the counts into the totals and recomputes the ranking incrementally: counts only
// grow, so the new top-K is always inside (previous top-K) ∪ (words counted in this batch), and
// a word of the batch can only enter if its new total reaches the previous K-th count. So apply()
// probes the totals once per distinct word of each delta (with the hash the worker computed,
// prefetched a few entries ahead), remembers the few entries that reach that count, and ranks
// only those and the previous top-K. The cost of a batch is O(words counted in it), not
// O(vocabulary).
//
// Later state kinds (event-time windows, decayed trending scores) extend this seam: they take
// the same per-batch deltas (with their event-time range) and keep more than one total per word.
//
// Threading: not thread-safe; owned by the barrier's thread.

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/batch_delta.h"
#include "core/top_k.h"
#include "core/word_table.h"

namespace firecount {

struct StateTotals {
  uint64_t tweets = 0;
  uint64_t tokens = 0;
  uint64_t bytes = 0;
  uint64_t retweets_skipped = 0;
  std::array<uint64_t, kMessageKindCount> messages{};
};

class CountState {
 public:
  explicit CountState(size_t top_k) : top_k_(top_k) {}

  // Merges the deltas into the totals and updates the ranking. The deltas are left unchanged
  // (the caller resets them for reuse).
  void apply(std::span<const BatchDelta* const> deltas);

  // As apply(), but while the state holds no word yet (the first batch, and the only merge of a
  // --once run) it takes over the largest delta's word table instead of copying it, which saves
  // a whole table of memory at the peak. That delta's words are left empty; its other fields are
  // untouched. Results are exactly those of apply().
  void apply_consuming(std::span<BatchDelta* const> deltas);

  // Makes room for `distinct` words in the totals: merges that keep distinct() at or below it
  // never grow the table (the engine grows it between boundaries, not during one).
  void reserve(size_t distinct) { words_.reserve(distinct); }
  // The same, in steps (WordTable::begin_growth and grow_step): the engine spreads a growth of
  // the totals over many folds instead of stalling one fold for the whole rehash. Merges may
  // run between the steps; one that fills the current slots finishes the growth at once.
  void begin_growth(size_t distinct) { words_.begin_growth(distinct); }
  bool grow_step(size_t work) { return words_.grow_step(work); }
  bool growing() const { return words_.growing(); }
  size_t growth_work_left() const { return words_.growth_work_left(); }

  // The best top_k words, count descending then word ascending.
  const Ranking& ranking() const { return ranking_; }
  const StateTotals& totals() const { return totals_; }
  size_t distinct() const { return words_.size(); }
  const WordTable& words() const { return words_; }

 private:
  void merge(std::span<const BatchDelta* const> deltas, bool rank_every_word);

  size_t top_k_;
  WordTable words_;
  std::vector<uint32_t> candidates_;  // entries of words_ that may enter the ranking
  StateTotals totals_;
  Ranking ranking_;
};

}  // namespace firecount
