#pragma once
// SimpleWords: the words tokenizer's fast path for non-ASCII islands made of "simple letters".
//
// An island (core/text_islands.h) whose every non-ASCII code point is a simple letter gets the
// ICU path's tokens without ICU. A code point c is a simple letter when its NFKC_Casefold and word
// break behaviour do not depend on its neighbours:
//  - c has a normalization boundary before it (Normalizer2::hasBoundaryBefore: nothing before it
//    composes or reorders with it). ASCII has one too, so when every code point of the island has
//    one, NFKC_Casefold of the island is the concatenation of each code point's NFKC_Casefold;
//  - and either every code point of NFKC_Casefold(c) is Word_Break ALetter outside ICU's
//    dictionary sets (not Line_Break Complex_Context, not a Hangul syllable; Han, kana, Hebrew
//    are not ALetter): in the normalized text c is then a run of letters, which UAX #29 treats
//    exactly like one ASCII letter (WB5 joins them, WB6/WB7 look only at "letter or not");
//  - or c is a Hangul syllable that folds to itself: ICU's root rules make every run of Hangul
//    syllables one word (status 200) that never joins anything else;
//  - or c is a "separator": NFKC_Casefold(c) is ASCII punctuation or symbols only (no letter,
//    digit, '_', '@', '#', White_Space or control) and, if it is one '.' '\'' ',' or ';' (which
//    join letters or digits around them), more than one character, so that none of them can
//    join anything: "…" -> "...", "！" -> "!", "‼" -> "!!". Such a code point is a break that is
//    never part of a token and makes no emoji token (ICU sees only the folded text).
// With those classes the ASCII fast path's rules (ascii_words.h) apply per code point: runs of
// letters, digits and '_' joined by '.' '\'' (between letters or digits) and ',' ';' (between
// digits), Hangul runs, the hashtag rule, and the lone-'_' rule. Anything else (combining marks,
// ZWJ, emoji, CJK, Thai, Hebrew, non-ASCII digits or punctuation or spaces, invalid UTF-8, code
// points from U+10000) or a URL run in the island sends the island to the memo and ICU as before.
// The table is built from ICU's data, 256 code points at a time on first use.
// tests/core/simple_words_test.cc holds every simple letter to the ICU path in several contexts
// and random texts drawn from these scripts and ASCII specials.
//
// Threading: not thread-safe; one per WordsTokenizer (one per worker).

#include <unicode/normalizer2.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/stopwords.h"
#include "core/token_list.h"

namespace firecount {

class SimpleWords {
 public:
  explicit SimpleWords(const icu::Normalizer2* nfkc_casefold) : normalizer_(nfkc_casefold) {}

  // True if `text` is valid UTF-8 whose non-ASCII code points are all simple letters and holds
  // no URL run. Not thread-safe (fills the table).
  bool covers(std::string_view text);

  // Appends the tokens of `text` (tokenized from the start of a text) to `out`, dropping those in
  // `stopwords` (may be null). Precondition: covers(text). Not thread-safe.
  void words(std::string_view text, const StopwordSet* stopwords, TokenList& out);

  static constexpr int32_t kLimit = 0x10000;  // code points from here on are never simple

 private:
  enum Kind : uint8_t { kNone = 0, kLetter = 1, kHangul = 2, kSeparator = 3 };
  struct Entry {
    Kind kind = kNone;
    bool changed = false;  // folded differs from the code point's own UTF-8
    uint8_t size = 0;      // bytes of folded
    char folded[5] = {};   // NFKC_Casefold as UTF-8
  };
  using Block = std::array<Entry, 256>;

  const Entry& entry(int32_t c);
  void fill(Block& block, int32_t first);

  // One code point of the text being tokenized.
  struct CodePoint {
    uint32_t begin;  // byte offset
    uint32_t end;
    uint8_t flags;
    const Entry* entry;  // null for ASCII
  };
  void emit(size_t first, size_t last, bool hashtag, const StopwordSet* stopwords,
            std::string_view text, TokenList& out);

  const icu::Normalizer2* normalizer_;
  std::vector<std::unique_ptr<Block>> blocks_ = std::vector<std::unique_ptr<Block>>(kLimit / 256);
  std::vector<CodePoint> code_points_;
  std::string scratch_;
};

}  // namespace firecount
