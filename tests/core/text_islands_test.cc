// The words tokenizer's island path (core/text_islands.h) and memo (core/words_memo.h) against
// the plain whole-text ICU path: every code point the split table calls safe, random multilingual
// texts, and the memo on, off, thrashing, and with stop words.

#include "core/text_islands.h"

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/stopwords.h"
#include "core/words_memo.h"
#include "tests/core/words_test_util.h"

namespace firecount {
namespace {

using testing::icu_words_of;
using testing::Tokens;
using testing::utf8;
using testing::words_of;

std::vector<internal::Island> islands_of(std::string_view text) {
  auto ascii_only = [](const char*, size_t, size_t) { return false; };
  std::vector<internal::Island> out;
  for (size_t pos = 0; pos < text.size();) {
    const internal::Island island = internal::next_island(text, pos, ascii_only);
    if (island.begin == text.size()) break;
    out.push_back(island);
    pos = island.end;
  }
  return out;
}

TEST(TextIslandsTest, FindNonAsciiLooksAtEveryByte) {
  for (size_t at = 0; at < 70; ++at) {
    std::string text(70, 'a');
    text[at] = '\xE3';
    EXPECT_EQ(internal::find_non_ascii(text.data(), 0, text.size()), at);
    EXPECT_EQ(internal::find_non_ascii(text.data(), at + 1, text.size()), text.size());
  }
}

// next_island() looks for split points 16 bytes at a time; a byte-by-byte reference must agree
// on random texts dense in White_Space, non-ASCII bytes and split points, from every start.
TEST(TextIslandsTest, NextIslandMatchesAByteByByteReference) {
  // Safe starts: lead bytes with an even low bit (any fixed rule will do here).
  auto safe = [](const char* s, size_t p, size_t) { return (s[p] & 1) == 0; };
  auto reference = [&](std::string_view text, size_t from) -> internal::Island {
    const char* s = text.data();
    const size_t n = text.size();
    size_t first = from;
    while (first < n && static_cast<unsigned char>(s[first]) < 0x80) ++first;
    if (first == n) return {n, n};
    size_t begin = first;
    while (begin > from && !internal::is_split_point(s, begin, n, safe)) --begin;
    size_t end = first + 1;
    while (end < n && !internal::is_split_point(s, end, n, safe)) ++end;
    return {begin, end};
  };
  const std::array<std::string_view, 12> kPieces = {
      " ", "\t", "\n", "\r", "\x0B", "\x0C", "a", "#", "\xC3\xA9", "\xE6\x97\xA5", "\x80", "xyzzy"};
  std::mt19937_64 rng(23);
  size_t islands = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const size_t pieces = rng() % 60;
    for (size_t i = 0; i < pieces; ++i) text += kPieces[rng() % kPieces.size()];
    for (size_t from = 0; from < text.size(); ++from) {
      const internal::Island want = reference(text, from);
      const internal::Island got = internal::next_island(text, from, safe);
      ASSERT_EQ(got.begin, want.begin) << "from " << from << " in \"" << text << "\"";
      ASSERT_EQ(got.end, want.end) << "from " << from << " in \"" << text << "\"";
      islands += want.begin != text.size();
    }
  }
  EXPECT_GT(islands, 50000u);
}

// The memo remembers an island without the ASCII White_Space it ends with: on the plain ICU path,
// every text must give the same tokens with and without White_Space appended.
TEST(TextIslandsTest, MemoKeyDropsOnlyTokenlessWhiteSpace) {
  auto tokenizer = testing::new_words_tokenizer();
  ASSERT_NE(tokenizer, nullptr);
  const std::array<std::string_view, 7> kTails = {" ",  "\t",       "\n",  "\r\n",
                                                  "  ", "\x0B\x0C", " \n "};
  std::mt19937_64 rng(29);
  auto texts = testing::random_unicode_texts(41, 6000);
  for (std::string& t : testing::fixture_texts()) texts.push_back(std::move(t));
  size_t tokens = 0;
  for (std::string text : texts) {
    while (!text.empty() &&
           internal::is_ascii_space_byte(static_cast<unsigned char>(text.back()))) {
      text.pop_back();
    }
    const Tokens want = icu_words_of(*tokenizer, text);
    const std::string with_tail = text + std::string(kTails[rng() % kTails.size()]);
    ASSERT_EQ(icu_words_of(*tokenizer, with_tail), want) << "\"" << with_tail << "\"";
    EXPECT_EQ(WordsTokenizer::memo_key(with_tail), text.empty() ? with_tail.substr(0, 1) : text);
    tokens += want.size();
  }
  EXPECT_GT(tokens, texts.size());
}

TEST(TextIslandsTest, IslandsStartAfterWhiteSpaceBeforeAscii) {
  // Without safe starts, an island reaches back to the last White_Space before an ASCII byte.
  const std::string text = "ab cd \xC3\xA9 x\xC3\xA9y z \xC3\xA9\t\xC3\xA9";
  const auto islands = islands_of(text);
  ASSERT_EQ(islands.size(), 3u);
  EXPECT_EQ(text.substr(islands[0].begin, islands[0].end - islands[0].begin), "cd \xC3\xA9 ");
  EXPECT_EQ(text.substr(islands[1].begin, islands[1].end - islands[1].begin), "x\xC3\xA9y ");
  EXPECT_EQ(text.substr(islands[2].begin, islands[2].end - islands[2].begin),
            "z \xC3\xA9\t\xC3\xA9");
}

// Every code point below the table's limit in contexts where the island path splits right before
// it (when it is a safe start) and the whole-text path does not: both must agree.
TEST(TextIslandsTest, EverySafeStartSplitsLikeTheWholeText) {
  auto tokenizer = testing::new_words_tokenizer(nullptr);
  ASSERT_NE(tokenizer, nullptr);
  const std::array<std::pair<std::string_view, std::string_view>, 5> kContexts = {{
      {"\xC3\xA9 ", "b"},               // "é " c "b"
      {"#\xC3\xA9\t", "\xCC\x81"},      // "#é\t" c U+0301
      {"x\xE2\x80\x8D\n", "\xC3\xA9"},  // "x" ZWJ "\n" c "é"
      {"1. ", "."},
      {"\xF0\x9F\x87\xAB ", "\xF0\x9F\x87\xB7"},  // RI " " c RI
  }};
  size_t compared = 0;
  for (char32_t c = 0x80; c < 0x20000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const std::string cp = utf8(c);
    for (const auto& [before, after] : kContexts) {
      const std::string text = std::string(before) + cp + std::string(after) + cp;
      ASSERT_EQ(words_of(*tokenizer, text), icu_words_of(*tokenizer, text))
          << "U+" << std::hex << static_cast<uint32_t>(c) << " in \"" << text << "\"";
      ++compared;
    }
  }
  EXPECT_GT(compared, 500000u);
}

// Random texts that mix ASCII words with non-ASCII ones, White_Space of every kind and the cases
// UAX #29, NFKC_Casefold, URLs and hashtags care about: many islands per text.
std::vector<std::string> random_mixed_texts(uint64_t seed, size_t count) {
  static constexpr std::array<std::string_view, 64> kPieces = {
      "hello",
      "World",
      "can't",
      "3.14",
      "a",
      "#",
      "@",
      "_",
      ".",
      ",",
      "'",
      "\"",
      ":",
      "http://",
      "https://x.co/",
      "http",
      " ",
      " ",
      " ",
      "\t",
      "\n",
      "\r\n",
      "\u00A0",
      "\u3000",
      "\u0085",
      "\u2028",
      "caf\u00E9",
      "\u00C9T\u00C9",
      "Stra\u00DFe",
      "\u00E9",
      "\u0301",
      "\u200D",
      "\u200C",
      "\uFE0F",
      "\u00AD",
      "\u2019",
      "\uFB01",
      "\uFF21",
      "\uFF03",
      "\uFF20",
      "\u2122",
      "\u4ECA\u65E5",
      "\u306F",
      "\u30AB\u30C4",
      "\u30FC",
      "\u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35",
      "\uD55C\uAD6D",
      "\u043F\u0440\u0438",
      "\u05D0\u05D1",
      "\u05F3",
      "\u0627\u0644",
      "\U0001F602",
      "\U0001F44D\U0001F3FD",
      "\U0001F468\u200D\U0001F469",
      "\U0001F1EB\U0001F1F7",
      "\U0001F1EF",
      "\u2764\uFE0F",
      "\u20E3",
      "\U00020BB7",
      "\U0001D407",
      "\xC3",
      "\xE3\x81",
      "\x80"};
  std::mt19937_64 rng(seed);
  std::vector<std::string> texts;
  for (size_t i = 0; i < count; ++i) {
    std::string text;
    const size_t pieces = rng() % 40;
    for (size_t p = 0; p < pieces; ++p) {
      text.append(kPieces[rng() % kPieces.size()]);
      if (rng() % 3 == 0) text.push_back(' ');
    }
    texts.push_back(std::move(text));
  }
  return texts;
}

void expect_same_as_icu(WordsTokenizer& tokenizer, const std::vector<std::string>& texts) {
  size_t tokens = 0;
  for (const std::string& text : texts) {
    const Tokens want = icu_words_of(tokenizer, text);
    ASSERT_EQ(words_of(tokenizer, text), want) << "text: \"" << text << "\"";
    tokens += want.size();
  }
  EXPECT_GT(tokens, texts.size()) << "the inputs hardly produce tokens; the test proves little";
}

TEST(TextIslandsTest, MatchesIcuOnRandomMixedTexts) {
  // The default memo, none, and one so small that it is flushed all the time.
  for (size_t memo : {WordsMemo::kDefaultBudgetBytes, size_t{0}, size_t{2000}}) {
    SCOPED_TRACE(memo);
    auto made = WordsTokenizer::create(nullptr, memo);
    ASSERT_TRUE(made.ok());
    for (uint64_t seed = 1; seed <= (memo == 2000 ? 1 : 3); ++seed) {
      const auto texts = random_mixed_texts(seed, 4000);
      expect_same_as_icu(**made, texts);
      expect_same_as_icu(**made, texts);  // again: now from the memo
    }
  }
}

TEST(TextIslandsTest, MatchesIcuOnRandomUnicodeAndFixtureTexts) {
  auto tokenizer = testing::new_words_tokenizer();
  ASSERT_NE(tokenizer, nullptr);
  auto texts = testing::random_unicode_texts(11, 6000);
  for (std::string& t : testing::fixture_texts()) texts.push_back(std::move(t));
  expect_same_as_icu(*tokenizer, texts);
  expect_same_as_icu(*tokenizer, texts);
}

TEST(TextIslandsTest, MatchesIcuWithStopwords) {
  auto stopwords = make_english_stopword_set();
  ASSERT_TRUE(stopwords.ok());
  auto tokenizer = testing::new_words_tokenizer(*stopwords);
  ASSERT_NE(tokenizer, nullptr);
  auto texts = random_mixed_texts(21, 3000);
  texts.push_back(
      "RT @x: the caf\u00E9 is \u00E9t\u00E9 don\u2019t THE \u00C9T\u00C9 via \u4ECA\u65E5");
  expect_same_as_icu(*tokenizer, texts);
  expect_same_as_icu(*tokenizer, texts);
}

TEST(WordsMemoTest, RemembersExactKeysOnly) {
  WordsMemo memo(1 << 16);
  const uint32_t ends[] = {3, 5};
  memo.insert("abc de", 42, "abcde", ends, 2);
  WordsMemo::Tokens got;
  ASSERT_TRUE(memo.find("abc de", 42, got));
  EXPECT_EQ(got.bytes, "abcde");
  ASSERT_EQ(got.count, 2u);
  EXPECT_EQ(got.ends[0], 3u);
  EXPECT_FALSE(memo.find("abc dx", 42, got));  // same hash, other key: a miss
  EXPECT_FALSE(memo.find("abc de", 43, got));
}

// The default budget holds the ~19k distinct islands of 100k synthetic tweets without a flush;
// past its capacity it flushes and keeps answering right.
TEST(WordsMemoTest, HoldsTwentyThousandIslandsThenFlushes) {
  WordsMemo memo(WordsMemo::kDefaultBudgetBytes);
  auto key_of = [](int i) { return "island " + std::to_string(i) + "\xE6\x97\xA5 "; };
  auto insert = [&](int i) {
    const std::string key = key_of(i);
    const std::string tokens = std::to_string(i) + "tok";
    const uint32_t ends[] = {static_cast<uint32_t>(tokens.size() - 3),
                             static_cast<uint32_t>(tokens.size())};
    memo.insert(key, WordsMemo::hash_of(key), tokens, ends, 2);
  };
  auto found = [&](int i) {
    const std::string key = key_of(i);
    WordsMemo::Tokens got;
    if (!memo.find(key, WordsMemo::hash_of(key), got)) return false;
    EXPECT_EQ(got.count, 2u);
    EXPECT_EQ(got.bytes, std::to_string(i) + "tok");
    return true;
  };
  for (int i = 0; i < 20000; ++i) insert(i);
  EXPECT_EQ(memo.flushes(), 0u);
  EXPECT_EQ(memo.entries(), 20000u);
  for (int i = 0; i < 20000; ++i) ASSERT_TRUE(found(i)) << i;
  insert(0);  // known already: no second entry
  EXPECT_EQ(memo.entries(), 20000u);
  int i = 20000;
  while (memo.flushes() == 0) insert(i++);
  EXPECT_LE(memo.bytes_in_use(), memo.budget_bytes());
  EXPECT_TRUE(found(i - 1));
  EXPECT_FALSE(found(0));
  EXPECT_EQ(memo.entries(), 1u);
}

TEST(WordsMemoTest, StaysWithinItsBudget) {
  WordsMemo memo(4096);
  std::mt19937_64 rng(5);
  for (int i = 0; i < 10000; ++i) {
    const std::string key(1 + rng() % 300, static_cast<char>('a' + i % 26));
    const uint32_t ends[] = {static_cast<uint32_t>(key.size())};
    memo.insert(key, rng(), key, ends, 1);
    ASSERT_LE(memo.bytes_in_use(), memo.budget_bytes());
  }
  WordsMemo off(0);
  const uint32_t ends[] = {1};
  off.insert("a", 1, "a", ends, 1);
  WordsMemo::Tokens got;
  EXPECT_FALSE(off.find("a", 1, got));
}

}  // namespace
}  // namespace firecount
