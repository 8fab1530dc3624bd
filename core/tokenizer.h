#pragma once
// Tokenizer: turns one record's text into tokens (words) to count.
//
// The engine creates one tokenizer per parse worker with make_tokenizer() and calls tokenize()
// once per counted record. Implementations keep whatever scratch state they need (ICU break
// iterators, normalizers, UTF-16 buffers) inside the object and reuse it, so a call allocates
// nothing in steady state.
//
// Threading: an instance is not thread-safe; each worker owns its own.

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/token_list.h"

namespace firecount {

enum class TokenizerKind {
  kSplit,  // the seed's PySpark job: lines on '\n', then str.split(" ") (see split_tokenizer.h)
  kWords,  // Unicode words, hashtags, mentions, emoji (issue: the real tokenizer)
};

struct TokenizerConfig {
  TokenizerKind kind = TokenizerKind::kSplit;
  // --stopwords: "" (off), "en" (built-in list) or the contents of a stop-word file.
  std::string stopwords;
};

class Tokenizer {
 public:
  virtual ~Tokenizer() = default;

  // Appends the tokens of `text` to `out` (which the caller cleared). `text` is valid UTF-8.
  // Never fails: every input yields a (possibly empty) token list.
  virtual void tokenize(std::string_view text, TokenList& out) = 0;
};

// Builds a tokenizer for one worker. Errors (InvalidArgument) for a kind this build cannot make
// or an unusable stop-word list.
absl::StatusOr<std::unique_ptr<Tokenizer>> make_tokenizer(const TokenizerConfig& config);

}  // namespace firecount
