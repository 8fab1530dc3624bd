#pragma once
// The table of words tokenizer cases (one row per behaviour of docs/tokenizer.md), shared by the
// table test and the comparison with the Python reference implementation.

#include <string>
#include <vector>

#include "tests/core/words_test_util.h"

namespace firecount::testing {

struct Case {
  const char* rule;
  std::string text;
  Tokens want;
};

// One row per behaviour of the spec (docs/tokenizer.md); every row runs through tokenize() and
// through the ICU path, so ASCII rows also pin the fast path to the same answer.
inline const std::vector<Case>& cases() {
  static const auto* const kCases = new std::vector<Case>{
      {"empty", "", {}},
      {"spaces only", "  \t \r\n ", {}},
      {"lowercases", "Hello World", {"hello", "world"}},
      {"punctuation dropped", "wow!!! (really?) \"yes\" - no", {"wow", "really", "yes", "no"}},
      {"newlines and tabs", "a\r\nb\nc\td", {"a", "b", "c", "d"}},
      // Rule 4: UAX #29 on ASCII as ICU 72 does it.
      {"apostrophe inside", "can't won't", {"can't", "won't"}},
      {"apostrophe at ends", "'quoted' rock'n'roll'", {"quoted", "rock'n'roll"}},
      {"decimal", "pi is 3.14", {"pi", "is", "3.14"}},
      {"abbreviation trailing dot", "e.g. i.e.", {"e.g", "i.e"}},
      {"initials", "U.S.A", {"u.s.a"}},
      {"thousands", "1,000 and 1;2 and 1'2", {"1,000", "and", "1;2", "and", "1'2"}},
      {"comma between letters breaks", "a,b a;b", {"a", "b", "a", "b"}},
      {"colon is not MidLetter in root", "a:b 10:30", {"a", "b", "10", "30"}},
      {"underscores join", "a_b _a a_ __ 1_000", {"a_b", "_a", "a_", "__", "1_000"}},
      {"lone underscore is not a word", "_ x _", {"x"}},
      {"letters and digits join", "a1.2b abc123 4ever", {"a1.2b", "abc123", "4ever"}},
      {"mid between letter and digit breaks", "a.1 1.a a'1", {"a", "1", "1", "a", "a", "1"}},
      {"double mid breaks", "a..b 1,,2", {"a", "b", "1", "2"}},
      {"chained mids", "a.b.1 1.2.3", {"a.b", "1", "1.2.3"}},
      {"underscore then mid breaks", "a_.b", {"a_", "b"}},
      {"email is one word", "mail bob@example.com now", {"mail", "bob@example.com", "now"}},
      // Rule 3: NFKC_Casefold.
      {"sharp s", "Straße", {"strasse"}},
      {"full-width letters", "ＦＵＬＬ ＡＢＣ１２３", {"full", "abc123"}},
      {"full-width digits and comma", "１，０００", {"1,000"}},
      {"ligature", "ﬁ ﬁne", {"fi", "fine"}},
      {"combining acute composes", "Ame\u0301lie", {"am\u00e9lie"}},
      {"combining mark stays in word", "x\u0301\u0302y", {"x\u0301\u0302y"}},
      {"math bold (surrogate pairs)",
       "\U0001D407\U0001D41E\U0001D425\U0001D425\U0001D428",
       {"hello"}},
      {"supplementary ideograph", "\U00020BB7野家", {"\U00020BB7", "野家"}},
      {"trade mark becomes letters", "Brand™", {"brandtm"}},
      {"soft hyphen is ignorable", "co\u00ADop", {"coop"}},
      // Rule 4: dictionaries.
      {"japanese", "今日は良い天気", {"今日", "は", "良い", "天気"}},
      {"japanese punctuation", "えっそれは・・・（一同）", {"えっ", "それ", "は", "一同"}},
      {"thai", "สวัสดีครับ", {"สวัสดี", "ครับ"}},
      {"korean", "안녕하세요 세계", {"안녕하세요", "세계"}},
      // Rule 5: hashtags.
      {"hashtag", "#Spark rocks", {"#spark", "rocks"}},
      {"hash inside word", "C#dev", {"c", "dev"}},
      {"hash after punctuation", "a.#b (#c)", {"a", "#b", "#c"}},
      {"double hash", "##x", {"#x"}},
      {"hash then space", "# x", {"x"}},
      {"lone hash", "#", {}},
      {"hash number", "#1 #2024", {"#1", "#2024"}},
      {"hash after underscore word", "x_#b", {"x_", "b"}},
      {"hash after lone underscore", "_#b", {"#b"}},
      {"full-width hash", "＃Tag", {"#tag"}},
      {"keycap is not a hash", "#\uFE0F\u20E3x", {"x"}},
      {"japanese hashtag", "#LEDカツカツ選手権", {"#led", "カツ", "カツ", "選手権"}},
      {"hashtag of ideographs", "#日本 #東京", {"#日本", "#東京"}},
      // Rule 5: mentions come out of ICU whole ('@' is ALetter in ICU 72's root rules).
      {"mention", "@Bob_2 hi", {"@bob_2", "hi"}},
      {"mention in reply", "RT @KATANA77: えっ", {"rt", "@katana77", "えっ"}},
      {"lone at", "see @ noon", {"see", "@", "noon"}},
      {"double at", "@@bob", {"@@bob"}},
      {"full-width at", "＠Bob", {"@bob"}},
      {"hash before mention", "#@bob", {"#@bob"}},
      // Rule 2: URLs.
      {"url alone", "http://t.co/x", {}},
      {"url in middle", "see https://t.co/abc now", {"see", "now"}},
      {"url at start", "https://t.co/abc now", {"now"}},
      {"url at end", "look: http://t.co/abc", {"look"}},
      {"url upper case", "HTTPS://X.COM/a End", {"end"}},
      {"url mixed case", "hTtP://x y", {"y"}},
      {"url in parentheses eats the parenthesis", "(http://x.com) y", {"y"}},
      {"url after punctuation", "end:http://x.com.", {"end"}},
      {"url glued to a word", "foohttp://x bar", {"foo", "bar"}},
      {"url ends at tab", "http://x\ty", {"y"}},
      {"url ends at no-break space", "http://x\u00A0y", {"y"}},
      {"url ends at ideographic space", "hello http://t.co/x\u3000次", {"hello", "次"}},
      {"two urls", "a http://x http://y b", {"a", "b"}},
      {"scheme only", "https:// x", {"x"}},
      {"not a url: one slash", "http:/x", {"http", "x"}},
      {"not a url: other scheme", "ftp://a.b httpx://c", {"ftp", "a.b", "httpx", "c"}},
      {"not a url: full-width", "ｈｔｔｐ://x", {"http", "x"}},
      {"not a url: long s", "http\u017F://x", {"https", "x"}},
      // Rule 6: emoji and flags.
      {"emoji repeat", "😂😂", {"😂", "😂"}},
      {"emoji between words", "abc😂def", {"abc", "😂", "def"}},
      {"variation selector dropped", "I ❤️ NY", {"i", "❤", "ny"}},
      {"skin tone dropped", "👍🏽", {"👍"}},
      {"lone skin tone", "🏽", {}},
      {"zwj family gives members", "👨‍👩‍👧", {"👨", "👩", "👧"}},
      {"zwj profession", "👩🏽‍🚀", {"👩", "🚀"}},
      {"flags", "🇫🇷🇩🇪", {"🇫🇷", "🇩🇪"}},
      {"odd regional indicator dropped", "🇫🇷🇯", {"🇫🇷"}},
      {"copyright is pictographic", "© 2024", {"©", "2024"}},
      {"emoji in japanese", "キモいとこ😋✨✨", {"キモ", "いとこ", "😋", "✨", "✨"}},
      {"emoji after hash", "#😂", {"😂"}},
  };
  return *kCases;
}

}  // namespace firecount::testing
