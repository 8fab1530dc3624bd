#pragma once
// Helpers shared by the words tokenizer tests: run a tokenizer and copy its tokens out.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/token_list.h"
#include "core/words_tokenizer.h"

namespace firecount::testing {

using Tokens = std::vector<std::string>;

inline std::unique_ptr<WordsTokenizer> new_words_tokenizer(
    std::shared_ptr<const StopwordSet> stopwords = nullptr) {
  auto made = WordsTokenizer::create(std::move(stopwords));
  if (!made.ok()) return nullptr;
  return *std::move(made);
}

inline Tokens copy_tokens(TokenList& list) {
  Tokens out;
  for (std::string_view t : list.tokens()) out.emplace_back(t);
  return out;
}

// Tokens of tokenize() (which takes the fast path for ASCII text).
inline Tokens words_of(WordsTokenizer& tokenizer, std::string_view text) {
  TokenList list;
  tokenizer.tokenize(text, list);
  return copy_tokens(list);
}

// Tokens of the ICU path, even for ASCII text.
inline Tokens icu_words_of(WordsTokenizer& tokenizer, std::string_view text) {
  TokenList list;
  tokenizer.tokenize_with_icu(text, list);
  return copy_tokens(list);
}

}  // namespace firecount::testing
