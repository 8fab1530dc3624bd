#pragma once
// Text islands: how the words tokenizer cuts a record so that only its non-ASCII parts reach ICU.
//
// A split point is a position p (0 < p < n) with an ASCII White_Space byte at p - 1 and an ASCII
// byte that is not White_Space at p. Every rule of the words tokenizer is local across a split
// point, so tokenizing the pieces between split points one by one (each from a fresh state) gives
// the tokens of the whole text, in order:
//  - URL runs hold no White_Space and "://" cannot straddle it, so each run lies in one piece.
//  - NFKC_Casefold: an ASCII byte has a normalization boundary before it (a starter that combines
//    with nothing before it), so normalizing the pieces apart gives the same code points.
//  - UAX #29 (and ICU's root rules and dictionaries): there is always a break before the
//    White_Space (no rule joins X × White_Space but WB3d space × space, and WB3a CR/LF/Newline)
//    and after it (WB4 could only glue an Extend/Format/ZWJ to it, and p holds ASCII; WB3d needs
//    another space; WB3 needs CR LF). The White_Space segment is no word and not "#", so the
//    hashtag rule sees the same state as at the start of a text.
//  - UTF-8 decoding: an ASCII byte never belongs to a multi-byte sequence, so invalid sequences
//    become the same U+FFFDs.
// tests/core/text_islands_test.cc checks this against the whole-text ICU path on random texts.
//
// An island is the smallest run of pieces that holds the non-ASCII bytes near it: it starts at the
// last split point before its first non-ASCII byte and ends at the first split point after it.
//
// Threading: pure functions; thread-safe.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace firecount::internal {

// White_Space in ASCII: U+0009..U+000D and U+0020.
constexpr bool is_ascii_space_byte(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// True if p (0 < p < size) is a split point of s.
inline bool is_split_point(const char* s, size_t p) {
  const auto before = static_cast<unsigned char>(s[p - 1]);
  const auto at = static_cast<unsigned char>(s[p]);
  return is_ascii_space_byte(before) && at < 0x80 && !is_ascii_space_byte(at);
}

// Index of the first byte >= 0x80 in s[from, n), or n.
inline size_t find_non_ascii(const char* s, size_t from, size_t n) {
  size_t i = from;
#if defined(__SSE2__)
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(v));
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#else
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    std::memcpy(&word, s + i, 8);
    if ((word & 0x8080808080808080ULL) != 0) break;
  }
#endif
  for (; i < n; ++i) {
    if (static_cast<unsigned char>(s[i]) >= 0x80) return i;
  }
  return n;
}

struct Island {
  size_t begin;  // a split point, or the `from` passed to next_island
  size_t end;    // a split point, or the end of the text
};

// The first island of `text` at or after `from` (itself 0, the end of the previous island, or a
// split point). Returns {n, n} if text[from, n) is ASCII; text[from, begin) is always ASCII.
inline Island next_island(std::string_view text, size_t from) {
  const char* s = text.data();
  const size_t n = text.size();
  const size_t first = find_non_ascii(s, from, n);
  if (first == n) return {n, n};
  size_t begin = first;
  while (begin > from && !is_split_point(s, begin)) --begin;
  size_t end = first + 1;
  while (end < n && !is_split_point(s, end)) ++end;
  return {begin, end};
}

}  // namespace firecount::internal
