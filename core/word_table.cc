#include "core/word_table.h"

#include <algorithm>
#include <cstring>

namespace firecount {

const WordTable::Entry* WordTable::find(std::string_view word) const {
  if (slots_.empty()) return nullptr;
  size_t i;
  const uint32_t index = probe(slots_.data(), mask_, entries_.data(), word, key_of(word), i);
  return index == kAbsent ? nullptr : &entries_[index];
}

const char* WordTable::intern_slow(std::string_view word) {
  if (word.size() > kChunkBytes / 4) {
    large_.push_back(std::make_unique_for_overwrite<char[]>(word.size()));
    std::memcpy(large_.back().get(), word.data(), word.size());
    return large_.back().get();
  }
  if (chunks_used_ == chunks_.size()) {
    chunks_.push_back(std::make_unique_for_overwrite<char[]>(kChunkBytes));
  }
  chunk_pos_ = chunks_[chunks_used_++].get();
  chunk_free_ = kChunkBytes;
  return intern(word);
}

void WordTable::grow() {
  if (growing()) {
    // The current slots are full before the steps were done: finish them now.
    grow_step(SIZE_MAX);
    if (entries_.size() < grow_at_) return;
  }
  rehash(slots_.empty() ? kInitialSlots : slots_.size() * 2);
}

size_t WordTable::capacity_for(size_t n) const {
  size_t capacity = slots_.empty() ? kInitialSlots : slots_.size() * 2;
  while (capacity / 10 * 7 <= n) capacity *= 2;
  return capacity;
}

void WordTable::reserve(size_t n) {
  if (n > entries_.capacity()) entries_.reserve(std::max(n, 2 * entries_.capacity()));
  if (n < grow_at_) return;
  if (growing() && growing_to() > n) {
    grow_step(SIZE_MAX);
    return;
  }
  rehash(capacity_for(n));
}

void WordTable::begin_growth(size_t n) {
  // The entries grow by remapping (TrivialArray): no step needed.
  if (n > entries_.capacity()) entries_.reserve(std::max(n, 2 * entries_.capacity()));
  if (n < grow_at_ || (growing() && growing_to() > n)) return;
  if (slots_.empty()) {
    rehash(capacity_for(n));  // nothing to place yet
    return;
  }
  drop_growth();
  const size_t capacity = capacity_for(n);
  next_slots_.reserve(capacity);  // allocated, not touched: the steps zero it
  next_mask_ = capacity - 1;
  next_placed_ = 0;
}

bool WordTable::grow_step(size_t work) {
  if (!growing()) return false;
  const size_t capacity = next_mask_ + 1;
  if (next_slots_.size() < capacity) {
    const size_t zero = work > (capacity - next_slots_.size()) / kSlotsPerWorkUnit
                            ? capacity - next_slots_.size()
                            : work * kSlotsPerWorkUnit;
    next_slots_.resize(next_slots_.size() + zero);  // zeroes the new slots
    work -= std::min(work, zero / kSlotsPerWorkUnit);
    if (next_slots_.size() < capacity) return true;
  }
  const size_t end = entries_.size() - next_placed_ > work ? next_placed_ + work : entries_.size();
  place(next_slots_.data(), next_mask_, next_placed_, end);
  next_placed_ = end;
  if (next_placed_ < entries_.size()) return true;
  slots_.swap(next_slots_);
  mask_ = next_mask_;
  grow_at_ = capacity / 10 * 7;
  drop_growth();
  return false;
}

void WordTable::drop_growth() {
  std::vector<uint64_t>().swap(next_slots_);
  next_mask_ = 0;
  next_placed_ = 0;
}

void WordTable::rehash(size_t capacity) {
  drop_growth();
  // The slots are rebuilt from the entries: the old array goes first, so the two never coexist
  // (at a million words, 16 MB less at the resident peak of a growth).
  std::vector<uint64_t>().swap(slots_);
  slots_.assign(capacity, 0);
  mask_ = capacity - 1;
  grow_at_ = capacity / 10 * 7;
  place(slots_.data(), mask_, 0, entries_.size());
}

void WordTable::place(uint64_t* slots, size_t mask, size_t from, size_t to) const {
  for (size_t index = from; index < to; ++index) {
    const uint32_t hash = entries_[index].hash;
    size_t i = hash & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = (uint64_t{hash} << 32) | (index + 1);
  }
}

void WordTable::clear() {
  drop_growth();
  if (entries_.empty()) return;
  // Sparse tables clear slot by slot; dense ones in one pass.
  if (entries_.size() < slots_.size() / 16) {
    for (size_t index = 0; index < entries_.size(); ++index) {
      const uint64_t slot = (uint64_t{entries_[index].hash} << 32) | (index + 1);
      size_t i = entries_[index].hash & mask_;
      while (slots_[i] != slot) i = (i + 1) & mask_;
      slots_[i] = 0;
    }
  } else {
    std::fill(slots_.begin(), slots_.end(), 0);
  }
  entries_.clear();
  large_.clear();
  chunks_used_ = 0;
  chunk_pos_ = nullptr;
  chunk_free_ = 0;
}

size_t WordTable::memory_bytes() const {
  size_t bytes = (slots_.capacity() + next_slots_.capacity()) * sizeof(uint64_t) +
                 entries_.capacity() * sizeof(Entry) + chunks_.size() * kChunkBytes;
  for (const Entry& e : entries_) {
    if (e.size > kChunkBytes / 4) bytes += e.size;
  }
  return bytes;
}

size_t WordTable::probe_steps() const {
  size_t steps = 0;
  for (size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i] == 0) continue;
    const size_t home = static_cast<uint32_t>(slots_[i] >> 32) & mask_;
    steps += ((i - home) & mask_) + 1;
  }
  return steps;
}

}  // namespace firecount
