#include "core/line_framer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace firecount {
namespace {

// notes §6.4: v1.1 stream bytes; the tweet's JSON text holds an escaped \n, the wire a raw one
// is never inside a message, but a lone LF must not split a message either.
const std::string kTweet =
    R"({"created_at":"Wed Oct 10 20:19:24 +0000 2018","id_str":"1050118621198921728","text":"line one\nline two #demo","truncated":false,"lang":"en","user":{"id_str":"6253282","screen_name":"API"},"timestamp_ms":"1539202764000"})";
const std::string kLimit = R"({"limit":{"track":1234}})";
const std::string kDelete =
    R"({"delete":{"status":{"id":1234,"id_str":"1234","user_id":3,"user_id_str":"3"}}})";

template <typename Framer>
std::vector<std::string> feed_in_pieces(Framer& framer, const std::string& bytes,
                                        const std::vector<size_t>& cuts) {
  std::vector<std::string> out;
  size_t prev = 0;
  auto sink = [&](std::string_view m) { out.emplace_back(m); };
  for (size_t cut : cuts) {
    EXPECT_EQ(framer.feed(std::string_view(bytes).substr(prev, cut - prev), sink),
              FramerStatus::kOk);
    prev = cut;
  }
  EXPECT_EQ(framer.feed(std::string_view(bytes).substr(prev), sink), FramerStatus::kOk);
  return out;
}

TEST(LineFramerTest, SplitsCrlfAtEveryTwoCutPoints) {
  const std::string wire = kLimit + "\r\n\r\n" + kTweet + "\r\n" + kDelete + "\r\n";
  const std::vector<std::string> expected = {kLimit, "", kTweet, kDelete};
  for (size_t a = 0; a <= wire.size(); a += 7) {
    for (size_t b = a; b <= wire.size(); b += 3) {
      LineFramer framer(LineFramer::Mode::kCrlf);
      EXPECT_EQ(feed_in_pieces(framer, wire, {a, b}), expected) << a << "," << b;
      EXPECT_EQ(framer.pending_bytes(), 0u);
    }
  }
}

TEST(LineFramerTest, OneByteAtATimeAndSplitUtf8) {
  const std::string msg = "{\"text\":\"caf\xC3\xA9 \xF0\x9F\x90\xB1\"}";
  const std::string wire = msg + "\r\n" + msg + "\r\n";
  std::vector<size_t> cuts;
  for (size_t i = 1; i < wire.size(); ++i) cuts.push_back(i);
  LineFramer framer(LineFramer::Mode::kCrlf);
  EXPECT_EQ(feed_in_pieces(framer, wire, cuts), (std::vector<std::string>{msg, msg}));
}

TEST(LineFramerTest, LoneLfInsideMessageBecomesSpaceInCrlfMode) {
  LineFramer framer(LineFramer::Mode::kCrlf);
  auto out = feed_in_pieces(framer, "{\"a\":\n1}\r\n", {4});
  EXPECT_EQ(out, (std::vector<std::string>{"{\"a\": 1}"}));
}

TEST(LineFramerTest, LfModeStripsCr) {
  LineFramer framer(LineFramer::Mode::kLf);
  auto out = feed_in_pieces(framer, "a\nb\r\n\nc", {});
  EXPECT_EQ(out, (std::vector<std::string>{"a", "b", ""}));
  EXPECT_EQ(framer.pending_bytes(), 1u);
}

TEST(LineFramerTest, ManyMessagesInOneChunk) {
  std::string wire;
  for (int i = 0; i < 1000; ++i) wire += kTweet + "\r\n";
  LineFramer framer(LineFramer::Mode::kCrlf);
  EXPECT_EQ(feed_in_pieces(framer, wire, {}).size(), 1000u);
}

TEST(LineFramerTest, OversizedMessageIsAnError) {
  LineFramer framer(LineFramer::Mode::kCrlf, 10);
  EXPECT_EQ(framer.feed("0123456789abc", [](std::string_view) {}), FramerStatus::kMessageTooLarge);
}

TEST(LengthFramerTest, DocumentedBytesAtEveryTwoCutPoints) {
  // notes §6.4 delimited=length example, plus a keep-alive before the second length.
  const std::string wire = "26\r\n" + kLimit + "\r\n\r\n81\r\n" + kDelete + "\r\n";
  ASSERT_EQ(kLimit.size() + 2, 26u);
  ASSERT_EQ(kDelete.size() + 2, 81u);
  for (size_t a = 0; a <= wire.size(); ++a) {
    for (size_t b = a; b <= wire.size(); b += 5) {
      LengthFramer framer;
      EXPECT_EQ(feed_in_pieces(framer, wire, {a, b}),
                (std::vector<std::string>{kLimit, "", kDelete}))
          << a << "," << b;
    }
  }
}

TEST(LengthFramerTest, RandomChunkingMatchesReference) {
  std::mt19937 rng(7);
  std::vector<std::string> messages;
  std::string wire;
  for (int i = 0; i < 200; ++i) {
    std::string m = "{\"n\":" + std::to_string(i) + ",\"pad\":\"" +
                    std::string(rng() % 300, static_cast<char>('a' + i % 26)) + "\"}";
    if (rng() % 4 == 0) {
      wire += "\r\n";
      messages.push_back("");
    }
    wire += std::to_string(m.size() + 2) + "\r\n" + m + "\r\n";
    messages.push_back(m);
  }
  std::vector<size_t> cuts;
  for (size_t pos = 0; pos < wire.size(); pos += 1 + rng() % 50) cuts.push_back(pos);
  LengthFramer framer;
  EXPECT_EQ(feed_in_pieces(framer, wire, cuts), messages);
}

TEST(LengthFramerTest, GarbageLengthIsAnError) {
  LengthFramer framer;
  EXPECT_EQ(framer.feed("{\"not\":\"a length\"}\r\n", [](std::string_view) {}),
            FramerStatus::kBadLength);
  LengthFramer small(100);
  EXPECT_EQ(small.feed("1000\r\n", [](std::string_view) {}), FramerStatus::kMessageTooLarge);
}

}  // namespace
}  // namespace firecount
