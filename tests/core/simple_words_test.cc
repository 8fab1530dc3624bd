// The simple-letters fast path (core/simple_words.h) against the plain whole-text ICU path: every
// code point the table calls simple in many contexts, random texts drawn from accented Latin,
// Greek, Cyrillic and Hangul mixed with the ASCII specials, and the full tokenizer on them.

#include "core/simple_words.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>

#include <array>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/stopwords.h"
#include "tests/core/words_test_util.h"

namespace firecount {
namespace {

using testing::icu_words_of;
using testing::Tokens;
using testing::utf8;
using testing::words_of;

const icu::Normalizer2* nfkc_casefold() {
  UErrorCode status = U_ZERO_ERROR;
  return icu::Normalizer2::getNFKCCasefoldInstance(status);
}

Tokens simple_words_of(SimpleWords& simple, std::string_view text,
                       const StopwordSet* stopwords = nullptr) {
  TokenList list;
  simple.words(text, stopwords, list);
  return testing::copy_tokens(list);
}

TEST(SimpleWordsTest, CoversLettersOnly) {
  SimpleWords simple(nfkc_casefold());
  for (std::string_view yes :
       {"", "abc", "caf\u00E9", "\u00C9T\u00C9", "Stra\u00DFe", "\u043F\u0440\u0438",
        "\u03A9\u03BC\u03AD\u03B3\u03B1", "\uD55C\uAD6D", "\u2122", "\uFF21",
        "#\u00E9 @\u00F1.x 1,2 _\u00FC_", "word\u2026 ", "\uFF01\u203C", "a\u2025b"}) {
    EXPECT_TRUE(simple.covers(yes)) << yes;
  }
  for (std::string_view no :
       {"e\u0301",  "\u00E9\u0301", "\u4ECA",          "\u30AB",     "\u306F",
        "\u0E01",   "\u05D0",       "\U0001F602",      "\u00A0",     "\u200D",
        "\uFE0F",   "\u0661",       "\u00BD",          "\u0130",     "\xC3",
        "\xE3\x81", "\x80",         "\u00E9 http://x", "\U0001D407", "\u3131\u314F",
        "\uFF0E",  // folds to one '.', which joins letters
        "\uFE5F",  // folds to '#', which starts hashtags
        "\u2024"}) {
    EXPECT_FALSE(simple.covers(no)) << no;
  }
}

// Every code point the table calls simple, in contexts that exercise each rule next to it; the
// contexts sit in one text, so they also meet each other.
TEST(SimpleWordsTest, EverySimpleLetterMatchesIcuInContext) {
  auto tokenizer = testing::new_words_tokenizer();
  ASSERT_NE(tokenizer, nullptr);
  SimpleWords simple(nfkc_casefold());
  constexpr std::array<std::string_view, 24> kContexts = {
      "%",  "a%",      "%a",      "%.a", "a.%", "%'%", "1%",  "%1",  "%_",  "_%",   "#%",  "x#%",
      "%%", "%\uD55C", "\uD55C%", "%.%", "@%",  "%,1", "1.%", "%.1", "%:a", "B%'s", "_#%", "%;%"};
  size_t compared = 0;
  for (char32_t c = 0x80; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const std::string cp = utf8(c);
    if (!simple.covers(cp)) continue;
    std::string text;
    for (std::string_view context : kContexts) {
      for (char k : context) {
        if (k == '%') {
          text += cp;
        } else {
          text += k;
        }
      }
      text += ' ';
    }
    ASSERT_TRUE(simple.covers(text)) << text;
    const Tokens want = icu_words_of(*tokenizer, text);
    ASSERT_EQ(simple_words_of(simple, text), want)
        << "U+" << std::hex << static_cast<uint32_t>(c) << " in \"" << text << "\"";
    ASSERT_EQ(words_of(*tokenizer, text), want) << text;
    ++compared;
  }
  // Latin, Greek, Cyrillic, ... and 11,172 Hangul syllables.
  EXPECT_GT(compared, 13000u);
}

// Random texts of simple letters (and some that are not), ASCII letters, digits and the
// characters UAX #29 and the hashtag rule care about.
std::vector<std::string> random_letter_texts(uint64_t seed, size_t count) {
  static constexpr std::array<std::string_view, 52> kPieces = {"a",
                                                               "B",
                                                               "1",
                                                               "9",
                                                               "_",
                                                               ".",
                                                               ",",
                                                               ";",
                                                               "'",
                                                               ":",
                                                               "#",
                                                               "@",
                                                               " ",
                                                               " ",
                                                               "\t",
                                                               "\n",
                                                               "-",
                                                               "caf\u00E9",
                                                               "\u00C9",
                                                               "\u00E9",
                                                               "\u00DF",
                                                               "\u00F1",
                                                               "\u00E7\u00E3o",
                                                               "\u0142",
                                                               "\u0153",
                                                               "\u01C5",
                                                               "\u03A9",
                                                               "\u03C9",
                                                               "\u03AC",
                                                               "\u03C2",
                                                               "\u043F",
                                                               "\u0416",
                                                               "\u0451",
                                                               "\uD55C",
                                                               "\uAD6D",
                                                               "\uAC00",
                                                               "\u2122",
                                                               "\u00AA",
                                                               "\uFB01",
                                                               "\uFF21",
                                                               "\u212A",
                                                               "\u1E9E",
                                                               "\u1F80",
                                                               "\u0130",
                                                               "\u0301",
                                                               "\U0001F602",
                                                               "\u4ECA",
                                                               "\u00A0",
                                                               "\u0661",
                                                               "\u05D0",
                                                               "http://x.co/\u00E9",
                                                               "\u30AB"};
  std::mt19937_64 rng(seed);
  std::vector<std::string> texts;
  for (size_t i = 0; i < count; ++i) {
    std::string text;
    const size_t pieces = rng() % 30;
    for (size_t p = 0; p < pieces; ++p) {
      // Mostly the first 44 pieces (simple); now and then one that sends the text to ICU.
      const size_t limit = rng() % 8 == 0 ? kPieces.size() : 44;
      text.append(kPieces[rng() % limit]);
    }
    texts.push_back(std::move(text));
  }
  return texts;
}

TEST(SimpleWordsTest, MatchesIcuOnRandomLetterTexts) {
  auto tokenizer = testing::new_words_tokenizer();
  ASSERT_NE(tokenizer, nullptr);
  SimpleWords simple(nfkc_casefold());
  size_t covered = 0;
  size_t tokens = 0;
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    SCOPED_TRACE(seed);
    for (const std::string& text : random_letter_texts(seed, 5000)) {
      const Tokens want = icu_words_of(*tokenizer, text);
      ASSERT_EQ(words_of(*tokenizer, text), want) << "text: \"" << text << "\"";
      if (simple.covers(text)) {
        ASSERT_EQ(simple_words_of(simple, text), want) << "text: \"" << text << "\"";
        ++covered;
        tokens += want.size();
      }
    }
  }
  EXPECT_GT(covered, 5000u) << "too few texts take the simple path; the test proves little";
  EXPECT_GT(tokens, covered);
}

TEST(SimpleWordsTest, MatchesIcuWithStopwords) {
  auto stopwords = make_english_stopword_set();
  ASSERT_TRUE(stopwords.ok());
  auto tokenizer = testing::new_words_tokenizer(*stopwords);
  ASSERT_NE(tokenizer, nullptr);
  SimpleWords simple(nfkc_casefold());
  auto texts = random_letter_texts(7, 3000);
  texts.push_back("THE \u00E9t\u00E9 the \uFF34\uFF28\uFF25 \u212A #The \u00C9 Don't");
  for (const std::string& text : texts) {
    const Tokens want = icu_words_of(*tokenizer, text);
    ASSERT_EQ(words_of(*tokenizer, text), want) << text;
    if (simple.covers(text)) ASSERT_EQ(simple_words_of(simple, text, stopwords->get()), want);
  }
}

}  // namespace
}  // namespace firecount
