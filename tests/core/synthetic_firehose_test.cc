#include "core/synthetic_firehose.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "core/firehose_pool.h"
#include "core/synthetic_text.h"

namespace firecount {
namespace {

// The whole stream of `config`, filled through buffers of `capacity` bytes.
std::string generate(const FirehoseConfig& config, size_t capacity = size_t{1} << 20) {
  SyntheticFirehose firehose(config);
  std::string out;
  std::vector<char> buffer(capacity);
  while (!firehose.done()) {
    const size_t n = firehose.fill(buffer.data(), capacity);
    EXPECT_GT(n, 0u) << "capacity " << capacity;
    if (n == 0) break;
    out.append(buffer.data(), n);
  }
  return out;
}

std::vector<std::string_view> lines_of(std::string_view stream) {
  std::vector<std::string_view> lines;
  while (!stream.empty()) {
    const size_t nl = stream.find('\n');
    EXPECT_NE(nl, std::string_view::npos) << "the stream ends with a partial line";
    if (nl == std::string_view::npos) break;
    lines.push_back(stream.substr(0, nl));
    stream.remove_prefix(nl + 1);
  }
  return lines;
}

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// What one parsed line is, and the counted text of a tweet.
struct Parsed {
  enum Kind { kKeepAlive, kDelete, kLimit, kTweet, kOther } kind = kOther;
  bool retweet = false;
  bool extended = false;
  bool escaped = false;
  size_t bytes = 0;
  std::string text;  // extended_tweet.full_text if present, else text
};

class StreamTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    FirehoseConfig config;
    config.seed = 42;
    config.tweets = kTweets;
    stream_ = new std::string(generate(config));
    parsed_ = new std::vector<Parsed>();
    simdjson::dom::parser parser;
    for (std::string_view line : lines_of(*stream_)) {
      Parsed p;
      p.bytes = line.size();
      p.escaped = line.find("\\u") != std::string_view::npos;
      if (line == "\r") {
        p.kind = Parsed::kKeepAlive;
        parsed_->push_back(std::move(p));
        continue;
      }
      simdjson::dom::element doc;
      const auto error = parser.parse(simdjson::padded_string(line)).get(doc);
      ASSERT_EQ(error, simdjson::SUCCESS) << simdjson::error_message(error) << ": " << line;
      ASSERT_TRUE(doc.is_object()) << line;
      if (doc["delete"].error() == simdjson::SUCCESS) {
        p.kind = Parsed::kDelete;
      } else if (doc["limit"].error() == simdjson::SUCCESS) {
        p.kind = Parsed::kLimit;
      } else if (doc["text"].is_string()) {
        p.kind = Parsed::kTweet;
        p.retweet = doc["retweeted_status"].is_object();
        std::string_view text;
        if (doc["extended_tweet"]["full_text"].get(text) == simdjson::SUCCESS) {
          p.extended = true;
        } else {
          ASSERT_EQ(doc["text"].get(text), simdjson::SUCCESS);
        }
        p.text = std::string(text);
      }
      parsed_->push_back(std::move(p));
    }
  }
  static void TearDownTestSuite() {
    delete stream_;
    delete parsed_;
  }

  static size_t count(Parsed::Kind kind) {
    size_t n = 0;
    for (const Parsed& p : *parsed_) n += p.kind == kind;
    return n;
  }

  static constexpr uint64_t kTweets = 20000;
  static std::string* stream_;
  static std::vector<Parsed>* parsed_;
};

std::string* StreamTest::stream_ = nullptr;
std::vector<Parsed>* StreamTest::parsed_ = nullptr;

TEST(SyntheticFirehoseTest, SameSeedWritesSameBytesWhateverTheBufferSize) {
  FirehoseConfig config;
  config.seed = 7;
  config.tweets = 1500;
  const std::string a = generate(config);
  const std::string b = generate(config);
  SyntheticFirehose probe(config);
  const std::string c = generate(config, probe.max_line_bytes() + 37);
  EXPECT_GT(a.size(), 1500u * kSyntheticTweetMinBytes);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, c);
}

TEST(SyntheticFirehoseTest, DifferentSeedsWriteDifferentStreams) {
  FirehoseConfig config;
  config.tweets = 200;
  config.seed = 1;
  const std::string a = generate(config);
  config.seed = 2;
  const std::string b = generate(config);
  EXPECT_NE(a, b);
  EXPECT_NE(a.substr(0, 4096), b.substr(0, 4096));
}

TEST(SyntheticFirehoseTest, SmallBufferGetsZeroThenTheSameLine) {
  FirehoseConfig config;
  config.seed = 3;
  config.tweets = 50;
  const std::string whole = generate(config);
  SyntheticFirehose firehose(config);
  std::string out;
  std::vector<char> buffer(firehose.max_line_bytes());
  size_t zeros = 0;
  while (!firehose.done()) {
    // Alternate a too-small buffer with one that always fits a line.
    size_t n = firehose.fill(buffer.data(), 100);
    if (n == 0) {
      ++zeros;
      n = firehose.fill(buffer.data(), buffer.size());
      ASSERT_GT(n, 0u);
    }
    out.append(buffer.data(), n);
  }
  EXPECT_GT(zeros, 0u);
  EXPECT_EQ(out, whole);
  EXPECT_EQ(firehose.tweets_produced(), 50u);
  EXPECT_EQ(firehose.fill(buffer.data(), buffer.size()), 0u);
}

TEST(SyntheticFirehoseTest, FillLinesWritesAtMostThatManyLines) {
  FirehoseConfig config;
  config.tweets = 20;
  SyntheticFirehose firehose(config);
  std::vector<char> buffer(size_t{1} << 20);
  const size_t n = firehose.fill_lines(buffer.data(), buffer.size(), 3);
  const std::string_view written(buffer.data(), n);
  EXPECT_EQ(std::count(written.begin(), written.end(), '\n'), 3);
  EXPECT_EQ(firehose.messages_produced(), 3u);
}

TEST_F(StreamTest, ProducesExactlyTheConfiguredTweetsAndEndsWithOne) {
  EXPECT_EQ(count(Parsed::kTweet), kTweets);
  EXPECT_EQ(count(Parsed::kOther), 0u);
  EXPECT_EQ(parsed_->back().kind, Parsed::kTweet);
}

TEST_F(StreamTest, HasTheV11MessageMix) {
  const double messages = static_cast<double>(parsed_->size());
  EXPECT_NEAR(count(Parsed::kKeepAlive) / messages, 0.010, 0.004);
  EXPECT_NEAR(count(Parsed::kDelete) / messages, 0.030, 0.006);
  EXPECT_NEAR(count(Parsed::kLimit) / messages, 0.005, 0.003);
  size_t retweets = 0, extended = 0;
  for (const Parsed& p : *parsed_) {
    retweets += p.retweet;
    extended += p.extended;
  }
  // Retweets carry their original's extended_tweet inside retweeted_status, not at the top.
  EXPECT_NEAR(retweets / double{kTweets}, 0.30, 0.02);
  EXPECT_NEAR(extended / double{kTweets}, 0.70 * 0.25, 0.02);
}

TEST_F(StreamTest, TweetsAreThreeToSixKilobytes) {
  size_t total = 0;
  for (const Parsed& p : *parsed_) {
    if (p.kind != Parsed::kTweet) continue;
    EXPECT_GE(p.bytes, kSyntheticTweetMinBytes);
    EXPECT_LE(p.bytes, kSyntheticTweetMaxBytes);
    total += p.bytes;
  }
  const double mean = static_cast<double>(total) / kTweets;
  EXPECT_GT(mean, 3500);
  EXPECT_LT(mean, 5000);
}

TEST_F(StreamTest, AboutHalfTheTweetLinesEscapeNonAscii) {
  size_t escaped = 0;
  for (const Parsed& p : *parsed_) escaped += p.kind == Parsed::kTweet && p.escaped;
  EXPECT_NEAR(escaped / double{kTweets}, 0.5, 0.03);
  for (std::string_view line : lines_of(*stream_)) {
    if (line.find("\\u") != std::string_view::npos) {
      EXPECT_TRUE(is_ascii(line)) << "an escaped line also has raw UTF-8: " << line;
    }
  }
}

TEST_F(StreamTest, EverythingIsValidUtf8) {
  EXPECT_TRUE(simdjson::validate_utf8(*stream_));
  for (const Parsed& p : *parsed_) ASSERT_TRUE(simdjson::validate_utf8(p.text)) << p.text;
}

TEST_F(StreamTest, TextsSometimesHaveNewlinesAndDoubleSpaces) {
  size_t newlines = 0, double_spaces = 0, non_ascii = 0;
  for (const Parsed& p : *parsed_) {
    newlines += p.text.find('\n') != std::string::npos;
    double_spaces += p.text.find("  ") != std::string::npos;
    non_ascii += !is_ascii(p.text);
  }
  EXPECT_GT(newlines, kTweets / 50);
  EXPECT_GT(double_spaces, kTweets / 50);
  EXPECT_GT(non_ascii, kTweets / 2);
}

TEST_F(StreamTest, TextsUseTensOfThousandsOfDistinctWords) {
  absl::flat_hash_map<std::string, uint64_t> counts;
  for (const Parsed& p : *parsed_) {
    std::string_view text = p.text;
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
      if (i == text.size() || text[i] == ' ' || text[i] == '\n') {
        ++counts[std::string(text.substr(start, i - start))];
        start = i + 1;
      }
    }
  }
  EXPECT_GT(counts.size(), 30000u);
  EXPECT_GT(counts[""], 0u);  // what the seed's split(" ") counts for a double space
  // Zipf with exponent 1: the most frequent word is far ahead of a mid-rank one.
  EXPECT_GT(counts["the"], 20 * counts["today"] / 2);
}

TEST(SyntheticVocabularyTest, HasTensOfThousandsOfDistinctWordsOfEveryKind) {
  const std::vector<std::string> words = internal::make_vocabulary(50000, 9);
  absl::flat_hash_set<std::string> distinct(words.begin(), words.end());
  EXPECT_EQ(distinct.size(), 50000u);
  size_t hashtags = 0, mentions = 0, urls = 0, non_ascii = 0, astral = 0, upper = 0;
  for (const std::string& w : words) {
    ASSERT_FALSE(w.empty());
    EXPECT_EQ(w.find_first_of(" \n"), std::string::npos) << w;
    EXPECT_TRUE(simdjson::validate_utf8(w)) << w;
    hashtags += w[0] == '#';
    mentions += w[0] == '@';
    urls += w.starts_with("https://t.co/");
    non_ascii += !is_ascii(w);
    astral += w.find('\xF0') != std::string::npos;
    upper += w[0] >= 'A' && w[0] <= 'Z';
  }
  EXPECT_GT(hashtags, 1000u);
  EXPECT_GT(mentions, 1000u);
  EXPECT_GT(urls, 500u);
  EXPECT_GT(non_ascii, 10000u);
  EXPECT_GT(astral, 500u);
  EXPECT_GT(upper, 1000u);
}

TEST(SyntheticVocabularyTest, ZipfSamplerFollowsOneOverRank) {
  internal::ZipfSampler zipf(50000, 1.0);
  internal::Rng rng(5);
  std::vector<uint64_t> hits(50000);
  for (int i = 0; i < 1000000; ++i) ++hits[zipf.sample(rng)];
  EXPECT_NEAR(static_cast<double>(hits[0]) / hits[1], 2.0, 0.1);
  EXPECT_NEAR(static_cast<double>(hits[0]) / hits[9], 10.0, 0.7);
}

TEST(SyntheticTextTest, EscapedFormRoundTripsThroughAJsonParser) {
  std::string original =
      "Café ñ 東京 \"quoted\" back\\slash a/b <&> tab\t nl\n 😂🇯🇵 ❤️ ";
  original += '\x01';
  for (auto form : {internal::JsonForm::kRaw, internal::JsonForm::kEscaped}) {
    std::string json = "\"";
    internal::append_json_string(json, original, form);
    json += "\"";
    if (form == internal::JsonForm::kEscaped) {
      EXPECT_TRUE(is_ascii(json)) << json;
      EXPECT_NE(json.find("\\ud83d\\ude02"), std::string::npos) << json;  // 😂 as a pair
      EXPECT_NE(json.find("a\\/b"), std::string::npos) << json;
    }
    simdjson::dom::parser parser;
    std::string_view decoded;
    ASSERT_EQ(parser.parse(simdjson::padded_string(json)).get(decoded), simdjson::SUCCESS) << json;
    EXPECT_EQ(decoded, original);
  }
}

TEST(SyntheticTextTest, FormatsTwitterDates) {
  char buf[internal::kTwitterDateSize];
  const auto date = [&](int64_t s) {
    internal::format_twitter_date(s, buf);
    return std::string(buf, sizeof buf);
  };
  EXPECT_EQ(date(1539202764), "Wed Oct 10 20:19:24 +0000 2018");
  EXPECT_EQ(date(0), "Thu Jan 01 00:00:00 +0000 1970");
  EXPECT_EQ(date(951782400), "Tue Feb 29 00:00:00 +0000 2000");
  EXPECT_EQ(date(1409444954), "Sun Aug 31 00:29:14 +0000 2014");
}

TEST(SyntheticFirehoseTest, TweetsHaveTheV11Fields) {
  FirehoseConfig config;
  config.tweets = 300;
  const std::string stream = generate(config);
  simdjson::dom::parser parser;
  size_t extended = 0, replies = 0;
  for (std::string_view line : lines_of(stream)) {
    simdjson::dom::element doc;
    if (line == "\r") continue;
    ASSERT_EQ(parser.parse(simdjson::padded_string(line)).get(doc), simdjson::SUCCESS) << line;
    if (!doc["text"].is_string()) continue;
    uint64_t id = 0;
    std::string_view id_str, created_at, timestamp_ms, lang, screen_name;
    ASSERT_EQ(doc["id"].get(id), simdjson::SUCCESS);
    ASSERT_EQ(doc["id_str"].get(id_str), simdjson::SUCCESS);
    EXPECT_EQ(std::to_string(id), id_str);
    ASSERT_EQ(doc["created_at"].get(created_at), simdjson::SUCCESS);
    ASSERT_EQ(created_at.size(), 30u);
    EXPECT_EQ(created_at.substr(19, 7), " +0000 ") << created_at;
    ASSERT_EQ(doc["timestamp_ms"].get(timestamp_ms), simdjson::SUCCESS);
    EXPECT_EQ(timestamp_ms.size(), 13u);
    EXPECT_EQ(timestamp_ms.find_first_not_of("0123456789"), std::string_view::npos);
    ASSERT_EQ(doc["lang"].get(lang), simdjson::SUCCESS);
    ASSERT_EQ(doc["user"]["screen_name"].get(screen_name), simdjson::SUCCESS);
    ASSERT_TRUE(doc["entities"]["hashtags"].is_array());
    bool truncated = false;
    ASSERT_EQ(doc["truncated"].get(truncated), simdjson::SUCCESS);
    replies += doc["in_reply_to_status_id"].is_uint64();
    if (truncated) {
      ++extended;
      std::string_view text, full_text;
      uint64_t shown = 0;
      ASSERT_EQ(doc["text"].get(text), simdjson::SUCCESS);
      ASSERT_EQ(doc["extended_tweet"]["full_text"].get(full_text), simdjson::SUCCESS);
      ASSERT_EQ(doc["extended_tweet"]["display_text_range"].at(1).get(shown), simdjson::SUCCESS);
      EXPECT_EQ(shown, internal::code_point_count(full_text));
      EXPECT_GT(full_text.size(), text.size() - 24);
      EXPECT_NE(text.find("… https://t.co/"), std::string_view::npos) << text;
      EXPECT_EQ(full_text.substr(0, 8), text.substr(0, 8));
    } else {
      EXPECT_TRUE(doc["extended_tweet"].error() == simdjson::NO_SUCH_FIELD) << line;
    }
    if (doc["retweeted_status"].is_object()) {
      std::string_view text;
      ASSERT_EQ(doc["text"].get(text), simdjson::SUCCESS);
      EXPECT_TRUE(text.starts_with("RT @")) << text;
    }
  }
  EXPECT_GT(extended, 20u);
  EXPECT_GT(replies, 10u);
}

}  // namespace
}  // namespace firecount
