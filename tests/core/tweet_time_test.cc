#include "core/tweet_time.h"

#include "gtest/gtest.h"

namespace firecount {
namespace {

TEST(TweetTimeTest, ParsesCreatedAt) {
  // date -u -d '2018-10-10 20:19:24' +%s  -> 1539202764
  EXPECT_EQ(parse_created_at("Wed Oct 10 20:19:24 +0000 2018"), 1539202764000);
  EXPECT_EQ(parse_created_at("Sun Aug 31 00:29:15 +0000 2014"), 1409444955000);
  EXPECT_EQ(parse_created_at("Thu Jan 01 00:00:00 +0000 1970"), 0);
  EXPECT_EQ(parse_created_at("Wed Oct 10 22:19:24 +0200 2018"), 1539202764000);
  EXPECT_EQ(parse_created_at("Sat Feb 29 12:00:00 +0000 2020"), 1582977600000);
}

TEST(TweetTimeTest, RejectsOtherShapes) {
  EXPECT_FALSE(parse_created_at(""));
  EXPECT_FALSE(parse_created_at("2018-10-10T20:19:24Z"));
  EXPECT_FALSE(parse_created_at("Wed Foo 10 20:19:24 +0000 2018"));
  EXPECT_FALSE(parse_created_at("Wed Oct 10 25:19:24 +0000 2018"));
  EXPECT_FALSE(parse_timestamp_ms("12a"));
  EXPECT_FALSE(parse_timestamp_ms(""));
  EXPECT_EQ(parse_timestamp_ms("1539202764123"), 1539202764123);
}

TEST(TweetTimeTest, FormatsLikePythonAndIso) {
  EXPECT_EQ(format_pprint_time(1539202764000), "2018-10-10 20:19:24");
  EXPECT_EQ(format_pprint_time(1539202764500), "2018-10-10 20:19:24.500000");
  EXPECT_EQ(format_iso8601(1539202764007), "2018-10-10T20:19:24.007Z");
  EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00.000Z");
}

}  // namespace
}  // namespace firecount
