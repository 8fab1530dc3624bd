#include "core/split_tokenizer.h"

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

}  // namespace
}  // namespace firecount
