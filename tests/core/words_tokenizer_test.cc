#include "core/words_tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/tokenizer.h"
#include "tests/core/words_cases.h"
#include "tests/core/words_test_util.h"

namespace firecount {
namespace {

using testing::Case;
using testing::cases;
using testing::icu_words_of;
using testing::Tokens;
using testing::words_of;

TEST(WordsTokenizerTest, EveryRuleCase) {
  auto tokenizer = testing::new_words_tokenizer();
  ASSERT_NE(tokenizer, nullptr);
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.rule);
    EXPECT_EQ(words_of(*tokenizer, c.text), c.want) << "text: " << c.text;
    EXPECT_EQ(icu_words_of(*tokenizer, c.text), c.want) << "ICU path, text: " << c.text;
  }
}

// ICU 72's CJK dictionary engine answers its first run in a process differently on this text
// ("ー𠮷" as one word); create() warms it up so the first record gets the steady-state tokens.
// ctest runs each test in its own process, so this is the process's first dictionary run.
TEST(WordsTokenizerTest, IcuDictionaryFirstRunQuirkIsWarmedUp) {
  auto tokenizer = testing::new_words_tokenizer();
  ASSERT_NE(tokenizer, nullptr);
  const std::string text = "\n ssfi\u30FC\U00020BB7";
  const Tokens want = {"ssfi", "\u30FC", "\U00020BB7"};
  EXPECT_EQ(testing::icu_words_of(*tokenizer, text), want);
  EXPECT_EQ(testing::words_of(*tokenizer, text), want);
}

// The island path copies stable text and maps lone code points without ICU's normalizer
// (core/nfkc_table.h); tokenize_with_icu() always normalizes with ICU. Texts rich in code points
// that compose, decompose, vanish or map, at the edges of what is copied, give the same tokens,
// with the memo on (twice: cold, then hits) and off.
TEST(WordsTokenizerTest, NormalizationShortcutsMatchIcusNormalizer) {
  auto tokenizer = testing::new_words_tokenizer();
  auto no_memo = WordsTokenizer::create(nullptr, 0);
  ASSERT_NE(tokenizer, nullptr);
  ASSERT_TRUE(no_memo.ok());
  const std::vector<std::string> texts = testing::random_normalization_texts(21, 20000);
  for (int round = 0; round < 2; ++round) {
    for (const std::string& text : texts) {
      const Tokens want = icu_words_of(*tokenizer, text);
      ASSERT_EQ(words_of(*tokenizer, text), want) << "text: " << text;
      if (round == 0) ASSERT_EQ(words_of(**no_memo, text), want) << "text: " << text;
    }
  }
  const std::string halfwidth = "\uFF76\uFF9E\uFF8A\uFF9F \u304B\u3099 A\u0301 \u1100\u1161\u11A8";
  EXPECT_EQ(words_of(*tokenizer, halfwidth),
            (Tokens{"\u30AC", "\u30D1", "\u304C", "\u00E1", "\uAC01"}));
}

TEST(WordsTokenizerTest, ReusesStateAcrossCalls) {
  auto tokenizer = testing::new_words_tokenizer();
  ASSERT_NE(tokenizer, nullptr);
  EXPECT_EQ(words_of(*tokenizer, "今日は良い天気 #Tag"),
            (Tokens{"今日", "は", "良い", "天気", "#tag"}));
  EXPECT_EQ(words_of(*tokenizer, "ﬁ"), (Tokens{"fi"}));
  EXPECT_EQ(words_of(*tokenizer, "今日"), (Tokens{"今日"}));
}

TEST(WordsTokenizerTest, AppendsToTheList) {
  auto tokenizer = testing::new_words_tokenizer();
  ASSERT_NE(tokenizer, nullptr);
  TokenList list;
  tokenizer->tokenize("Alpha beta", list);
  tokenizer->tokenize("Γάμμα δ", list);
  std::vector<std::string_view> want = {"alpha", "beta", "γάμμα", "δ"};
  EXPECT_EQ(list.tokens(), want);
}

TEST(WordsTokenizerTest, InvalidUtf8BecomesReplacementCharacter) {
  auto tokenizer = testing::new_words_tokenizer();
  ASSERT_NE(tokenizer, nullptr);
  EXPECT_EQ(words_of(*tokenizer,
                     "ab\xFF"
                     "cd \xC3"),
            (Tokens{"ab", "cd"}));
}

TEST(WordsTokenizerTest, MakeTokenizerBuildsWords) {
  TokenizerConfig config;
  config.kind = TokenizerKind::kWords;
  auto tokenizer = make_tokenizer(config);
  ASSERT_TRUE(tokenizer.ok()) << tokenizer.status();
  TokenList list;
  (*tokenizer)->tokenize("RT @Bob: The #Spark rocks https://t.co/x", list);
  std::vector<std::string_view> want = {"rt", "@bob", "the", "#spark", "rocks"};
  EXPECT_EQ(list.tokens(), want);
}

TEST(WordsTokenizerTest, EnglishStopwordsDropNoiseOnBothPaths) {
  TokenizerConfig config;
  config.kind = TokenizerKind::kWords;
  config.stopwords = Stopwords::kEnglish;
  auto tokenizer = make_tokenizer(config);
  ASSERT_TRUE(tokenizer.ok()) << tokenizer.status();
  TokenList list;
  (*tokenizer)->tokenize("RT @Bob: The cat &amp; THE dog via web, don't", list);
  std::vector<std::string_view> want = {"@bob", "cat", "dog", "web"};
  EXPECT_EQ(list.tokens(), want);
  list.clear();
  (*tokenizer)->tokenize("RT The café isn’t open ❤️", list);
  want = {"café", "open", "❤"};
  EXPECT_EQ(list.tokens(), want);
}

TEST(WordsTokenizerTest, FileStopwordsAreNormalized) {
  TokenizerConfig config;
  config.kind = TokenizerKind::kWords;
  config.stopwords = Stopwords::kFile;
  config.stopwords_file = "ＴＨＥ\r\n  Straße \n\n#Spark\n😂\n今日\n";
  auto tokenizer = make_tokenizer(config);
  ASSERT_TRUE(tokenizer.ok()) << tokenizer.status();
  TokenList list;
  (*tokenizer)->tokenize("The strasse #spark spark 😂 ❤ 今日は", list);
  std::vector<std::string_view> want = {"spark", "❤", "は"};
  EXPECT_EQ(list.tokens(), want);
}

TEST(WordsTokenizerTest, StopwordsNeedWordsTokenizer) {
  TokenizerConfig config;
  config.kind = TokenizerKind::kSplit;
  config.stopwords = Stopwords::kEnglish;
  EXPECT_EQ(make_tokenizer(config).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(WordsTokenizerTest, UnusableStopwordFileIsAnError) {
  TokenizerConfig config;
  config.kind = TokenizerKind::kWords;
  config.stopwords = Stopwords::kFile;
  config.stopwords_file = " \n\n";
  EXPECT_EQ(make_tokenizer(config).status().code(), absl::StatusCode::kInvalidArgument);
  config.stopwords_file = "ok\nbad\xFF\n";
  auto bad = make_tokenizer(config);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("line 2"), std::string_view::npos) << bad.status();
}

}  // namespace
}  // namespace firecount
