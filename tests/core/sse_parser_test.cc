#include "core/sse_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace firecount {
namespace {

struct Collected {
  std::vector<std::string> events;  // "type|data"
  int comments = 0;
};

Collected parse(const std::string& wire, const std::vector<size_t>& cuts) {
  Collected c;
  SseParser parser;
  size_t prev = 0;
  auto on_event = [&](const SseEvent& e) {
    c.events.push_back(std::string(e.type) + "|" + std::string(e.data));
  };
  auto on_comment = [&](std::string_view) { ++c.comments; };
  for (size_t cut : cuts) {
    EXPECT_EQ(parser.feed(std::string_view(wire).substr(prev, cut - prev), on_event, on_comment),
              FramerStatus::kOk);
    prev = cut;
  }
  EXPECT_EQ(parser.feed(std::string_view(wire).substr(prev), on_event, on_comment),
            FramerStatus::kOk);
  return c;
}

// notes §6.8.
const std::string kStatus =
    R"({"id":"109348677773283527","created_at":"2022-11-15T16:06:48.410Z","language":"en","content":"<p>Hello &amp; welcome</p>","reblog":null})";
const std::string kWire = ":)\nevent: update\ndata: " + kStatus +
                          "\n\n:thump\nevent: delete\ndata: 107214471804101576\n\n";

TEST(SseParserTest, MastodonStreamAtEveryTwoCutPoints) {
  for (size_t a = 0; a <= kWire.size(); a += 3) {
    for (size_t b = a; b <= kWire.size(); b += 11) {
      Collected c = parse(kWire, {a, b});
      ASSERT_EQ(c.events.size(), 2u) << a << "," << b;
      EXPECT_EQ(c.events[0], "update|" + kStatus);
      EXPECT_EQ(c.events[1], "delete|107214471804101576");
      EXPECT_EQ(c.comments, 2);
    }
  }
}

TEST(SseParserTest, CrLfAndCrLineEndingsEvenWhenSplit) {
  std::string crlf = kWire;
  std::string out;
  for (char ch : crlf) out += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
  for (size_t a = 0; a <= out.size(); ++a) {
    Collected c = parse(out, {a});
    ASSERT_EQ(c.events.size(), 2u) << a;
    EXPECT_EQ(c.events[1], "delete|107214471804101576");
  }
  Collected cr = parse("data: x\r\r", {});
  EXPECT_EQ(cr.events, (std::vector<std::string>{"message|x"}));
}

TEST(SseParserTest, MultiLineDataNoSpaceAndEmptyEvents) {
  Collected c = parse(
      "event: a\ndata:one\ndata: two\n\nevent: empty\n\ndata\n\nid: 5\nfoo: bar\ndata: z\n\n", {});
  EXPECT_EQ(c.events, (std::vector<std::string>{"a|one\ntwo", "message|", "message|z"}));
}

TEST(SseParserTest, RetryFieldIsRemembered) {
  SseParser p;
  EXPECT_EQ(p.feed(
                "retry: 1500\n\n", [](const SseEvent&) {}, [](std::string_view) {}),
            FramerStatus::kOk);
  EXPECT_EQ(p.retry_ms(), 1500);
}

TEST(SseParserTest, OversizedEventIsAnError) {
  SseParser p(16);
  EXPECT_EQ(p.feed(
                "data: 0123456789abcdefgh", [](const SseEvent&) {}, [](std::string_view) {}),
            FramerStatus::kMessageTooLarge);
}

}  // namespace
}  // namespace firecount
