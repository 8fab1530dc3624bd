// `firecount bench`: the end-to-end firehose benchmark, in process and without disk.
//
// Generates (or loads with --input) one stream into memory, computes the expected answer with
// a deliberately simple reference (simdjson DOM + the split rule + std::unordered_map), then
// runs the full engine (reader, queue, workers, barrier, top-K) for each thread count and checks
// its totals and top-30 against the reference before printing any speed. Stage shares come from
// single-threaded passes over the same lines: extract only, extract + tokenize, everything.

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "absl/strings/str_format.h"
#include "core/message_extractor.h"
#include "core/options.h"
#include "core/parse_worker.h"
#include "core/synthetic_firehose.h"
#include "core/tokenizer.h"
#include "io/buffer_pool.h"
#include "io/engine.h"
#include "io/memory_source.h"
#include "simdjson.h"
#include "tools/commands.h"

namespace firecount {
namespace {

constexpr const char* kBenchUsage =
    R"(Usage: firecount bench [--tweets N] [--seed S] [--input FILE] [--threads LIST]
                       [--tokenizer split|words] [--repeat R] [--batch DURATION]
                       [--vocabulary N] [--zipf S] [--fold-words N] [--worker-nice N]
                       [--coordinator-boost N] [--boundaries]

The firehose benchmark: the full pipeline in process, no disk, checked against a reference.
  --tweets N        synthetic tweets to generate (default 200000)
  --seed S          generator seed (default 1)
  --input FILE      benchmark this NDJSON file instead of the generator
  --threads LIST    worker counts to run, e.g. 1,2 (default: 1 up to the number of cores)
  --tokenizer T     split (default) or words
  --repeat R        runs per thread count; the median is shown (default 3)
  --batch DURATION  batch interval during the runs (default 100ms: many merges to measure)
  --vocabulary N    distinct words of the generator's language (default 50000); e.g.
                    --vocabulary 1000000 --zipf 0.3 --tweets 300000 gives ~1M distinct words
  --zipf S          Zipf exponent of word ranks (default 1.0; small = flat)
  --fold-words N    fold the workers' deltas into the totals between batch boundaries when they
                    hold N distinct words (default: the engine's, 16384; 0: never fold)
  --worker-nice N   run the workers N nice steps below the coordinator, as the engine's flag
                    (0..19, default: the engine's, 5)
  --coordinator-boost N  raise the coordinator N nice steps when permitted, as the engine's
                    flag (0..20, default: the engine's, 15); the header says what it got
  --boundaries      print every batch boundary of every run to stderr, broken down: late
                    wake-up, barrier wait, merge and ranking, sink, words merged, last fold

merge p50/p99: from each scheduled batch boundary to its top-K handed to the sink. folds: merges
between boundaries (not published), per run, with their wall time (barrier wait included) p50
and p99; fold CPU: the coordinator's CPU time in folds, as a share of the run's wall time.
)";

struct Reference {
  uint64_t tweets = 0, tokens = 0;
  std::unordered_map<std::string, uint64_t> counts;
  Ranking top;
};

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// The simple reference: DOM parse, the text rule, split on ' ' and '\n', a hash map.
Reference reference_count(const std::string& data, Tokenizer* words_tokenizer, size_t top) {
  Reference ref;
  simdjson::dom::parser parser;
  TokenList list;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t end = data.find('\n', pos);
    if (end == std::string::npos) end = data.size();
    std::string_view line(data.data() + pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    simdjson::dom::object obj;
    if (parser.parse(line.data(), line.size()).get_object().get(obj)) continue;
    std::string_view text;
    bool found = false;
    simdjson::dom::object ext;
    if (!obj["extended_tweet"].get_object().get(ext) && !ext["full_text"].get_string().get(text)) {
      found = true;
    }
    if (!found && !obj["full_text"].get_string().get(text)) found = true;
    if (!found && !obj["text"].get_string().get(text)) found = true;
    if (!found) continue;
    ++ref.tweets;
    if (words_tokenizer) {
      list.clear();
      words_tokenizer->tokenize(text, list);
      for (std::string_view t : list.tokens()) ++ref.counts[std::string(t)];
      ref.tokens += list.size();
      continue;
    }
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
      if (i == text.size() || text[i] == ' ' || text[i] == '\n') {
        ++ref.counts[std::string(text.substr(start, i - start))];
        ++ref.tokens;
        start = i + 1;
      }
    }
  }
  ref.top.assign(ref.counts.begin(), ref.counts.end());
  std::sort(ref.top.begin(), ref.top.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (ref.top.size() > top) ref.top.resize(top);
  return ref;
}

struct StageTimes {
  double extract = 0, tokenize = 0, count = 0;
};

// Single-threaded passes: extract only; extract + tokenize; the whole ParseWorker.
StageTimes stage_times(const std::string& padded, size_t size, const TokenizerConfig& tc) {
  StageTimes st;
  std::vector<std::string_view> lines;
  for (size_t pos = 0; pos < size;) {
    size_t end = padded.find('\n', pos);
    if (end == std::string::npos || end > size) end = size;
    lines.emplace_back(padded.data() + pos, end - pos);
    pos = end + 1;
  }
  MessageExtractor extractor(MessageFormat::kTwitterV1);
  Record record;
  auto readable = [&](std::string_view line) {
    return padded.size() - static_cast<size_t>(line.data() - padded.data());
  };
  auto t0 = Clock::now();
  uint64_t kinds = 0;
  for (std::string_view line : lines)
    kinds += static_cast<uint64_t>(extractor.extract(line, readable(line), record));
  const double extract = seconds_since(t0);
  auto tokenizer = std::move(make_tokenizer(tc).value());
  TokenList list;
  t0 = Clock::now();
  uint64_t tokens = 0;
  for (std::string_view line : lines) {
    if (extractor.extract(line, readable(line), record) != MessageKind::kTweet) continue;
    list.clear();
    tokenizer->tokenize(record.text, list);
    tokens += list.size();
  }
  const double tokenize = seconds_since(t0);
  ParseWorker worker(MessageFormat::kTwitterV1, std::move(make_tokenizer(tc).value()), false);
  BatchDelta delta;
  t0 = Clock::now();
  worker.process(padded.data(), size, padded.size(), 0, delta);
  const double all = seconds_since(t0);
  if (kinds == 0 && tokens == 0) std::fputs("", stderr);  // keep the passes observable
  st.extract = extract;
  st.tokenize = std::max(0.0, tokenize - extract);
  st.count = std::max(0.0, all - tokenize);
  return st;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  return v[i];
}

bool parse_u64(std::string_view s, uint64_t& out) {
  if (s.empty()) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  out = v;
  return true;
}

// One line per batch boundary of a run, to stderr (the table stays on stdout): where its latency
// went.
void print_boundaries(unsigned threads, uint64_t run, const EngineReport& rep) {
  std::cerr << absl::StrFormat(
      "boundaries, %u thread(s), run %d (ms; late: scheduled to started; wait: barrier asleep; "
      "merge: merge and rank (cpu: the coordinator's CPU time in it; less: it waited for a CPU); "
      "words: distinct words merged; fold: end of the last fold before "
      "the boundary, and its duration; DEFERRED: workers not acknowledged 1 ms in, merged by the "
      "next fold):\n",
      threads, run + 1);
  for (size_t i = 0; i < rep.boundaries.size(); ++i) {
    const BoundaryTiming& b = rep.boundaries[i];
    std::cerr << absl::StrFormat(
        "  #%-3d %s total %7.2f  late %6.2f  wait %6.2f  merge %6.2f (cpu %6.2f)  sink %5.2f"
        "  words %7d  fold %7.2f ago (%.2f)%s%s\n",
        i, b.final ? "final" : "     ", b.total_micros / 1e3, b.late_micros / 1e3,
        b.wait_micros / 1e3, b.merge_micros / 1e3, b.merge_cpu_micros / 1e3, b.sink_micros / 1e3,
        b.words, b.since_fold_micros / 1e3, b.fold_before_micros / 1e3, b.grew ? "  GREW" : "",
        b.deferred ? absl::StrFormat("  DEFERRED %d", b.deferred) : std::string());
  }
}

int usage_error(const std::string& message) {
  std::cerr << "firecount bench: " << message << " (see firecount bench --help)\n";
  return 2;
}

}  // namespace

int run_bench_command(int argc, char** argv) {
  uint64_t tweets = 200'000, seed = 1, repeat = 3, vocabulary = 50'000;
  uint64_t fold_words = EngineConfig{}.fold_words;
  int worker_nice = EngineConfig{}.worker_nice;
  int coordinator_boost = EngineConfig{}.coordinator_boost;
  int coordinator_nice = 0;  // what the last run's coordinator got
  bool coordinator_boosted = false;
  double zipf = 1.0;
  std::string input;
  std::vector<unsigned> thread_counts;
  TokenizerConfig tc;
  std::chrono::milliseconds batch{100};
  bool show_boundaries = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kBenchUsage;
      return 0;
    }
    if (arg == "--boundaries") {
      show_boundaries = true;
      continue;
    }
    std::string_view name = arg, value;
    if (const size_t eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return usage_error(std::string(arg) + " needs a value");
    }
    if (name == "--tweets" || name == "--seed" || name == "--repeat" || name == "--vocabulary") {
      uint64_t v;
      if (!parse_u64(value, v) || (name != "--seed" && v == 0)) {
        return usage_error(std::string(name) + ": expected a positive whole number, got '" +
                           std::string(value) + "'");
      }
      (name == "--tweets"   ? tweets
       : name == "--seed"   ? seed
       : name == "--repeat" ? repeat
                            : vocabulary) = v;
    } else if (name == "--fold-words") {
      if (!parse_u64(value, fold_words)) {
        return usage_error("--fold-words: expected a whole number, got '" + std::string(value) +
                           "'");
      }
    } else if (name == "--worker-nice" || name == "--coordinator-boost") {
      const bool workers = name == "--worker-nice";
      const uint64_t max = workers ? 19 : 20;
      uint64_t v;
      if (!parse_u64(value, v) || v > max) {
        return usage_error(absl::StrFormat("%s: expected a whole number from 0 to %d, got '%s'",
                                           name, max, value));
      }
      (workers ? worker_nice : coordinator_boost) = static_cast<int>(v);
    } else if (name == "--zipf") {
      char* end = nullptr;
      const std::string text(value);
      zipf = std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0' || !(zipf >= 0) || zipf > 10) {
        return usage_error("--zipf: expected an exponent from 0 to 10, got '" + text + "'");
      }
    } else if (name == "--input") {
      input = std::string(value);
    } else if (name == "--threads") {
      std::stringstream ss{std::string(value)};
      std::string item;
      while (std::getline(ss, item, ',')) {
        uint64_t v;
        if (!parse_u64(item, v) || v == 0 || v > 256) {
          return usage_error("--threads: expected a list like 1,2 of counts from 1 to 256");
        }
        thread_counts.push_back(static_cast<unsigned>(v));
      }
    } else if (name == "--tokenizer") {
      if (value == "split") {
        tc.kind = TokenizerKind::kSplit;
      } else if (value == "words") {
        tc.kind = TokenizerKind::kWords;
      } else {
        return usage_error("--tokenizer: unknown value '" + std::string(value) +
                           "' (accepted: split, words)");
      }
    } else if (name == "--batch") {
      auto d = parse_duration(value);
      if (!d || d->count() <= 0) return usage_error("--batch: expected a duration like 100ms");
      batch = *d;
    } else {
      return usage_error("unknown argument '" + std::string(arg) + "'");
    }
  }
  if (thread_counts.empty()) {
    for (unsigned t = 1; t <= std::max(1u, std::thread::hardware_concurrency()); ++t) {
      thread_counts.push_back(t);
    }
  }
  auto tokenizer_check = make_tokenizer(tc);
  if (!tokenizer_check.ok()) {
    std::cerr << "firecount bench: " << tokenizer_check.status().message() << "\n";
    return 1;
  }

  // The stream, padded so the stage passes can parse in place.
  std::string data;
  std::string what;
  if (!input.empty()) {
    std::ifstream in(input, std::ios::binary);
    if (!in) {
      std::cerr << "firecount bench: cannot read --input " << input << "\n";
      return 1;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    data = ss.str();
    what = input;
  } else {
    FirehoseConfig config;
    config.seed = seed;
    config.tweets = tweets;
    config.vocabulary_size = vocabulary;
    config.zipf_exponent = zipf;
    config.text_fragments = std::max<size_t>(config.text_fragments, vocabulary);
    SyntheticFirehose firehose(config);
    data.resize(size_t{1} << 20);
    size_t size = 0;
    for (;;) {
      if (data.size() - size < firehose.max_line_bytes()) data.resize(data.size() * 2);
      const size_t n = firehose.fill(data.data() + size, data.size() - size);
      if (n == 0) break;
      size += n;
    }
    data.resize(size);
    what = absl::StrFormat("synthetic seed %d, %d tweets, vocabulary %d, zipf %g", seed, tweets,
                           vocabulary, zipf);
  }
  const size_t size = data.size();
  data.append(kBufferPadding, '\0');
  const std::string_view stream(data.data(), size);

  std::cout << "firecount bench: " << what << ", "
            << absl::StrFormat("%.1f", static_cast<double>(size) / 1e6) << " MB, tokenizer "
            << (tc.kind == TokenizerKind::kSplit ? "split" : "words") << ", v1.1 extractor "
            << v1_extractor_implementation() << "\n";
  const Reference ref = reference_count(
      std::string(stream), tc.kind == TokenizerKind::kWords ? tokenizer_check->get() : nullptr, 30);
  std::cout << "reference: " << ref.tweets << " tweets, " << ref.tokens << " tokens, "
            << ref.counts.size() << " distinct\n";

  const StageTimes st = stage_times(data, size, tc);

  std::cout << "\n| threads | tweets/s | MB/s | tokens/s | merge p50 | merge p99 | batches | folds"
               " | fold p50 | fold p99 | fold CPU |\n"
            << "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  double merge_total_1 = 0, seconds_1 = 0;
  for (unsigned threads : thread_counts) {
    std::vector<double> seconds;
    std::vector<double> merges;
    std::vector<double> folds;
    double fold_cpu_seconds = 0, run_seconds = 0;
    uint64_t batches = 0;
    for (uint64_t r = 0; r < repeat; ++r) {
      MemorySource source(stream, MessageFormat::kTwitterV1, SIZE_MAX, "memory");
      EngineConfig config;
      config.tokenizer = tc;
      config.threads = threads;
      config.batch = batch;
      config.top = 30;
      config.fold_words = fold_words;
      config.worker_nice = worker_nice;
      config.coordinator_boost = coordinator_boost;
      Engine engine(
          config, source, [](const BatchResult&) {}, [](const std::string&) {});
      absl::Status status = engine.run([](std::chrono::milliseconds t) {
        std::this_thread::sleep_for(t);
        return false;
      });
      if (!status.ok()) {
        std::cerr << "firecount bench: the engine failed: " << status.message() << "\n";
        return 1;
      }
      const EngineReport& rep = engine.report();
      if (rep.totals.tweets != ref.tweets || rep.totals.tokens != ref.tokens ||
          rep.distinct != ref.counts.size() || engine.state().ranking() != ref.top) {
        std::cerr << "firecount bench: WRONG ANSWER with " << threads << " threads: tweets "
                  << rep.totals.tweets << " vs " << ref.tweets << ", tokens " << rep.totals.tokens
                  << " vs " << ref.tokens << ", distinct " << rep.distinct << " vs "
                  << ref.counts.size() << "; no speed is reported\n";
        return 1;
      }
      if (show_boundaries) print_boundaries(threads, r, rep);
      coordinator_nice = rep.coordinator_nice;
      coordinator_boosted = rep.coordinator_boosted;
      seconds.push_back(rep.seconds);
      merges.insert(merges.end(), rep.merge_micros.begin(), rep.merge_micros.end());
      folds.insert(folds.end(), rep.fold_micros.begin(), rep.fold_micros.end());
      fold_cpu_seconds += rep.fold_cpu_seconds;
      run_seconds += rep.seconds;
      batches += rep.batches;
    }
    const double s = percentile(seconds, 0.5);
    if (threads == thread_counts.front()) {
      seconds_1 = s;
      for (double m : merges) merge_total_1 += m / 1e6;
      merge_total_1 = (merge_total_1 + fold_cpu_seconds) / static_cast<double>(repeat);
    }
    std::cout << absl::StrFormat(
        "| %u | %.0f | %.0f | %.0f | %.2f ms | %.2f ms | %d | %d | %.2f ms | %.2f ms | %.1f%% |\n",
        threads, static_cast<double>(ref.tweets) / s, static_cast<double>(size) / s / 1e6,
        static_cast<double>(ref.tokens) / s, percentile(merges, 0.5) / 1e3,
        percentile(merges, 0.99) / 1e3, batches / repeat, folds.size() / repeat,
        percentile(folds, 0.5) / 1e3, percentile(folds, 0.99) / 1e3,
        run_seconds > 0 ? 100 * fold_cpu_seconds / run_seconds : 0.0);
  }
  const double total = st.extract + st.tokenize + st.count + merge_total_1;
  std::cout << absl::StrFormat(
      "\nstage shares (one thread): parse %.0f%%, tokenize %.0f%%, count %.0f%%, merge %.1f%%"
      " (boundaries and folds; single-threaded pass %.2f s, engine with %u thread(s) %.2f s)\n",
      100 * st.extract / total, 100 * st.tokenize / total, 100 * st.count / total,
      100 * merge_total_1 / total, st.extract + st.tokenize + st.count, thread_counts.front(),
      seconds_1);
  std::cout << absl::StrFormat(
                   "scheduling: workers at nice +%d from the coordinator; coordinator at "
                   "nice %d",
                   worker_nice, coordinator_nice)
            << (coordinator_boosted ? absl::StrFormat(" (raised %d steps)\n", coordinator_boost)
                : coordinator_boost == 0
                    ? " (--coordinator-boost 0)\n"
                    : " (not raised: that needs root, CAP_SYS_NICE or RLIMIT_NICE)\n");
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::cout << absl::StrFormat(
      "peak RSS: %.0f MB (the whole process, stream in memory included: %.0f MB)\n",
      static_cast<double>(usage.ru_maxrss) / 1024.0, static_cast<double>(size) / 1e6);
  return 0;
}

}  // namespace firecount
