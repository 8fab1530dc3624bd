// Counting: a worker adding tokens into its BatchDelta (core/word_table.h), one batch per
// iteration (the delta is reset and reused, as the engine does): one tweet's tokens at a time
// with add_all() as ParseWorker does, and one token at a time with add(). A flat_hash_map
// <std::string, uint64_t>, the previous counter, runs on the same tokens as the baseline. Each
// checks every count against the baseline's before timing; `probe` is the mean slots a lookup
// of a word of the batch reads (1.0 when every word is in its home slot).
// Vocabularies: 50k Zipf(1.0) words (the default stream) and 1M nearly flat (Zipf 0.3).
//
//   build/bench/counting_benchmark --benchmark_repetitions=5 --benchmark_report_aggregates_only

#include <benchmark/benchmark.h>

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/batch_delta.h"
#include "core/synthetic_text.h"

namespace firecount {
namespace {

struct Tokens {
  std::vector<std::string> vocabulary;
  std::vector<std::string_view> stream;  // one batch worth of tokens
  size_t bytes = 0;
  size_t distinct = 0;
};

const Tokens& tokens(size_t vocabulary, double exponent, size_t count) {
  static std::vector<std::unique_ptr<Tokens>> cache;
  for (auto& t : cache) {
    if (t->vocabulary.size() == vocabulary && t->stream.size() == count) return *t;
  }
  auto t = std::make_unique<Tokens>();
  t->vocabulary = internal::make_vocabulary(vocabulary, 7);
  internal::ZipfSampler zipf(vocabulary, exponent);
  internal::Rng rng(11);
  std::vector<bool> seen(vocabulary);
  for (size_t i = 0; i < count; ++i) {
    const size_t r = zipf.sample(rng);
    t->stream.push_back(t->vocabulary[r]);
    t->bytes += t->vocabulary[r].size();
    if (!seen[r]) ++t->distinct, seen[r] = true;
  }
  cache.push_back(std::move(t));
  return *cache.back();
}

// Every count of `table` equals the plain map's count of the stream.
bool counts_match(const Tokens& t, const WordTable& table) {
  absl::flat_hash_map<std::string_view, uint64_t> expected;
  for (std::string_view w : t.stream) ++expected[w];
  if (expected.size() != t.distinct || table.size() != t.distinct) return false;
  for (const WordTable::Entry& e : table.entries()) {
    const auto it = expected.find(e.word());
    if (it == expected.end() || it->second != e.count) return false;
  }
  return true;
}

constexpr size_t kTokensPerTweet = 22;  // the synthetic stream's mean

void add_by_tweet(const Tokens& t, BatchDelta& delta) {
  const std::span<const std::string_view> stream(t.stream);
  for (size_t i = 0; i < stream.size(); i += kTokensPerTweet) {
    delta.counts.add_all(stream.subspan(i, std::min(kTokensPerTweet, stream.size() - i)));
  }
}

void BM_CountingAddAll(benchmark::State& state) {
  const Tokens& t = tokens(static_cast<size_t>(state.range(0)), state.range(1) / 10.0,
                           static_cast<size_t>(state.range(2)));
  BatchDelta delta;
  add_by_tweet(t, delta);
  if (!counts_match(t, delta.counts)) state.SkipWithError("wrong counts");
  state.counters["probe"] =
      static_cast<double>(delta.counts.probe_steps()) / static_cast<double>(delta.counts.size());
  for (auto _ : state) {
    delta.reset();
    add_by_tweet(t, delta);
    benchmark::DoNotOptimize(delta.counts.size());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * t.stream.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * t.bytes));
  state.counters["distinct"] = static_cast<double>(t.distinct);
}

void BM_CountingBatchDelta(benchmark::State& state) {
  const Tokens& t = tokens(static_cast<size_t>(state.range(0)), state.range(1) / 10.0,
                           static_cast<size_t>(state.range(2)));
  BatchDelta delta;
  for (std::string_view w : t.stream) delta.add_word(w);
  if (!counts_match(t, delta.counts)) state.SkipWithError("wrong counts");
  for (auto _ : state) {
    delta.reset();
    for (std::string_view w : t.stream) delta.add_word(w);
    benchmark::DoNotOptimize(delta.counts.size());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * t.stream.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * t.bytes));
  state.counters["distinct"] = static_cast<double>(t.distinct);
}

void BM_CountingFlatHashMapBaseline(benchmark::State& state) {
  const Tokens& t = tokens(static_cast<size_t>(state.range(0)), state.range(1) / 10.0,
                           static_cast<size_t>(state.range(2)));
  absl::flat_hash_map<std::string, uint64_t> counts;
  for (auto _ : state) {
    counts.clear();
    for (std::string_view w : t.stream) ++counts[absl::string_view(w.data(), w.size())];
    benchmark::DoNotOptimize(counts.size());
  }
  if (counts.size() != t.distinct) state.SkipWithError("wrong distinct count");
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * t.stream.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * t.bytes));
}

// {vocabulary, zipf exponent x10, tokens per batch}
#define FIRECOUNT_COUNTING_ARGS \
  Args({50'000, 10, 2'000'000})->Args({1'000'000, 3, 4'000'000})->Unit(benchmark::kMillisecond)
BENCHMARK(BM_CountingAddAll)->FIRECOUNT_COUNTING_ARGS;
BENCHMARK(BM_CountingBatchDelta)->FIRECOUNT_COUNTING_ARGS;
BENCHMARK(BM_CountingFlatHashMapBaseline)->FIRECOUNT_COUNTING_ARGS;

}  // namespace
}  // namespace firecount
