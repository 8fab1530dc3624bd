#include "core/url.h"

#include <gtest/gtest.h>

#include "core/iso8601.h"

namespace firecount {
namespace {

TEST(UrlTest, ParsesHostsPortsAndTargets) {
  auto u = parse_url("https://stream.twitter.com/1.1/statuses/filter.json?delimited=length");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "stream.twitter.com");
  EXPECT_EQ(u->port, 443);
  EXPECT_EQ(u->path, "/1.1/statuses/filter.json");
  EXPECT_EQ(u->query, "delimited=length");
  EXPECT_EQ(u->target(), "/1.1/statuses/filter.json?delimited=length");
  EXPECT_EQ(u->host_header(), "stream.twitter.com");

  auto w = parse_url("WSS://LocalHost:8443");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->host, "localhost");
  EXPECT_EQ(w->port, 8443);
  EXPECT_EQ(w->path, "/");
  EXPECT_EQ(w->host_header(), "localhost:8443");

  auto v6 = parse_url("https://[::1]:9/x");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->host_header(), "[::1]:9");
}

TEST(UrlTest, RejectsBadUrls) {
  EXPECT_FALSE(parse_url("stream.twitter.com/1.1"));
  EXPECT_FALSE(parse_url("ftp://x/"));
  EXPECT_FALSE(parse_url("https://user:pw@host/"));
  EXPECT_FALSE(parse_url("https://host:99999/"));
  EXPECT_FALSE(parse_url("https:///path"));
  EXPECT_FALSE(parse_url("https://h/#frag"));
}

TEST(Iso8601Test, ParsesTheSourcesTimestamps) {
  EXPECT_EQ(parse_iso8601_ms("2024-01-15T10:35:00.000Z"), 1705314900000);
  EXPECT_EQ(parse_iso8601_ms("2024-09-09T19:46:02.102Z"), 1725911162102);
  EXPECT_EQ(parse_iso8601_ms("2024-09-09T19:46:02Z"), 1725911162000);
  EXPECT_EQ(parse_iso8601_ms("2024-09-09T21:46:02.1+02:00"), 1725911162100);
  EXPECT_EQ(parse_iso8601_ms("1970-01-01T00:00:00.123456Z"), 123);
  EXPECT_FALSE(parse_iso8601_ms("2024-09-09 19:46"));
  EXPECT_FALSE(parse_iso8601_ms("2024-09-09T19:46:02"));
  EXPECT_FALSE(parse_iso8601_ms("2024-13-09T19:46:02Z"));
}

}  // namespace
}  // namespace firecount
