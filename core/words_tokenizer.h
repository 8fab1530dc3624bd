#pragma once
// WordsTokenizer: `--tokenizer words`, Unicode words, hashtags, mentions and emoji.
//
// The spec (docs/tokenizer.md has it with examples):
//  1. URL runs ("http://" or "https://", ASCII case-insensitive, up to the next White_Space) are
//     dropped.
//  2. The rest is normalized with NFKC_Casefold.
//  3. It is segmented with ICU's word BreakIterator for the root locale (UAX #29 plus ICU's
//     dictionaries for Chinese, Japanese, Thai, ...).
//  4. A segment whose rule status is >= 100 (number, letter, kana, ideographic) is a token. If the
//     segment before it is exactly "#" and the one before that is not a word (or there is none),
//     the token is "#" + the word. Mentions need no rule of their own: ICU 72's root rules put
//     '@' in ALetter, so "@Bob_2" is the one word "@bob_2" (and "a@b.c", a lone "@", "@@x" are
//     words too).
//  5. In every other segment each Extended_Pictographic code point is a token, each pair of
//     regional indicators is one flag token (an odd one left is dropped), and everything else is
//     dropped.
//  6. Tokens in the stop-word set (if any) are dropped.
// Text with no byte >= 0x80 takes the ASCII fast path (ascii_words.h), which gives the same
// tokens without calling ICU; everything else goes through ICU with objects and buffers this
// instance owns and reuses (nothing is built per call).
//
// Threading: not thread-safe; one instance per worker. The stop-word set is shared read-only.

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/stopwords.h"
#include "core/tokenizer.h"

namespace firecount {

class WordsTokenizer final : public Tokenizer {
 public:
  // Errors: Internal if ICU's NFKC_Casefold data or root word break rules cannot be loaded.
  static absl::StatusOr<std::unique_ptr<WordsTokenizer>> create(
      std::shared_ptr<const StopwordSet> stopwords);

  // Appends the tokens of `text` (UTF-8; invalid sequences act as U+FFFD) to `out`. Uses the
  // ASCII fast path when it can. Not thread-safe.
  void tokenize(std::string_view text, TokenList& out) override;

  // The ICU path for any text, never the fast path. For tests, the fuzzer and benchmarks.
  void tokenize_with_icu(std::string_view text, TokenList& out);

 private:
  WordsTokenizer(std::shared_ptr<const StopwordSet> stopwords, const icu::Normalizer2* normalizer,
                 std::unique_ptr<icu::BreakIterator> breaker);

  // Fills utf16_ with `text` minus its URL runs.
  void load_without_urls(std::string_view text);
  // Appends UTF-16 code units [begin, end) of normalized_ as one UTF-8 token unless stopped.
  void emit(int32_t begin, int32_t end, TokenList& out);
  // Rule 5: the emoji and flag tokens of the non-word segment [begin, end) of normalized_.
  void emit_pictographs(int32_t begin, int32_t end, TokenList& out);

  std::shared_ptr<const StopwordSet> stopwords_;  // null: keep every token
  const icu::Normalizer2* normalizer_;            // ICU-owned singleton
  std::unique_ptr<icu::BreakIterator> breaker_;
  icu::UnicodeString utf16_;       // the text as UTF-16, URL runs removed
  icu::UnicodeString normalized_;  // NFKC_Casefold of utf16_
  std::string scratch_;            // one token as UTF-8
};

}  // namespace firecount
