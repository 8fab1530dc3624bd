// Twitter v1.1 and X v2 live sources against the loopback TLS test server, through every fault.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <random>
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

const OAuthCredentials kKeys = {"test-consumer-key", "test-consumer-secret-XYZ",
                                "123-test-access-token", "test-token-secret-ABC"};

std::string write_credentials(const std::string& json) {
  std::string path =
      testing::test_pki().dir + "/credentials-" + std::to_string(std::rand()) + ".json";
  std::ofstream(path) << json;
  return path;
}

std::string seed_credentials_file() {
  return write_credentials(
      R"({"API_key":"test-consumer-key","API_secret_key":"test-consumer-secret-XYZ",)"
      R"("access_token":"123-test-access-token","access_token_secret":"test-token-secret-ABC"})");
}

// Messages the server "sends": tweets with multi-byte UTF-8 and control messages.
std::vector<std::string> v1_messages(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    if (i % 7 == 3) {
      out.push_back(R"({"limit":{"track":)" + std::to_string(i) + "}}");
    } else if (i % 7 == 5) {
      out.push_back(R"({"delete":{"status":{"id":)" + std::to_string(i) + R"(,"id_str":")" +
                    std::to_string(i) + R"(","user_id":3,"user_id_str":"3"}}})");
    } else {
      out.push_back(R"({"id_str":")" + std::to_string(i) +
                    R"(","text":"caf\u00e9 café 日本語 🐱 #tag)" + std::to_string(i) +
                    R"(\nsecond line","lang":"en","timestamp_ms":"1539202764000"})");
    }
  }
  return out;
}

std::string crlf_lines(const std::vector<std::string>& msgs, size_t from, size_t to,
                       bool keep_alives) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    out += msgs[i] + "\r\n";
    if (keep_alives && i % 4 == 0) out += "\r\n";
  }
  return out;
}

std::string length_frames(const std::vector<std::string>& msgs, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (i % 3 == 0) out += "\r\n";  // keep-alive before a length
    out += std::to_string(msgs[i].size() + 2) + "\r\n" + msgs[i] + "\r\n";
  }
  return out;
}

std::vector<std::string> slice(const std::vector<std::string>& v, size_t from, size_t to) {
  return {v.begin() + static_cast<long>(from), v.begin() + static_cast<long>(to)};
}

void expect_no_secrets(const std::vector<std::string>& lines, const std::string& extra) {
  for (const std::string& l : lines) {
    for (const std::string& s :
         {kKeys.consumer_secret, kKeys.token_secret, kKeys.token, kKeys.consumer_key, extra}) {
      if (!s.empty()) EXPECT_EQ(l.find(s), std::string::npos) << "secret in log: " << l;
    }
  }
}

TEST(TwitterStreamSourceTest, FilterLinesSurviveEveryFaultWithExactCounts) {
  const auto msgs = v1_messages(40);
  const std::string part1 = crlf_lines(msgs, 0, 10, true);
  const std::string half = msgs[10].substr(0, msgs[10].size() / 2);
  StreamTestServer server(
      {StreamTestServer::Protocol::kHttp, false, kKeys, ""}, [&](const Request& r) -> Reply {
        using namespace testing;
        switch (r.connection) {
          case 0:  // random chunking, then a drop in the middle of a message
            return Reply{200, {}, "", "application/json", {send(part1, 17), send(half), drop()}};
          case 1:
            return Reply{420, {{"Retry-After", "0"}}, "Enhance Your Calm", "text/plain", {}};
          case 2:
            return Reply{503, {}, "busy", "text/plain", {}};
          case 3:  // one-byte chunks (every UTF-8 character split), then a stall
            return Reply{200,
                         {},
                         "",
                         "application/json",
                         {send(crlf_lines(msgs, 10, 20, true), 1), stall(1500ms)}};
          case 4:  // garbage that breaks the chunked framing
            return Reply{200,
                         {},
                         "",
                         "application/json",
                         {send(crlf_lines(msgs, 20, 25, false), 64), raw("zz-not-a-chunk\r\n")}};
          case 5:
            return Reply{429, {{"x-rate-limit-reset", "0"}}, "{}", "application/json", {}};
          default:  // many messages in one chunk, slow trickle, then a clean end
            return Reply{200,
                         {},
                         "",
                         "application/json",
                         {send(crlf_lines(msgs, 25, 35, true)),
                          send(crlf_lines(msgs, 35, 40, false), 3, 1ms), testing::end()}};
        }
      });
  LogCapture logs;
  LiveSourceOptions o = fast_options(logs);
  o.endpoint = server.url("/1.1/statuses/filter.json");
  o.credentials_file = seed_credentials_file();
  o.track = "café,#tag";
  o.locations = "-130,-20,100,50";
  o.language = "en";
  auto source = make_live_source("twitter:filter", o);
  ASSERT_TRUE(source.ok()) << source.status();
  EXPECT_EQ((*source)->format(), MessageFormat::kTwitterV1);
  ASSERT_TRUE((*source)->open().ok());
  auto drained = drain(**source);
  ASSERT_TRUE(drained.ended);

  EXPECT_EQ(drained.non_empty(), msgs);   // the half message is gone, every whole one is there
  EXPECT_EQ(drained.discontinuities, 3);  // streams 3, 4 and 6 followed an earlier stream
  auto m = (*source)->metrics().snapshot();
  EXPECT_EQ(m.messages, 40u);
  EXPECT_EQ(m.connects, 4u);
  EXPECT_EQ(m.reconnects[static_cast<int>(ReconnectCause::kServerClosed)], 1u);
  EXPECT_EQ(m.reconnects[static_cast<int>(ReconnectCause::kRateLimited)], 2u);
  EXPECT_EQ(m.reconnects[static_cast<int>(ReconnectCause::kHttpError)], 1u);
  EXPECT_EQ(m.reconnects[static_cast<int>(ReconnectCause::kStall)], 1u);
  EXPECT_EQ(m.reconnects[static_cast<int>(ReconnectCause::kProtocol)], 1u);
  EXPECT_EQ(m.keep_alives,
            static_cast<uint64_t>(std::count(drained.lines.begin(), drained.lines.end(), "")));
  EXPECT_GT(m.keep_alives, 0u);
  EXPECT_EQ(m.dropped_messages, 0u);

  // Every request was signed correctly (the server recomputes the HMAC-SHA1) and is a POST with
  // the filter parameters in the form body.
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 7u);
  for (const Request& r : requests) {
    EXPECT_TRUE(r.auth_ok) << r.auth_problem;
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.body,
              "track=caf%C3%A9%2C%23tag&locations=-130%2C-20%2C100%2C50&language=en&stall_"
              "warnings=true");
  }
  auto log = logs.snapshot();
  expect_no_secrets(log, "");
  EXPECT_NE((*source)->describe().find("twitter:filter https://localhost:"), std::string::npos);
}

TEST(TwitterStreamSourceTest, SampleDelimitedLengthSurvivesSplitsDropsAndGarbage) {
  const auto msgs = v1_messages(30);
  const std::string framed1 = length_frames(msgs, 0, 12);
  const std::string framed2 = length_frames(msgs, 12, 30);
  StreamTestServer server(
      {StreamTestServer::Protocol::kHttp, false, kKeys, ""}, [&](const Request& r) -> Reply {
        using namespace testing;
        switch (r.connection) {
          case 0:
            return Reply{
                200,
                {},
                "",
                "application/json",
                {send(framed1, 5), send(length_frames(msgs, 12, 13).substr(0, 9)), drop()}};
          case 1:
            return Reply{200,
                         {},
                         "",
                         "application/json",
                         {send("{\"not\":\"a length\"}\r\n"), stall(1000ms)}};
          default:
            return Reply{200, {}, "", "application/json", {send(framed2, 1), testing::end()}};
        }
      });
  LogCapture logs;
  LiveSourceOptions o = fast_options(logs);
  o.endpoint = server.url("/1.1/statuses/sample.json");
  o.delimited_length = true;
  setenv("TWITTER_CONSUMER_KEY", kKeys.consumer_key.c_str(), 1);
  setenv("TWITTER_CONSUMER_SECRET", kKeys.consumer_secret.c_str(), 1);
  setenv("TWITTER_ACCESS_TOKEN", kKeys.token.c_str(), 1);
  setenv("TWITTER_ACCESS_TOKEN_SECRET", kKeys.token_secret.c_str(), 1);
  auto source = make_live_source("twitter:sample", o);
  ASSERT_TRUE(source.ok()) << source.status();
  ASSERT_TRUE((*source)->open().ok());
  auto drained = drain(**source);
  ASSERT_TRUE(drained.ended);
  EXPECT_EQ(drained.non_empty(), msgs);
  auto m = (*source)->metrics().snapshot();
  EXPECT_EQ(m.reconnects[static_cast<int>(ReconnectCause::kServerClosed)], 1u);
  EXPECT_EQ(m.reconnects[static_cast<int>(ReconnectCause::kProtocol)], 1u);
  for (const Request& r : server.requests()) {
    EXPECT_TRUE(r.auth_ok) << r.auth_problem;
    EXPECT_EQ(r.method, "GET");
    EXPECT_EQ(r.target, "/1.1/statuses/sample.json?delimited=length&stall_warnings=true");
  }
  expect_no_secrets(logs.snapshot(), "");
}

TEST(TwitterStreamSourceTest, BadSignatureIsA401ThatNamesTheKeysButNotTheirValues) {
  StreamTestServer server({StreamTestServer::Protocol::kHttp, false, kKeys, ""},
                          [](const Request&) { return Reply{}; });
  LogCapture logs;
  LiveSourceOptions o = fast_options(logs);
  o.endpoint = server.url("/1.1/statuses/filter.json");
  o.track = "x";
  o.credentials_file = write_credentials(
      R"({"consumerKey":"test-consumer-key","consumerSecret":"WRONG-secret-value",)"
      R"("accessTokenKey":"123-test-access-token","accessTokenSecret":"test-token-secret-ABC"})");
  auto source = make_live_source("twitter:filter", o);
  ASSERT_TRUE(source.ok()) << source.status();
  absl::Status st = (*source)->open();
  ASSERT_FALSE(st.ok());
  std::string msg(st.message());
  EXPECT_NE(msg.find("HTTP 401"), std::string::npos) << msg;
  EXPECT_NE(msg.find("consumerKey, consumerSecret, accessTokenKey, accessTokenSecret"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find(o.credentials_file), std::string::npos) << msg;
  EXPECT_EQ(msg.find("WRONG-secret-value"), std::string::npos) << msg;
  EXPECT_EQ(msg.find('\n'), std::string::npos);
  EXPECT_EQ(server.requests().at(0).auth_problem, "bad signature");
}

TEST(TwitterStreamSourceTest, ParameterErrorsNameTheParameters) {
  StreamTestServer server(
      {StreamTestServer::Protocol::kHttp, false, kKeys, ""}, [](const Request&) {
        return Reply{406, {}, "Parameter track item index 0 too long", "text/plain", {}};
      });
  LogCapture logs;
  LiveSourceOptions o = fast_options(logs);
  o.endpoint = server.url("/1.1/statuses/filter.json");
  o.credentials_file = seed_credentials_file();
  o.track = std::string(70, 'a');
  auto source = make_live_source("twitter:filter", o);
  ASSERT_TRUE(source.ok());
  absl::Status st = (*source)->open();
  std::string msg(st.message());
  EXPECT_NE(msg.find("HTTP 406"), std::string::npos) << msg;
  EXPECT_NE(msg.find("track=" + o.track + " (1 phrases)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("1-60 bytes"), std::string::npos) << msg;
  EXPECT_NE(msg.find("too long"), std::string::npos) << msg;

  LiveSourceOptions none = fast_options(logs);
  none.credentials_file = seed_credentials_file();
  auto missing = make_live_source("twitter:filter", none);
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(std::string(missing.status().message()).find("--track"), std::string::npos);
}

const std::string kBearer = "AAAA-test-bearer-token-0123";

TEST(XStreamSourceTest, V2ShapeErrorsAndRateLimitWithExactCounts) {
  std::vector<std::string> msgs;
  for (int i = 0; i < 25; ++i) {
    msgs.push_back(
        R"({"data":{"id":")" + std::to_string(i) + R"(","text":"Look at this cute cat! 🐱 )" +
        std::to_string(i) +
        R"(","created_at":"2024-01-15T10:35:00.000Z","lang":"en","edit_history_tweet_ids":[")" +
        std::to_string(i) + R"("]},"matching_rules":[{"id":"1273026480692322304","tag":"cats"}]})");
  }
  msgs[7] =
      R"({"errors":[{"title":"operational-disconnect","disconnect_type":"UpstreamOperationalDisconnect","detail":"This stream has been disconnected upstream for operational reasons.","type":"https://api.x.com/2/problems/operational-disconnect"}]})";
  StreamTestServer server(
      {StreamTestServer::Protocol::kHttp, false, std::nullopt, kBearer},
      [&](const Request& r) -> Reply {
        using namespace testing;
        switch (r.connection) {
          case 0:
            return Reply{
                200, {}, "", "application/json", {send(crlf_lines(msgs, 0, 8, true), 11), drop()}};
          case 1:
            return Reply{429,
                         {{"x-rate-limit-reset", "1"}},
                         R"({"title":"Too Many Requests"})",
                         "application/json",
                         {}};
          case 2:
            return Reply{200,
                         {},
                         "",
                         "application/json",
                         {send(crlf_lines(msgs, 8, 16, false), 2), stall(1000ms)}};
          default:
            return Reply{200,
                         {},
                         "",
                         "application/json",
                         {send(crlf_lines(msgs, 16, 25, true)), testing::end()}};
        }
      });
  LogCapture logs;
  LiveSourceOptions o = fast_options(logs);
  o.endpoint = server.url("/2/tweets/search/stream");
  o.credentials_file = write_credentials(R"({"bearer_token":")" + kBearer + R"("})");
  auto source = make_live_source("x:filter", o);
  ASSERT_TRUE(source.ok()) << source.status();
  EXPECT_EQ((*source)->format(), MessageFormat::kXV2);
  ASSERT_TRUE((*source)->open().ok());
  auto drained = drain(**source);
  ASSERT_TRUE(drained.ended);
  EXPECT_EQ(drained.non_empty(), msgs);
  auto m = (*source)->metrics().snapshot();
  EXPECT_EQ(m.messages, 25u);
  EXPECT_EQ(m.connects, 3u);
  EXPECT_EQ(m.reconnects[static_cast<int>(ReconnectCause::kRateLimited)], 1u);
  EXPECT_EQ(m.reconnects[static_cast<int>(ReconnectCause::kStall)], 1u);
  for (const Request& r : server.requests()) {
    EXPECT_TRUE(r.auth_ok);
    EXPECT_EQ(r.target, "/2/tweets/search/stream?tweet.fields=created_at%2Clang");
  }
  expect_no_secrets(logs.snapshot(), kBearer);
}

TEST(XStreamSourceTest, WrongBearerAndNoRulesAreClearErrors) {
  StreamTestServer server({StreamTestServer::Protocol::kHttp, false, std::nullopt, kBearer},
                          [](const Request&) {
                            return Reply{409,
                                         {},
                                         R"({"title":"ConnectionException","detail":"No rules"})",
                                         "application/json",
                                         {}};
                          });
  LogCapture logs;
  LiveSourceOptions o = fast_options(logs);
  o.endpoint = server.url("/2/tweets/search/stream");
  setenv("X_BEARER_TOKEN", "not-the-token", 1);
  auto wrong = make_live_source("x:filter", o);
  ASSERT_TRUE(wrong.ok());
  absl::Status st = (*wrong)->open();
  std::string msg(st.message());
  EXPECT_NE(msg.find("HTTP 401"), std::string::npos) << msg;
  EXPECT_NE(msg.find("environment X_BEARER_TOKEN"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("not-the-token"), std::string::npos) << msg;

  setenv("X_BEARER_TOKEN", kBearer.c_str(), 1);
  auto norules = make_live_source("x:filter", o);
  ASSERT_TRUE(norules.ok());
  st = (*norules)->open();
  msg = std::string(st.message());
  EXPECT_NE(msg.find("HTTP 409"), std::string::npos) << msg;
  EXPECT_NE(msg.find("firecount rules add"), std::string::npos) << msg;
  unsetenv("X_BEARER_TOKEN");
}

TEST(LiveSourceTlsTest, UntrustedCaWrongHostAndUnknownHostFailClearly) {
  StreamTestServer good({StreamTestServer::Protocol::kHttp, false, std::nullopt, kBearer},
                        [](const Request&) { return Reply{}; });
  LogCapture logs;
  LiveSourceOptions o = fast_options(logs);
  o.credentials_file = write_credentials(R"({"bearer_token":")" + kBearer + R"("})");
  o.endpoint = good.url("/2/tweets/sample/stream");
  o.ca_file.clear();  // system store only: our test CA is not in it
  auto untrusted = make_live_source("x:sample", o);
  ASSERT_TRUE(untrusted.ok());
  std::string msg(untrusted.value()->open().message());
  EXPECT_NE(msg.find("TLS certificate of localhost:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("--ca-file"), std::string::npos) << msg;

  StreamTestServer wrong({StreamTestServer::Protocol::kHttp, true, std::nullopt, kBearer},
                         [](const Request&) { return Reply{}; });
  o = fast_options(logs);
  o.credentials_file = write_credentials(R"({"bearer_token":")" + kBearer + R"("})");
  o.endpoint = wrong.url("/2/tweets/sample/stream");
  auto mismatch = make_live_source("x:sample", o);
  ASSERT_TRUE(mismatch.ok());
  msg = std::string(mismatch.value()->open().message());
  EXPECT_NE(msg.find("not valid for localhost"), std::string::npos) << msg;
  EXPECT_TRUE(wrong.requests().empty());  // the client never sent its token

  o.endpoint = "https://no-such-host.invalid/2/tweets/sample/stream";
  auto dns = make_live_source("x:sample", o);
  ASSERT_TRUE(dns.ok());
  absl::Status st = dns.value()->open();
  std::string err = st.ok() ? dns.value()->last_error() : std::string(st.message());
  EXPECT_NE(err.find("cannot resolve host no-such-host.invalid"), std::string::npos) << err;

  o.ca_file = "/nonexistent/ca.pem";
  auto badca = make_live_source("x:sample", o);
  ASSERT_TRUE(badca.ok());
  EXPECT_NE(std::string(badca.value()->open().message()).find("cannot load --ca-file"),
            std::string::npos);

  o.endpoint = "http://localhost/plain";
  EXPECT_FALSE(make_live_source("x:sample", o).ok());
}

}  // namespace
}  // namespace firecount
