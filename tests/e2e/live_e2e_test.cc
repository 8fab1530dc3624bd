// Live sources through the real binary: the loopback TLS test server (tests/support) plays a
// stream with faults, `build/firecount` reads it with --once, and the counts must equal those of
// exactly what the server sent, counted by a plain std::map reference here.

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "simdjson.h"
#include "tests/support/live_test_util.h"
#include "tests/support/stream_test_server.h"

namespace firecount {
namespace {

using namespace std::chrono_literals;
using testing::Reply;
using testing::Request;
using testing::StreamTestServer;

const std::string kBinary = FIRECOUNT_BINARY;

struct Output {
  int exit_code;
  std::string out, err;
};

Output run_binary(const std::string& args) {
  const std::string dir = testing::test_pki().dir;
  const std::string out = dir + "/live_e2e.out", err = dir + "/live_e2e.err";
  const int status = std::system((kBinary + " " + args + " --snapshot-dir '" + dir +
                                  "/snapshots' >'" + out + "' 2>'" + err + "'")
                                     .c_str());
  auto slurp = [](const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

// The split rule on already-decoded texts.
std::map<std::string, uint64_t> split_counts(const std::vector<std::string>& texts) {
  std::map<std::string, uint64_t> counts;
  for (const std::string& text : texts) {
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
      if (i == text.size() || text[i] == ' ' || text[i] == '\n') {
        ++counts[text.substr(start, i - start)];
        start = i + 1;
      }
    }
  }
  return counts;
}

void expect_counts(const std::string& json_out, uint64_t tweets,
                   const std::map<std::string, uint64_t>& expected) {
  simdjson::dom::parser parser;
  simdjson::dom::element e;
  ASSERT_FALSE(parser.parse(json_out).get(e)) << json_out;
  EXPECT_EQ(uint64_t(e["tweets"]), tweets);
  std::map<std::string, uint64_t> got;
  for (simdjson::dom::array pair : simdjson::dom::array(e["top"])) {
    got[std::string(std::string_view(pair.at(0)))] = uint64_t(pair.at(1));
  }
  EXPECT_EQ(got, expected);
}

TEST(LiveE2eTest, TwitterFilterThroughDropsErrorsAndOneByteChunks) {
  const OAuthCredentials keys = {"e2e-consumer-key", "e2e-consumer-secret", "42-e2e-token",
                                 "e2e-token-secret"};
  std::vector<std::string> lines, texts;
  for (int i = 0; i < 30; ++i) {
    if (i % 6 == 4) {
      lines.push_back(R"({"limit":{"track":)" + std::to_string(i) + "}}");
      continue;
    }
    lines.push_back(R"({"id_str":")" + std::to_string(i) + R"(","text":"caf\u00e9 日本語  🐱 #t)" +
                    std::to_string(i % 4) + R"(\nline two","lang":"en"})");
    texts.push_back("café 日本語  🐱 #t" + std::to_string(i % 4) + "\nline two");
  }
  auto crlf = [&](size_t from, size_t to) {
    std::string out;
    for (size_t i = from; i < to; ++i) out += lines[i] + "\r\n" + (i % 5 == 0 ? "\r\n" : "");
    return out;
  };
  StreamTestServer server(
      {StreamTestServer::Protocol::kHttp, false, keys, ""}, [&](const Request& r) -> Reply {
        Reply reply;
        switch (r.connection) {
          case 0:
            reply.steps = {testing::send(crlf(0, 12), 100), testing::send(lines[12].substr(0, 20)),
                           testing::drop()};
            return reply;
          case 1:
            return Reply{503, {}, "try later", "text/plain", {}};
          default:
            reply.steps = {testing::send(crlf(12, 30), 1), testing::end()};
            return reply;
        }
      });
  const std::string credentials = testing::test_pki().dir + "/e2e-twitter.json";
  std::ofstream(credentials) << R"({"consumerKey":"e2e-consumer-key",)"
                                R"("consumerSecret":"e2e-consumer-secret",)"
                                R"("accessTokenKey":"42-e2e-token",)"
                                R"("accessTokenSecret":"e2e-token-secret"})";
  const Output r = run_binary(
      "--source twitter:filter --track '#t0,#t1' --language en --once --tokenizer split "
      "--output json --top 1000 --backoff-scale 0.001 --stall-timeout-ms 5000 --endpoint " +
      server.url("/1.1/statuses/filter.json") + " --ca-file " + testing::test_pki().ca_file +
      " --credentials " + credentials);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_counts(r.out, texts.size(), split_counts(texts));
  EXPECT_NE(r.err.find("5 limit"), std::string::npos) << r.err;
  // The source's counters reach the summary: 2 streams, a network drop and an HTTP error.
  EXPECT_NE(r.err.find("connects=2 reconnects=2("), std::string::npos) << r.err;
  const auto requests = server.requests();
  ASSERT_GE(requests.size(), 3u);
  for (const auto& req : requests) EXPECT_TRUE(req.auth_ok) << req.auth_problem;
  // Credentials never reach the output.
  for (const char* secret : {"e2e-consumer-secret", "e2e-token-secret", "42-e2e-token"}) {
    EXPECT_EQ(r.err.find(secret), std::string::npos);
    EXPECT_EQ(r.out.find(secret), std::string::npos);
  }
}

TEST(LiveE2eTest, JetstreamResumesWithItsCursorAndCountsEachPostOnce) {
  constexpr int64_t kBase = 1725911162000000;
  std::vector<std::string> events, texts;
  for (int i = 0; i < 30; ++i) {
    const std::string t = std::to_string(kBase + i * 1000);
    if (i % 4 == 3) {
      events.push_back(R"({"did":"did:plc:x","time_us":)" + t +
                       R"(,"kind":"identity","identity":{"did":"did:plc:x","seq":1}})");
      continue;
    }
    events.push_back(R"({"did":"did:plc:p","time_us":)" + t +
                     R"(,"kind":"commit","commit":{"rev":"r","operation":"create",)"
                     R"("collection":"app.bsky.feed.post","rkey":"k)" +
                     std::to_string(i) +
                     R"(","record":{"$type":"app.bsky.feed.post","createdAt":)"
                     R"("2024-09-09T19:46:02.102Z","langs":["en"],"text":"post )" +
                     std::to_string(i % 3) + R"( 🦋"}}})");
    texts.push_back("post " + std::to_string(i % 3) + " 🦋");
  }
  auto cursor_of = [](const std::string& target) -> int64_t {
    const size_t pos = target.find("cursor=");
    return pos == std::string::npos ? 0 : std::stoll(target.substr(pos + 7));
  };
  StreamTestServer server(
      {StreamTestServer::Protocol::kWebSocket, false, std::nullopt, ""},
      [&](const Request& r) -> Reply {
        size_t start = 0;
        const int64_t cursor = cursor_of(r.target);
        while (cursor > 0 && start < events.size() &&
               kBase + static_cast<int64_t>(start) * 1000 < cursor) {
          ++start;
        }
        Reply reply;
        const size_t stop = r.connection == 0 ? 14 : events.size();
        for (size_t i = start; i < stop; ++i) {
          reply.steps.push_back(testing::send(events[i], 9));
        }
        reply.steps.push_back(r.connection == 0 ? testing::drop() : testing::end());
        return reply;
      });
  const Output r = run_binary(
      "--source jetstream --once --tokenizer split --output json "
      "--top 1000 --backoff-scale 0.001 --endpoint " +
      server.url("/subscribe") + " --ca-file " + testing::test_pki().ca_file);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_counts(r.out, texts.size(), split_counts(texts));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_GT(cursor_of(requests[1].target), 0);  // resumed with a cursor
}

TEST(LiveE2eTest, XSampleThroughAnInStreamErrorA429AndADrop) {
  const std::string bearer = "e2e-bearer-token";
  std::vector<std::string> lines, texts;
  for (int i = 0; i < 16; ++i) {
    lines.push_back(R"({"data":{"id":")" + std::to_string(i) + R"(","text":"cat 🐱 )" +
                    std::to_string(i % 3) +
                    R"(","lang":"en",)"
                    R"("created_at":"2024-01-15T10:35:00.000Z"}})");
    texts.push_back("cat 🐱 " + std::to_string(i % 3));
  }
  auto crlf = [&](size_t from, size_t to) {
    std::string out;
    for (size_t i = from; i < to; ++i) out += lines[i] + "\r\n\r\n";
    return out;
  };
  const std::string error_object =
      R"({"errors":[{"title":"operational-disconnect","detail":"upstream"}]})";
  StreamTestServer server(
      {StreamTestServer::Protocol::kHttp, false, std::nullopt, bearer},
      [&](const Request& r) -> Reply {
        Reply reply;
        switch (r.connection) {
          case 0:
            reply.steps = {testing::send(crlf(0, 6) + error_object + "\r\n", 5), testing::drop()};
            return reply;
          case 1:
            return Reply{429, {{"x-rate-limit-reset", "0"}}, "{}", "application/json", {}};
          default:
            reply.steps = {testing::send(crlf(6, 16), 3), testing::end()};
            return reply;
        }
      });
  const std::string credentials = testing::test_pki().dir + "/e2e-x.json";
  std::ofstream(credentials) << R"({"bearer_token":")" + bearer + R"("})";
  const Output r = run_binary(
      "--source x:sample --once --tokenizer split --output json "
      "--top 1000 --backoff-scale 0.001 --endpoint " +
      server.url("/2/tweets/sample/stream") + " --ca-file " + testing::test_pki().ca_file +
      " --credentials " + credentials);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_counts(r.out, texts.size(), split_counts(texts));
  EXPECT_EQ(r.err.find(bearer), std::string::npos) << r.err;
}

TEST(LiveE2eTest, MastodonSseHtmlBecomesTextThroughSplitsAndAStall) {
  const std::string token = "e2e-mastodon-token";
  std::vector<std::string> events, texts;
  for (int i = 0; i < 12; ++i) {
    if (i % 4 == 3) {
      events.push_back("event: delete\ndata: " + std::to_string(100 + i) + "\n\n");
      continue;
    }
    events.push_back("event: update\ndata: {\"id\":\"" + std::to_string(i) +
                     "\",\"created_at\":\"2024-01-15T10:35:00.000Z\",\"language\":\"en\","
                     "\"content\":\"<p>Tom &amp; Jerry <b>" +
                     std::to_string(i % 2) + "</b></p>\"}\n\n");
    texts.push_back("Tom & Jerry " + std::to_string(i % 2));
  }
  auto join = [&](size_t a, size_t b) {
    std::string out;
    for (size_t i = a; i < b; ++i) out += events[i] + ":thump\n";
    return out;
  };
  StreamTestServer server({StreamTestServer::Protocol::kHttp, false, std::nullopt, token},
                          [&](const Request& r) -> Reply {
                            Reply reply;
                            reply.content_type = "text/event-stream";
                            if (r.connection == 0) {
                              reply.steps = {testing::send(join(0, 6), 1), testing::stall(1500ms)};
                            } else {
                              reply.steps = {testing::send(join(6, 12), 7), testing::end()};
                            }
                            return reply;
                          });
  const std::string credentials = testing::test_pki().dir + "/e2e-mastodon.json";
  std::ofstream(credentials) << R"({"access_token":")" + token + R"("})";
  const Output r = run_binary(
      "--source mastodon --once --tokenizer split --output json "
      "--top 1000 --backoff-scale 0.001 --stall-timeout-ms 500 "
      "--endpoint " +
      server.url("/api/v1/streaming/public") + " --ca-file " + testing::test_pki().ca_file +
      " --credentials " + credentials);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_counts(r.out, texts.size(), split_counts(texts));
  EXPECT_NE(r.err.find("stall=1"), std::string::npos) << r.err;
}

TEST(LiveE2eTest, RejectedCredentialsExitOneAndSayWhatToDo) {
  const OAuthCredentials keys = {"right", "right-secret", "1-right", "right-token-secret"};
  StreamTestServer server({StreamTestServer::Protocol::kHttp, false, keys, ""},
                          [&](const Request&) -> Reply {
                            return Reply{401, {}, "", "", {}};
                          });
  const std::string credentials = testing::test_pki().dir + "/e2e-rejected.json";
  std::ofstream(credentials) << R"({"API_key":"bad-key-7","API_secret_key":"bad-secret-7",)"
                                R"("access_token":"1-bad-7","access_token_secret":"sssh-7"})";
  const Output r = run_binary("--source twitter:sample --once --endpoint " +
                              server.url("/1.1/statuses/sample.json") + " --ca-file " +
                              testing::test_pki().ca_file + " --credentials " + credentials);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find(credentials), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("sssh-7"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("bad-secret-7"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace firecount
