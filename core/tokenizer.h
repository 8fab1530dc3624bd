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

// --stopwords: which tokens the words tokenizer drops (see stopwords.h).
enum class Stopwords {
  kNone,     // off (the default)
  kEnglish,  // --stopwords en: the built-in English list with "rt", "amp", "via"
  kFile,     // --stopwords FILE: TokenizerConfig::stopwords_file holds the file's contents
};

struct TokenizerConfig {
  TokenizerKind kind = TokenizerKind::kSplit;
  Stopwords stopwords = Stopwords::kNone;
  std::string stopwords_file;  // contents of FILE (one word per line) when stopwords == kFile
};

class Tokenizer {
 public:
  virtual ~Tokenizer() = default;

  // Appends the tokens of `text` to `out` (which the caller cleared). `text` is valid UTF-8.
  // Never fails: every input yields a (possibly empty) token list.
  virtual void tokenize(std::string_view text, TokenList& out) = 0;
};

// Builds a tokenizer for one worker. Errors: InvalidArgument for stop words with the split
// tokenizer or an unusable stop-word list (not UTF-8, no word); Internal if ICU data is missing.
// Each call parses the stop-word list again; a caller making many tokenizers may prefer to
// build the StopwordSet once and call WordsTokenizer::create itself.
absl::StatusOr<std::unique_ptr<Tokenizer>> make_tokenizer(const TokenizerConfig& config);

}  // namespace firecount
