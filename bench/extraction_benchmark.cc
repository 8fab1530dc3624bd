// Extraction: MessageExtractor (simdjson On-Demand, one pass over the top-level fields, the whole
// line validated) on v1.1 lines, against the parse-only floor: a single On-Demand pass that
// visits only each tweet's text (BM_ExtractionParseOnlyText). Lines: the synthetic firehose
// (~4 KB tweets, notices, keep-alives) and the fixture's statuses (FIRECOUNT_FIXTURE, a search
// response: each status minified to one line). Bytes processed are line bytes.
//
//   build/bench/extraction_benchmark --benchmark_repetitions=5 --benchmark_report_aggregates_only

#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/message_extractor.h"
#include "core/synthetic_firehose.h"

namespace firecount {
namespace {

struct Lines {
  std::string bytes;  // lines joined by '\n', then padding
  std::vector<std::string_view> lines;
  size_t size = 0;
  size_t readable(std::string_view line) const {
    return bytes.size() - static_cast<size_t>(line.data() - bytes.data());
  }
};

void split(Lines& l) {
  l.size = l.bytes.size();
  for (size_t pos = 0; pos < l.size;) {
    size_t end = l.bytes.find('\n', pos);
    if (end == std::string::npos) end = l.size;
    l.lines.emplace_back(l.bytes.data() + pos, end - pos);
    pos = end + 1;
  }
  l.bytes.append(simdjson::SIMDJSON_PADDING, '\0');
  // The views point into `bytes`; appending may have moved it.
  l.lines.clear();
  for (size_t pos = 0; pos < l.size;) {
    size_t end = l.bytes.find('\n', pos);
    if (end == std::string::npos || end > l.size) end = l.size;
    l.lines.emplace_back(l.bytes.data() + pos, end - pos);
    pos = end + 1;
  }
}

const Lines& synthetic_lines() {
  static const Lines lines = [] {
    Lines l;
    FirehoseConfig config;
    config.tweets = 5000;
    SyntheticFirehose firehose(config);
    l.bytes.resize(64 << 20);
    size_t n = 0;
    while (size_t k = firehose.fill(l.bytes.data() + n, l.bytes.size() - n)) n += k;
    l.bytes.resize(n);
    split(l);
    return l;
  }();
  return lines;
}

const Lines& fixture_lines() {
  static const Lines lines = [] {
    Lines l;
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    simdjson::dom::array statuses;
    if (parser.load(FIRECOUNT_FIXTURE).get(doc) || doc["statuses"].get_array().get(statuses)) {
      return l;
    }
    for (simdjson::dom::element status : statuses) {
      l.bytes += simdjson::minify(status);
      l.bytes += '\n';
    }
    split(l);
    return l;
  }();
  return lines;
}

const Lines& lines_for(int which) { return which == 0 ? synthetic_lines() : fixture_lines(); }

void BM_ExtractionMessageExtractor(benchmark::State& state) {
  const Lines& l = lines_for(static_cast<int>(state.range(0)));
  MessageExtractor extractor(MessageFormat::kTwitterV1);
  Record record;
  size_t tweets = 0;
  for (std::string_view line : l.lines) {
    const MessageKind kind = extractor.extract(line, l.readable(line), record);
    if (kind == MessageKind::kMalformed || kind == MessageKind::kInvalidUtf8) {
      state.SkipWithError("a line of the benchmark does not parse");
      return;
    }
    if (kind == MessageKind::kTweet) {
      if (record.text.empty()) state.SkipWithError("a tweet without text");
      ++tweets;
    }
  }
  if (tweets == 0) state.SkipWithError("no tweets (fixture missing?)");
  for (auto _ : state) {
    for (std::string_view line : l.lines) {
      benchmark::DoNotOptimize(extractor.extract(line, l.readable(line), record));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * l.size));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tweets));
}

// The floor: iterate each line and read only its text (extended_tweet.full_text is not looked
// at, nothing after "text" is visited or validated).
void BM_ExtractionParseOnlyText(benchmark::State& state) {
  const Lines& l = lines_for(static_cast<int>(state.range(0)));
  simdjson::ondemand::parser parser;
  size_t tweets = 0;
  auto text_of = [&](std::string_view line, std::string_view& text) {
    simdjson::ondemand::document doc;
    if (parser.iterate(line.data(), line.size(), l.readable(line)).get(doc)) return false;
    return !doc["text"].get_string().get(text);
  };
  std::string_view text;
  for (std::string_view line : l.lines) tweets += text_of(line, text) ? 1 : 0;
  if (tweets == 0) state.SkipWithError("no tweets (fixture missing?)");
  for (auto _ : state) {
    for (std::string_view line : l.lines) {
      benchmark::DoNotOptimize(text_of(line, text));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * l.size));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tweets));
}

// 0: synthetic firehose lines, 1: the fixture's statuses.
BENCHMARK(BM_ExtractionMessageExtractor)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExtractionParseOnlyText)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace firecount
