#include "core/split_tokenizer.h"

#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace firecount {
namespace {

std::vector<std::string> split(std::string_view text) {
  SplitTokenizer tokenizer;
  TokenList list;
  tokenizer.tokenize(text, list);
  std::vector<std::string> out;
  for (std::string_view t : list.tokens()) out.emplace_back(t);
  return out;
}

using V = std::vector<std::string>;

// Expected values are what Python 3 prints for
// [w for line in text.split("\n") for w in line.split(" ")].
TEST(SplitTokenizerTest, SingleSpaceSeparatesWords) {
  EXPECT_EQ(split("a b c"), (V{"a", "b", "c"}));
}

TEST(SplitTokenizerTest, DoubleSpaceYieldsEmptyString) {
  EXPECT_EQ(split("a  b"), (V{"a", "", "b"}));
}

TEST(SplitTokenizerTest, LeadingAndTrailingSpacesYieldEmptyStrings) {
  EXPECT_EQ(split(" a "), (V{"", "a", ""}));
}

TEST(SplitTokenizerTest, EmptyTextIsOneEmptyWord) { EXPECT_EQ(split(""), (V{""})); }

TEST(SplitTokenizerTest, NewlinesSplitLinesFirst) {
  EXPECT_EQ(split("a\nb c\n\nd "), (V{"a", "b", "c", "", "d", ""}));
  EXPECT_EQ(split("x \ny"), (V{"x", "", "y"}));
}

TEST(SplitTokenizerTest, OtherWhitespaceStaysInsideWords) {
  EXPECT_EQ(split("a\tb c\rd e\u3000f"), (V{"a\tb", "c\rd", "e\u3000f"}));
}

TEST(SplitTokenizerTest, NothingIsLowercased) {
  EXPECT_EQ(split("The the THE the,"), (V{"The", "the", "THE", "the,"}));
}

TEST(SplitTokenizerTest, Utf8PassesThrough) {
  EXPECT_EQ(split("名前:前田 😂😂"), (V{"名前:前田", "😂😂"}));
}

// Python's [w for line in text.split("\n") for w in line.split(" ")], written plainly.
std::vector<std::string> python_split(const std::string& text) {
  std::vector<std::string> out;
  size_t line_start = 0;
  for (;;) {
    const size_t nl = text.find('\n', line_start);
    const std::string line =
        text.substr(line_start, nl == std::string::npos ? nl : nl - line_start);
    size_t word_start = 0;
    for (;;) {
      const size_t sp = line.find(' ', word_start);
      out.push_back(line.substr(word_start, sp == std::string::npos ? sp : sp - word_start));
      if (sp == std::string::npos) break;
      word_start = sp + 1;
    }
    if (nl == std::string::npos) break;
    line_start = nl + 1;
  }
  return out;
}

// The block-at-a-time scan against the plain split, on texts of every length around the
// 32-byte blocks and the overlapping last one, with separators at every position (runs of them,
// at both ends).
TEST(SplitTokenizerTest, MatchesPlainSplitOnRandomTexts) {
  std::mt19937 rng(42);
  const std::string alphabet = "  \n\nab\t\r\xe5\x90\x8d,";
  for (int round = 0; round < 8000; ++round) {
    const size_t size = rng() % 140;
    std::string text;
    for (size_t i = 0; i < size; ++i) text += alphabet[rng() % alphabet.size()];
    ASSERT_EQ(split(text), python_split(text)) << text;
  }
}

}  // namespace
}  // namespace firecount
