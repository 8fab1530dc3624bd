#pragma once
// TokenList: the tokens one tokenizer call produced for one record, in text order.
//
// Tokens are views: into the record's text when a token is a plain slice of it (the split
// tokenizer), or into the list's own arena when the tokenizer had to build the bytes (case
// folding, normalization, "#" + word). The list is reused across records: clear() keeps the
// capacity, so steady-state tokenizing allocates nothing.
//
// Threading: not thread-safe; one per worker.

#include <string>
#include <string_view>
#include <vector>

namespace firecount {

class TokenList {
 public:
  void clear() {
    tokens_.clear();
    arena_.clear();
    owned_.clear();
  }

  // Appends a token that stays valid as long as the viewed bytes do.
  void add_view(std::string_view token) { tokens_.push_back(token); }

  // Appends a token whose bytes the list copies into its arena.
  void add_copy(std::string_view token) {
    owned_.push_back({arena_.size(), token.size(), tokens_.size()});
    arena_.append(token);
    tokens_.emplace_back();  // resolved in tokens() (the arena may still reallocate)
  }

  size_t size() const { return tokens_.size(); }
  bool empty() const { return tokens_.empty(); }

  // All tokens in order. Valid until the next add_* or clear().
  const std::vector<std::string_view>& tokens() {
    for (const Owned& o : owned_)
      tokens_[o.index] = std::string_view(arena_).substr(o.offset, o.size);
    return tokens_;
  }

 private:
  struct Owned {
    size_t offset;
    size_t size;
    size_t index;
  };
  std::vector<std::string_view> tokens_;
  std::string arena_;
  std::vector<Owned> owned_;
};

}  // namespace firecount
