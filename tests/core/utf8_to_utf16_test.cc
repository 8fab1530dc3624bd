// internal::utf8_to_utf16 (core/utf8_to_utf16.h) against ICU's u_strFromUTF8WithSub with U+FFFD:
// every sequence of up to three bytes over the bytes UTF-8 validity turns on, four-byte
// boundaries, and random byte strings.

#include "core/utf8_to_utf16.h"

#include <gtest/gtest.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <random>
#include <string>
#include <vector>

namespace firecount {
namespace {

std::u16string icu_utf16(const std::string& s) {
  std::u16string out(s.size() + 1, u'\0');
  int32_t length = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(out.data(), static_cast<int32_t>(out.size()), &length, s.data(),
                       static_cast<int32_t>(s.size()), 0xFFFD, nullptr, &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(static_cast<size_t>(length));
  return out;
}

// The conversion, and the code points it reported re-encoded as UTF-16 (they must match).
std::u16string ours(const std::string& s, std::u16string* visited) {
  std::u16string out(s.size(), u'\0');
  out.resize(internal::utf8_to_utf16(s.data(), s.size(), out.data(), [&](UChar32 c) {
    if (U_IS_BMP(c)) {
      visited->push_back(static_cast<char16_t>(c));
    } else {
      visited->push_back(U16_LEAD(c));
      visited->push_back(U16_TRAIL(c));
    }
  }));
  return out;
}

void expect_same(const std::string& s) {
  std::u16string visited;
  const std::u16string got = ours(s, &visited);
  const std::u16string want = icu_utf16(s);
  if (got != want || visited != want) {
    std::string hex;
    for (unsigned char b : s) hex += " " + std::to_string(b);
    ADD_FAILURE() << "bytes:" << hex;
  }
}

TEST(Utf8ToUtf16Test, EveryShortSequenceLikeIcu) {
  // Every byte value matters alone; in longer sequences, the bytes where validity changes.
  std::vector<unsigned char> edges = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                      0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
                                      0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF};
  for (int b = 0; b < 256; ++b) expect_same(std::string(1, static_cast<char>(b)));
  for (int a = 0; a < 256; ++a) {
    for (unsigned char b : edges) {
      expect_same({static_cast<char>(a), static_cast<char>(b)});
      for (unsigned char c : edges) {
        expect_same({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
      }
    }
  }
  for (unsigned char a : edges) {
    for (unsigned char b : edges) {
      for (unsigned char c : edges) {
        for (unsigned char d : edges) {
          expect_same({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c),
                       static_cast<char>(d)});
        }
      }
    }
  }
}

TEST(Utf8ToUtf16Test, RandomBytesAndTextLikeIcu) {
  std::mt19937_64 rng(5);
  const std::string pieces[] = {"a",
                                " ",
                                "\xC3\xA9",
                                "\xE3\x81\x82",
                                "\xF0\x9F\x98\x82",
                                "\xED\xA0\x80",
                                "\xEF\xBF\xBD",
                                "\xF4\x90\x80\x80",
                                "\xE3\x81"};
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const size_t length = rng() % 16;
    for (size_t k = 0; k < length; ++k) {
      if (rng() % 2 == 0) {
        s.push_back(static_cast<char>(rng() % 256));
      } else {
        s += pieces[rng() % std::size(pieces)];
      }
    }
    expect_same(s);
  }
}

}  // namespace
}  // namespace firecount
