#include "io/engine.h"

#include <linux/futex.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <thread>

#include "absl/strings/str_cat.h"
#include "core/parse_worker.h"

namespace firecount {

struct alignas(64) Engine::WorkerSlot {
  BatchDelta deltas[2];                      // deltas[epoch & 1] is the active one
  std::atomic<uint64_t> requested_epoch{0};  // written by the coordinator
  std::atomic<uint64_t> acked_epoch{0};      // written by the worker
  // True while the worker holds a buffer (it may be writing its active delta); seq_cst with
  // `requested_epoch` (see retire_and_merge).
  std::atomic<bool> busy{false};
  uint64_t merged_epoch = 0;  // coordinator only: the epoch whose retired delta it merged last
  std::atomic<size_t> pending_words{0};  // relaxed: distinct words of the active delta, a hint
  std::atomic<bool> exited{false};
  std::unique_ptr<ParseWorker> worker;
  std::thread thread;
};

namespace {

using std::chrono::milliseconds;

// The bytes of whole lines a worker processes between two looks at the epoch (~15 tweets).
constexpr size_t kSliceBytes = size_t{64} << 10;
// How often the coordinator looks at the workers' delta sizes when folding is on.
constexpr milliseconds kFoldPoll{1};
// No fold starts this close before a boundary: the boundary merges that slice itself, and a fold
// in progress would delay it. A fold of fold_words words takes about a millisecond.
constexpr milliseconds kFoldGuard{2};
// Between kLastFold and kFoldGuard before a boundary the coordinator folds even a smaller slice
// (a quarter of fold_words), so the boundary merges about kLastFold of counting, whatever the
// cadence of the folds before.
constexpr milliseconds kLastFold{3};
// A growth of the totals is spread over the folds that start at least this far from a boundary,
// EngineConfig::grow_step_work of it each (about a millisecond: 2 MB of new slots zeroed, or 64k
// entries placed). One that must finish at once (the current slots are about to fill) does so
// only kGrowGuard or more before a boundary: a rehash of a million words takes 15-30 ms.
constexpr milliseconds kGrowStepGuard{10};
constexpr milliseconds kGrowGuard{50};
// How long a barrier waits for a busy worker to acknowledge. A running worker does within one
// slice (~0.2-0.4 ms); one that is not acknowledged by then is waiting for a CPU, and its slice
// goes to the next barrier instead of delaying this one.
constexpr std::chrono::microseconds kAckGrace{1000};

// Asks the scheduler for a short time slice on the calling (coordinator) thread while it lives.
// On Linux 6.12+ (EEVDF), a thread with a shorter slice than the workers' gets an earlier
// deadline, so when it wakes for a fold or a boundary it preempts a worker at once instead of
// waiting for a worker's slice to end. Its CPU share does not change (no nice, no privileges).
// Threads created meanwhile would inherit the slice. Best effort: older kernels ignore it; an
// error leaves the thread as it was.
class ShortSlice {
  // The kernel's struct sched_attr, first version (its header clashes with glibc's <sched.h>).
  struct sched_attr {
    uint32_t size;
    uint32_t sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime;
    uint64_t sched_deadline;
    uint64_t sched_period;
  };

 public:
  explicit ShortSlice(std::chrono::microseconds slice) {
    if (syscall(SYS_sched_getattr, 0, &saved_, sizeof saved_, 0) != 0) return;
    if (saved_.sched_policy != SCHED_OTHER) return;
    sched_attr attr = saved_;
    attr.size = sizeof attr;
    attr.sched_flags = 0;
    attr.sched_runtime =
        static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(slice).count());
    set_ = syscall(SYS_sched_setattr, 0, &attr, 0) == 0;
  }
  ~ShortSlice() {
    if (set_) {
      saved_.size = sizeof saved_;
      syscall(SYS_sched_setattr, 0, &saved_, 0);
    }
  }
  ShortSlice(const ShortSlice&) = delete;
  ShortSlice& operator=(const ShortSlice&) = delete;

 private:
  sched_attr saved_{};
  bool set_ = false;
};

// Raises the calling (coordinator) thread `boost` nice steps above where it is (at most to -20)
// while it lives, if the process may (root, CAP_SYS_NICE, an RLIMIT_NICE that allows it);
// otherwise leaves it as it was. Threads created meanwhile would inherit it. Lowering it back
// needs no privilege.
class RaisedPriority {
 public:
  explicit RaisedPriority(int boost) {
    errno = 0;
    const int now = getpriority(PRIO_PROCESS, tid());
    if (errno != 0) return;
    saved_ = nice_ = now;
    const int target = std::max(-20, now - boost);
    if (target < now && setpriority(PRIO_PROCESS, tid(), target) == 0) {
      nice_ = target;
      set_ = true;
    }
  }
  ~RaisedPriority() {
    if (set_) setpriority(PRIO_PROCESS, tid(), saved_);
  }
  RaisedPriority(const RaisedPriority&) = delete;
  RaisedPriority& operator=(const RaisedPriority&) = delete;

  int nice() const { return nice_; }
  bool raised() const { return set_; }

 private:
  static id_t tid() { return static_cast<id_t>(gettid()); }
  int saved_ = 0;
  int nice_ = 0;
  bool set_ = false;
};

// Wakes the coordinator sleeping in futex_wait_for on `word`. (std::atomic::notify_one would skip
// the system call for a waiter that did not wait through std::atomic::wait.)
void futex_wake(std::atomic<uint32_t>& word) {
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(&word), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr,
          0);
}

// Sleeps while `word` holds `expected`, at most `timeout`; returns early on a wake-up or a signal.
void futex_wait_for(std::atomic<uint32_t>& word, uint32_t expected,
                    std::chrono::nanoseconds timeout) {
  if (timeout <= std::chrono::nanoseconds::zero()) return;
  timespec ts{};
  ts.tv_sec = static_cast<time_t>(timeout.count() / 1000000000);
  ts.tv_nsec = static_cast<long>(timeout.count() % 1000000000);
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(&word), FUTEX_WAIT_PRIVATE, expected, &ts, nullptr,
          0);
}

double micros(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string excerpt_for_humans(const BadLineSample& sample) {
  std::string out;
  for (const char c : sample.excerpt) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      out += '?';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

Engine::Engine(EngineConfig config, Source& source, BatchSink sink, WarnSink warn)
    : config_(std::move(config)),
      source_(source),
      sink_(std::move(sink)),
      warn_(std::move(warn)),
      state_(config_.top) {}

Engine::~Engine() {
  for (auto& slot : slots_) {
    if (slot->thread.joinable()) slot->thread.join();
  }
}

void Engine::worker_main(WorkerSlot& slot) {
  if (config_.worker_nice > 0) {
    // Linux applies a nice value per thread. Raising it needs no privilege; best effort.
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), config_.worker_nice);
  }
  moodycamel::ConsumerToken token(*queue_);
  uint64_t epoch = 0;
  // Publishes the active delta's size for the fold trigger, and flips to the other delta when the
  // coordinator asked for a new epoch. An idle worker (`busy` false) publishes only after a flip:
  // without one, its active delta may be the one the coordinator is merging right now (it asked
  // for an epoch this look did not see yet, then saw the worker idle), and its size has not
  // changed since the last look anyway. After a flip the active delta is one the coordinator
  // merged and reset before asking (TSan found the read of a delta being merged).
  const auto follow_epoch = [&](bool idle) {
    const uint64_t requested = slot.requested_epoch.load(std::memory_order_seq_cst);
    const bool flip = requested != epoch;
    epoch = requested;
    if (!idle || flip) {
      slot.pending_words.store(slot.deltas[epoch & 1].counts.size(), std::memory_order_relaxed);
    }
    if (flip) {
      slot.acked_epoch.store(epoch, std::memory_order_release);
      acks_.fetch_add(1, std::memory_order_release);
      futex_wake(acks_);
    }
  };
  Buffer* buffer = nullptr;
  for (;;) {
    bool got = queue_->wait_dequeue_timed(token, buffer, std::chrono::milliseconds(2));
    if (!got && input_closed_.load(std::memory_order_acquire)) {
      // The reader enqueued everything before closing: an empty queue now stays empty.
      got = queue_->try_dequeue(token, buffer);
      if (!got) break;
    }
    if (!got) {
      follow_epoch(/*idle=*/true);
      continue;
    }
    // Busy before the look at the epoch: a coordinator that saw this worker idle after requesting
    // an epoch has taken its delta, and this look sees that epoch.
    slot.busy.store(true, std::memory_order_seq_cst);
    follow_epoch(/*idle=*/false);
    // A buffer is processed in slices of whole lines, with a look at the epoch after each, so a
    // barrier waits for at most one slice, not one buffer.
    const char* const data = buffer->data();
    for (size_t done = 0; done < buffer->size;) {
      size_t n = buffer->size - done;
      if (n > kSliceBytes) {
        const void* nl = std::memchr(data + done + kSliceBytes - 1, '\n', n - kSliceBytes + 1);
        if (nl != nullptr) n = static_cast<size_t>(static_cast<const char*>(nl) - data) + 1 - done;
      }
      slot.worker->process(data + done, n, buffer->readable() - done, buffer->stream_offset + done,
                           slot.deltas[epoch & 1]);
      done += n;
      follow_epoch(/*idle=*/false);
    }
    slot.busy.store(false, std::memory_order_seq_cst);
    pool_->release(buffer);
  }
  slot.exited.store(true, std::memory_order_release);
  acks_.fetch_add(1, std::memory_order_release);  // wakes a waiting barrier
  futex_wake(acks_);
}

void Engine::warn_bad_lines(const BatchDelta& delta) {
  const auto malformed = static_cast<int>(MessageKind::kMalformed);
  const auto invalid = static_cast<int>(MessageKind::kInvalidUtf8);
  if (!warned_malformed_ && delta.messages[malformed] > 0) {
    warned_malformed_ = true;
    warn_(absl::StrCat("skipped a malformed line at byte ", delta.first_malformed.stream_offset,
                       " of ", source_.describe(), ": \"",
                       excerpt_for_humans(delta.first_malformed),
                       "\" (further malformed lines are counted, not shown)"));
  }
  if (!warned_invalid_utf8_ && delta.messages[invalid] > 0) {
    warned_invalid_utf8_ = true;
    warn_(absl::StrCat("skipped a line of invalid UTF-8 at byte ",
                       delta.first_invalid_utf8.stream_offset, " of ", source_.describe(),
                       " (further ones are counted, not shown)"));
  }
}

void Engine::publish(bool final) {
  BatchResult result;
  result.batch = next_batch_id_++;
  // Like Spark's batch times: aligned to the batch interval.
  const int64_t now = wall_clock_ms();
  result.time_ms = now - now % config_.batch.count();
  result.totals = &state_.totals();
  result.distinct = state_.distinct();
  result.ranking = &state_.ranking();
  result.source = source_.describe();
  result.source_status = source_.status_line();
  result.final = final;
  sink_(result);
  ++report_.batches;
}

void Engine::merge_delta(BatchDelta& delta, MergeStats& stats) {
  const auto t0 = Clock::now();
  const double cpu0 = thread_cpu_seconds();
  warn_bad_lines(delta);
  stats.words += delta.counts.size();
  BatchDelta* const one[] = {&delta};
  state_.apply_consuming(one);
  delta.reset();
  stats.merge += Clock::now() - t0;
  stats.merge_cpu_seconds += thread_cpu_seconds() - cpu0;
}

Engine::MergeStats Engine::retire_and_merge(bool final, Clock::duration grace) {
  MergeStats stats;
  if (final) {
    const auto t0 = Clock::now();
    const double cpu0 = thread_cpu_seconds();
    // Every worker has exited (joined): both halves of each are ours.
    std::vector<BatchDelta*> all;
    for (auto& slot : slots_) {
      all.push_back(&slot->deltas[0]);
      all.push_back(&slot->deltas[1]);
    }
    for (BatchDelta* delta : all) {
      warn_bad_lines(*delta);
      stats.words += delta->counts.size();
    }
    state_.apply_consuming(std::span<BatchDelta* const>(all.data(), all.size()));
    for (BatchDelta* delta : all) delta->reset();
    stats.merge = Clock::now() - t0;
    stats.merge_cpu_seconds = thread_cpu_seconds() - cpu0;
    return stats;
  }
  // A new epoch for every worker whose last retired delta is merged. A worker that did not
  // acknowledge the last barrier in time is asked nothing new: its retired delta is merged below
  // once it acknowledges (by now, usually), before it can be asked for the next epoch.
  std::vector<WorkerSlot*> waiting;
  for (auto& slot : slots_) {
    if (slot->exited.load(std::memory_order_acquire)) continue;  // the final batch merges it
    const uint64_t requested = slot->requested_epoch.load(std::memory_order_relaxed);
    if (slot->merged_epoch == requested) {
      slot->requested_epoch.store(requested + 1, std::memory_order_seq_cst);
    }
    waiting.push_back(slot.get());
  }
  const Clock::time_point give_up = Clock::now() + grace;
  // Each worker's retired delta is merged as soon as that worker acknowledges, or at once if it
  // is idle (holds no buffer: `busy` read after the request, seq_cst both sides, so its next
  // look at the epoch sees the request before it writes again), so one worker's wait for a CPU
  // overlaps the merge of the other's delta. A worker that has not acknowledged by `give_up`
  // (it is waiting for a CPU) keeps its slice for the next barrier, as if those lines were still
  // in the queue; that barrier merges it first.
  while (!waiting.empty()) {
    const uint32_t acks = acks_.load(std::memory_order_acquire);
    bool merged = false;
    for (size_t i = 0; i < waiting.size();) {
      WorkerSlot& slot = *waiting[i];
      const uint64_t requested = slot.requested_epoch.load(std::memory_order_relaxed);
      const bool acked = slot.acked_epoch.load(std::memory_order_acquire) == requested;
      if (acked || !slot.busy.load(std::memory_order_seq_cst)) {
        merge_delta(slot.deltas[(requested & 1) ^ 1], stats);
        slot.merged_epoch = requested;
        // An idle worker publishes its (now empty) delta's size only at its next look at the
        // epoch, up to 2 ms away: until then the fold trigger would see the merged words.
        if (!acked) slot.pending_words.store(0, std::memory_order_relaxed);
      } else if (!slot.exited.load(std::memory_order_acquire)) {
        ++i;
        continue;
      }  // else: it exited; the final batch merges both its halves
      waiting[i] = waiting.back();
      waiting.pop_back();
      merged = true;
    }
    if (!merged && !waiting.empty()) {
      const auto t0 = Clock::now();
      if (t0 >= give_up) {
        stats.deferred += waiting.size();
        break;
      }
      futex_wait_for(acks_, acks, give_up - t0);  // until some worker acks or exits
      stats.wait += Clock::now() - t0;
    }
  }
  return stats;
}

bool Engine::fold_due(Clock::time_point now, Clock::time_point next_batch) const {
  if (config_.fold_words == 0) return false;
  size_t pending = 0;
  for (const auto& slot : slots_) {
    // An exited worker's words wait for the final batch: a fold cannot take them.
    if (slot->exited.load(std::memory_order_acquire)) continue;
    pending += slot->pending_words.load(std::memory_order_relaxed);
  }
  if (config_.once) return pending >= config_.fold_words;
  const auto until_boundary = next_batch - now;
  if (until_boundary < kFoldGuard) return false;
  if (until_boundary < kLastFold) return pending >= std::max<size_t>(1, config_.fold_words / 4);
  return pending >= config_.fold_words;
}

void Engine::fold(Clock::time_point next_batch) {
  const auto t0 = Clock::now();
  const double cpu0 = thread_cpu_seconds();
  const size_t distinct_before = state_.distinct();
  retire_and_merge(false, kAckGrace);
  const auto now = Clock::now();
  const auto until_boundary = next_batch - now;
  const size_t distinct = state_.distinct();
  if (config_.once) {
    // No boundary to keep on time: the totals grow at once, ahead by the next slices (one is
    // about fold_words distinct words), by no more than their own size.
    state_.reserve(distinct + std::min(distinct, 2 * config_.fold_words));
  } else if (until_boundary >= kGrowStepGuard) {
    grow_totals(now, until_boundary, distinct - distinct_before);
  }
  last_fold_end_ = Clock::now();
  last_fold_ = last_fold_end_ - t0;
  report_.fold_micros.push_back(micros(last_fold_));
  report_.fold_cpu_seconds += thread_cpu_seconds() - cpu0;
}

void Engine::grow_totals(Clock::time_point now, Clock::duration until_boundary, size_t new_words) {
  // The totals grow ahead of need and in steps: a rehash of a million words at once takes
  // 15-30 ms, and the words counted meanwhile made the next folds longer until the coordinator
  // caught up (docs/merge.md). A growth begins when the table would not hold the new words
  // expected until half a batch past the next boundary, at the rate of the last batch (or of
  // this one, once 10 ms of it are seen, if higher: the first batch has no other, and the
  // vocabulary grows fastest there), over at most a second and by at most a doubling (the first
  // batch's rate, measured over a few milliseconds, can ask for several times the table, and the
  // new slots are resident; at 1M distinct words, --batch 300ms, peak RSS went from 170-176 MB to
  // 145-152 MB). Until that rate is measured, a small table grows ahead by no more than its own
  // size. Then each fold at least kGrowStepGuard before a boundary does a step of it.
  const size_t distinct = state_.distinct();
  if (now - rate_since_ >= milliseconds(10)) {
    new_words_per_second_ = std::max(new_words_per_second_,
                                     static_cast<double>(distinct - rate_since_distinct_) /
                                         std::chrono::duration<double>(now - rate_since_).count());
  }
  size_t headroom = std::min(distinct, 2 * config_.fold_words);
  if (new_words_per_second_ > 0) {
    const double seconds =
        std::min(1.0, std::chrono::duration<double>(until_boundary + config_.batch / 2).count());
    headroom =
        std::max(2 * config_.fold_words, static_cast<size_t>(new_words_per_second_ * seconds));
    headroom = std::min(headroom, std::max(2 * config_.fold_words, distinct));
  }
  state_.begin_growth(distinct + headroom);
  if (!state_.growing()) return;
  // Each step does grow_step_work, or more if the current slots would fill before the steps are
  // done at that pace (the first batches of a fast-growing vocabulary): the rest of the work
  // spread over half the folds left until they fill, at this fold's count of new words, plus
  // the placing of those new words. The growth must end in a fold, far from the boundary, not in
  // whatever merge fills the slots, which may be the boundary's. Within kGrowGuard of a
  // boundary a step stays small.
  size_t work = config_.grow_step_work;
  if (until_boundary >= kGrowGuard) {
    const size_t room = state_.words().room();
    const size_t folds_left =
        room > distinct ? (room - distinct) / std::max<size_t>(new_words, 1) : 0;
    work =
        std::max(work, state_.growth_work_left() / std::max<size_t>(folds_left / 2, 1) + new_words);
  }
  if (state_.grow_step(work)) ++report_.growth_steps;
}

void Engine::barrier_and_publish(bool final, Clock::time_point since) {
  const auto t0 = Clock::now();
  const size_t room = state_.words().room();
  const MergeStats stats = retire_and_merge(final, kAckGrace);
  const auto t1 = Clock::now();
  if (t1 - rate_since_ >= milliseconds(10)) {
    new_words_per_second_ = static_cast<double>(state_.distinct() - rate_since_distinct_) /
                            std::chrono::duration<double>(t1 - rate_since_).count();
    rate_since_ = t1;
    rate_since_distinct_ = state_.distinct();
  }
  report_.merge_micros.push_back(micros(t1 - since));
  if (final) report_.seconds = std::chrono::duration<double>(t1 - start_).count();
  publish(final);
  BoundaryTiming b;
  b.final = final;
  b.late_micros = micros(t0 - since);
  b.wait_micros = micros(stats.wait);
  b.merge_micros = micros(stats.merge);
  b.merge_cpu_micros = stats.merge_cpu_seconds * 1e6;
  b.total_micros = micros(t1 - since);
  b.sink_micros = micros(Clock::now() - t1);
  b.words = stats.words;
  b.deferred = stats.deferred;
  b.grew = state_.words().room() != room;
  if (last_fold_end_ != Clock::time_point{}) {
    b.since_fold_micros = micros(t0 - last_fold_end_);
    b.fold_before_micros = micros(last_fold_);
  }
  report_.boundaries.push_back(b);
}

absl::Status Engine::run(const StopWaiter& stop) {
  if (absl::Status status = source_.open(); !status.ok()) return status;
  report_.stop_reason = "end of input";
  const unsigned threads =
      config_.threads ? config_.threads : std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < threads; ++i) {
    auto tokenizer = make_tokenizer(config_.tokenizer);
    if (!tokenizer.ok()) return tokenizer.status();
    auto slot = std::make_unique<WorkerSlot>();
    slot->worker = std::make_unique<ParseWorker>(source_.format(), std::move(*tokenizer),
                                                 config_.skip_retweets);
    slots_.push_back(std::move(slot));
  }
  const size_t buffers = config_.buffers ? config_.buffers : threads + 2;
  pool_ = std::make_unique<BufferPool>(buffers, config_.buffer_bytes);
  queue_ = std::make_unique<WorkQueue>(buffers);

  start_ = std::chrono::steady_clock::now();
  rate_since_ = start_;
  Reader reader(source_, *pool_, *queue_, config_.max_line_bytes, warn_);
  absl::Status read_status;
  std::atomic<bool> reader_done{false};
  std::thread reader_thread([&] {
    read_status = reader.run();
    input_closed_.store(true, std::memory_order_release);
    reader_done.store(true, std::memory_order_release);
  });
  for (auto& slot : slots_) {
    WorkerSlot* s = slot.get();
    s->thread = std::thread([this, s] { worker_main(*s); });
  }
  // After the threads exist: they would inherit it.
  const ShortSlice short_slice(std::chrono::microseconds(100));
  // After the slice: ShortSlice restores the attributes it saved, nice value included.
  const RaisedPriority raised(config_.coordinator_boost);
  report_.coordinator_nice = raised.nice();
  report_.coordinator_boosted = raised.raised();

  auto next_batch = start_ + config_.batch;
  const std::optional<Clock::time_point> deadline =
      config_.duration ? std::optional<Clock::time_point>(start_ + *config_.duration)
                       : std::nullopt;
  const milliseconds poll = config_.fold_words ? kFoldPoll : milliseconds(50);
  for (;;) {
    if (reader_done.load(std::memory_order_acquire)) break;
    auto now = Clock::now();
    if (deadline && now >= *deadline) {
      report_.stop_reason = "duration";
      break;
    }
    if (!config_.once && now >= next_batch) {
      barrier_and_publish(false, next_batch);
      next_batch += config_.batch;
      now = Clock::now();
      if (next_batch < now) next_batch = now + config_.batch;  // fell behind: skip, don't burst
    } else if (fold_due(now, next_batch)) {
      fold(next_batch);
      now = Clock::now();
    }
    auto wake = now + poll;
    if (!config_.once) {
      wake = std::min(wake, next_batch);
      if (config_.fold_words != 0 && now < next_batch - kLastFold) {
        wake = std::min(wake, next_batch - kLastFold);
      }
    }
    if (deadline) wake = std::min(wake, *deadline);
    if (wake - now < milliseconds(1)) {
      // The stop waiter counts whole milliseconds: sleep the last fraction precisely, so that a
      // boundary starts on time.
      std::this_thread::sleep_until(wake);
      continue;
    }
    if (stop(std::chrono::duration_cast<milliseconds>(wake - now))) {
      report_.stop_reason = "signal";
      break;
    }
  }

  source_.stop();
  reader_thread.join();
  // The workers drain the queue (up to every pool buffer): keep folding meanwhile, so the final
  // batch merges only the last slice, not everything counted since the last boundary's fold.
  if (config_.fold_words != 0) {
    const auto far = std::chrono::hours(1);  // no boundary ahead: folds may grow the totals
    for (;;) {
      bool running = false;
      for (const auto& slot : slots_) running |= !slot->exited.load(std::memory_order_acquire);
      if (!running) break;
      if (fold_due(Clock::now(), Clock::now() + far)) {
        fold(Clock::now() + far);
      } else {
        futex_wait_for(acks_, acks_.load(std::memory_order_acquire), kFoldPoll);
      }
    }
  }
  for (auto& slot : slots_) slot->thread.join();
  reader.finish();
  barrier_and_publish(true, Clock::now());

  const ReaderStats& rs = reader.stats();
  report_.totals = state_.totals();
  report_.distinct = state_.distinct();
  report_.oversize_lines = rs.oversize_lines.load(std::memory_order_relaxed);
  report_.truncated_lines = rs.truncated_lines.load(std::memory_order_relaxed);
  return read_status;
}

}  // namespace firecount
