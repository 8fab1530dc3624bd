// The batch merge: CountState::apply folding two workers' BatchDeltas into the running totals
// and re-ranking the top 30, then the deltas' reset() (both run on the barrier's thread). The
// 1M case is the target: a nearly flat vocabulary where each worker's delta holds about
// a million distinct words and the state already knows them all.
//
//   build/bench/merge_benchmark --benchmark_repetitions=5 --benchmark_report_aggregates_only

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

#include "core/count_state.h"
#include "core/synthetic_text.h"

namespace firecount {
namespace {

constexpr size_t kTop = 30;

// Two deltas over `vocabulary` words: every word once in each, plus Zipf(1.0) extra mass so the
// ranking is well defined and moves from batch to batch.
struct Deltas {
  std::vector<std::string> vocabulary;
  BatchDelta delta[2];
  size_t words() const { return delta[0].counts.size() + delta[1].counts.size(); }
};

const Deltas& deltas(size_t vocabulary) {
  static std::map<size_t, std::unique_ptr<Deltas>> cache;
  auto& d = cache[vocabulary];
  if (d) return *d;
  d = std::make_unique<Deltas>();
  d->vocabulary = internal::make_vocabulary(vocabulary, 3);
  internal::Rng rng(5);
  internal::ZipfSampler zipf(vocabulary, 1.0);
  for (int w = 0; w < 2; ++w) {
    for (const std::string& word : d->vocabulary) d->delta[w].add_word(word);
    for (size_t i = 0; i < vocabulary; ++i) d->delta[w].add_word(d->vocabulary[zipf.sample(rng)]);
  }
  return *d;
}

// Checks one apply against a plain recount of the same deltas.
bool check(const Deltas& d) {
  CountState state(kTop);
  const BatchDelta* ds[] = {&d.delta[0], &d.delta[1]};
  state.apply(ds);
  std::map<std::string, uint64_t> reference;
  for (const BatchDelta& delta : d.delta) {
    for (const WordTable::Entry& e : delta.counts.entries())
      reference[std::string(e.word())] += e.count;
  }
  Ranking all(reference.begin(), reference.end());
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  all.resize(std::min(all.size(), kTop));
  return state.distinct() == reference.size() && state.ranking() == all;
}

// Steady state: the totals already hold every word (one apply before timing).
void BM_MergeApplyKnownWords(benchmark::State& state) {
  const Deltas& d = deltas(static_cast<size_t>(state.range(0)));
  if (!check(d)) state.SkipWithError("apply disagrees with the recount");
  CountState counts(kTop);
  const BatchDelta* ds[] = {&d.delta[0], &d.delta[1]};
  counts.apply(ds);
  for (auto _ : state) {
    counts.apply(ds);
    benchmark::DoNotOptimize(counts.ranking().data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * d.words()));
  state.counters["distinct"] = static_cast<double>(counts.distinct());
}

// First batch: every word is new to the totals (inserts and growth).
void BM_MergeApplyNewWords(benchmark::State& state) {
  const Deltas& d = deltas(static_cast<size_t>(state.range(0)));
  const BatchDelta* ds[] = {&d.delta[0], &d.delta[1]};
  for (auto _ : state) {
    CountState counts(kTop);
    counts.apply(ds);
    benchmark::DoNotOptimize(counts.ranking().data());
    state.PauseTiming();
    { CountState drop = std::move(counts); }
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * d.words()));
}

// The deltas' reset after a merge (a full table: slots cleared in one pass).
void BM_MergeResetDelta(benchmark::State& state) {
  const Deltas& d = deltas(static_cast<size_t>(state.range(0)));
  BatchDelta delta;
  for (auto _ : state) {
    state.PauseTiming();
    delta.absorb(d.delta[0]);
    state.ResumeTiming();
    delta.reset();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * d.delta[0].counts.size()));
}

BENCHMARK(BM_MergeApplyKnownWords)->Arg(50'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MergeApplyNewWords)->Arg(50'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MergeResetDelta)->Arg(50'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace firecount
