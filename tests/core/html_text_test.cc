#include "core/html_text.h"

#include <gtest/gtest.h>

namespace firecount {
namespace {

std::string text(std::string_view html) {
  std::string out;
  html_to_text(html, out);
  return out;
}

TEST(HtmlTextTest, MastodonDocumentedExample) {
  EXPECT_EQ(text("<p>Hello &amp; welcome, <span class=\"h-card\"><a "
                 "href=\"https://example.social/@bob\" class=\"u-url "
                 "mention\">@<span>bob</span></a></span></p><p>second para</p>"),
            "Hello & welcome, @bob second para");
}

TEST(HtmlTextTest, BreaksSeparateWordsInlineTagsDoNot) {
  EXPECT_EQ(text("<p>one<br>two<br/>three</p>"), "one two three");
  EXPECT_EQ(text("<p>#<a href=\"x\">tag</a>s</p>"), "#tags");
  EXPECT_EQ(text("a <b>bold</b> move"), "a bold move");
}

TEST(HtmlTextTest, DecodesEntities) {
  EXPECT_EQ(text("&lt;3 &gt; &quot;q&quot; it&#39;s &apos;x&apos;"), "<3 > \"q\" it's 'x'");
  EXPECT_EQ(text("&#x1F431; &#233;t&eacute; &#128512;"),
            "\xF0\x9F\x90\xB1 \xC3\xA9t&eacute; \xF0\x9F\x98\x80");
  EXPECT_EQ(text("fish &amp chips & more &#;"), "fish &amp chips & more &#;");
  EXPECT_EQ(text("a&nbsp;b"), "a b");
  EXPECT_EQ(text("&#xD800;&#0;&#99999999;"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(HtmlTextTest, AttributesWithAngleBracketsScriptsAndComments) {
  EXPECT_EQ(text("<a title=\"a>b\">link</a>"), "link");
  EXPECT_EQ(text("x<script>var a = '<p>';</script>y<!-- hidden -->z"), "xyz");
  EXPECT_EQ(text("1 < 2"), "1 < 2");
}

TEST(HtmlTextTest, KeepsUtf8AndTrimsSeparators) {
  EXPECT_EQ(text("<p></p><p>\xE6\x97\xA5\xE6\x9C\xAC</p><p></p>"), "\xE6\x97\xA5\xE6\x9C\xAC");
  EXPECT_EQ(text(""), "");
}

}  // namespace
}  // namespace firecount
