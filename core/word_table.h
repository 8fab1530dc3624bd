#pragma once
// WordTable: word bytes -> uint64 count, the counting structure of a worker's BatchDelta and of
// the running CountState.
//
// Built for the two hot loops of firecount: a worker adding one token at a time, and the batch
// merge folding whole tables into the state. Compared with flat_hash_map<std::string, uint64_t>:
//  - words of up to 16 bytes (most) are stored in their entry, longer ones in an arena of large
//    chunks owned by the table: no allocation per new word, and a probe that hits reads one
//    slot and one entry;
//  - entries live in a dense vector in insertion order, each with its 32-bit hash, so a merge
//    walks one table sequentially and probes the other with a precomputed hash (prefetchable),
//    never hashing a word twice;
//  - an entry's index is stable until clear(), so the merge can remember entries across inserts;
//  - clear() keeps the slots, the entries' capacity and the arena's chunks: a worker's table
//    reaches its batch's size once and then stops allocating.
// Slots are open-addressed with linear probing, 8 bytes each (entry index + hash), at most 70%
// full, so a probe that misses rarely leaves one cache line and never touches an entry.
//
// Threading: not thread-safe; owned by one thread at a time.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "absl/hash/hash.h"

namespace firecount {

class WordTable {
 public:
  // Words up to kInlineBytes long are kept in the entry itself, longer ones in the arena.
  static constexpr uint32_t kInlineBytes = 16;
  struct Entry {
    uint64_t count;
    uint32_t size;
    uint32_t hash;
    union {
      char bytes[kInlineBytes];
      const char* data;
    } key;
    const char* data() const { return size <= kInlineBytes ? key.bytes : key.data; }
    std::string_view word() const { return std::string_view(data(), size); }
  };

  // The hash every WordTable uses; pass it to the *_hashed functions.
  static uint32_t hash_of(std::string_view word) {
    return static_cast<uint32_t>(absl::HashOf(absl::string_view(word.data(), word.size())));
  }

  WordTable() = default;
  WordTable(const WordTable&) = delete;
  WordTable& operator=(const WordTable&) = delete;
  WordTable(WordTable&&) noexcept = default;
  WordTable& operator=(WordTable&&) noexcept = default;

  // Adds `n` to the count of `word` (a new word starts at 0) and returns its entry's index.
  // `hash` must be hash_of(word). Words longer than 4 GiB are not supported.
  uint32_t add_hashed(std::string_view word, uint32_t hash, uint64_t n) {
    if (entries_.size() >= grow_at_) grow();
    size_t i = hash & mask_;
    for (;;) {
      const uint64_t slot = slots_[i];
      if (slot == 0) break;
      if (static_cast<uint32_t>(slot >> 32) == hash) {
        const uint32_t index = static_cast<uint32_t>(slot) - 1;
        Entry& e = entries_[index];
        if (e.size == word.size() && equal(e.data(), word)) {
          e.count += n;
          return index;
        }
      }
      i = (i + 1) & mask_;
    }
    const auto index = static_cast<uint32_t>(entries_.size());
    Entry& e = entries_.emplace_back();
    e.count = n;
    e.size = static_cast<uint32_t>(word.size());
    e.hash = hash;
    if (word.size() <= kInlineBytes) {
      __builtin_memcpy(e.key.bytes, word.data(), word.size());
    } else {
      e.key.data = intern(word);
    }
    slots_[i] = (uint64_t{hash} << 32) | (index + 1);
    return index;
  }
  uint32_t add(std::string_view word, uint64_t n = 1) { return add_hashed(word, hash_of(word), n); }

  // The entry of `word`, or nullptr. Entries, and the views their word() returns, are valid until
  // the next add or clear().
  const Entry* find(std::string_view word) const;

  // Hints that `hash` will be probed soon (merge loops call it a few entries ahead).
  void prefetch(uint32_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & mask_]);
  }

  // Second stage, a few entries after prefetch(hash): reads the (by now cached) slots of `hash`
  // and hints that the entry the first matching one points to will be read soon.
  void prefetch_entry(uint32_t hash) const {
    if (slots_.empty()) return;
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const uint64_t slot = slots_[i];
      if (slot == 0) return;
      if (static_cast<uint32_t>(slot >> 32) == hash) {
        __builtin_prefetch(&entries_[static_cast<uint32_t>(slot) - 1]);
        return;
      }
    }
  }

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  // Every entry, in insertion order.
  std::span<const Entry> entries() const { return entries_; }
  const Entry& entry(uint32_t index) const { return entries_[index]; }

  // Makes room for `n` entries: adding words until size() reaches `n` will not grow the slots or
  // move the entries. Grows geometrically (at least doubling what it grows), so calling it with a
  // slowly rising `n` stays amortized O(1) per word. Lets the merge grow the totals at a moment
  // of its choosing instead of in the middle of a latency-critical merge.
  void reserve(size_t n);
  // How many entries the table holds before an add grows its slots or moves its entries.
  size_t room() const { return std::min(grow_at_, entries_.capacity()); }

  // Empties the table, keeping its memory for reuse.
  void clear();

  // Bytes held (slots, entries and arena), for memory reports.
  size_t memory_bytes() const;

 private:
  static constexpr size_t kChunkBytes = size_t{256} << 10;
  static constexpr size_t kInitialSlots = 1024;

  static bool equal(const char* a, std::string_view b) {
    return __builtin_memcmp(a, b.data(), b.size()) == 0;
  }
  const char* intern(std::string_view word) {
    if (word.size() > chunk_free_) return intern_slow(word);
    char* p = chunk_pos_;
    __builtin_memcpy(p, word.data(), word.size());
    chunk_pos_ += word.size();
    chunk_free_ -= word.size();
    return p;
  }
  const char* intern_slow(std::string_view word);
  void grow();
  void rehash(size_t capacity);

  std::vector<uint64_t> slots_;  // (hash << 32) | (entry index + 1); 0 = empty
  size_t mask_ = 0;
  size_t grow_at_ = 0;  // entries_.size() that triggers a doubling (0: no slots yet)
  std::vector<Entry> entries_;
  std::vector<std::unique_ptr<char[]>> chunks_;  // kChunkBytes each, reused by clear()
  size_t chunks_used_ = 0;                       // chunks_[0, chunks_used_) hold words
  std::vector<std::unique_ptr<char[]>> large_;   // words > kChunkBytes / 4, freed by clear()
  char* chunk_pos_ = nullptr;
  size_t chunk_free_ = 0;
};

}  // namespace firecount
