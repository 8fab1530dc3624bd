#pragma once
// WordsMemo: a bounded memo of (exact island text -> its tokens) for the words tokenizer.
//
// The words tokenizer sends only the non-ASCII islands of a record (core/text_islands.h) to ICU,
// and an island's tokens depend on its bytes alone, so they can be remembered. Streams repeat
// islands constantly: a retweet carries its original's text verbatim, and non-ASCII words follow
// Zipf's law like any others ("é", "😂", "не"). A hit replaces ICU's conversion, normalization and
// (dictionary) segmentation with one hash, one comparison and a copy of the tokens.
//
// Layout: entries are appended to one arena (allocated on first insert, never reallocated) and
// found through an open-addressing index of (hash tag, arena offset) slots with linear probing.
// Keys are compared in full, so a hash collision can never change a result. Memory is bounded:
// the index and the arena together take at most the budget, and when an insert finds the arena
// or the index full, every entry is dropped (a flush) and the memo refills from the stream. A
// budget of 0 disables the memo (find() always misses, insert() does nothing).
//
// Threading: not thread-safe; one per WordsTokenizer (that is, one per worker).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/token_list.h"

namespace firecount {

class WordsMemo {
 public:
  // Islands longer than this are never remembered (a long island is rarely repeated verbatim
  // except by retweets, and those stay below it: 280 code points of 3 bytes).
  static constexpr size_t kMaxKeyBytes = 1024;
  static constexpr size_t kDefaultBudgetBytes = size_t{2} << 20;  // per worker

  explicit WordsMemo(size_t budget_bytes);

  // Token i is bytes[i == 0 ? 0 : ends[i - 1], ends[i]). At least TokenList::kCopyPad bytes after
  // the last token stay readable (TokenList::add_copies_padded).
  struct Tokens {
    std::string_view bytes;
    const uint32_t* ends;
    size_t count;
  };
  // True and the tokens remembered for `key` (valid until the next insert() or clear()), or false.
  bool find(std::string_view key, uint64_t hash, Tokens& tokens) const;

  // Remembers `key` -> tokens (token i is bytes[ends[i-1], ends[i])) unless it is known already.
  // Keys longer than kMaxKeyBytes, and entries larger than the arena, are ignored. May flush
  // every entry first.
  void insert(std::string_view key, uint64_t hash, std::string_view bytes, const uint32_t* ends,
              size_t count);

  // Drops every entry (keeps the memory, to refill without allocating).
  void clear();

  static uint64_t hash_of(std::string_view key);

  size_t budget_bytes() const { return budget_bytes_; }
  // Memory the memo holds: the index and the arena once allocated.
  size_t bytes_in_use() const { return arena_ == nullptr ? 0 : index_bytes() + arena_bytes(); }
  size_t entries() const { return entries_; }
  size_t flushes() const { return flushes_; }  // clear() calls by insert() when full

 private:
  // An index slot: tag 0 is empty; otherwise the hash's upper half (with the low bit set) and
  // the entry's offset in the arena, in 4-byte words.
  struct Slot {
    uint32_t tag;
    uint32_t at;
  };
  // An entry in the arena: this header, `count` uint32 token ends, the key, the token bytes;
  // padded to 4 bytes.
  struct Header {
    uint32_t key_size;
    uint32_t bytes_size;
    uint32_t count;
  };
  static constexpr size_t kHeaderWords = sizeof(Header) / 4;

  static uint32_t tag_of(uint64_t hash) { return static_cast<uint32_t>(hash >> 32) | 1; }
  size_t index_bytes() const { return (mask_ + 1) * sizeof(Slot); }
  size_t arena_bytes() const { return arena_words_ * 4 + TokenList::kCopyPad; }

  size_t budget_bytes_;
  size_t mask_ = 0;         // slots - 1 (a power of two minus one)
  size_t max_entries_ = 0;  // at most 3/4 of the slots
  size_t arena_words_ = 0;  // arena capacity
  size_t used_words_ = 0;
  size_t entries_ = 0;
  size_t flushes_ = 0;
  std::unique_ptr<Slot[]> index_;      // null until the first insert
  std::unique_ptr<uint32_t[]> arena_;  // null until the first insert
};

}  // namespace firecount
