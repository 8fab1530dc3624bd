// How fast the synthetic firehose writes NDJSON into a caller's buffer, single-threaded. It must
// be several times faster than the engine consumes (~600k tweets/s x ~4 KB on 2 cores), so
// `--source synthetic` and `firecount bench` measure the engine, not the generator.
//
// Before timing, each benchmark checks its answer: the same seed gives the same bytes, every
// line is valid JSON (simdjson DOM) and the stream is valid UTF-8.

#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/synthetic_firehose.h"

namespace firecount {
namespace {

constexpr size_t kBufferBytes = size_t{1} << 20;

// Empty when `config`'s first few MB are deterministic, valid UTF-8 and valid JSON per line.
std::string check_stream(const FirehoseConfig& config) {
  std::string streams[2];
  for (std::string& stream : streams) {
    SyntheticFirehose firehose(config);
    std::vector<char> buffer(kBufferBytes);
    for (int i = 0; i < 4; ++i)
      stream.append(buffer.data(), firehose.fill(buffer.data(), kBufferBytes));
  }
  if (streams[0] != streams[1]) return "two generators with the same seed wrote different bytes";
  if (!simdjson::validate_utf8(streams[0])) return "the stream is not valid UTF-8";
  simdjson::dom::parser parser;
  std::string_view rest = streams[0];
  size_t tweets = 0;
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    if (nl == std::string_view::npos) return "the stream ends with a partial line";
    const std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl + 1);
    if (line == "\r") continue;
    simdjson::dom::element doc;
    if (parser.parse(simdjson::padded_string(line)).get(doc) != simdjson::SUCCESS) {
      return "a line is not valid JSON: " + std::string(line.substr(0, 200));
    }
    tweets += doc["text"].is_string();
  }
  if (tweets < 500) return "too few tweets in 4 MB: " + std::to_string(tweets);
  return "";
}

void BM_SyntheticFirehoseFill(benchmark::State& state) {
  FirehoseConfig config;
  config.seed = 1;
  if (const std::string error = check_stream(config); !error.empty()) {
    state.SkipWithError(error.c_str());
    return;
  }
  SyntheticFirehose firehose(config);
  std::vector<char> buffer(kBufferBytes);
  size_t bytes = 0;
  for (auto _ : state) {
    const size_t n = firehose.fill(buffer.data(), buffer.size());
    benchmark::DoNotOptimize(buffer.data());
    benchmark::ClobberMemory();
    bytes += n;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(firehose.tweets_produced()));
  state.counters["bytes_per_tweet"] =
      static_cast<double>(bytes) /
      static_cast<double>(std::max<uint64_t>(1, firehose.tweets_produced()));
}
BENCHMARK(BM_SyntheticFirehoseFill)->Unit(benchmark::kMicrosecond);

// The one-off cost of building the pool (vocabulary, users, entities, fragments).
void BM_SyntheticFirehoseConstruct(benchmark::State& state) {
  FirehoseConfig config;
  for (auto _ : state) {
    SyntheticFirehose firehose(config);
    benchmark::DoNotOptimize(firehose.max_line_bytes());
  }
}
BENCHMARK(BM_SyntheticFirehoseConstruct)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace firecount
