// The batch merge: CountState::apply folding two workers' BatchDeltas into the running totals
// and re-ranking the top 30, then the deltas' reset() (both run on the barrier's thread). The
// 1M case is the target: a nearly flat vocabulary where each worker's delta holds about
// a million distinct words and the state already knows them all. With continuous folding
// (io/engine.h) a boundary merges only the slice since the last fold: BM_MergeFoldSlice is that
// path (a slice of N distinct words into totals of a million), BM_MergeGrowTotals the growth the
// engine moves out of boundaries.
//
//   build/bench/merge_benchmark --benchmark_repetitions=5 --benchmark_report_aggregates_only

#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <memory>
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

// Slices as the engine folds them: two workers' deltas of `words` / 2 words each, drawn from a
// flat (Zipf 0.3) distribution over the vocabulary, as in the 1M-distinct firehose benchmark.
struct Slices {
  static constexpr size_t kCount = 16;
  BatchDelta delta[kCount][2];
};

const Slices& slices(size_t vocabulary, size_t words) {
  static std::map<std::pair<size_t, size_t>, std::unique_ptr<Slices>> cache;
  auto& s = cache[{vocabulary, words}];
  if (s) return *s;
  s = std::make_unique<Slices>();
  const Deltas& d = deltas(vocabulary);
  internal::Rng rng(words);
  internal::ZipfSampler zipf(vocabulary, 0.3);
  for (auto& slice : s->delta) {
    for (BatchDelta& delta : slice) {
      while (delta.counts.size() < words / 2) delta.add_word(d.vocabulary[zipf.sample(rng)]);
    }
  }
  return *s;
}

// Checks that the totals of Deltas plus every slice, folded one slice at a time, rank as a
// recount does.
bool check_folds(const Deltas& d, const Slices& s) {
  CountState state(kTop);
  const BatchDelta* base[] = {&d.delta[0], &d.delta[1]};
  state.apply(base);
  std::map<std::string, uint64_t> reference;
  for (const BatchDelta& delta : d.delta) {
    for (const WordTable::Entry& e : delta.counts.entries()) {
      reference[std::string(e.word())] += e.count;
    }
  }
  for (const auto& slice : s.delta) {
    const BatchDelta* ds[] = {&slice[0], &slice[1]};
    state.apply(ds);
    for (const BatchDelta& delta : slice) {
      for (const WordTable::Entry& e : delta.counts.entries()) {
        reference[std::string(e.word())] += e.count;
      }
    }
  }
  Ranking all(reference.begin(), reference.end());
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  all.resize(std::min(all.size(), kTop));
  return state.distinct() == reference.size() && state.ranking() == all;
}

// A boundary's merge after continuous folding: one slice of range(1) distinct words into totals
// that already hold every word of a range(0) vocabulary, ranking included.
void BM_MergeFoldSlice(benchmark::State& state) {
  const size_t vocabulary = static_cast<size_t>(state.range(0));
  const Deltas& d = deltas(vocabulary);
  const Slices& s = slices(vocabulary, static_cast<size_t>(state.range(1)));
  if (!check_folds(d, s)) state.SkipWithError("folded slices disagree with the recount");
  CountState counts(kTop);
  const BatchDelta* base[] = {&d.delta[0], &d.delta[1]};
  counts.apply(base);
  size_t i = 0, words = 0;
  for (auto _ : state) {
    const auto& slice = s.delta[i++ % Slices::kCount];
    const BatchDelta* ds[] = {&slice[0], &slice[1]};
    counts.apply(ds);
    benchmark::DoNotOptimize(counts.ranking().data());
    words += slice[0].counts.size() + slice[1].counts.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(words));
}

// Growing totals of range(0) words to the next table size (what the engine does in a fold far
// from a boundary, so no boundary pays it).
void BM_MergeGrowTotals(benchmark::State& state) {
  const size_t vocabulary = static_cast<size_t>(state.range(0));
  const Deltas& d = deltas(vocabulary);
  for (auto _ : state) {
    state.PauseTiming();
    auto counts = std::make_unique<CountState>(kTop);
    const BatchDelta* ds[] = {&d.delta[0]};
    counts->apply(ds);
    const size_t before = counts->words().memory_bytes();
    state.ResumeTiming();
    counts->reserve(2 * counts->distinct());
    state.PauseTiming();
    if (counts->words().memory_bytes() <= before) state.SkipWithError("reserve did not grow");
    counts.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * vocabulary));
}

BENCHMARK(BM_MergeFoldSlice)
    ->Args({1'000'000, 16'384})
    ->Args({1'000'000, 65'536})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MergeGrowTotals)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MergeApplyKnownWords)->Arg(50'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MergeApplyNewWords)->Arg(50'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MergeResetDelta)->Arg(50'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace firecount
