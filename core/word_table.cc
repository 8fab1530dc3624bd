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

void WordTable::grow() { rehash(slots_.empty() ? kInitialSlots : slots_.size() * 2); }

void WordTable::reserve(size_t n) {
  if (n > entries_.capacity()) entries_.reserve(std::max(n, 2 * entries_.capacity()));
  if (n < grow_at_) return;
  size_t capacity = slots_.empty() ? kInitialSlots : slots_.size() * 2;
  while (capacity / 10 * 7 <= n) capacity *= 2;
  rehash(capacity);
}

void WordTable::rehash(size_t capacity) {
  // The slots are rebuilt from the entries: the old array goes first, so the two never coexist
  // (at a million words, 16 MB less at the resident peak of a growth).
  std::vector<uint64_t>().swap(slots_);
  slots_.assign(capacity, 0);
  mask_ = capacity - 1;
  grow_at_ = capacity / 10 * 7;
  for (size_t index = 0; index < entries_.size(); ++index) {
    const uint32_t hash = entries_[index].hash;
    size_t i = hash & mask_;
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = (uint64_t{hash} << 32) | (index + 1);
  }
}

void WordTable::clear() {
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
  size_t bytes = slots_.capacity() * sizeof(uint64_t) + entries_.capacity() * sizeof(Entry) +
                 chunks_.size() * kChunkBytes;
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
