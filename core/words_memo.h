#pragma once
// WordsMemo: a bounded memo of (exact island text -> its tokens) for the words tokenizer.
//
// The words tokenizer sends only the non-ASCII islands of a record (core/text_islands.h) to ICU,
// and an island's tokens depend on its bytes alone, so they can be remembered. Streams repeat
// islands constantly: a retweet carries its original's text verbatim, and non-ASCII words follow
// Zipf's law like any others ("é", "😂", "не"). A hit replaces ICU's conversion, normalization and
// (dictionary) segmentation with one hash, one comparison and a copy of the tokens.
//
// The memo is 2-way set associative with one most-recently-used bit per set. Keys are compared
// in full, so a hash collision can never change a result. Memory is bounded: the entries' heap
// bytes are counted, and when an insert would pass the budget every entry is dropped and freed.
// A budget of 0 disables the memo (find() always misses, insert() does nothing).
//
// Threading: not thread-safe; one per WordsTokenizer (that is, one per worker).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace firecount {

class WordsMemo {
 public:
  // Islands longer than this are never remembered (a long island is rarely repeated verbatim
  // except by retweets, and those stay below it: 280 code points of 3 bytes).
  static constexpr size_t kMaxKeyBytes = 1024;
  static constexpr size_t kDefaultBudgetBytes = size_t{2} << 20;  // per worker

  explicit WordsMemo(size_t budget_bytes);

  // Token i is bytes[i == 0 ? 0 : ends[i - 1], ends[i]).
  struct Tokens {
    std::string_view bytes;
    const uint32_t* ends;
    size_t count;
  };
  // True and the tokens remembered for `key` (valid until the next insert() or clear()), or false.
  bool find(std::string_view key, uint64_t hash, Tokens& tokens);

  // Remembers `key` -> tokens (token i is bytes[ends[i-1], ends[i])). Keys longer than
  // kMaxKeyBytes are ignored.
  void insert(std::string_view key, uint64_t hash, std::string_view bytes, const uint32_t* ends,
              size_t count);

  // Drops every entry and frees its memory.
  void clear();

  static uint64_t hash_of(std::string_view key);

  size_t budget_bytes() const { return budget_bytes_; }
  size_t bytes_in_use() const { return bytes_in_use_; }

 private:
  static constexpr size_t kSets = 1024;

  struct Entry {
    uint64_t hash = 0;
    uint32_t key_size = 0;
    bool used = false;
    std::string data;            // key, then the token bytes
    std::vector<uint32_t> ends;  // token ends, relative to the end of the key
    size_t heap_bytes() const {
      const size_t inline_capacity = std::string().capacity();  // no heap below it
      return (data.capacity() > inline_capacity ? data.capacity() : 0) +
             ends.capacity() * sizeof(uint32_t);
    }
  };

  size_t budget_bytes_;
  size_t bytes_in_use_ = 0;
  std::vector<Entry> entries_;  // kSets * 2, way w of set s at 2 * s + w; empty if disabled
  std::vector<uint8_t> mru_;    // per set: the way used last
};

}  // namespace firecount
