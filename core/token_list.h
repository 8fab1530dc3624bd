#pragma once
// TokenList: the tokens one tokenizer call produced for one record, in text order.
//
// Tokens are views: into the record's text when a token is a plain slice of it (the split
// tokenizer), or into the list's own arena when the tokenizer had to build the bytes (case
// folding, normalization, "#" + word). The arena is a list of chunks that never move, so a copied
// token's view is final the moment it is added. The list is reused across records: clear() keeps
// the chunks and the capacity, so steady-state tokenizing allocates nothing.
//
// Threading: not thread-safe; one per worker.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace firecount {

class TokenList {
 public:
  void clear() {
    tokens_.clear();
    chunk_ = 0;
    at_ = chunks_.empty() ? nullptr : chunks_[0].bytes.get();
    room_ = chunks_.empty() ? 0 : chunks_[0].size;
  }

  // Appends a token that stays valid as long as the viewed bytes do.
  void add_view(std::string_view token) { tokens_.push_back(token); }

  // Appends a token whose bytes the list copies into its arena.
  void add_copy(std::string_view token) {
    char* dest = add_uninitialized(token.size(), token.size());
    if (!token.empty()) std::memcpy(dest, token.data(), token.size());
  }

  // Appends `count` tokens copied from `bytes`: token i is bytes[ends[i - 1], ends[i]) (from 0
  // for i == 0), with ends[count - 1] <= bytes.size().
  void add_copies(std::string_view bytes, const uint32_t* ends, size_t count) {
    if (count == 0) return;
    const size_t size = ends[count - 1];
    char* dest = reserve(size);
    if (size > 0) std::memcpy(dest, bytes.data(), size);
    size_t from = 0;
    for (size_t t = 0; t < count; ++t) {
      tokens_.emplace_back(dest + from, ends[t] - from);
      from = ends[t];
    }
    at_ += size;
    room_ -= size;
  }

  // add_copies() for bytes that stay readable for kCopyPad bytes past ends[count - 1]: copies
  // 16 bytes at a time, inline (the tokens of a remembered island are a few short words).
  static constexpr size_t kCopyPad = 16;
  void add_copies_padded(const char* bytes, const uint32_t* ends, size_t count) {
    if (count == 0) return;
    const size_t size = ends[count - 1];
    char* dest = reserve(size + kCopyPad);
    for (size_t i = 0; i < size; i += 16) std::memcpy(dest + i, bytes + i, 16);
    size_t from = 0;
    for (size_t t = 0; t < count; ++t) {
      tokens_.emplace_back(dest + from, ends[t] - from);
      from = ends[t];
    }
    at_ += size;
    room_ -= size;
  }

  // Appends a token of `size` bytes that the caller writes at the returned address (before the
  // next add_*, drop_last() or clear()). Up to `writable` (>= size) bytes may be written there;
  // those past `size` are not part of the token.
  char* add_uninitialized(size_t size, size_t writable) {
    char* dest = reserve(writable);
    tokens_.emplace_back(dest, size);
    at_ += size;
    room_ -= size;
    return dest;
  }

  // Removes the last token added (its arena bytes too, if it was the last add_uninitialized or
  // add_copy).
  void drop_last() {
    const std::string_view last = tokens_.back();
    tokens_.pop_back();
    if (chunks_.empty() || last.empty()) return;
    const auto used = static_cast<size_t>(at_ - chunks_[chunk_].bytes.get());
    if (used >= last.size() && at_ - last.size() == last.data()) {
      at_ -= last.size();
      room_ += last.size();
    }
  }

  size_t size() const { return tokens_.size(); }
  bool empty() const { return tokens_.empty(); }

  // All tokens in order. Valid until the next add_* or clear().
  const std::vector<std::string_view>& tokens() const { return tokens_; }

 private:
  static constexpr size_t kChunkBytes = 16 * 1024;
  struct Chunk {
    std::unique_ptr<char[]> bytes;
    size_t size;
  };

  // Room for `size` more bytes at at_ (moving on to the next chunk if needed); returns at_.
  char* reserve(size_t size) {
    if (size > room_) next_chunk(size);
    return at_;
  }

  void next_chunk(size_t size) {
    if (!chunks_.empty()) ++chunk_;
    while (chunk_ < chunks_.size() && chunks_[chunk_].size < size) ++chunk_;
    if (chunk_ == chunks_.size()) {
      const size_t bytes = size > kChunkBytes ? size : kChunkBytes;
      chunks_.push_back({std::make_unique<char[]>(bytes), bytes});
    }
    at_ = chunks_[chunk_].bytes.get();
    room_ = chunks_[chunk_].size;
  }

  std::vector<std::string_view> tokens_;
  std::vector<Chunk> chunks_;
  size_t chunk_ = 0;    // the chunk in use
  char* at_ = nullptr;  // where its free bytes start
  size_t room_ = 0;     // how many there are
};

}  // namespace firecount
