#pragma once
// Text islands: how the words tokenizer cuts a record so that only its non-ASCII parts reach ICU.
//
// A split point is a position p (0 < p < n) with an ASCII White_Space byte at p - 1 and, at p,
// either an ASCII byte that is not White_Space or a "safe start": a code point that has an
// NFKC_Casefold boundary before it and whose normalized form is not empty and does not begin with
// Word_Break Extend, Format, ZWJ, WSegSpace, CR, LF or Newline (the caller decides, with ICU's
// data; WordsTokenizer keeps a table). Every rule of the words tokenizer is local across a split
// point, so tokenizing the pieces between split points one by one (each from a fresh state) gives
// the tokens of the whole text, in order:
//  - URL runs hold no White_Space and "://" cannot straddle it, so each run lies in one piece.
//  - NFKC_Casefold: there is a normalization boundary before p (ASCII bytes and safe starts are
//    starters that combine with nothing before them), so the pieces normalize apart.
//  - UAX #29 (and ICU's root rules and dictionaries): there is always a break before the
//    White_Space (no rule joins X × White_Space but WB3d space × space, and WB3a CR/LF/Newline)
//    and after it (WB4 could only glue an Extend/Format/ZWJ to it, WB3d needs another space, WB3
//    needs CR LF: none can start the normalized text at p). The White_Space segment is no word
//    and not "#", so the hashtag rule sees the same state as at the start of a text.
//  - UTF-8 decoding: an ASCII byte never belongs to a multi-byte sequence, so invalid sequences
//    become the same U+FFFDs.
// tests/core/text_islands_test.cc checks this against the whole-text ICU path: every code point
// the table calls safe, in several contexts, and random multilingual texts.
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

// True if p (0 < p < n) is a split point of s. safe_start(s, p, n) is asked about the code point
// at p when s[p] >= 0x80 and s[p - 1] is ASCII White_Space.
template <typename SafeStart>
bool is_split_point(const char* s, size_t p, size_t n, SafeStart& safe_start) {
  const auto before = static_cast<unsigned char>(s[p - 1]);
  if (!is_ascii_space_byte(before)) return false;
  const auto at = static_cast<unsigned char>(s[p]);
  return at < 0x80 ? !is_ascii_space_byte(at) : safe_start(s, p, n);
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

#if defined(__SSE2__)
// Bit k set where p[k] is ASCII White_Space, for 16 bytes.
inline uint32_t white_space_bits(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i space = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
  const __m128i from_tab = _mm_sub_epi8(v, _mm_set1_epi8('\t'));  // '\t'..'\r' -> 0..4
  const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(from_tab, _mm_set1_epi8(4)), from_tab);
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(space, control)));
}
#endif

// The last split point p with from < p <= at, or `from` if there is none.
template <typename SafeStart>
size_t split_point_at_or_before(const char* s, size_t n, size_t from, size_t at,
                                SafeStart& safe_start) {
  size_t hi = at;  // split points above hi are ruled out
#if defined(__SSE2__)
  // A split point p has White_Space at p - 1: look at 16 bytes before hi at a time, from the top.
  for (; hi > from && hi >= 16; hi -= 16) {
    uint32_t bits = white_space_bits(s + hi - 16);
    while (bits != 0) {
      const unsigned k = 31 - static_cast<unsigned>(__builtin_clz(bits));
      bits &= ~(uint32_t{1} << k);
      const size_t p = hi - 16 + k + 1;
      if (p <= from) return from;
      if (is_split_point(s, p, n, safe_start)) return p;
    }
  }
#endif
  while (hi > from && !is_split_point(s, hi, n, safe_start)) --hi;
  return hi > from ? hi : from;
}

// The first split point p with at <= p < n, or n if there is none. Precondition: at >= 1.
template <typename SafeStart>
size_t split_point_at_or_after(const char* s, size_t n, size_t at, SafeStart& safe_start) {
  size_t lo = at;  // split points below lo are ruled out
#if defined(__SSE2__)
  // Looks at 16 bytes from lo - 1 at a time, for White_Space followed by a split point.
  for (; lo - 1 + 16 <= n; lo += 16) {
    uint32_t bits = white_space_bits(s + lo - 1);
    while (bits != 0) {
      const auto k = static_cast<unsigned>(__builtin_ctz(bits));
      bits &= bits - 1;
      const size_t p = lo + k;
      if (p >= n) return n;
      if (is_split_point(s, p, n, safe_start)) return p;
    }
  }
#endif
  while (lo < n && !is_split_point(s, lo, n, safe_start)) ++lo;
  return lo < n ? lo : n;  // the last 16-byte step may have moved lo to n + 1
}

// The first island of `text` at or after `from` (itself 0, the end of the previous island, or a
// split point). Returns {n, n} if text[from, n) is ASCII; text[from, begin) is always ASCII.
// Split points are looked for 16 bytes at a time (SSE2).
template <typename SafeStart>
Island next_island(std::string_view text, size_t from, SafeStart& safe_start) {
  const char* s = text.data();
  const size_t n = text.size();
  const size_t first = find_non_ascii(s, from, n);
  if (first == n) return {n, n};
  return {split_point_at_or_before(s, n, from, first, safe_start),
          split_point_at_or_after(s, n, first + 1, safe_start)};
}

}  // namespace firecount::internal
