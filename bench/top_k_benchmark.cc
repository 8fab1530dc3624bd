// Top-K selection: TopKSelector offered every word of a Zipf batch (the worst case of a merge:
// the ranking not yet full, every word a candidate), k = 30 and 1000. Items are offers.
//
//   build/bench/top_k_benchmark --benchmark_repetitions=5 --benchmark_report_aggregates_only

#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/synthetic_text.h"
#include "core/top_k.h"

namespace firecount {
namespace {

struct Offers {
  std::vector<std::string> words;
  std::vector<uint64_t> counts;
};

const Offers& offers() {
  static const Offers o = [] {
    Offers x;
    x.words = internal::make_vocabulary(200'000, 9);
    internal::Rng rng(13);
    for (size_t r = 0; r < x.words.size(); ++r) {
      x.counts.push_back(1'000'000 / (r + 1) + rng.below(3));  // Zipf with ties
    }
    return x;
  }();
  return o;
}

void BM_TopKOfferAll(benchmark::State& state) {
  const Offers& o = offers();
  const size_t k = static_cast<size_t>(state.range(0));
  std::vector<WordCount> all;
  for (size_t i = 0; i < o.words.size(); ++i) all.push_back({o.words[i], o.counts[i]});
  std::sort(all.begin(), all.end(), ranks_before);
  all.resize(k);
  TopKSelector check(k);
  for (size_t i = 0; i < o.words.size(); ++i) check.offer(o.words[i], o.counts[i]);
  const std::vector<WordCount> got = check.take_sorted();
  if (got.size() != k || !std::equal(got.begin(), got.end(), all.begin(), [](auto& a, auto& b) {
        return a.word == b.word && a.count == b.count;
      })) {
    state.SkipWithError("top-K disagrees with a full sort");
  }
  for (auto _ : state) {
    TopKSelector selector(k);
    for (size_t i = 0; i < o.words.size(); ++i) selector.offer(o.words[i], o.counts[i]);
    benchmark::DoNotOptimize(selector.take_sorted().data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * o.words.size()));
}

BENCHMARK(BM_TopKOfferAll)->Arg(30)->Arg(1000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace firecount
