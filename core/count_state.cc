#include "core/count_state.h"

namespace firecount {

void CountState::apply(std::span<const BatchDelta* const> deltas) {
  for (const BatchDelta* delta : deltas) {
    for (const auto& [word, count] : delta->counts) words_[word] += count;
    totals_.tweets += delta->tweets();
    totals_.tokens += delta->tokens;
    totals_.bytes += delta->bytes;
    totals_.retweets_skipped += delta->retweets_skipped;
    for (int i = 0; i < kMessageKindCount; ++i) totals_.messages[i] += delta->messages[i];
  }

  // No more inserts into words_ below, so views into its keys stay valid until the ranking is
  // materialized.
  TopKSelector selector(top_k_);
  auto offer = [&](std::string_view word) {
    auto it = words_.find(absl::string_view(word.data(), word.size()));
    selector.offer(std::string_view(it->first), it->second);
  };
  for (const auto& [word, count] : ranking_) offer(word);
  for (const BatchDelta* delta : deltas) {
    for (const auto& [word, count] : delta->counts) offer(word);
  }
  std::vector<WordCount> top = selector.take_sorted();
  ranking_.clear();
  ranking_.reserve(top.size());
  for (const WordCount& wc : top) ranking_.emplace_back(std::string(wc.word), wc.count);
}

}  // namespace firecount
