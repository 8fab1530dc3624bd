#include "core/ascii_words.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/stopwords.h"
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
  ascii_words(text, nullptr, list);
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

TEST(AsciiWordsTest, MatchesIcuOnLongRandomAscii) {
  // Texts of up to ~400 bytes: runs, joins, hashtags and URLs across several 64-byte blocks.
  auto tokenizer = testing::new_words_tokenizer();
  ASSERT_NE(tokenizer, nullptr);
  for (uint64_t seed = 5; seed <= 8; ++seed) {
    SCOPED_TRACE(seed);
    std::vector<std::string> texts;
    for (std::string& a : testing::random_ascii_texts(seed, 4000)) {
      std::string b = testing::random_ascii_texts(seed * 1000 + texts.size(), 1)[0];
      texts.push_back(a + b + a + b);
    }
    expect_same_as_icu(*tokenizer, texts);
  }
}

// Every special byte (and pair of them) at and around the 16-, 32- and 64-byte block edges, in
// runs of letters, digits and both, so that joins, run ends and hashtags straddle the edges.
TEST(AsciiWordsTest, MatchesIcuWithSpecialsAtBlockEdges) {
  const std::string specials = "._',;:#@ -/";
  const std::vector<std::string> fillers = {"abcdefgh", "01234567", "aB3_x9Zq", "HTTPs0_a"};
  std::vector<std::string> texts;
  for (const std::string& filler : fillers) {
    for (size_t length : {63, 64, 65, 127, 128, 129, 200}) {
      std::string base;
      while (base.size() < length) base += filler;
      base.resize(length);
      for (size_t edge : {15, 16, 31, 32, 63, 64, 65, 127, 128}) {
        for (size_t delta = 0; delta < 3; ++delta) {
          const size_t at = edge + delta - 1;
          if (at + 1 >= length) continue;
          for (char a : specials) {
            std::string one = base;
            one[at] = a;
            texts.push_back(one);
            for (char b : specials) {
              std::string two = one;
              two[at + 1] = b;
              texts.push_back(two);
            }
          }
        }
      }
    }
  }
  // URL runs that start, hold and end at the edges.
  for (size_t at : {0, 1, 10, 56, 57, 58, 60, 63, 64, 65, 120}) {
    std::string text(at, 'a');
    text += "http://x.co/Ab ";
    text += std::string(70, 'b');
    text += "#c https://y";
    texts.push_back(text);
    texts.push_back("#" + text);
    texts.push_back(std::string(at, '1') + ".2:https://z " + std::string(60, 'Q') + "'s");
  }
  auto tokenizer = testing::new_words_tokenizer();
  ASSERT_NE(tokenizer, nullptr);
  expect_same_as_icu(*tokenizer, texts);
}

TEST(AsciiWordsTest, MatchesIcuOnRandomAsciiWithStopwords) {
  auto stopwords = make_english_stopword_set();
  ASSERT_TRUE(stopwords.ok());
  auto tokenizer = testing::new_words_tokenizer(*stopwords);
  ASSERT_NE(tokenizer, nullptr);
  auto texts = testing::random_ascii_texts(9, 3000);
  texts.push_back("The THE the A a I'm RT rt VIA #The don't DON'T x #the #THE");
  for (const std::string& text : texts) {
    ASSERT_EQ(words_of(*tokenizer, text), icu_words_of(*tokenizer, text)) << text;
  }
}

TEST(AsciiWordsTest, BaselineClassifierMatchesTheDispatchedOne) {
  // On an AVX2 machine ascii_words() runs the AVX2 classifier; the baseline one must agree.
  auto texts = testing::random_ascii_texts(12, 3000);
  for (const std::string& t : testing::random_ascii_texts(13, 500)) texts.push_back(t + t + t + t);
  size_t tokens = 0;
  for (const std::string& text : texts) {
    TokenList fast;
    ascii_words(text, nullptr, fast);
    const Tokens want = testing::copy_tokens(fast);
    TokenList baseline;
    internal::ascii_words_baseline(text, nullptr, 0, nullptr, baseline, [](size_t) {});
    ASSERT_EQ(testing::copy_tokens(baseline), want) << text;
    tokens += want.size();
  }
  EXPECT_GT(tokens, texts.size());
}

// ascii_words_around() must give, between the islands, the tokens of each ASCII piece tokenized
// as a text of its own, and each island's tokens where it lies, with the dispatched and the
// baseline classifier. Islands hold random bytes (non-ASCII, '#', letters, URLs) and are cut
// where the words tokenizer cuts them: at the start or after ASCII White_Space.
TEST(AsciiWordsTest, AroundIslandsMatchesThePiecesOneByOne) {
  std::mt19937_64 rng(31);
  const std::vector<std::string> junk = {
      "\xE6\x97\xA5", "\xC3\xA9",         "#", "a", "Z", "_", ".",
      "http://x",     "\xF0\x9F\x98\x82", "1", "'", " "};
  size_t islands_seen = 0;
  size_t tokens = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (int part = 0; part < 1 + static_cast<int>(rng() % 4); ++part) {
      text += testing::random_ascii_texts(rng(), 1)[0];
      text += " ";
    }
    const size_t n = text.size();
    std::vector<internal::Island> islands;
    for (size_t p = 0; p < n;) {
      const bool can_start = p == 0 || internal::is_ascii_space_byte(text[p - 1]);
      if (!can_start || rng() % 4 != 0) {
        ++p;
        continue;
      }
      size_t end = p + 1 + rng() % 12;
      while (end < n && !internal::is_ascii_space_byte(text[end - 1])) ++end;
      end = std::min(end, n);
      // Random bytes, keeping the White_Space the island ends after.
      std::string filling;
      const size_t keep_last = end < n ? 1 : 0;
      while (filling.size() < end - p - keep_last) filling += junk[rng() % junk.size()];
      filling.resize(end - p - keep_last);
      text.replace(p, filling.size(), filling);
      islands.push_back({p, end});
      p = end;
    }
    // The reference: each ASCII piece as a text of its own, a marker per island.
    Tokens want;
    size_t pos = 0;
    for (size_t k = 0; k <= islands.size(); ++k) {
      const size_t stop = k < islands.size() ? islands[k].begin : n;
      const std::string piece = text.substr(pos, stop - pos);
      TokenList piece_tokens;
      ascii_words(piece, nullptr, piece_tokens);
      for (const std::string& t : testing::copy_tokens(piece_tokens)) want.push_back(t);
      if (k == islands.size()) break;
      want.push_back("<island " + std::to_string(k) + ">");
      pos = islands[k].end;
    }
    for (bool baseline : {false, true}) {
      TokenList list;
      auto island_tokens = [&](size_t k) { list.add_copy("<island " + std::to_string(k) + ">"); };
      if (baseline) {
        internal::ascii_words_baseline(text, islands.data(), islands.size(), nullptr, list,
                                       island_tokens);
      } else {
        ascii_words_around(text, islands.data(), islands.size(), nullptr, list, island_tokens);
      }
      ASSERT_EQ(testing::copy_tokens(list), want) << "baseline " << baseline << ": " << text;
    }
    islands_seen += islands.size();
    tokens += want.size();
  }
  EXPECT_GT(islands_seen, 3000u);
  EXPECT_GT(tokens, islands_seen * 2);
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
