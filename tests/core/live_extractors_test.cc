// Unit tests for the live-source extractors: extract_x_v2, extract_jetstream, extract_mastodon.
#include <gtest/gtest.h>

#include <string>

#include "core/jetstream_extractor.h"
#include "core/mastodon_extractor.h"
#include "core/x_v2_extractor.h"
#include "simdjson.h"

namespace firecount {
namespace {

// Copies a line into a padded buffer, as the reader's buffers are.
struct Padded {
  explicit Padded(std::string_view s) : bytes(s), buf(s.size() + simdjson::SIMDJSON_PADDING, '\0') {
    std::copy(s.begin(), s.end(), buf.begin());
  }
  const char* data() const { return buf.data(); }
  size_t size() const { return bytes.size(); }
  size_t capacity() const { return buf.size(); }
  std::string bytes;
  std::string buf;
};

TEST(XV2ExtractorTest, DocsQuickstartLine) {
  Padded line(
      R"({"data":{"id":"1234567890","text":"Look at this cute cat! 🐱","author_id":"9876543210","created_at":"2024-01-15T10:35:00.000Z","edit_history_tweet_ids":["1234567890"],"lang":"en"},"includes":{"users":[{"id":"9876543210","username":"catperson"}]},"matching_rules":[{"id":"1273026480692322304","tag":"cats with images"}]})");
  simdjson::ondemand::parser parser;
  Record r;
  EXPECT_EQ(extract_x_v2(parser, line.data(), line.size(), line.capacity(), r),
            MessageKind::kTweet);
  EXPECT_EQ(r.text, "Look at this cute cat! 🐱");
  EXPECT_EQ(r.id, "1234567890");
  EXPECT_EQ(r.lang, "en");
  EXPECT_EQ(r.event_time_ms, 1705314900000);
  EXPECT_FALSE(r.is_retweet);
}

TEST(XV2ExtractorTest, NoteTweetRetweetErrorsKeepAlive) {
  simdjson::ondemand::parser parser;
  Record r;
  Padded note(
      R"({"data":{"text":"short…","note_tweet":{"text":"the long text"},"referenced_tweets":[{"type":"retweeted","id":"1"}],"id":"2"}})");
  EXPECT_EQ(extract_x_v2(parser, note.data(), note.size(), note.capacity(), r),
            MessageKind::kTweet);
  EXPECT_EQ(r.text, "the long text");
  EXPECT_TRUE(r.is_retweet);
  Padded disconnect(
      R"({"errors":[{"title":"operational-disconnect","disconnect_type":"UpstreamOperationalDisconnect","detail":"This stream has been disconnected upstream for operational reasons.","type":"https://api.x.com/2/problems/operational-disconnect"}]})");
  EXPECT_EQ(extract_x_v2(parser, disconnect.data(), disconnect.size(), disconnect.capacity(), r),
            MessageKind::kDisconnect);
  Padded other(
      R"({"errors":[{"title":"rule-cap","type":"https://api.x.com/2/problems/rule-cap"}]})");
  EXPECT_EQ(extract_x_v2(parser, other.data(), other.size(), other.capacity(), r),
            MessageKind::kOther);
  Padded blank("");
  EXPECT_EQ(extract_x_v2(parser, blank.data(), blank.size(), blank.capacity(), r),
            MessageKind::kKeepAlive);
  Padded bad(R"({"data":{"id":"1"}})");
  EXPECT_EQ(extract_x_v2(parser, bad.data(), bad.size(), bad.capacity(), r),
            MessageKind::kMalformed);
  Padded garbage("not json");
  EXPECT_EQ(extract_x_v2(parser, garbage.data(), garbage.size(), garbage.capacity(), r),
            MessageKind::kMalformed);
  Padded utf8("{\"data\":{\"text\":\"\xC3\x28\"}}");
  EXPECT_EQ(extract_x_v2(parser, utf8.data(), utf8.size(), utf8.capacity(), r),
            MessageKind::kInvalidUtf8);
}

const std::string kPost =
    R"({"did":"did:plc:example000000000000000000","time_us":1725911162329308,"kind":"commit","commit":{"rev":"3l3qo2vutsw2b","operation":"create","collection":"app.bsky.feed.post","rkey":"3l3qo2vuowo2c","record":{"$type":"app.bsky.feed.post","createdAt":"2024-09-09T19:46:02.102Z","langs":["en"],"text":"Hello world, hello #streams"},"cid":"bafyreiexample"}})";

TEST(JetstreamExtractorTest, PostCreate) {
  simdjson::ondemand::parser parser;
  Record r;
  Padded line(kPost);
  EXPECT_EQ(extract_jetstream(parser, line.data(), line.size(), line.capacity(), r),
            MessageKind::kTweet);
  EXPECT_EQ(r.text, "Hello world, hello #streams");
  EXPECT_EQ(r.lang, "en");
  EXPECT_EQ(r.id, "3l3qo2vuowo2c");
  EXPECT_EQ(r.event_time_ms, 1725911162102);
}

TEST(JetstreamExtractorTest, OtherKindsAndEdgeCases) {
  simdjson::ondemand::parser parser;
  Record r;
  auto kind = [&](std::string_view s) {
    Padded p(s);
    return extract_jetstream(parser, p.data(), p.size(), p.capacity(), r);
  };
  EXPECT_EQ(
      kind(
          R"({"did":"did:plc:eygmaihciaxprqvxpfvl6flk","time_us":1725911162329308,"kind":"commit","commit":{"rev":"3l3qo2vutsw2b","operation":"create","collection":"app.bsky.feed.like","rkey":"3l3qo2vuowo2b","record":{"$type":"app.bsky.feed.like","createdAt":"2024-09-09T19:46:02.102Z","subject":{"cid":"x","uri":"y"}},"cid":"z"}})"),
      MessageKind::kOther);
  EXPECT_EQ(
      kind(
          R"({"did":"did:plc:rfov6bpyztcnedeyyzgfq42k","time_us":1725516666833633,"kind":"commit","commit":{"rev":"3l3f6nzl3cv2s","operation":"delete","collection":"app.bsky.feed.post","rkey":"3l3dn7tku762u"}})"),
      MessageKind::kDelete);
  EXPECT_EQ(
      kind(
          R"({"did":"did:plc:ufbl4k27gp6kzas5glhz7fim","time_us":1725516665234703,"kind":"identity","identity":{"did":"did:plc:ufbl4k27gp6kzas5glhz7fim","handle":"yohenrique.bsky.social","seq":1409752997,"time":"2024-09-05T06:11:04.870Z"}})"),
      MessageKind::kOther);
  EXPECT_EQ(
      kind(
          R"({"cursor":12345,"did":"d","time_us":1725911162329308,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"k","record":{"text":"","embed":{"$type":"app.bsky.embed.images"}}}})"),
      MessageKind::kTweet);
  EXPECT_EQ(r.text, "");
  EXPECT_EQ(r.lang, "");
  EXPECT_EQ(r.event_time_ms, 1725911162329);  // no createdAt: time_us
  EXPECT_EQ(
      kind(
          R"({"did":"d","time_us":1,"kind":"commit","commit":{"operation":"update","collection":"app.bsky.feed.post","rkey":"k","record":{"text":"edited"}}})"),
      MessageKind::kOther);
  EXPECT_EQ(
      kind(
          R"({"did":"d","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"k","record":{}}})"),
      MessageKind::kMalformed);
  EXPECT_EQ(kind("   "), MessageKind::kKeepAlive);
}

TEST(JetstreamExtractorTest, EventIdForCursorAndDedupe) {
  simdjson::ondemand::parser parser;
  JetstreamEventId id;
  Padded line(kPost);
  ASSERT_TRUE(read_jetstream_event_id(parser, line.data(), line.size(), line.capacity(), id));
  EXPECT_EQ(id.time_us, 1725911162329308);
  EXPECT_EQ(
      id.key,
      "did:plc:example000000000000000000/app.bsky.feed.post/3l3qo2vuowo2c@3l3qo2vutsw2b:create");
  Padded account(
      R"({"did":"did:plc:u","time_us":1725516665333808,"kind":"account","account":{"active":true}})");
  ASSERT_TRUE(
      read_jetstream_event_id(parser, account.data(), account.size(), account.capacity(), id));
  EXPECT_EQ(id.key, "did:plc:u#account@1725516665333808");
  Padded bad("[1,2]");
  EXPECT_FALSE(read_jetstream_event_id(parser, bad.data(), bad.size(), bad.capacity(), id));
}

TEST(MastodonExtractorTest, UpdateDeleteEditAndBoost) {
  simdjson::ondemand::parser parser;
  std::string scratch;
  Record r;
  auto kind = [&](std::string_view s) {
    Padded p(s);
    static std::string keep;  // keep the line alive for views into it
    keep = p.buf;
    return extract_mastodon(parser, keep.data(), p.size(), keep.size(), r, scratch);
  };
  EXPECT_EQ(
      kind("update\t{\"id\":\"109348677773283527\",\"created_at\":\"2022-11-15T16:06:48.410Z\","
           "\"language\":\"en\",\"visibility\":\"public\",\"content\":\"<p>Hello &amp; welcome, "
           "<span class=\\\"h-card\\\"><a href=\\\"https://example.social/@bob\\\" class=\\\"u-url "
           "mention\\\">@<span>bob</span></a></span></p><p>second "
           "para</"
           "p>\",\"reblog\":null,\"spoiler_text\":\"\",\"account\":{\"id\":\"1\",\"acct\":"
           "\"alice\"}}"),
      MessageKind::kTweet);
  EXPECT_EQ(r.text, "Hello & welcome, @bob second para");
  EXPECT_EQ(r.id, "109348677773283527");
  EXPECT_EQ(r.lang, "en");
  EXPECT_EQ(r.event_time_ms, 1668528408410);
  EXPECT_FALSE(r.is_retweet);

  EXPECT_EQ(kind("update\t{\"id\":\"2\",\"content\":\"\",\"spoiler_text\":\"\",\"reblog\":{\"id\":"
                 "\"1\",\"content\":\"<p>boosted "
                 "words</p>\",\"language\":\"de\",\"spoiler_text\":\"cw\"},\"language\":null}"),
            MessageKind::kTweet);
  EXPECT_EQ(r.text, "cw boosted words");
  EXPECT_EQ(r.lang, "de");
  EXPECT_TRUE(r.is_retweet);

  EXPECT_EQ(kind("delete\t107214471804101576"), MessageKind::kDelete);
  EXPECT_EQ(r.id, "107214471804101576");
  EXPECT_EQ(kind("status.update\t{\"id\":\"1\",\"content\":\"<p>edit</p>\"}"), MessageKind::kOther);
  EXPECT_EQ(kind("filters_changed\tundefined"), MessageKind::kOther);
  EXPECT_EQ(kind("update\tnot json"), MessageKind::kMalformed);
  EXPECT_EQ(kind("no tab here"), MessageKind::kMalformed);
  EXPECT_EQ(kind(""), MessageKind::kKeepAlive);
}

}  // namespace
}  // namespace firecount
