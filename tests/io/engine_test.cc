#include "io/engine.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "io/memory_source.h"

namespace firecount {
namespace {

// Lines of space-separated words (the text format: one tweet text per line) over a skewed
// vocabulary, so the ranking has heavy words and many ties.
std::string make_text(uint32_t seed, int lines, int vocabulary) {
  std::mt19937 rng(seed);
  std::string text;
  for (int l = 0; l < lines; ++l) {
    const int words = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < words; ++i) {
      const auto r = static_cast<uint64_t>(rng() % static_cast<uint32_t>(vocabulary));
      if (i > 0) text += ' ';
      text += "w" + std::to_string(r * r % static_cast<uint64_t>(vocabulary));
    }
    text += '\n';
  }
  return text;
}

std::map<std::string, uint64_t> reference_counts(const std::string& text) {
  std::map<std::string, uint64_t> counts;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ' || text[i] == '\n') {
      ++counts[text.substr(start, i - start)];
      start = i + 1;
    }
  }
  return counts;
}

Ranking top(const std::map<std::string, uint64_t>& counts, size_t k) {
  Ranking all(counts.begin(), counts.end());
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (all.size() > k) all.resize(k);
  return all;
}

// A MemorySource shaped in time: reads of at most `chunk_bytes`, each after `pause` (a run lasts
// long enough for the coordinator to fold many times), and a stream that stays open `linger`
// after its last byte (a quiet live stream: the engine keeps publishing while workers finish).
class TimedSource final : public Source {
 public:
  TimedSource(std::string_view bytes, size_t chunk_bytes, std::chrono::microseconds pause,
              std::chrono::milliseconds linger)
      : inner_(bytes, MessageFormat::kText, chunk_bytes), pause_(pause), linger_(linger) {}
  absl::Status open() override { return inner_.open(); }
  absl::StatusOr<ReadResult> read(char* dest, size_t capacity) override {
    std::this_thread::sleep_for(pause_);
    auto result = inner_.read(dest, capacity);
    if (result.ok() && result->kind == ReadResult::Kind::kEnd) std::this_thread::sleep_for(linger_);
    return result;
  }
  void stop() override { inner_.stop(); }
  MessageFormat format() const override { return inner_.format(); }
  SourcePosition position() const override { return inner_.position(); }
  std::string describe() const override { return "timed"; }

 private:
  MemorySource inner_;
  std::chrono::microseconds pause_;
  std::chrono::milliseconds linger_;
};

struct EngineRun {
  EngineReport report;
  Ranking ranking;
  uint64_t distinct = 0;
  std::vector<std::string> errors;  // what the sink found wrong at a boundary
};

// Runs the engine with many folds; at every published batch the sink checks the incremental
// ranking against a full ranking of the engine's own totals at that moment.
EngineRun run_engine(Source& source, const EngineConfig& config) {
  const size_t k = config.top;
  EngineRun run;
  Engine* engine_ptr = nullptr;
  Engine engine(
      config, source,
      [&](const BatchResult& result) {
        std::map<std::string, uint64_t> now;
        for (const WordTable::Entry& e : engine_ptr->state().words().entries()) {
          now[std::string(e.word())] = e.count;
        }
        if (*result.ranking != top(now, k)) {
          run.errors.push_back("batch " + std::to_string(result.batch) + ": ranking differs");
        }
        if (result.distinct != now.size()) {
          run.errors.push_back("batch " + std::to_string(result.batch) + ": distinct differs");
        }
      },
      [&](const std::string& line) { run.errors.push_back("warning: " + line); });
  engine_ptr = &engine;
  const absl::Status status = engine.run([](std::chrono::milliseconds t) {
    std::this_thread::sleep_for(t);
    return false;
  });
  EXPECT_TRUE(status.ok()) << status;
  run.report = engine.report();
  run.ranking = engine.state().ranking();
  run.distinct = engine.state().distinct();
  return run;
}

EngineRun run_engine(Source& source, std::chrono::milliseconds batch, size_t fold_words, size_t k,
                     size_t buffer_bytes = 16 << 10) {
  EngineConfig config;
  config.threads = 2;
  config.batch = batch;
  config.top = k;
  config.fold_words = fold_words;
  config.buffer_bytes = buffer_bytes;
  return run_engine(source, config);
}

EngineRun run_engine(const std::string& text, std::chrono::milliseconds batch, size_t fold_words,
                     size_t k) {
  TimedSource source(text, 4096, std::chrono::microseconds(300), std::chrono::milliseconds(0));
  return run_engine(source, batch, fold_words, k);
}

// The run's final totals are those of a plain recount: tweets, tokens, distinct words, top-k.
void expect_exact(const EngineRun& run, const std::map<std::string, uint64_t>& reference,
                  uint64_t tweets, size_t k) {
  EXPECT_EQ(run.report.totals.tweets, tweets);
  uint64_t tokens = 0;
  for (const auto& [word, count] : reference) tokens += count;
  EXPECT_EQ(run.report.totals.tokens, tokens);
  EXPECT_EQ(run.distinct, reference.size());
  EXPECT_EQ(run.ranking, top(reference, k));
}

// Folding on every poll, one publish at the end: the totals, distinct words and top-K are those
// of a plain recount.
TEST(EngineTest, ManyFoldsAndOnePublishCountExactly) {
  const std::string text = make_text(7, 60'000, 3000);
  const auto reference = reference_counts(text);
  const EngineRun run = run_engine(text, std::chrono::hours(1), /*fold_words=*/1, 25);
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  EXPECT_EQ(run.report.batches, 1u);
  EXPECT_GE(run.report.fold_micros.size(), 20u) << "the run should have folded many times";
  expect_exact(run, reference, 60'000, 25);
}

// Folds between frequent publishes: every published ranking is exact for the totals it was
// published with, and the final state matches the recount.
TEST(EngineTest, FoldsBetweenPublishesKeepEveryRankingExact) {
  const std::string text = make_text(11, 60'000, 800);
  const auto reference = reference_counts(text);
  const EngineRun run = run_engine(text, std::chrono::milliseconds(30), /*fold_words=*/1, 10);
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  EXPECT_GE(run.report.batches, 3u);
  EXPECT_GE(run.report.fold_micros.size(), 3u);
  EXPECT_EQ(run.report.merge_micros.size(), run.report.batches);
  EXPECT_EQ(run.distinct, reference.size());
  EXPECT_EQ(run.ranking, top(reference, 10));
}

// A flat vocabulary of ~25k words read at ~2 MB/s, with growth steps of 256 units: every growth
// of the totals from 4k slots up is spread over folds (each fold brings a few hundred new words
// against thousands of free slots, so no step has to finish one at once, however slow the
// build), merges run between the steps, and every published ranking and distinct count, and the
// final totals, are those of a recount.
TEST(EngineTest, TotalsGrowInStepsBetweenFoldsAndCountExactly) {
  std::mt19937 rng(5);
  std::string text;
  for (int l = 0; l < 30'000; ++l) {
    for (int i = 0, n = 1 + static_cast<int>(rng() % 8); i < n; ++i) {
      text += (i > 0 ? " w" : "w") + std::to_string(rng() % 25'000);  // flat: mostly new words
    }
    text += '\n';
  }
  const auto reference = reference_counts(text);
  ASSERT_GT(reference.size(), 20'000u);
  TimedSource source(text, 2048, std::chrono::microseconds(1000), std::chrono::milliseconds(0));
  EngineConfig config;
  config.threads = 2;
  config.batch = std::chrono::milliseconds(40);
  config.top = 20;
  config.fold_words = 1;
  config.buffer_bytes = 16 << 10;
  config.grow_step_work = 256;
  const EngineRun run = run_engine(source, config);
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  EXPECT_GE(run.report.batches, 3u);
  EXPECT_GE(run.report.growth_steps, 5u) << "growths of the totals should take several steps";
  expect_exact(run, reference, 30'000, 20);
}

// The per-boundary breakdown (firecount bench --boundaries): one entry per published batch, the
// final one last, each total the batch's merge_micros and no less than its parts.
TEST(EngineTest, BoundaryBreakdownMatchesTheBatches) {
  const std::string text = make_text(17, 40'000, 2000);
  const auto reference = reference_counts(text);
  const EngineRun run = run_engine(text, std::chrono::milliseconds(25), /*fold_words=*/64, 10);
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  const std::vector<BoundaryTiming>& b = run.report.boundaries;
  ASSERT_EQ(b.size(), run.report.batches);
  ASSERT_GE(b.size(), 3u);
  uint64_t words = 0;
  for (size_t i = 0; i < b.size(); ++i) {
    EXPECT_EQ(b[i].final, i + 1 == b.size()) << i;
    EXPECT_EQ(b[i].total_micros, run.report.merge_micros[i]) << i;
    EXPECT_GE(b[i].late_micros, 0) << i;
    EXPECT_LE(b[i].late_micros + b[i].wait_micros + b[i].merge_micros, b[i].total_micros + 1) << i;
    EXPECT_GE(b[i].merge_cpu_micros, 0) << i;
    EXPECT_LE(b[i].merge_cpu_micros, b[i].merge_micros + 1000) << i;  // CPU within wall time
    EXPECT_LE(b[i].words, reference.size() * 4) << i;  // at most every word, in each of 4 deltas
    words += b[i].words;
  }
  EXPECT_GT(words, 0u);
  EXPECT_EQ(run.distinct, reference.size());
}

// A worker busy with one long line (a slice is whole lines) cannot acknowledge a barrier for
// tens of milliseconds: the barriers go on without it 1 ms in (the boundary reports it deferred),
// the other worker, idle, is merged without waiting, the deferred delta is merged by a later
// barrier, and nothing is lost or counted twice.
TEST(EngineTest, ABusyWorkerIsDeferredNotWaitedForAndNothingIsLost) {
  std::string text = make_text(19, 2'000, 300);
  std::string long_line;
  std::mt19937 rng(23);
  for (int i = 0; i < 1'500'000; ++i) {
    if (i > 0) long_line += ' ';
    long_line += "w" + std::to_string(rng() % 1000);
  }
  text += long_line + "\n" + make_text(29, 2'000, 300);
  const auto reference = reference_counts(text);
  TimedSource source(text, SIZE_MAX, std::chrono::microseconds(0), std::chrono::milliseconds(300));
  const EngineRun run = run_engine(source, std::chrono::milliseconds(2), /*fold_words=*/64, 10,
                                   /*buffer_bytes=*/1 << 20);
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  uint64_t deferred = 0;
  for (const BoundaryTiming& b : run.report.boundaries) {
    deferred += b.deferred;
    // The wait for acknowledgements is bounded by the grace (plus a wake-up's lateness).
    EXPECT_LT(b.wait_micros, 50'000) << "a barrier waited for the busy worker";
  }
  EXPECT_GT(deferred, 0u) << "no boundary went on without the worker on the long line";
  expect_exact(run, reference, 4'001, 10);
}

// fold_words = 0 turns folding off: the same answer, no folds.
TEST(EngineTest, NoFoldingGivesTheSameAnswer) {
  const std::string text = make_text(13, 20'000, 500);
  const auto reference = reference_counts(text);
  const EngineRun run = run_engine(text, std::chrono::milliseconds(40), /*fold_words=*/0, 10);
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  EXPECT_TRUE(run.report.fold_micros.empty());
  EXPECT_EQ(run.distinct, reference.size());
  EXPECT_EQ(run.ranking, top(reference, 10));
}

// The coordinator (the thread calling run) is raised while the engine runs, if the process may,
// and is back at its own priority afterwards; the report says what it ran at.
TEST(EngineTest, CoordinatorBoostIsUndoneAfterTheRun) {
  errno = 0;
  const int before = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
  ASSERT_EQ(errno, 0);
  const std::string text = make_text(17, 2'000, 300);
  MemorySource source(text, MessageFormat::kText, 4096, "memory");
  EngineConfig config;
  config.threads = 2;
  config.coordinator_boost = 3;
  Engine engine(
      config, source, [](const BatchResult&) {}, [](const std::string&) {});
  ASSERT_TRUE(engine.run([](std::chrono::milliseconds) { return false; }).ok());
  EXPECT_EQ(getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())), before);
  if (engine.report().coordinator_boosted) {
    EXPECT_EQ(engine.report().coordinator_nice, std::max(-20, before - 3));
  } else {
    EXPECT_EQ(engine.report().coordinator_nice, before);
  }
  EXPECT_EQ(engine.report().totals.tokens, [&] {
    uint64_t n = 0;
    for (const auto& [word, count] : reference_counts(text)) n += count;
    return n;
  }());
}

}  // namespace
}  // namespace firecount
