#pragma once
// utf8_to_utf16: the words tokenizer's UTF-8 to UTF-16 conversion, one pass that also shows each
// code point to the caller (which checks, on the way, whether the text is already normalized).
//
// It gives exactly what ICU's u_strFromUTF8WithSub(..., 0xFFFD, ...) gives: each maximal ill-formed
// subpart (a lead byte and the valid trail bytes after it, or a lone trail byte) becomes one
// U+FFFD; surrogates and code points past U+10FFFF encoded in UTF-8 are ill-formed.
// tests/core/utf8_to_utf16_test.cc holds the two equal on every short sequence and random bytes.
//
// Threading: a pure function; thread-safe.

#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>

namespace firecount::internal {

// Writes the UTF-16 of s[0, n) to `dest` (room for n units: UTF-16 never needs more units than
// UTF-8 has bytes) and returns the number of units written. Calls visit(c) for every code point c
// written (U+FFFD for each ill-formed subpart).
template <typename Visit>
size_t utf8_to_utf16(const char* s, size_t n, char16_t* dest, Visit&& visit) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s);
  size_t out = 0;
  size_t i = 0;
  while (i < n) {
    const uint8_t b = bytes[i];
    if (b < 0x80) {
      dest[out++] = b;
      ++i;
      visit(static_cast<UChar32>(b));
      continue;
    }
    if (b >= 0xE0 && b < 0xF0 && i + 2 < n && U8_IS_VALID_LEAD3_AND_T1(b, bytes[i + 1]) &&
        U8_IS_TRAIL(bytes[i + 2])) {  // U+0800..U+FFFF, most of CJK text
      const auto c = static_cast<char16_t>(((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) |
                                           (bytes[i + 2] & 0x3F));
      dest[out++] = c;
      i += 3;
      visit(static_cast<UChar32>(c));
      continue;
    }
    UChar32 c;
    U8_NEXT_OR_FFFD(bytes, i, n, c);
    U16_APPEND_UNSAFE(dest, out, c);
    visit(c);
  }
  return out;
}

}  // namespace firecount::internal
