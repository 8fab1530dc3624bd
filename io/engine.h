#pragma once
// Engine: the running pipeline. One reader thread frames the source into whole-line buffers
// (io/reader.h); N worker threads take buffers from a lock-free queue and parse, tokenize and
// count into their own double-buffered BatchDelta (core/parse_worker.h); the calling thread is
// the coordinator: it retires the workers' deltas through an epoch barrier and merges them into
// the CountState, and at every batch boundary it ranks the top-K and hands the BatchResult to
// the sink.
//
// Continuous folding: between boundaries, whenever the workers' active deltas together hold
// `fold_words` distinct words, the coordinator runs the same barrier and folds the retired deltas
// into the totals without publishing (CountState::apply keeps the ranking exact after every
// fold). A boundary then merges only the slice counted since the last fold, so its latency is
// bounded by `fold_words`, not by the batch's vocabulary; and the workers' deltas stay small
// enough to stay in cache. No fold starts within 2 ms of a boundary, and the totals table is
// grown ahead of need in steps of about a millisecond, one in each fold at least 10 ms from a
// boundary (CountState::begin_growth), so no boundary pays the rehash of a large table and no
// fold stalls for one. A record belongs to the batch whose boundary follows it, as without
// folding.
//
// Batch barrier, memory ordering: each worker slot has its own epoch. The coordinator stores a new
// one into the slot's `requested_epoch` (seq_cst). The worker checks it after every 64 KiB slice
// of a buffer, before starting a buffer and while idle (at least every 2 ms); on a change it
// flips to its other delta and stores the epoch into the slot's `acked_epoch` (release), then
// bumps `acks_` (release) and wakes the coordinator, which sleeps on `acks_` (a futex) while no
// worker has acknowledged. The coordinator merges each retired delta as soon as its worker
// acknowledged: its acquire load of `acked_epoch` makes every count the worker wrote into the
// retired delta visible. A worker that holds no buffer (`busy` false, stored seq_cst by the
// worker after its last write, loaded seq_cst by the coordinator after its request) is not
// waited for: its next look at the epoch, after it sets `busy`, sees the request before it writes
// again, so the coordinator merges its delta at once. A busy worker that has not acknowledged
// 1 ms into a barrier is waiting for a CPU: the barrier goes on without it and the next one
// merges that delta first, before asking it for another epoch (its lines count in the next
// batch, as lines still in the queue do). The worker never touches a retired delta again until
// the coordinator, having merged and reset it, requests the epoch after.
// Ingest never stops: workers keep counting into the active delta while the coordinator merges
// (at a fold or a boundary alike).
//
// Threading: run() is called once, on the coordinator thread; the sink and `warn` are called on
// that thread only.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/batch_result.h"
#include "core/count_state.h"
#include "core/tokenizer.h"
#include "io/reader.h"
#include "io/source.h"

namespace firecount {

struct EngineConfig {
  TokenizerConfig tokenizer;
  bool skip_retweets = false;
  unsigned threads = 0;  // 0: one per core
  std::chrono::milliseconds batch{2000};
  bool once = false;  // no periodic batches: only the final one
  std::optional<std::chrono::milliseconds> duration;
  size_t top = 30;
  // A mapped file's views are this large (read() buffers too). 4 MB against 1 MB: 4 % less wall
  // time at 2 threads on the 812 MB firehose file, from a quarter of the per-view wake-ups and
  // page-population calls (docs/reading.md).
  size_t buffer_bytes = size_t{4} << 20;
  // 0: one per worker + 2 (one in each worker's hands, two filling or queued). The count made no
  // measurable difference, the resident size of the views in flight does.
  size_t buffers = 0;
  size_t max_line_bytes = size_t{16} << 20;
  // Fold the workers' deltas into the totals between boundaries whenever they hold this many
  // distinct words together (checked every millisecond). 0: never fold; each boundary merges its
  // whole batch.
  size_t fold_words = size_t{1} << 14;
  // The workers run this much nicer than the coordinator and the reader, so that on a machine
  // whose cores the workers saturate, a fold or a boundary gets the CPU it needs at once instead
  // of a fair third of a core: on 1M distinct words the coordinator needs ~40% of a core to keep
  // up. The workers still get every cycle the others leave. 0: same priority.
  int worker_nice = 5;
  // The coordinator runs this many nice steps above the process (at most to -20) while the engine
  // runs, if the process may raise a thread's priority (root, CAP_SYS_NICE, or an RLIMIT_NICE
  // that allows it); otherwise it stays as it was. Against nice-5 workers it then never waits a
  // scheduler tick for the CPU after a burst of merging, the tail of the boundary latency at 1M
  // distinct words (docs/merge.md). 0: never try.
  int coordinator_boost = 15;
  // The work of one step of a growth of the totals (WordTable::grow_step units; about a
  // millisecond), unless the current slots would fill first. Tests lower it to see steps on
  // small tables.
  size_t grow_step_work = 65536;
};

// Returns true when a stop was requested (SIGINT, SIGTERM) within `timeout`.
using StopWaiter = std::function<bool(std::chrono::milliseconds timeout)>;
using BatchSink = std::function<void(const BatchResult&)>;
using WarnSink = std::function<void(const std::string&)>;

// One batch boundary, broken down (for diagnosing the tail of the boundary latency; a few clock
// reads per boundary, none on the workers' path).
struct BoundaryTiming {
  bool final = false;             // the final batch: measured from when every worker has exited
  double late_micros = 0;         // from the scheduled boundary to the coordinator starting it
  double wait_micros = 0;         // barrier: asleep waiting for workers to acknowledge
  double merge_micros = 0;        // merging the retired deltas and ranking (CountState::apply)
  double merge_cpu_micros = 0;    // the coordinator's CPU time in that merge: well below
                                  // merge_micros, it waited for a CPU meanwhile
  double total_micros = 0;        // from the scheduled boundary to the top-K ready (= merge_micros
                                  // of EngineReport)
  double sink_micros = 0;         // the sink's call
  uint64_t words = 0;             // distinct words in the merged deltas
  uint64_t deferred = 0;          // workers that had not acknowledged 1 ms into the barrier: their
                                  // slice is merged by the next fold or boundary
  bool grew = false;              // the totals table grew (rehash) during this merge
  double since_fold_micros = -1;  // from the end of the last fold to the boundary's start
  double fold_before_micros = 0;  // that fold's own duration
};

struct EngineReport {
  StateTotals totals;
  uint64_t distinct = 0;
  uint64_t batches = 0;
  uint64_t oversize_lines = 0;
  uint64_t truncated_lines = 0;
  double seconds = 0;  // wall time from start to the final batch
  // Each batch: from its scheduled boundary (the final one: from the end of input) to the top-K
  // handed to the sink; barrier wait, merge of the last slice and ranking included.
  std::vector<double> merge_micros;
  std::vector<BoundaryTiming> boundaries;  // the same batches, broken down
  std::vector<double> fold_micros;   // each fold between boundaries: barrier + merge (+ growth)
  double fold_cpu_seconds = 0;       // CPU time of the coordinator thread in those folds
  uint64_t growth_steps = 0;         // folds that did part of a growth of the totals, not all
  int coordinator_nice = 0;          // the coordinator's nice value while it ran
  bool coordinator_boosted = false;  // coordinator_boost was applied
  std::string stop_reason;           // "end of input", "signal", "duration"
};

class Engine {
 public:
  Engine(EngineConfig config, Source& source, BatchSink sink, WarnSink warn);
  ~Engine();

  // Opens the source and runs until it ends, the duration passes or `stop` says so. Errors: the
  // source could not be opened, the tokenizer could not be built, or the source failed while
  // reading (the counts up to the failure were still published as the final batch).
  absl::Status run(const StopWaiter& stop);

  const EngineReport& report() const { return report_; }
  // The final state (valid after run()).
  const CountState& state() const { return state_; }

 private:
  struct WorkerSlot;
  using Clock = std::chrono::steady_clock;

  void worker_main(WorkerSlot& slot);
  // What a barrier spent asleep and merging, and how many distinct words it merged.
  struct MergeStats {
    Clock::duration wait{};
    Clock::duration merge{};
    double merge_cpu_seconds = 0;  // the coordinator's CPU time in those merges
    uint64_t words = 0;
    uint64_t deferred = 0;  // workers not acknowledged by the deadline
  };
  // Retires the workers' active deltas and merges them; waits for busy workers at most `grace`
  // after asking them (the final batch comes after every worker exited and waits for none).
  MergeStats retire_and_merge(bool final, Clock::duration grace);
  void merge_delta(BatchDelta& delta, MergeStats& stats);
  bool fold_due(Clock::time_point now, Clock::time_point next_batch) const;
  void fold(Clock::time_point next_batch);
  // Begins or continues a growth of the totals in steps (from fold(), away from boundaries).
  void grow_totals(Clock::time_point now, Clock::duration until_boundary, size_t new_words);
  void barrier_and_publish(bool final, Clock::time_point since);
  void publish(bool final);
  void warn_bad_lines(const BatchDelta& delta);

  EngineConfig config_;
  Source& source_;
  BatchSink sink_;
  WarnSink warn_;
  CountState state_;
  EngineReport report_;
  std::vector<std::unique_ptr<WorkerSlot>> slots_;
  std::atomic<uint32_t> acks_{0};  // bumped by a worker on every acknowledgement and on exit
  std::atomic<bool> input_closed_{false};
  uint64_t next_batch_id_ = 0;
  bool warned_malformed_ = false;
  bool warned_invalid_utf8_ = false;
  Clock::time_point start_;
  Clock::time_point last_fold_end_{};
  Clock::duration last_fold_{};
  // New distinct words per second over the last batch, to size the growth of the totals ahead of
  // need (0: not measured yet).
  double new_words_per_second_ = 0;
  Clock::time_point rate_since_{};
  size_t rate_since_distinct_ = 0;
  std::unique_ptr<BufferPool> pool_;
  std::unique_ptr<WorkQueue> queue_;
};

}  // namespace firecount
