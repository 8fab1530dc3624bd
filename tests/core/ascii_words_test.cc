#include "core/ascii_words.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/core/words_test_util.h"

namespace firecount {
namespace {

using testing::icu_words_of;
using testing::Tokens;
using testing::words_of;

TEST(AsciiWordsTest, IsAsciiLooksAtEveryByte) {
  EXPECT_TRUE(is_ascii(""));
  EXPECT_TRUE(is_ascii(std::string(1000, 'x') + "\x7F\x01"));
  for (size_t at = 0; at < 40; ++at) {
    std::string text(40, 'a');
    text[at] = '\x80';
    EXPECT_FALSE(is_ascii(text)) << at;
  }
  EXPECT_FALSE(is_ascii("caf\xC3\xA9"));
}

TEST(AsciiWordsTest, UnchangedTokensAreViewsIntoTheText) {
  const std::string text = "plain words and #tags @you";
  TokenList list;
  std::string scratch;
  ascii_words(text, nullptr, scratch, list);
  ASSERT_EQ(list.size(), 5u);
  for (std::string_view t : list.tokens()) {
    EXPECT_GE(t.data(), text.data());
    EXPECT_LE(t.data() + t.size(), text.data() + text.size());
  }
}

// The fast path must give exactly the ICU path's tokens for every ASCII input.
void expect_same_as_icu(WordsTokenizer& tokenizer, const std::vector<std::string>& texts) {
  size_t tokens = 0;
  for (const std::string& text : texts) {
    ASSERT_TRUE(is_ascii(text));
    const Tokens fast = words_of(tokenizer, text);
    ASSERT_EQ(fast, icu_words_of(tokenizer, text)) << "text: \"" << text << "\"";
    tokens += fast.size();
  }
  EXPECT_GT(tokens, texts.size() / 2) << "the inputs hardly produce tokens; the test proves little";
}

TEST(AsciiWordsTest, MatchesIcuOnRandomAscii) {
  auto tokenizer = testing::new_words_tokenizer();
  ASSERT_NE(tokenizer, nullptr);
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    SCOPED_TRACE(seed);
    expect_same_as_icu(*tokenizer, testing::random_ascii_texts(seed, 5000));
  }
}

TEST(AsciiWordsTest, MatchesIcuOnEveryPairAndTripleOfInterestingBytes) {
  const std::string alphabet = "aZ0_.,;:'\"#@ \t\r\n-h/";
  std::vector<std::string> texts;
  for (char a : alphabet) {
    for (char b : alphabet) {
      for (char c : alphabet) texts.push_back({a, b, c});
      texts.push_back({'x', a, b, 'y'});
      texts.push_back({'1', a, b, '2'});
    }
  }
  auto tokenizer = testing::new_words_tokenizer();
  ASSERT_NE(tokenizer, nullptr);
  expect_same_as_icu(*tokenizer, texts);
}

TEST(AsciiWordsTest, MatchesIcuOnRealTexts) {
  std::vector<std::string> texts = {
      "RT @elonmusk: Starship's 3rd flight test is go! https://t.co/AbC123 #SpaceX",
      "Can't believe it's already 2024... U.S.A. vs. U.K. tonight, 7:30pm (E.T.) @ESPN",
      "prices: $1,000.50 -> $999.99; 50% off!!! via @deals_bot #BlackFriday #deals",
      "e.g. a_b, snake_case_name, __init__, file.tar.gz, user@example.com, 10:30:00",
      "I'm gonna say it:'quoted' \"double\" ''two'' rock'n'roll C#dev ##double #1 #_x",
      "HTTP://EXAMPLE.COM/Path?q=1&amp;r=2 trailing text http:/broken https:// end",
  };
  // The fixture's tweets with every non-ASCII byte removed: real ASCII structure.
  for (const std::string& text : testing::fixture_texts()) {
    std::string ascii;
    for (char c : text) {
      if (static_cast<unsigned char>(c) < 0x80) ascii.push_back(c);
    }
    texts.push_back(std::move(ascii));
  }
  ASSERT_GT(texts.size(), 100u) << "fixture missing: " << FIRECOUNT_FIXTURE;
  auto tokenizer = testing::new_words_tokenizer();
  ASSERT_NE(tokenizer, nullptr);
  expect_same_as_icu(*tokenizer, texts);
}

}  // namespace
}  // namespace firecount
