#include "core/count_state.h"

namespace firecount {

void CountState::apply(std::span<const BatchDelta* const> deltas) { merge(deltas, false); }

void CountState::apply_consuming(std::span<BatchDelta* const> deltas) {
  std::vector<const BatchDelta*> view(deltas.begin(), deltas.end());
  BatchDelta* largest = nullptr;
  for (BatchDelta* d : deltas) {
    if (largest == nullptr || d->counts.size() > largest->counts.size()) largest = d;
  }
  if (words_.empty() && largest != nullptr && !largest->counts.empty()) {
    // The state is empty, so the ranking is too: every word is a candidate anyway.
    std::swap(words_, largest->counts);
    merge(view, true);
    return;
  }
  merge(view, false);
}

void CountState::merge(std::span<const BatchDelta* const> deltas, bool rank_every_word) {
  // A word outside the previous top-K can only enter the new one if its total reaches the
  // previous K-th count: the previous top-K words still rank at least that high, and there are K
  // of them. Until the ranking is full every word of the batch is a candidate.
  const uint64_t threshold = top_k_ != 0 && ranking_.size() == top_k_ ? ranking_.back().second : 0;
  constexpr size_t kPrefetchAhead = 16;      // the slot
  constexpr size_t kPrefetchEntryAhead = 8;  // then the entry it points to
  candidates_.clear();
  for (const BatchDelta* delta : deltas) {
    const std::span<const WordTable::Entry> entries = delta->counts.entries();
    const size_t n = entries.size();
    for (size_t i = 0; i < n; ++i) {
      if (i + kPrefetchAhead < n) words_.prefetch(entries[i + kPrefetchAhead].hash);
      if (i + kPrefetchEntryAhead < n) words_.prefetch_entry(entries[i + kPrefetchEntryAhead].hash);
      const WordTable::Entry& e = entries[i];
      const uint32_t index = words_.add_entry(e);
      if (!rank_every_word && words_.entry(index).count >= threshold) {
        candidates_.push_back(index);
      }
    }
    totals_.tweets += delta->tweets();
    totals_.tokens += delta->tokens;
    totals_.bytes += delta->bytes;
    totals_.retweets_skipped += delta->retweets_skipped;
    for (int i = 0; i < kMessageKindCount; ++i) totals_.messages[i] += delta->messages[i];
  }

  // No more inserts into words_ below: its entries and their words stay put while we rank. A word
  // offered twice comes with the same (final) count, which the selector keeps once.
  TopKSelector selector(top_k_);
  for (const auto& [word, count] : ranking_) {
    const WordTable::Entry* e = words_.find(word);
    selector.offer(e->word(), e->count);
  }
  if (rank_every_word) {
    for (const WordTable::Entry& e : words_.entries()) selector.offer(e.word(), e.count);
  }
  for (const uint32_t index : candidates_) {
    const WordTable::Entry& e = words_.entry(index);
    selector.offer(e.word(), e.count);
  }
  std::vector<WordCount> top = selector.take_sorted();
  ranking_.clear();
  ranking_.reserve(top.size());
  for (const WordCount& wc : top) ranking_.emplace_back(std::string(wc.word), wc.count);
}

}  // namespace firecount
