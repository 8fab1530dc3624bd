#pragma once
// Top-K selection with the ordering used everywhere in firecount: count descending, then word
// ascending by bytes (so ties always come out the same way, whatever the thread count).
//
// TopKSelector is a bounded min-heap of K (word, count) candidates: offer() costs one comparison
// for a candidate that cannot enter, O(log K) for one that does. Offering the same word twice
// with the same count keeps one copy, so callers may offer a word from several worker deltas.
//
// Threading: not thread-safe; the batch barrier's thread owns it. Words are views: they must
// stay valid until take_sorted() returns.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"

namespace firecount {

struct WordCount {
  std::string_view word;
  uint64_t count;
};

// True when `a` ranks before `b` (higher count, or equal count and smaller word).
inline bool ranks_before(const WordCount& a, const WordCount& b) {
  return a.count != b.count ? a.count > b.count : a.word < b.word;
}

class TopKSelector {
 public:
  explicit TopKSelector(size_t k) : k_(k) {}

  void offer(std::string_view word, uint64_t count);

  // The selected entries, best first; leaves the selector empty.
  std::vector<WordCount> take_sorted();

 private:
  size_t k_;
  std::vector<WordCount> heap_;  // min-heap: the worst-ranked entry at the front
  absl::flat_hash_set<absl::string_view> members_;
};

// The owned form of a ranking, kept across batches.
using Ranking = std::vector<std::pair<std::string, uint64_t>>;

}  // namespace firecount
