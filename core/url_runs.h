#pragma once
// URL runs: the spans rule 2 of the words tokenizer drops before anything else.
//
// A URL run starts at any occurrence of "http://" or "https://" (ASCII case-insensitive, also in
// the middle of a word) and ends just before the next White_Space character, or at the end of the
// text. Runs are found left to right; text after a run starts with White_Space, so tokenizing the
// pieces between runs one by one gives the same tokens as tokenizing their concatenation.
//
// Works on UTF-8 bytes (char) and UTF-16 code units (char16_t); the caller supplies the
// White_Space test for its encoding. Header-only so the ASCII fast path can inline it.
//
// Threading: pure functions; thread-safe.

#include <cstddef>
#include <cstring>

namespace firecount::internal {

template <typename CharT>
constexpr bool ascii_lower_is(CharT c, char lower) {
  return c == static_cast<CharT>(lower) || c == static_cast<CharT>(lower - ('a' - 'A'));
}

// If s[colon] is the ':' of a URL run starting at or after `from`, the run's start; else n.
template <typename CharT>
size_t url_start_at_colon(const CharT* s, size_t n, size_t from, size_t colon) {
  if (colon + 2 >= n || s[colon + 1] != static_cast<CharT>('/') ||
      s[colon + 2] != static_cast<CharT>('/')) {
    return n;
  }
  size_t start = colon;
  if (start >= 1 && ascii_lower_is(s[start - 1], 's')) --start;
  if (start >= 4 && ascii_lower_is(s[start - 4], 'h') && ascii_lower_is(s[start - 3], 't') &&
      ascii_lower_is(s[start - 2], 't') && ascii_lower_is(s[start - 1], 'p') && start - 4 >= from) {
    return start - 4;
  }
  return n;
}

// Start of the first URL run that begins at or after `from` in [s, s + n), or n if none.
template <typename CharT>
size_t find_url_start(const CharT* s, size_t n, size_t from) {
  // Every run holds "://"; find the ':' and look back for "http" or "https".
  for (size_t k = from; k + 2 < n; ++k) {
    if constexpr (sizeof(CharT) == 1) {
      const void* colon = std::memchr(s + k, ':', n - 2 - k);
      if (colon == nullptr) return n;
      k = static_cast<size_t>(static_cast<const CharT*>(colon) - s);
    } else if (s[k] != u':') {
      continue;
    }
    const size_t start = url_start_at_colon(s, n, from, k);
    if (start != n) return start;
  }
  return n;
}

// End of the URL run that starts at `start`: the index of the next White_Space unit, or n.
template <typename CharT, typename IsWhiteSpace>
size_t url_run_end(const CharT* s, size_t n, size_t start, IsWhiteSpace is_white_space) {
  size_t i = start + 7;  // "http://" holds no White_Space
  while (i < n && !is_white_space(s[i])) ++i;
  return i;
}

// White_Space in ASCII: U+0009..U+000D and U+0020.
constexpr bool is_ascii_white_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

}  // namespace firecount::internal
