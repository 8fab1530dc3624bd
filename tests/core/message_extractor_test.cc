#include "core/message_extractor.h"

#include <string>

#include "gtest/gtest.h"
#include "simdjson.h"

namespace firecount {
namespace {

// Extracts from a copy of `line` padded as the engine's buffers are.
struct Extracted {
  MessageKind kind;
  std::string text, id, lang;
  int64_t event_time_ms;
  bool is_retweet;
};

Extracted extract(std::string_view line, MessageFormat format = MessageFormat::kTwitterV1) {
  std::string padded(line);
  padded.append(simdjson::SIMDJSON_PADDING, '\0');
  MessageExtractor extractor(format);
  Record r;
  const MessageKind kind =
      extractor.extract(std::string_view(padded.data(), line.size()), padded.size(), r);
  EXPECT_EQ(kind, r.kind);
  return {kind,        std::string(r.text), std::string(r.id), std::string(r.lang), r.event_time_ms,
          r.is_retweet};
}

TEST(MessageExtractorTest, PlainTweet) {
  const auto e =
      extract(R"({"created_at":"Wed Oct 10 20:19:24 +0000 2018","id":1050118621198921728,)"
              R"("id_str":"1050118621198921728","text":"To make room for more expression",)"
              R"("user":{"id":6253282,"text":"not this one"},"lang":"en"})");
  EXPECT_EQ(e.kind, MessageKind::kTweet);
  EXPECT_EQ(e.text, "To make room for more expression");
  EXPECT_EQ(e.id, "1050118621198921728");
  EXPECT_EQ(e.lang, "en");
  EXPECT_EQ(e.event_time_ms, 1539202764000);
  EXPECT_FALSE(e.is_retweet);
}

TEST(MessageExtractorTest, TimestampMsWinsOverCreatedAt) {
  const auto e = extract(
      R"({"created_at":"Wed Oct 10 20:19:24 +0000 2018","text":"x","timestamp_ms":"1539202764123"})");
  EXPECT_EQ(e.event_time_ms, 1539202764123);
}

TEST(MessageExtractorTest, ExtendedTweetFullTextWinsWherever) {
  EXPECT_EQ(
      extract(
          R"({"text":"short…","truncated":true,"extended_tweet":{"full_text":"the long one","entities":{}}})")
          .text,
      "the long one");
  EXPECT_EQ(
      extract(
          R"({"extended_tweet":{"display_text_range":[0,3],"full_text":"first"},"text":"second"})")
          .text,
      "first");
}

TEST(MessageExtractorTest, TopLevelFullTextWinsOverText) {
  EXPECT_EQ(extract(R"({"full_text":"full","text":"short"})").text, "full");
}

TEST(MessageExtractorTest, RetweetIsFlaggedAndKeepsItsOwnText) {
  const auto e =
      extract(R"({"text":"RT @a: hi","retweeted_status":{"text":"hi","user":{}},"lang":"und"})");
  EXPECT_EQ(e.kind, MessageKind::kTweet);
  EXPECT_TRUE(e.is_retweet);
  EXPECT_EQ(e.text, "RT @a: hi");
  EXPECT_FALSE(extract(R"({"text":"x","retweeted_status":null})").is_retweet);
}

TEST(MessageExtractorTest, EscapesAndRawUtf8DecodeToTheSameText) {
  const auto escaped = extract(R"({"text":"caf\u00e9 \u540d\u524d \ud83d\ude02 \"q\" a\nb \\"})");
  const auto raw = extract("{\"text\":\"café 名前 😂 \\\"q\\\" a\\nb \\\\\"}");
  EXPECT_EQ(escaped.kind, MessageKind::kTweet);
  EXPECT_EQ(escaped.text, "café 名前 😂 \"q\" a\nb \\");
  EXPECT_EQ(raw.text, escaped.text);
}

TEST(MessageExtractorTest, LoneSurrogateEscapeIsMalformed) {
  EXPECT_EQ(extract(R"({"text":"\ud83d x"})").kind, MessageKind::kMalformed);
}

TEST(MessageExtractorTest, EveryNoticeKind) {
  EXPECT_EQ(extract(R"({"delete":{"status":{"id":1,"id_str":"1","user_id":3}}})").kind,
            MessageKind::kDelete);
  EXPECT_EQ(extract(R"({"scrub_geo":{"user_id":14090452,"up_to_status_id":23260136625}})").kind,
            MessageKind::kScrubGeo);
  EXPECT_EQ(extract(R"({"limit":{"track":1234,"timestamp_ms":"1539202764000"}})").kind,
            MessageKind::kLimit);
  EXPECT_EQ(
      extract(R"({"status_withheld":{"id":1,"user_id":2,"withheld_in_countries":["DE"]}})").kind,
      MessageKind::kStatusWithheld);
  EXPECT_EQ(extract(R"({"user_withheld":{"id":2,"withheld_in_countries":["DE"]}})").kind,
            MessageKind::kUserWithheld);
  EXPECT_EQ(extract(R"({"disconnect":{"code":7,"stream_name":"x","reason":"admin logout"}})").kind,
            MessageKind::kDisconnect);
  EXPECT_EQ(
      extract(R"({"warning":{"code":"FALLING_BEHIND","message":"m","percent_full":60}})").kind,
      MessageKind::kWarning);
}

TEST(MessageExtractorTest, ObjectsWithoutTextAreOther) {
  EXPECT_EQ(extract(R"({"friends":[1,2,3]})").kind, MessageKind::kOther);
  EXPECT_EQ(extract(R"({})").kind, MessageKind::kOther);
  EXPECT_EQ(extract(R"({"text":null})").kind, MessageKind::kOther);
}

TEST(MessageExtractorTest, KeepAlivesAndCrlf) {
  EXPECT_EQ(extract("").kind, MessageKind::kKeepAlive);
  EXPECT_EQ(extract("\r").kind, MessageKind::kKeepAlive);
  EXPECT_EQ(extract("  \t\r").kind, MessageKind::kKeepAlive);
  EXPECT_EQ(extract("{\"text\":\"a b\"}\r").text, "a b");
}

TEST(MessageExtractorTest, MalformedLines) {
  EXPECT_EQ(extract(R"({"text":"cut in the mid)").kind, MessageKind::kMalformed);
  EXPECT_EQ(extract(R"({"text":"ok","user":{"name":"x")").kind, MessageKind::kMalformed);
  EXPECT_EQ(extract(R"({"text":"ok"} trailing)").kind, MessageKind::kMalformed);
  EXPECT_EQ(extract(R"({"text":"ok"}{"text":"again"})").kind, MessageKind::kMalformed);
  EXPECT_EQ(extract(R"(["text","array"])").kind, MessageKind::kMalformed);
  EXPECT_EQ(extract(R"("just a string")").kind, MessageKind::kMalformed);
  EXPECT_EQ(extract(R"({"text":42})").kind, MessageKind::kMalformed);
  EXPECT_EQ(extract("not json at all").kind, MessageKind::kMalformed);
  EXPECT_EQ(extract(R"({"text":"a",})").kind, MessageKind::kMalformed);
}

TEST(MessageExtractorTest, InvalidUtf8IsItsOwnKind) {
  EXPECT_EQ(extract("{\"text\":\"bad \xff byte\"}").kind, MessageKind::kInvalidUtf8);
  EXPECT_EQ(extract("bad \xc3\x28 text", MessageFormat::kText).kind, MessageKind::kInvalidUtf8);
}

TEST(MessageExtractorTest, TextFormatTakesTheWholeLine) {
  const auto e = extract("RT @x: {not json} 名前\r", MessageFormat::kText);
  EXPECT_EQ(e.kind, MessageKind::kTweet);
  EXPECT_EQ(e.text, "RT @x: {not json} 名前");
}

TEST(MessageExtractorTest, PicksAnImplementation) {
  const std::string name = v1_extractor_implementation();
  EXPECT_FALSE(name.empty());
}

}  // namespace
}  // namespace firecount
