#include "core/top_k.h"

#include <algorithm>

namespace firecount {
namespace {

// Heap comparator: std heaps keep the "largest" at the front; we want the worst-ranked there.
bool heap_less(const WordCount& a, const WordCount& b) { return ranks_before(a, b); }

absl::string_view key(std::string_view word) { return absl::string_view(word.data(), word.size()); }

}  // namespace

void TopKSelector::offer(std::string_view word, uint64_t count) {
  if (k_ == 0) return;
  const WordCount candidate{word, count};
  if (heap_.size() >= k_ && !ranks_before(candidate, heap_.front())) return;
  if (!members_.insert(key(word)).second) return;  // already selected with this same count
  if (heap_.size() < k_) {
    heap_.push_back(candidate);
    std::push_heap(heap_.begin(), heap_.end(), heap_less);
    return;
  }
  std::pop_heap(heap_.begin(), heap_.end(), heap_less);
  members_.erase(key(heap_.back().word));
  heap_.back() = candidate;
  std::push_heap(heap_.begin(), heap_.end(), heap_less);
}

std::vector<WordCount> TopKSelector::take_sorted() {
  std::vector<WordCount> out = std::move(heap_);
  heap_.clear();
  members_.clear();
  std::sort(out.begin(), out.end(), ranks_before);
  return out;
}

}  // namespace firecount
