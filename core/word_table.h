#pragma once
// WordTable: word bytes -> uint64 count, the counting structure of a worker's BatchDelta and of
// the running CountState.
//
// Built for the two hot loops of firecount: a worker adding a record's tokens (add_all), and the
// batch merge folding whole tables into the state (add_entry). Compared with
// flat_hash_map<std::string, uint64_t>:
//  - words of up to 16 bytes (most) are stored in their entry, longer ones in an arena of large
//    chunks owned by the table: no allocation per new word, and a probe that hits reads one
//    slot and one entry;
//  - a short word's Key holds its bytes as two zero-padded 8-byte halves, read once (with loads
//    that never pass the word's end) for both the hash and the probe: a probe compares two
//    words, never calls memcmp;
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
#include <bit>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "absl/hash/hash.h"
#include "core/trivial_array.h"

namespace firecount {

class WordTable {
 public:
  static_assert(std::endian::native == std::endian::little, "Key packs words little-endian");
  // Words up to kInlineBytes long are kept in the entry itself, longer ones in the arena.
  static constexpr uint32_t kInlineBytes = 16;
  // grow_step()'s unit of work: one entry placed, or this many new slots zeroed.
  static constexpr size_t kSlotsPerWorkUnit = 4;
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
    // An inline word's bytes as Key::lo and Key::hi hold them (the bytes past size are zero).
    uint64_t inline_lo() const {
      uint64_t v;
      __builtin_memcpy(&v, key.bytes, 8);
      return v;
    }
    uint64_t inline_hi() const {
      uint64_t v;
      __builtin_memcpy(&v, key.bytes + 8, 8);
      return v;
    }
  };

  // A word's probe key: its hash and, for a word of up to kInlineBytes, its bytes as an entry
  // keeps them (two little-endian words, zero past the end), compared in two 64-bit steps.
  struct Key {
    uint64_t lo = 0;
    uint64_t hi = 0;
    uint32_t hash = 0;
  };

  // The key of `word`. Reads only the word's bytes. Thread-safe.
  static Key key_of(std::string_view word) {
    Key key;
    if (word.size() <= kInlineBytes) {
      load_inline(word.data(), word.size(), key.lo, key.hi);
      key.hash = hash_inline(key.lo, key.hi, word.size());
    } else {
      key.hash = hash_long(word);
    }
    return key;
  }

  // The hash every WordTable uses; pass it to the *_hashed functions. Words of up to
  // kInlineBytes: their two (zero-padded) 8-byte halves multiplied, folded, mixed with the length
  // and multiplied again; longer ones: absl::HashOf. Thread-safe.
  static uint32_t hash_of(std::string_view word) { return key_of(word).hash; }

  WordTable() = default;
  WordTable(const WordTable&) = delete;
  WordTable& operator=(const WordTable&) = delete;
  WordTable(WordTable&&) noexcept = default;
  WordTable& operator=(WordTable&&) noexcept = default;

  // Adds `n` to the count of `word` (a new word starts at 0) and returns its entry's index.
  // `key` must be key_of(word). Words longer than 4 GiB are not supported.
  uint32_t add_key(std::string_view word, const Key& key, uint64_t n) {
    if (entries_.size() >= grow_at_) grow();
    size_t i;
    const uint32_t index = probe(slots_.data(), mask_, entries_.data(), word, key, i);
    if (index != kAbsent) {
      entries_[index].count += n;
      return index;
    }
    return insert(word, key, n, i);
  }

  // Adds 1 to the count of each of `words`, in order: the hot loop of a worker. Hashes them all
  // and hints their slots into the cache first, so the misses of a table larger than the cache
  // overlap instead of coming one after another; then counts, with the table's fields held in
  // registers until a new word is inserted.
  void add_all(std::span<const std::string_view> words) {
    const size_t n = words.size();
    if (n == 0) return;
    if (slots_.empty()) grow();
    if (keys_.size() < n) keys_.resize(n);
    Key* const keys = keys_.data();
    for (size_t t = 0; t < n; ++t) {
      keys[t] = key_of(words[t]);
      prefetch(keys[t].hash);
    }
    const uint64_t* slots = slots_.data();
    size_t mask = mask_;
    Entry* entries = entries_.data();
    for (size_t t = 0; t < n; ++t) {
      size_t i;
      const uint32_t index = probe(slots, mask, entries, words[t], keys[t], i);
      if (index != kAbsent) {
        ++entries[index].count;
        continue;
      }
      if (entries_.size() >= grow_at_) {
        add_key(words[t], keys[t], 1);  // grows, then probes the new slots
      } else {
        insert(words[t], keys[t], 1, i);
      }
      slots = slots_.data();
      mask = mask_;
      entries = entries_.data();
    }
  }

  // add_key() for a caller that has only the hash. `hash` must be hash_of(word).
  uint32_t add_hashed(std::string_view word, uint32_t hash, uint64_t n) {
    Key key;
    if (word.size() <= kInlineBytes) load_inline(word.data(), word.size(), key.lo, key.hi);
    key.hash = hash;
    return add_key(word, key, n);
  }

  // Adds the count of `from`, an entry of another table, to its word: the merge's add. An inline
  // word's key is read straight from the entry (no hashing, no branch on its length).
  uint32_t add_entry(const Entry& from) {
    Key key;
    key.hash = from.hash;
    if (from.size <= kInlineBytes) {
      key.lo = from.inline_lo();
      key.hi = from.inline_hi();
    }
    return add_key(from.word(), key, from.count);
  }
  uint32_t add(std::string_view word, uint64_t n = 1) { return add_key(word, key_of(word), n); }

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

  // Growth in steps, for a caller that must never stall for a whole rehash (the engine's
  // coordinator: a table of a million words takes ~15-30 ms to rehash at once). begin_growth(n)
  // makes room for `n` entries as reserve() would, but builds the larger slots beside the
  // current ones, a bounded part per grow_step(); the table switches to them after the last
  // step. Until then every lookup and add uses the current slots, and entries added meanwhile
  // are placed by the later steps. An add that fills the current slots before the growth is done
  // finishes it at once (as grow() would have). A smaller or equal pending growth is replaced.
  void begin_growth(size_t n);
  // Does about `work` entries' worth of the pending growth (zeroing kSlotsPerWorkUnit new slots
  // counts as one entry placed) and returns whether some of it is still pending.
  bool grow_step(size_t work);
  bool growing() const { return next_mask_ != 0; }
  // The work grow_step() still has to do for the pending growth, in its units.
  size_t growth_work_left() const {
    return growing() ? (next_mask_ + 1 - next_slots_.size()) / kSlotsPerWorkUnit +
                           (entries_.size() - next_placed_)
                     : 0;
  }
  // The entries the pending growth makes room for (0 if none).
  size_t growing_to() const { return growing() ? (next_mask_ + 1) / 10 * 7 : 0; }

  // Empties the table, keeping its memory for reuse.
  void clear();

  // Bytes held (slots, entries and arena), for memory reports.
  size_t memory_bytes() const;

  // The slots a lookup reads, summed over every entry's word (1 for a word in its home slot): a
  // check of the hash's spread for tests and benchmarks. O(slots).
  size_t probe_steps() const;

 private:
  static constexpr size_t kChunkBytes = size_t{256} << 10;
  static constexpr size_t kInitialSlots = 1024;

  // The `n` (<= kInlineBytes) bytes at `p` as two little-endian words, zero past the end. Reads
  // only [p, p + n): overlapping loads of 8, 4 or 1 bytes.
  static void load_inline(const char* p, size_t n, uint64_t& lo, uint64_t& hi) {
    if (n >= 8) {
      lo = load64(p);
      // Bytes [n - 8, n) shifted down to [8, n); nothing when n == 8.
      const uint64_t last = load64(p + n - 8) >> ((8 * (16 - n)) & 63);
      hi = n > 8 ? last : 0;
    } else if (n >= 4) {
      lo = load32(p) | (load32(p + n - 4) << (8 * (n - 4)));
      hi = 0;
    } else if (n > 0) {
      const auto byte = [p](size_t i) { return uint64_t{static_cast<unsigned char>(p[i])}; };
      lo = byte(0) | (byte(n / 2) << (8 * (n / 2))) | (byte(n - 1) << (8 * (n - 1)));
      hi = 0;
    } else {
      lo = 0;
      hi = 0;
    }
  }
  static uint64_t load64(const char* p) {
    uint64_t v;
    __builtin_memcpy(&v, p, 8);
    return v;
  }
  static uint64_t load32(const char* p) {
    uint32_t v;
    __builtin_memcpy(&v, p, 4);
    return v;
  }
  // A 64x64->128-bit multiply, folded (wyhash's "mum"). Each constant of hash_inline() holds a
  // 0xff byte where it meets word bytes, which UTF-8 never has: no word zeroes a factor.
  static uint64_t mum(uint64_t a, uint64_t b) {
    const unsigned __int128 m = static_cast<unsigned __int128>(a) * b;
    return static_cast<uint64_t>(m) ^ static_cast<uint64_t>(m >> 64);
  }
  static uint32_t hash_inline(uint64_t lo, uint64_t hi, size_t n) {
    const uint64_t m = mum(lo ^ 0xa0761d6478bd64ffULL, hi ^ 0xe7037ed1a0b4ffdbULL);
    return static_cast<uint32_t>(mum(m ^ 0x8ebc6af09c88c6e3ULL ^ n, 0x589965cc75374cc3ULL));
  }
  static uint32_t hash_long(std::string_view word) {
    return static_cast<uint32_t>(absl::HashOf(absl::string_view(word.data(), word.size())));
  }
  static constexpr uint32_t kAbsent = UINT32_MAX;

  // The index of the entry holding `word` (whose key is `key`), or kAbsent with `i` set to the
  // free slot where it goes. The table has slots.
  static uint32_t probe(const uint64_t* slots, size_t mask, const Entry* entries,
                        std::string_view word, const Key& key, size_t& i) {
    const bool inline_word = word.size() <= kInlineBytes;
    for (i = key.hash & mask;; i = (i + 1) & mask) {
      const uint64_t slot = slots[i];
      if (slot == 0) return kAbsent;
      if (static_cast<uint32_t>(slot >> 32) != key.hash) continue;
      const uint32_t index = static_cast<uint32_t>(slot) - 1;
      const Entry& e = entries[index];
      if (e.size == word.size() &&
          (inline_word ? e.inline_lo() == key.lo && e.inline_hi() == key.hi
                       : __builtin_memcmp(e.key.data, word.data(), word.size()) == 0)) {
        return index;
      }
    }
  }

  // Appends `word`'s entry with count `n` and points the free slot `i` at it (the table has room).
  uint32_t insert(std::string_view word, const Key& key, uint64_t n, size_t i) {
    const auto index = static_cast<uint32_t>(entries_.size());
    Entry& e = entries_.emplace_back();
    e.count = n;
    e.size = static_cast<uint32_t>(word.size());
    e.hash = key.hash;
    if (word.size() <= kInlineBytes) {
      __builtin_memcpy(e.key.bytes, &key.lo, 8);
      __builtin_memcpy(e.key.bytes + 8, &key.hi, 8);
    } else {
      e.key.data = intern(word);
    }
    slots_[i] = (uint64_t{key.hash} << 32) | (index + 1);
    return index;
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
  // Points free slots of `slots` (mask + 1 of them) at entries [from, to), each by linear probing
  // from its home slot.
  void place(uint64_t* slots, size_t mask, size_t from, size_t to) const;
  // Slots for `n` entries: a power of two, at least double the current ones, at most 70% full.
  size_t capacity_for(size_t n) const;
  void drop_growth();

  std::vector<uint64_t> slots_;  // (hash << 32) | (entry index + 1); 0 = empty
  size_t mask_ = 0;
  size_t grow_at_ = 0;  // entries_.size() that triggers a doubling (0: no slots yet)
  // A growth in steps: next_slots_ is reserved at its full size (next_mask_ + 1 slots, no page
  // touched) and zeroed up to its size() a step at a time; then entries [0, next_placed_) are
  // placed in it.
  std::vector<uint64_t> next_slots_;
  size_t next_mask_ = 0;  // 0: no growth pending
  size_t next_placed_ = 0;
  TrivialArray<Entry> entries_;                  // grows by mremap: no resident copy at a growth
  std::vector<std::unique_ptr<char[]>> chunks_;  // kChunkBytes each, reused by clear()
  size_t chunks_used_ = 0;                       // chunks_[0, chunks_used_) hold words
  std::vector<std::unique_ptr<char[]>> large_;   // words > kChunkBytes / 4, freed by clear()
  char* chunk_pos_ = nullptr;
  size_t chunk_free_ = 0;
  std::vector<Key> keys_;  // add_all()'s keys of one call's words
};

}  // namespace firecount
