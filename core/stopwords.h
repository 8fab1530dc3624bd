#pragma once
// StopwordSet: the tokens `--stopwords en|FILE` drops from the words tokenizer's output.
//
// Built once at start-up by make_tokenizer() (through make_stopword_set) and shared read-only by
// every worker's tokenizer. Entries are stored normalized with NFKC_Casefold, exactly as the
// tokenizer normalizes text, so "The", "THE" and "ｔｈｅ" in a file all drop the token "the".
// The built-in English list ("en") also holds stream noise: "rt", "amp" (from "&amp;"), "via",
// and every entry with an apostrophe in both spellings ("don't", "don’t"); a FILE list is taken
// as written.
//
// Threading: immutable after construction; contains() is thread-safe.

#include <memory>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"

namespace firecount {

class StopwordSet {
 public:
  explicit StopwordSet(absl::flat_hash_set<std::string> words) : words_(std::move(words)) {}

  // True if `token` (already normalized) is a stop word. Thread-safe.
  bool contains(std::string_view token) const {
    return words_.contains(absl::string_view(token.data(), token.size()));
  }

  size_t size() const { return words_.size(); }

 private:
  absl::flat_hash_set<std::string> words_;
};

// The built-in English list ("--stopwords en"): NLTK's English stop words plus "rt", "amp", "via";
// every word with an apostrophe also in its U+2019 spelling. Errors: Internal if ICU's
// normalizer cannot be loaded.
absl::StatusOr<std::shared_ptr<const StopwordSet>> make_english_stopword_set();

// Parses a stop-word list: one word per line ('\n' or "\r\n"), White_Space around a word ignored,
// empty lines skipped, every word normalized with NFKC_Casefold. Errors: InvalidArgument if the
// contents are not valid UTF-8 (naming the line) or hold no word at all; Internal if ICU's
// normalizer cannot be loaded.
absl::StatusOr<std::shared_ptr<const StopwordSet>> make_stopword_set(std::string_view contents);

}  // namespace firecount
