#include "io/x_rules_client.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/support/stream_test_server.h"
#include "tests/support/test_pki.h"

namespace firecount {
namespace {

using testing::Reply;
using testing::Request;
using testing::StreamTestServer;

const std::string kBearer = "rules-test-bearer-SECRET";

Reply json_reply(std::string body) {
  return Reply{200, {}, "", "application/json", {testing::send(std::move(body)), testing::end()}};
}

TEST(XRulesClientTest, ListAddDeleteSpeakTheV2Shapes) {
  StreamTestServer server(
      {StreamTestServer::Protocol::kHttp, false, std::nullopt, kBearer},
      [](const Request& r) -> Reply {
        if (r.method == "GET") {
          return json_reply(
              R"({"data":[{"id":"1273026480692322304","value":"cat has:images","tag":"cats with images"}],"meta":{"sent":"2024-01-15T10:30:00.000Z","result_count":1}})");
        }
        if (r.body.find("\"add\"") != std::string::npos) {
          return json_reply(
              R"({"data":[{"id":"1273026480692322304","value":"cat has:images","tag":"cats with images"}],"meta":{"sent":"2024-01-15T10:30:00.000Z","summary":{"created":1,"not_created":1,"valid":1,"invalid":1}},"errors":[{"value":"lang:en","title":"UnprocessableEntity","detail":"lang: is conjunction-required"}]})");
        }
        return json_reply(
            R"({"meta":{"sent":"2024-01-15T10:30:00.000Z","summary":{"deleted":1,"not_deleted":0}}})");
      });
  XRulesClientOptions o;
  o.endpoint = server.url("/2/tweets/search/stream/rules");
  o.ca_file = testing::test_pki().ca_file;
  setenv("X_BEARER_TOKEN", kBearer.c_str(), 1);

  auto listed = list_x_rules(o);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->rules.size(), 1u);
  EXPECT_EQ(listed->rules[0].value, "cat has:images");
  EXPECT_EQ(listed->rules[0].tag, "cats with images");

  o.dry_run = true;
  auto added = add_x_rules(o, {{"", "cat has:images", "cats with images"}, {"", "lang:en", ""}});
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(added->summary, "created=1 not_created=1 valid=1 invalid=1");
  ASSERT_EQ(added->errors.size(), 1u);
  EXPECT_EQ(added->errors[0], "UnprocessableEntity: lang: is conjunction-required (lang:en)");

  auto deleted = delete_x_rules(o, {"1273026480692322304"});
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(deleted->summary, "deleted=1 not_deleted=0");

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[1].target, "/2/tweets/search/stream/rules?dry_run=true");
  EXPECT_EQ(requests[1].body,
            R"({"add":[{"value":"cat has:images","tag":"cats with images"},{"value":"lang:en"}]})");
  EXPECT_EQ(requests[2].body, R"({"delete":{"ids":["1273026480692322304"]}})");

  setenv("X_BEARER_TOKEN", "wrong", 1);
  auto denied = list_x_rules(o);
  ASSERT_FALSE(denied.ok());
  std::string msg(denied.status().message());
  EXPECT_NE(msg.find("HTTP 401"), std::string::npos) << msg;
  EXPECT_NE(msg.find("X_BEARER_TOKEN"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("wrong\""), std::string::npos) << msg;
  unsetenv("X_BEARER_TOKEN");
}

}  // namespace
}  // namespace firecount
