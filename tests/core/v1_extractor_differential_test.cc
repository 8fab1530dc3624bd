// The fast v1.1 extractor (raw key matching, the stream-tail shortcut; core/v1_extractor.inl)
// against the reference walk (core/v1_extractor_reference.cc, the extractor as it was before):
// the same kind for every line, and the same Record fields for every tweet. Inputs: the
// synthetic firehose over many seeds in both JSON forms, the real fixture's statuses (as they
// are, and with the stream's `timestamp_ms` appended so the shortcut runs on real tweets),
// tweets cut at every point, cut tweets followed by whole ones on the same line, and targeted
// lines for each check of the shortcut. Every compiled kernel the CPU runs (baseline, Haswell,
// Ice Lake) is held to the reference.

#include <simdjson.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "core/synthetic_firehose.h"
#include "core/v1_extractor.h"
#include "gtest/gtest.h"

namespace firecount {
namespace {

struct Result {
  MessageKind kind;
  std::string text, id, lang;
  int64_t event_time_ms;
  bool is_retweet;
};

Result run(V1Extractor& extractor, std::string_view line) {
  std::string padded(line);
  padded.append(simdjson::SIMDJSON_PADDING, '\0');
  Record r;
  const MessageKind kind =
      extractor.extract(std::string_view(padded.data(), line.size()), padded.size(), r);
  if (kind != MessageKind::kTweet) return {kind, "", "", "", kNoEventTime, false};
  return {kind,        std::string(r.text), std::string(r.id), std::string(r.lang), r.event_time_ms,
          r.is_retweet};
}

class Extractors {
 public:
  Extractors() : reference_(internal::make_v1_extractor_reference()) {
    fast_.push_back(internal::make_v1_extractor_baseline());
    add_if_runs("haswell", internal::make_v1_extractor_haswell());
    add_if_runs("icelake", internal::make_v1_extractor_icelake());
  }

  // Expects every fast extractor to agree with the reference on `line`; returns the kind.
  MessageKind expect_same(std::string_view line) {
    const Result want = run(*reference_, line);
    for (auto& fast : fast_) {
      const Result got = run(*fast, line);
      EXPECT_EQ(message_kind_name(got.kind), message_kind_name(want.kind)) << line;
      EXPECT_EQ(got.text, want.text) << line;
      EXPECT_EQ(got.id, want.id) << line;
      EXPECT_EQ(got.lang, want.lang) << line;
      EXPECT_EQ(got.event_time_ms, want.event_time_ms) << line;
      EXPECT_EQ(got.is_retweet, want.is_retweet) << line;
    }
    return want.kind;
  }

  Result fast(std::string_view line) { return run(*fast_.back(), line); }
  size_t kernels() const { return fast_.size(); }
  Result reference(std::string_view line) { return run(*reference_, line); }

 private:
  void add_if_runs(const char* kernel, std::unique_ptr<V1Extractor> extractor) {
    const auto* impl = simdjson::get_available_implementations()[kernel];
    if (extractor && impl != nullptr && impl->supported_by_runtime_system()) {
      fast_.push_back(std::move(extractor));
    }
  }

  std::unique_ptr<V1Extractor> reference_;
  std::vector<std::unique_ptr<V1Extractor>> fast_;
};

std::vector<std::string> firehose_lines(const FirehoseConfig& config) {
  SyntheticFirehose firehose(config);
  std::string bytes(firehose.max_line_bytes() * 4, '\0');
  std::vector<std::string> lines;
  while (size_t n = firehose.fill(bytes.data(), bytes.size())) {
    std::string_view chunk(bytes.data(), n);
    while (!chunk.empty()) {
      const size_t nl = chunk.find('\n');
      std::string_view line = chunk.substr(0, nl);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty()) lines.emplace_back(line);
      chunk.remove_prefix(nl + 1);
    }
  }
  return lines;
}

// The statuses among the synthetic stream's first `tweets` (lines over 1000 bytes: no notices).
std::vector<std::string> tweet_lines(uint64_t seed, uint64_t tweets) {
  FirehoseConfig config;
  config.seed = seed;
  config.tweets = tweets;
  std::vector<std::string> lines;
  for (std::string& line : firehose_lines(config)) {
    if (line.size() > 1000) lines.push_back(std::move(line));
  }
  return lines;
}

// The fixture's statuses, each minified to one line (a search response: no timestamp_ms).
std::vector<std::string> fixture_lines() {
  std::vector<std::string> lines;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array statuses;
  if (parser.load(FIRECOUNT_FIXTURE).get(doc) || doc["statuses"].get_array().get(statuses)) {
    return lines;
  }
  for (simdjson::dom::element status : statuses) lines.push_back(simdjson::minify(status));
  return lines;
}

// A fixture status as the stream writes it: `timestamp_ms` after `lang`, the last key.
std::string with_stream_tail(std::string line) {
  line.pop_back();  // '}'
  line += ",\"timestamp_ms\":\"1539202764123\"}";
  return line;
}

TEST(V1ExtractorDifferentialTest, SyntheticFirehoseManySeedsBothForms) {
  Extractors x;
  size_t tweets = 0, retweets = 0;
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    for (uint32_t escaped : {0u, 500u, 1000u}) {
      FirehoseConfig config;
      config.seed = seed * 7919 + escaped;
      config.tweets = 700;
      config.escaped_per_mille = escaped;
      for (const std::string& line : firehose_lines(config)) {
        if (x.expect_same(line) == MessageKind::kTweet) {
          ++tweets;
          retweets += x.fast(line).is_retweet;
        }
      }
    }
  }
  RecordProperty("kernels_checked", static_cast<int>(x.kernels()));
  EXPECT_EQ(tweets, 6u * 3u * 700u);
  EXPECT_GT(retweets, tweets / 5);  // both branches of is_retweet are exercised
}

TEST(V1ExtractorDifferentialTest, FixtureStatusesAsSearchedAndAsStreamed) {
  Extractors x;
  const std::vector<std::string> lines = fixture_lines();
  ASSERT_EQ(lines.size(), 100u) << "fixture missing: " << FIRECOUNT_FIXTURE;
  size_t retweets = 0;
  for (const std::string& line : lines) {
    EXPECT_EQ(x.expect_same(line), MessageKind::kTweet);
    const std::string streamed = with_stream_tail(line);
    EXPECT_EQ(x.expect_same(streamed), MessageKind::kTweet);
    EXPECT_EQ(x.fast(streamed).event_time_ms, 1539202764123);
    retweets += x.fast(streamed).is_retweet;
  }
  EXPECT_EQ(retweets, 73u);
}

TEST(V1ExtractorDifferentialTest, TweetsCutAtEveryByte) {
  Extractors x;
  FirehoseConfig config;
  config.seed = 11;
  config.tweets = 12;
  std::vector<std::string> lines = firehose_lines(config);
  const std::vector<std::string> fixture = fixture_lines();
  for (size_t i = 0; i < 4 && i < fixture.size(); ++i) {
    lines.push_back(with_stream_tail(fixture[i]));
  }
  for (const std::string& line : lines) {
    for (size_t cut = 1; cut < line.size(); ++cut) {
      const MessageKind kind = x.expect_same(std::string_view(line).substr(0, cut));
      EXPECT_NE(kind, MessageKind::kTweet) << line.substr(0, cut);
    }
  }
}

// A bad byte anywhere, of the kinds stage 1 rejects wherever they are: a raw control character
// (inside a string), bytes that are no UTF-8 (a lone continuation byte, a lead byte cut short,
// 0xFF), a quote that leaves a string open. The shortcut runs stage 1 only up to `truncated`
// and checks the bytes after it itself: it must reject exactly what the reference rejects, on
// both sides of that point. (Syntax the walk checks, such as a bracket of the wrong kind, is
// what the shortcut takes on trust in the tail; see ShortcutTrustsTopLevelSyntaxBeforeTheTail.)
// Synthetic statuses with `truncated:true` and an `extended_tweet`, no retweets: the ones the
// stream-status shortcut reads through read_extended_tweet.
std::vector<std::string> extended_lines(uint64_t seed, size_t count) {
  std::vector<std::string> out;
  for (uint64_t s = seed; out.size() < count && s < seed + 20; ++s) {
    for (std::string& line : tweet_lines(s, 200)) {
      if (out.size() < count && line.find(",\"truncated\":true,") != std::string::npos &&
          line.find("\"retweeted_status\"") == std::string::npos) {
        out.push_back(std::move(line));
      }
    }
  }
  return out;
}

// The shortcut takes `truncated:true` statuses too (the extended tweet's full_text read from a
// copy of the line's last fields), with the reference's answer.
TEST(V1ExtractorDifferentialTest, TruncatedStatusesTakeTheShortcutWithTheSameAnswer) {
  Extractors x;
  const std::vector<std::string> lines = extended_lines(41, 40);
  ASSERT_EQ(lines.size(), 40u);
  size_t taken = 0;
  for (const std::string& line : lines) {
    ASSERT_EQ(x.expect_same(line), MessageKind::kTweet);
    const Result want = x.reference(line);
    EXPECT_NE(want.text.find(' '), std::string::npos);
    for (const auto& kernel :
         {internal::make_v1_extractor_icelake(), internal::make_v1_extractor_haswell(),
          internal::make_v1_extractor_baseline()}) {
      if (kernel == nullptr) continue;
      const std::string padded = line + std::string(simdjson::SIMDJSON_PADDING, ' ');
      Record out;
      const char* line_end = nullptr;
      if (kernel->try_stream_status(padded.data(), padded.data() + line.size(), out, line_end)) {
        ++taken;
        EXPECT_EQ(out.text, want.text);
        EXPECT_EQ(line_end, padded.data() + line.size());
      }
    }
  }
  EXPECT_GE(taken, lines.size());  // at least one kernel on every line (the baseline runs anywhere)
}

TEST(V1ExtractorDifferentialTest, ABadByteAtEveryPosition) {
  Extractors x;
  std::vector<std::string> lines = tweet_lines(31, 10);
  for (std::string& line : extended_lines(51, 3)) lines.push_back(std::move(line));
  const std::vector<std::string> fixture = fixture_lines();
  for (size_t i = 0; i < 2 && i < fixture.size(); ++i) {
    lines.push_back(with_stream_tail(fixture[i]));
  }
  ASSERT_GE(lines.size(), 6u);
  size_t rejected = 0, tried = 0;
  for (const std::string& line : lines) {
    ASSERT_EQ(x.expect_same(line), MessageKind::kTweet);
    // Which bytes are inside a string (between its quotes): stage 1 rejects a control character
    // there; outside, one is a syntax error only the walk sees.
    std::vector<bool> in_string(line.size(), false);
    bool inside = false, escaped = false;
    for (size_t i = 0; i < line.size(); ++i) {
      if (inside && !escaped && line[i] == '"') {
        inside = false;
      } else if (inside) {
        in_string[i] = true;
        escaped = !escaped && line[i] == '\\';
      } else if (line[i] == '"') {
        inside = true;
        escaped = false;
      }
    }
    for (size_t at = 0; at < line.size(); ++at) {
      for (const char bad : {'\x01', '\x1f', '\x80', '\xc3', '\xff', '"'}) {
        if (static_cast<unsigned char>(bad) < 0x20 && !in_string[at]) continue;
        std::string edited = line;
        edited[at] = bad;
        SCOPED_TRACE("byte " + std::to_string(at) + " of " + std::to_string(line.size()) +
                     " set to " + std::to_string(static_cast<unsigned char>(bad)) + ", was '" +
                     line[at] + "'");
        rejected += x.expect_same(edited) != MessageKind::kTweet;
        ++tried;
      }
    }
  }
  EXPECT_GT(rejected, tried / 2);  // most edits break the line, in both halves of it
}

TEST(V1ExtractorDifferentialTest, CutTweetFollowedByAWholeOneOnTheSameLine) {
  Extractors x;
  const std::vector<std::string> lines = tweet_lines(23, 16);
  ASSERT_GE(lines.size(), 8u);
  for (size_t i = 0; i + 1 < lines.size(); i += 2) {
    const std::string& cut_one = lines[i];
    const std::string& whole = lines[i + 1];
    for (size_t cut = 1; cut < cut_one.size(); ++cut) {
      const std::string line = cut_one.substr(0, cut) + whole;
      const MessageKind kind = x.expect_same(line);
      EXPECT_NE(kind, MessageKind::kTweet) << line;
    }
  }
}

// One stream status, small enough to edit by hand; `truncated` is false, so the shortcut runs.
constexpr std::string_view kHead =
    R"({"created_at":"Wed Oct 10 20:19:24 +0000 2018","id":1,"id_str":"1","text":"a b",)"
    R"("truncated":false,"user":{"id":6,"name":"x {y}"},"place":null)";
constexpr std::string_view kTail = R"(,"lang":"en","timestamp_ms":"1539202764123"})";

TEST(V1ExtractorDifferentialTest, ShortcutCasesAgreeWithTheWalk) {
  Extractors x;
  const std::string head(kHead), tail(kTail);
  const std::vector<std::string> lines = {
      head + tail,
      head + tail + "  \t",
      head + R"(,"retweeted_status":{"text":"b","user":{}},"is_quote_status":false)" + tail,
      head + R"(,"retweeted_status":null,"is_quote_status":false)" + tail,
      head + R"(,"retweeted_status" : {"text":"b"})" + tail,
      head + R"(,"retweeted_status":{"text":"b"},"retweeted_status":{"text":"c"})" + tail,
      head + R"(,"quoted_status":{"retweeted_status":{"text":"b"}})" + tail,
      head + R"(,"entities":{"hashtags":[{"text":"}{"}]})" + tail,
      head + R"(,"entities":{"hashtags":[{"text":"]"}]})" + tail,
      head + R"(,"extended_tweet":{"full_text":"long"})" + tail,
      head + R"(,"lang":"ja")" + tail,
      head + R"(,"lang":"en","timestamp_ms":"1539202764999","x":1})",
      head + R"(,"lang":"en", "timestamp_ms":"1539202764123"})",
      head + R"(,"lang":"e\u006e","timestamp_ms":"1539202764123"})",
      head + R"(,"lang":null,"timestamp_ms":"1539202764123"})",
      head + R"(,"lang":"en","timestamp_ms":"15392027641234567890123"})",
      head + R"(,"lang":"en","timestamp_ms":""})",
      head + R"(,"lang":"","timestamp_ms":"1539202764123"})",
      head + R"(,"lang":"en","timestamp_ms":"1539202764123"} x)",
      head + R"(,"lang":"en","timestamp_ms":"1539202764123"}{})",
      head + R"(,"a":[1,2)" + tail,
      head + R"(,"a":{"b":1})" + "}" + tail,
      R"({"t\u0065xt":"a","truncated":false)" + tail,
      R"({"text":"a","truncated":"false")" + tail,
      R"({"text":"a","truncated":false})",
      R"({"truncated":false,"text":"a")" + tail,
      R"({"text":"a","truncated":true,"extended_tweet":{"full_text":"a b c"})" + tail,
      R"({"text":"a","truncated":true,"extended_tweet":{"full_text":"a b c"},"entities":{})" + tail,
      R"({"text":"a","truncated":true,"extended_tweet":null)" + tail,
      R"({"text":"a","truncated":false,"extended_tweet":{"full_text":"a b c"})" + tail,
      R"({"text":"a","truncated":false,"retweeted_status":{"extended_tweet":{"full_text":"b"}})" +
          tail,
      R"({"delete":{"status":{"id":1}},"text":"a","truncated":false)" + tail,
      R"({"text":null,"truncated":false)" + tail,
      R"({"text":"a","full_text":"a b","truncated":false)" + tail,
      R"({"text":"a","truncated":false,"lang":"en","timestamp_ms":"1539202764123"})",
      R"({"text":"a","truncated":false,"user":{"name":"\ud83d"})" + tail,
  };
  for (const std::string& line : lines) x.expect_same(line);
  EXPECT_TRUE(x.fast(lines[2]).is_retweet);
  EXPECT_FALSE(x.fast(lines[3]).is_retweet);
  EXPECT_EQ(x.fast(lines[10]).lang, "en");
}

// What the shortcut takes on trust (see try_stream_tail in core/v1_extractor.inl), pinned so a
// change to it is seen: top-level syntax between `truncated` and the stream tail. The walk rejects
// this line (no ',' between two fields); the shortcut counts its tweet. Nested syntax was never
// checked by either (the walk skips nested values by counting brackets).
TEST(V1ExtractorDifferentialTest, ShortcutTrustsTopLevelSyntaxBeforeTheTail) {
  Extractors x;
  const std::string line = std::string(kHead) + R"(,"a":1 "b":2)" + std::string(kTail);
  EXPECT_EQ(x.reference(line).kind, MessageKind::kMalformed);
  EXPECT_EQ(x.fast(line).kind, MessageKind::kTweet);
  const std::string nested = std::string(kHead) + R"(,"a":{"b":1 "c":2})" + std::string(kTail);
  EXPECT_EQ(x.reference(nested).kind, MessageKind::kTweet);
  EXPECT_EQ(x.fast(nested).kind, MessageKind::kTweet);
}

// Also on trust: a key the extractor reads, written again after `truncated` with an escape.
// The walk unescapes it and takes the later text; the shortcut keeps the first.
TEST(V1ExtractorDifferentialTest, ShortcutTrustsNoEscapedKeyRepeatsAField) {
  Extractors x;
  const std::string line = R"({"text":"a","truncated":false,"t\u0065xt":"b")" + std::string(kTail);
  EXPECT_EQ(x.reference(line).text, "b");
  EXPECT_EQ(x.fast(line).text, "a");
}

}  // namespace
}  // namespace firecount
