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
// tokens without calling ICU. Other text is cut at split points (text_islands.h): its ASCII
// pieces take the fast path, in place. Each island is first looked up in a bounded memo
// (words_memo.h) of island text -> tokens, so repeated islands (retweets, frequent non-ASCII
// words) cost a hash, a comparison and a copy. A missed island made of simple letters (accented
// Latin, Greek, Cyrillic, Hangul, ...: simple_words.h) takes a per-code-point version of the
// ASCII path; only the other missed islands go through ICU, all of a record's in one pass, with
// objects and buffers this instance owns and reuses (nothing is built per call). Either way the
// island's tokens are then remembered. tokenize_with_icu() keeps the plain whole-text ICU path as
// the reference the others are tested against.
//
// Threading: not thread-safe; one instance per worker. The stop-word set is shared read-only.

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/nfkc_table.h"
#include "core/simple_words.h"
#include "core/stopwords.h"
#include "core/text_islands.h"
#include "core/tokenizer.h"
#include "core/words_memo.h"

namespace firecount {

class WordsTokenizer final : public Tokenizer {
 public:
  // Errors: Internal if ICU's NFKC_Casefold data or root word break rules cannot be loaded.
  // `memo_bytes` bounds the island memo (0 turns it off; results are the same either way).
  static absl::StatusOr<std::unique_ptr<WordsTokenizer>> create(
      std::shared_ptr<const StopwordSet> stopwords,
      size_t memo_bytes = WordsMemo::kDefaultBudgetBytes);

  // Appends the tokens of `text` (UTF-8; invalid sequences act as U+FFFD) to `out`. Uses the
  // ASCII fast path when it can. Not thread-safe.
  void tokenize(std::string_view text, TokenList& out) override;

  // The plain ICU path for the whole text: no fast path, no islands, no memo. The reference
  // for tests, the fuzzer and benchmarks.
  void tokenize_with_icu(std::string_view text, TokenList& out);

  // Appends the islands of `text` (text_islands.h, with this tokenizer's safe starts) to `out`:
  // the keys tokenize() looks up in the memo. For benchmarks and tests. Not thread-safe.
  void find_islands(std::string_view text, std::vector<internal::Island>& out);

  // What the memo remembers `island` by: the island minus the ASCII White_Space it ends with,
  // which never changes its tokens (see the .cc). Thread-safe.
  static std::string_view memo_key(std::string_view island);

  // Drops what the memo remembers (benchmarks use it to start each pass cold).
  void clear_memo() { memo_.clear(); }
  const WordsMemo& memo() const { return memo_; }

 private:
  // An island of a record and how it is tokenized. The ASCII pieces are the gaps between them.
  struct IslandPiece {
    enum Kind : uint8_t {
      kHit,     // found in the memo
      kSimple,  // missed; simple letters only (simple_words.h)
      kMiss,    // missed; through ICU
    };
    size_t begin;
    size_t end;
    Kind kind;
    uint64_t hash;
    WordsMemo::Tokens known;  // kHit: its tokens
    size_t miss;              // kMiss: its index among this record's misses
    size_t first_token;       // kSimple: its tokens in the list, once emitted
    size_t last_token;
  };

  WordsTokenizer(std::shared_ptr<const StopwordSet> stopwords, const icu::Normalizer2* normalizer,
                 std::unique_ptr<icu::BreakIterator> breaker, size_t memo_bytes);

  // True if the code point at s[p] (a byte >= 0x80) is a safe start (text_islands.h).
  bool safe_start(const char* s, size_t p, size_t n);
  // Text with a byte >= 0x80: the pieces in order, the missed islands through ICU in one pass.
  void tokenize_pieces(std::string_view text, TokenList& out);
  // Appends `text` minus its URL runs to utf16_ (UTF-8 to UTF-16, invalid bytes as U+FFFD).
  // Returns true if what it appended is already NFKC_Casefold-normalized (all of it stable in
  // nfkc_), false if it may not be.
  bool append_without_urls(std::string_view text);
  // Appends the missed islands of utf16_ (up to miss_limits_) to normalized_, one by one, and
  // turns miss_limits_ into their ends in normalized_. Islands miss_stable_ marks are copied, the
  // others normalized. Returns false only when ICU runs out of memory.
  bool normalize_misses();
  // Appends NFKC_Casefold of utf16_[begin, limit) (which has a normalization boundary before it)
  // to normalized_, sending only its unstable stretches through ICU.
  void append_normalized(int32_t begin, int32_t limit, UErrorCode& status);
  // Segments normalized_ and appends its tokens as UTF-8 to icu_bytes_/icu_ends_; segments that
  // start at or after limits[k] belong to miss k + 1, and miss_token_end_[k] is set to the
  // number of tokens of misses 0..k.
  void segment_normalized(const int32_t* limits, size_t count);
  // Writes UTF-16 code units [begin, end) of normalized_ as one UTF-8 token at icu_size_.
  void emit(int32_t begin, int32_t end);
  // Rule 5: the emoji and flag tokens of the non-word segment [begin, end) of normalized_.
  void emit_pictographs(int32_t begin, int32_t end);
  // Keeps the token written at icu_bytes_[from, icu_size_) unless it is a stop word.
  void keep(size_t from);

  std::shared_ptr<const StopwordSet> stopwords_;  // null: keep every token
  const icu::Normalizer2* normalizer_;            // ICU-owned singleton
  std::unique_ptr<icu::BreakIterator> breaker_;
  icu::UnicodeString utf16_;        // the text as UTF-16, URL runs removed
  icu::UnicodeString normalized_;   // NFKC_Casefold of utf16_
  NfkcTable nfkc_;                  // what needs no normalizing
  std::string icu_bytes_;           // the ICU path's tokens, back to back
  size_t icu_size_ = 0;             // bytes of icu_bytes_ in use while segmenting
  std::vector<uint32_t> icu_ends_;  // and where each ends in icu_bytes_
  std::vector<IslandPiece> islands_;
  std::vector<internal::Island> island_spans_;  // where islands_ are, for ascii_words_around()
  std::vector<int32_t> miss_limits_;    // per missed island: its end in utf16_, then normalized_
  std::vector<uint8_t> miss_stable_;    // per missed island: already normalized
  std::vector<size_t> miss_token_end_;  // per missed island: end of its tokens in icu_ends_
  std::vector<uint32_t> rebased_ends_;  // one island's token ends, for the memo
  std::string simple_bytes_;            // a simple island's token bytes, for the memo
  WordsMemo memo_;
  SimpleWords simple_words_;  // missed islands of simple letters skip ICU
  // safe_start() per code point below kSafeStartLimit, filled 256 code points at a time on first
  // use (16 KiB); code points above it are never split points.
  static constexpr int32_t kSafeStartLimit = 0x20000;
  std::vector<uint64_t> safe_start_bits_;
  std::vector<bool> safe_start_block_ready_;
};

}  // namespace firecount
