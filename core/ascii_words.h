#pragma once
// ASCII fast path of the words tokenizer (see words_tokenizer.h and docs/tokenizer.md).
//
// For text with no byte >= 0x80 it gives exactly the tokens of the ICU path without calling ICU:
// NFKC_Casefold of ASCII is ASCII lowercasing, and ICU 72's root word break rules on ASCII reduce
// to a few classes: letters (A-Z, a-z and '@', which ICU adds to ALetter), digits, '_'
// (ExtendNumLet), '.' (MidNumLet), '\'' (Single_Quote), ',' ';' (MidNum); ':' is not MidLetter
// in ICU's root rules; everything else breaks. The equivalence is checked by a differential test
// (tests/core/ascii_words_test.cc) and a fuzzer (fuzz/words_fast_path_fuzzer.cc).
//
// The text is classified 64 bytes at a time into bitmasks (letters, digits, '_', the joining
// punctuation, uppercase); word runs and their joins come out of shifts and bit scans, so the
// only per-token work is the hashtag and lone-'_' checks and the emit. Tokens with no uppercase
// letter are views into `text`; the others are lowercased straight into the list's arena.
// ascii_words_piece() tokenizes one ASCII piece of a longer text (the words tokenizer's pieces
// between non-ASCII islands): it reads the blocks around the piece in place, so a short piece
// costs one block classification.
//
// Threading: pure functions; thread-safe as long as each thread passes its own list.

#include <string>
#include <string_view>

#include "core/stopwords.h"
#include "core/token_list.h"

namespace firecount {

// True if no byte of `text` is >= 0x80. Thread-safe.
bool is_ascii(std::string_view text);

// Appends the words tokens of ASCII `text` to `out`, dropping those in `stopwords` (may be
// null). Precondition: is_ascii(text). Never fails.
void ascii_words(std::string_view text, const StopwordSet* stopwords, TokenList& out);

// Appends the words tokens of text[begin, end), tokenized as if it were a whole text, to `out`.
// The rest of `text` may hold any bytes (it is read, never tokenized). Precondition: begin <= end
// <= text.size() and is_ascii(text.substr(begin, end - begin)). Never fails.
void ascii_words_piece(std::string_view text, size_t begin, size_t end,
                       const StopwordSet* stopwords, TokenList& out);

namespace internal {
// ascii_words_piece() with the baseline classifier (SSE2 on x86-64) even where AVX2 runs: lets
// tests hold both to the same answer.
void ascii_words_baseline(std::string_view text, size_t begin, size_t end,
                          const StopwordSet* stopwords, TokenList& out);
}  // namespace internal

}  // namespace firecount
