// Jetstream (WebSocket, cursor resume, replay dedupe) and Mastodon (SSE) live sources against the
// loopback TLS test server, through faults, with exact counts.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "io/live_source_options.h"
#include "tests/support/live_test_util.h"
#include "tests/support/stream_test_server.h"

namespace firecount {
namespace {

using namespace std::chrono_literals;
using testing::drain;
using testing::fast_options;
using testing::LogCapture;
using testing::Reply;
using testing::Request;
using testing::StreamTestServer;

constexpr int64_t kBaseUs = 1725911162000000;

std::string jetstream_event(int i) {
  std::string t = std::to_string(kBaseUs + i * 1000);
  std::string rkey = "3l3qo2vuowo" + std::to_string(1000 + i);
  if (i % 5 == 2) {
    return R"({"did":"did:plc:liker","time_us":)" + t + R"(,"kind":"commit","commit":{"rev":"r)" +
           std::to_string(i) +
           R"(","operation":"create","collection":"app.bsky.feed.like","rkey":")" + rkey +
           R"(","record":{"$type":"app.bsky.feed.like","createdAt":"2024-09-09T19:46:02.102Z"}}})";
  }
  if (i % 5 == 4) {
    return R"({"did":"did:plc:someone","time_us":)" + t +
           R"(,"kind":"identity","identity":{"did":"did:plc:someone","handle":"x.bsky.social","seq":)" +
           std::to_string(i) + "}}";
  }
  return R"({"did":"did:plc:poster)" + std::to_string(i % 3) + R"(","time_us":)" + t +
         R"(,"kind":"commit","commit":{"rev":"r)" + std::to_string(i) +
         R"(","operation":"create","collection":"app.bsky.feed.post","rkey":")" + rkey +
         R"(","record":{"$type":"app.bsky.feed.post","createdAt":"2024-09-09T19:46:02.102Z","langs":["ja"],"text":"投稿 )" +
         std::to_string(i) + R"( hello 🦋"},"cid":"bafy"}})";
}

int64_t cursor_of(const std::string& target) {
  size_t pos = target.find("cursor=");
  return pos == std::string::npos ? 0 : std::stoll(target.substr(pos + 7));
}

TEST(JetstreamSourceTest, ResumesWithCursorAndCountsNothingTwice) {
  std::vector<std::string> events;
  for (int i = 0; i < 45; ++i) events.push_back(jetstream_event(i));
  // The server replays from the requested cursor, like Jetstream: every event with time_us >= it.
  auto from = [&](int64_t cursor) {
    size_t i = 0;
    while (cursor > 0 && i < events.size() && kBaseUs + static_cast<int64_t>(i) * 1000 < cursor)
      ++i;
    return i;
  };
  StreamTestServer server({StreamTestServer::Protocol::kWebSocket, false, std::nullopt, ""},
                          [&](const Request& r) -> Reply {
                            using namespace testing;
                            size_t start = from(cursor_of(r.target));
                            Reply reply;
                            auto send_until = [&](size_t stop, size_t piece) {
                              for (size_t i = start; i < stop; ++i)
                                reply.steps.push_back(send(events[i], piece));
                            };
                            switch (r.connection) {
                              case 0:
                                send_until(15, 0);
                                reply.steps.push_back(drop());
                                break;
                              case 1:
                                send_until(25, 7);
                                reply.steps.push_back(stall(1200ms));
                                break;  // fragmented frames
                              case 2:
                                return Reply{503, {}, "overloaded", "text/plain", {}};
                              case 3:
                                send_until(35, 0);
                                reply.steps.push_back(raw("\x88garbage"));
                                break;
                              default:
                                send_until(45, 0);
                                reply.steps.push_back(testing::end());
                                break;
                            }
                            return reply;
                          });
  LogCapture logs;
  LiveSourceOptions o = fast_options(logs);
  o.endpoint = server.url("/subscribe");
  o.cursor_rewind = 5ms;  // replays the last 5 events on each resume
  auto source = make_live_source("jetstream", o);
  ASSERT_TRUE(source.ok()) << source.status();
  EXPECT_EQ((*source)->format(), MessageFormat::kJetstream);
  ASSERT_TRUE((*source)->open().ok());
  auto drained = drain(**source);
  ASSERT_TRUE(drained.ended);
  EXPECT_EQ(drained.non_empty(), events);  // each event once, in order
  EXPECT_EQ(drained.discontinuities, 3);

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 5u);
  EXPECT_EQ(requests[0].target, "/subscribe?wantedCollections=app.bsky.feed.post");
  const int64_t rewind_us = 5000;
  EXPECT_EQ(cursor_of(requests[1].target), kBaseUs + 14 * 1000 - rewind_us);
  EXPECT_EQ(cursor_of(requests[3].target), kBaseUs + 24 * 1000 - rewind_us);
  EXPECT_EQ(cursor_of(requests[4].target), kBaseUs + 34 * 1000 - rewind_us);
  auto m = (*source)->metrics().snapshot();
  EXPECT_EQ(m.messages, 45u);
  EXPECT_EQ(m.duplicates, 18u);  // 6 replayed (cursor is inclusive) on each of 3 resumes
  EXPECT_EQ(m.reconnects[static_cast<int>(ReconnectCause::kStall)], 1u);
  EXPECT_EQ(m.reconnects[static_cast<int>(ReconnectCause::kHttpError)], 1u);
  EXPECT_EQ((*source)->position().cursor, std::to_string(kBaseUs + 44 * 1000));
}

TEST(JetstreamSourceTest, StartsFromAGivenCursorExactly) {
  std::vector<std::string> events;
  for (int i = 0; i < 10; ++i) events.push_back(jetstream_event(i));
  StreamTestServer server({StreamTestServer::Protocol::kWebSocket, false, std::nullopt, ""},
                          [&](const Request& r) -> Reply {
                            Reply reply;
                            int64_t cursor = cursor_of(r.target);
                            for (size_t i = 0; i < events.size(); ++i) {
                              if (kBaseUs + static_cast<int64_t>(i) * 1000 >= cursor)
                                reply.steps.push_back(testing::send(events[i]));
                            }
                            reply.steps.push_back(testing::end());
                            return reply;
                          });
  LogCapture logs;
  LiveSourceOptions o = fast_options(logs);
  o.endpoint = server.url("/subscribe?wantedCollections=app.bsky.feed.post");
  o.cursor = std::to_string(kBaseUs + 6 * 1000);
  auto source = make_live_source("jetstream", o);
  ASSERT_TRUE(source.ok());
  ASSERT_TRUE((*source)->open().ok());
  auto drained = drain(**source);
  EXPECT_EQ(drained.non_empty(), std::vector<std::string>(events.begin() + 6, events.end()));
  EXPECT_EQ(cursor_of(server.requests().at(0).target), kBaseUs + 6000);

  o.cursor = "yesterday";
  EXPECT_FALSE(make_live_source("jetstream", o).ok());
}

const std::string kToken = "mastodon-user-token-SECRET";

std::string status_json(int i) {
  return R"({"id":")" + std::to_string(100 + i) +
         R"(","created_at":"2022-11-15T16:06:48.410Z","language":"en","visibility":"public","content":"<p>Hello &amp; welcome #)" +
         std::to_string(i) +
         R"(, <span class=\"h-card\"><a href=\"https://example.social/@bob\" class=\"u-url mention\">@<span>bob</span></a></span> café</p><p>second para</p>","reblog":null,"spoiler_text":"","account":{"id":"1","acct":"alice"}})";
}

TEST(MastodonSourceTest, SseEventsSurviveSplitsDropsAndErrorsWithExactCounts) {
  // What the server sends, as events; and the lines the source must deliver for them.
  std::vector<std::string> wire_events;
  std::vector<std::string> expected;
  for (int i = 0; i < 20; ++i) {
    if (i % 4 == 3) {
      wire_events.push_back("event: delete\ndata: " + std::to_string(100 + i) + "\n\n");
      expected.push_back("delete\t" + std::to_string(100 + i));
    } else {
      wire_events.push_back("event: update\ndata: " + status_json(i) + "\n\n");
      expected.push_back("update\t" + status_json(i));
    }
  }
  // One event with multi-line data (joined with '\n', delivered with a space) and CRLF endings.
  wire_events.push_back(
      "event: status.update\r\ndata: {\"id\":\"1\",\r\ndata: \"content\":\"<p>edit</p>\"}\r\n\r\n");
  expected.push_back("status.update\t{\"id\":\"1\", \"content\":\"<p>edit</p>\"}");
  auto join = [&](size_t a, size_t b, bool heartbeat) {
    std::string out;
    for (size_t i = a; i < b; ++i) {
      out += wire_events[i];
      if (heartbeat) out += ":thump\n";
    }
    return out;
  };
  StreamTestServer server({StreamTestServer::Protocol::kHttp, false, std::nullopt, kToken},
                          [&](const Request& r) -> Reply {
                            using namespace testing;
                            Reply reply;
                            reply.content_type = "text/event-stream";
                            switch (r.connection) {
                              case 0:
                                reply.steps = {send(":)\n" + join(0, 6, true), 13),
                                               send(wire_events[6].substr(0, 30)), drop()};
                                break;
                              case 1:
                                return Reply{429, {{"Retry-After", "0"}}, "", "text/plain", {}};
                              case 2:
                                reply.steps = {send(":)\n" + join(6, 12, false), 1), stall(1200ms)};
                                break;
                              default:
                                reply.steps = {send(":)\n" + join(12, 21, true)), testing::end()};
                                break;
                            }
                            return reply;
                          });
  LogCapture logs;
  LiveSourceOptions o = fast_options(logs);
  o.endpoint = server.url("/api/v1/streaming/public");
  setenv("MASTODON_ACCESS_TOKEN", kToken.c_str(), 1);
  auto source = make_live_source("mastodon", o);
  unsetenv("MASTODON_ACCESS_TOKEN");
  ASSERT_TRUE(source.ok()) << source.status();
  EXPECT_EQ((*source)->format(), MessageFormat::kMastodon);
  ASSERT_TRUE((*source)->open().ok());
  auto drained = drain(**source);
  ASSERT_TRUE(drained.ended);
  EXPECT_EQ(drained.lines, expected);  // SSE comments are not delivered as lines
  auto m = (*source)->metrics().snapshot();
  EXPECT_EQ(m.messages, 21u);
  EXPECT_EQ(m.keep_alives, 3u + 6u + 9u);  // ":)" per stream + a ":thump" after each event
  EXPECT_EQ(m.reconnects[static_cast<int>(ReconnectCause::kServerClosed)], 1u);
  EXPECT_EQ(m.reconnects[static_cast<int>(ReconnectCause::kRateLimited)], 1u);
  EXPECT_EQ(m.reconnects[static_cast<int>(ReconnectCause::kStall)], 1u);
  for (const Request& r : server.requests()) EXPECT_TRUE(r.auth_ok);
  for (const std::string& line : logs.snapshot()) {
    EXPECT_EQ(line.find(kToken), std::string::npos) << line;
  }
}

TEST(MastodonSourceTest, ForbiddenTokenSaysWhichScope) {
  StreamTestServer server(
      {StreamTestServer::Protocol::kHttp, false, std::nullopt, kToken}, [](const Request&) {
        return Reply{403,
                     {},
                     R"({"error":"This action is outside the authorized scopes"})",
                     "application/json",
                     {}};
      });
  LogCapture logs;
  LiveSourceOptions o = fast_options(logs);
  o.endpoint = server.url("/api/v1/streaming/public");
  std::string path = testing::test_pki().dir + "/mastodon.json";
  std::ofstream(path) << R"({"mastodon_access_token":")" << kToken << R"("})";
  o.credentials_file = path;
  auto source = make_live_source("mastodon", o);
  ASSERT_TRUE(source.ok());
  std::string msg((*source)->open().message());
  EXPECT_NE(msg.find("HTTP 403"), std::string::npos) << msg;
  EXPECT_NE(msg.find("read:statuses"), std::string::npos) << msg;
  EXPECT_EQ(msg.find(kToken), std::string::npos) << msg;
}

}  // namespace
}  // namespace firecount
