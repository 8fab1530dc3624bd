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
// ascii_words_around() tokenizes the ASCII pieces between the non-ASCII islands of a text in one
// scan of the whole text, and hands each island to the caller where its tokens belong.
//
// Threading: pure functions; thread-safe as long as each thread passes its own list.

#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "core/stopwords.h"
#include "core/text_islands.h"
#include "core/token_list.h"

namespace firecount {

// True if no byte of `text` is >= 0x80. Thread-safe.
bool is_ascii(std::string_view text);

// Appends the words tokens of ASCII `text` to `out`, dropping those in `stopwords` (may be
// null). Precondition: is_ascii(text). Never fails.
void ascii_words(std::string_view text, const StopwordSet* stopwords, TokenList& out);

// The words tokens of a text whose non-ASCII bytes all lie in `islands` (count of them, in text
// order, disjoint, each starting at 0 or after ASCII White_Space and ending at the text's end or
// after ASCII White_Space, and no URL run crossing an island's edge: text_islands.h's islands).
// The ASCII pieces between the islands are tokenized each as a whole text would be and appended
// to `out` (minus `stopwords`, may be null), and island_tokens(k) is called where island k's
// tokens belong, once per island, in order. The whole text is classified 64 bytes at a time, so
// short pieces cost no more than long ones. Never fails.
void ascii_words_around(std::string_view text, const internal::Island* islands, size_t count,
                        const StopwordSet* stopwords, TokenList& out,
                        absl::FunctionRef<void(size_t)> island_tokens);

namespace internal {
// ascii_words_around() with the baseline classifier (SSE2 on x86-64) even where AVX2 runs: lets
// tests hold both to the same answer.
void ascii_words_baseline(std::string_view text, const Island* islands, size_t count,
                          const StopwordSet* stopwords, TokenList& out,
                          absl::FunctionRef<void(size_t)> island_tokens);
}  // namespace internal

}  // namespace firecount
