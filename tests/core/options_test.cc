#include "core/options.h"

#include "gtest/gtest.h"

namespace firecount {
namespace {

absl::StatusOr<EngineOptions> parse(std::vector<std::string_view> args) {
  return parse_engine_options(args);
}

std::string error_of(std::vector<std::string_view> args) {
  auto r = parse(args);
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : std::string(r.status().message());
}

TEST(OptionsTest, DefaultsAreTheSparkJobs) {
  auto o = parse({});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->source.kind, SourceKind::kSynthetic);
  EXPECT_EQ(o->batch.count(), 2000);
  EXPECT_EQ(o->top, 30u);
  EXPECT_EQ(o->output, OutputKind::kPprint);
  EXPECT_EQ(o->snapshot_dir, "result/snapshots");
  EXPECT_EQ(o->duration->count(), 10000);  // the quick start stops by itself
  EXPECT_EQ(*o->rate, 20000u);
  EXPECT_EQ(o->worker_nice, 5);
  EXPECT_EQ(o->coordinator_boost, 15);
}

TEST(OptionsTest, EveryFlag) {
  auto o = parse({"--source",
                  "file:/tmp/x.json",
                  "--input-format=text",
                  "--batch",
                  "500ms",
                  "--once",
                  "--top",
                  "5",
                  "--tokenizer",
                  "words",
                  "--output",
                  "json",
                  "--snapshot-dir",
                  "/tmp/snaps",
                  "--threads=3",
                  "--skip-retweets",
                  "--stopwords",
                  "en",
                  "--worker-nice",
                  "0",
                  "--coordinator-boost=0"});
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->source.kind, SourceKind::kFile);
  EXPECT_EQ(o->source.path, "/tmp/x.json");
  EXPECT_EQ(o->input_format, MessageFormat::kText);
  EXPECT_EQ(o->batch.count(), 500);
  EXPECT_TRUE(o->once);
  EXPECT_EQ(o->top, 5u);
  EXPECT_EQ(o->tokenizer, TokenizerKind::kWords);
  EXPECT_EQ(o->output, OutputKind::kJson);
  EXPECT_EQ(o->snapshot_dir, "/tmp/snaps");
  EXPECT_EQ(o->threads, 3u);
  EXPECT_EQ(o->worker_nice, 0);
  EXPECT_EQ(o->coordinator_boost, 0);
  EXPECT_TRUE(o->skip_retweets);
  EXPECT_EQ(o->stopwords, "en");
  EXPECT_FALSE(o->duration.has_value());
}

TEST(OptionsTest, Sources) {
  auto s = parse_source_spec("socket:localhost:9009");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->host, "localhost");
  EXPECT_EQ(s->port, 9009);
  s = parse_source_spec("socket:[::1]:9009");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->host, "::1");
  EXPECT_EQ(parse_source_spec("stdin")->kind, SourceKind::kStdin);
  EXPECT_FALSE(parse_source_spec("socket:localhost").ok());
  EXPECT_FALSE(parse_source_spec("socket:localhost:99999").ok());
  EXPECT_FALSE(parse_source_spec("file:").ok());
  EXPECT_FALSE(parse_source_spec("kafka:x").ok());
}

TEST(OptionsTest, Durations) {
  EXPECT_EQ(parse_duration("2s")->count(), 2000);
  EXPECT_EQ(parse_duration("2")->count(), 2000);
  EXPECT_EQ(parse_duration("1.5s")->count(), 1500);
  EXPECT_EQ(parse_duration("250ms")->count(), 250);
  EXPECT_EQ(parse_duration("1m")->count(), 60000);
  EXPECT_FALSE(parse_duration("2 s"));
  EXPECT_FALSE(parse_duration("s"));
  EXPECT_FALSE(parse_duration("1.2.3s"));
  EXPECT_FALSE(parse_duration("2weeks"));
}

TEST(OptionsTest, ErrorsNameTheFlagAndTheAcceptedValues) {
  EXPECT_EQ(error_of({"--output", "xml"}),
            "--output: unknown value 'xml' (accepted: pprint, table, json)");
  EXPECT_EQ(error_of({"--tokenizer", "regex"}),
            "--tokenizer: unknown value 'regex' (accepted: split, words)");
  EXPECT_EQ(error_of({"--input-format", "csv"}),
            "--input-format: unknown value 'csv' (accepted: json, text)");
  EXPECT_EQ(error_of({"--top", "0"}),
            "--top: expected a whole number from 1 to 100000000, got '0'");
  EXPECT_EQ(error_of({"--batch", "soon"}),
            "--batch: expected a positive duration like 2s, 500ms or 1m, got 'soon'");
  EXPECT_EQ(error_of({"--coordinator-boost", "21"}),
            "--coordinator-boost: expected a whole number from 0 to 20, got '21'");
  EXPECT_EQ(error_of({"--top"}), "--top needs a value");
  EXPECT_EQ(error_of({"--frobnicate"}), "unknown flag '--frobnicate' (see firecount --help)");
  EXPECT_EQ(error_of({"--once=yes"}), "--once takes no value");
  EXPECT_EQ(error_of({"extra"}), "unexpected argument 'extra' (see firecount --help)");
  EXPECT_NE(error_of({"--source", "synthetic", "--once"}).find("--tweets"), std::string::npos);
  EXPECT_NE(error_of({"--source", "file:x", "--rate", "5"}).find("synthetic only"),
            std::string::npos);
}

TEST(OptionsTest, HelpMentionsEveryFlag) {
  const std::string help = engine_help_text();
  for (const char* flag :
       {"--source", "--input-format", "--batch", "--once", "--top", "--tokenizer", "--output",
        "--snapshot-dir", "--threads", "--duration", "--tweets", "--seed", "--rate",
        "--skip-retweets", "--stopwords", "--worker-nice", "--coordinator-boost"}) {
    EXPECT_NE(help.find(flag), std::string::npos) << flag;
  }
}

}  // namespace
}  // namespace firecount

namespace firecount {
namespace {

TEST(OptionsTest, LiveSourcesAndTheirFlags) {
  auto o = parse_engine_options({"--source", "twitter:filter", "--track", "#spark,streaming",
                                 "--locations=-130,-20,100,50", "--language", "en", "--credentials",
                                 "creds.json", "--delimited", "length", "--stall-timeout-ms", "500",
                                 "--backoff-scale", "0.01", "--on-overflow", "block",
                                 "--live-queue-mb", "8"});
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->source.kind, SourceKind::kLive);
  EXPECT_EQ(o->source.text, "twitter:filter");
  EXPECT_EQ(o->live.track, "#spark,streaming");
  EXPECT_EQ(o->live.locations, "-130,-20,100,50");
  EXPECT_TRUE(o->live.delimited_length);
  EXPECT_EQ(o->live.stall_timeout_ms, 500u);
  EXPECT_DOUBLE_EQ(o->live.backoff_scale, 0.01);
  EXPECT_EQ(o->live.on_overflow, "block");
  EXPECT_EQ(o->live.queue_mb, 8u);
  for (const char* name : {"twitter:sample", "x:filter", "x:sample", "jetstream", "mastodon"}) {
    EXPECT_EQ(parse_source_spec(name)->kind, SourceKind::kLive) << name;
  }
}

TEST(OptionsTest, LiveFlagsNeedALiveSource) {
  auto o = parse_engine_options({"--source", "file:x.json", "--track", "x"});
  ASSERT_FALSE(o.ok());
  EXPECT_NE(o.status().message().find("need a live --source"), std::string::npos);
  o = parse_engine_options({"--source", "jetstream", "--on-overflow", "maybe"});
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.status().message(), "--on-overflow: unknown value 'maybe' (accepted: block, drop)");
  o = parse_engine_options({"--source", "jetstream", "--backoff-scale", "-1"});
  ASSERT_FALSE(o.ok());
  o = parse_engine_options({"--source", "x:sample", "--input-format", "text"});
  ASSERT_FALSE(o.ok());
}

}  // namespace
}  // namespace firecount
