#pragma once
// The classes ICU 72's root word break rules distinguish in ASCII, as bit flags per byte: the one
// table the words tokenizer's ASCII fast path (ascii_words.cc) and its simple-letters path
// (simple_words.cc) both read. Bytes >= 0x80 have no flag. The equivalence with ICU is held by
// the differential tests of those two paths.
//
// Threading: constants; thread-safe.

#include <array>
#include <cstdint>

namespace firecount::internal {

enum AsciiWordBreakFlag : uint8_t {
  kWbLetter = 1,      // ALetter: A-Z a-z and '@' (ICU adds '@' to ALetter)
  kWbDigit = 2,       // Numeric: 0-9
  kWbUnderscore = 4,  // ExtendNumLet: '_'
  kWbUpper = 8,       // A-Z: the token needs lowercasing
  kWbMidLetter =
      16,          // joins two letters: '.' (MidNumLet), '\'' (Single_Quote); ':' does not in root
  kWbMidNum = 32,  // joins two digits: '.' '\'' and ',' ';' (MidNum)
};

constexpr std::array<uint8_t, 256> make_ascii_word_break_flags() {
  std::array<uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kWbLetter;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kWbLetter | kWbUpper;
  for (int c = '0'; c <= '9'; ++c) t[c] = kWbDigit;
  t['@'] = kWbLetter;
  t['_'] = kWbUnderscore;
  t['.'] = kWbMidLetter | kWbMidNum;
  t['\''] = kWbMidLetter | kWbMidNum;
  t[','] = kWbMidNum;
  t[';'] = kWbMidNum;
  return t;
}
inline constexpr std::array<uint8_t, 256> kAsciiWordBreakFlags = make_ascii_word_break_flags();

}  // namespace firecount::internal
