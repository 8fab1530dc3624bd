#pragma once
// Reader: pulls bytes from a Source into pooled buffers and hands whole-line buffers to the
// parse workers' queue.
//
// Framing rules: a line never straddles two buffers (the partial last line is copied into the
// next buffer); a buffer is handed over as soon as it holds a complete line and either the
// source had nothing more to give right away (live sources: low latency) or the buffer is
// nearly full (files: large batches). A line larger than the buffer grows the buffer, up to
// `max_line_bytes`; a longer line is skipped up to its "\n", counted and reported once. When a
// source reconnects, a partial line from the lost connection is dropped and counted. At the
// end of the stream, a last line without "\n" is delivered.
//
// Threading: run() executes on the reader thread; stats() may be read from any thread.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "io/buffer_pool.h"
#include "io/source.h"

namespace firecount {

struct ReaderStats {
  // Relaxed counters: read for reporting only, never to synchronize.
  std::atomic<uint64_t> bytes{0};
  std::atomic<uint64_t> buffers{0};
  std::atomic<uint64_t> oversize_lines{0};   // longer than max_line_bytes: skipped
  std::atomic<uint64_t> truncated_lines{0};  // cut by a reconnect: dropped
};

class Reader {
 public:
  // `warn` receives one-line diagnostics (at most one per kind of problem).
  Reader(Source& source, BufferPool& pool, WorkQueue& queue, size_t max_line_bytes,
         std::function<void(const std::string&)> warn);

  // Reads until the source ends or is stopped. Returns the source's error if it failed; the
  // complete lines read before are delivered either way.
  absl::Status run();

  const ReaderStats& stats() const { return stats_; }

 private:
  void hand_off(Buffer*& buffer, size_t complete_end);

  Source& source_;
  BufferPool& pool_;
  WorkQueue& queue_;
  size_t max_line_bytes_;
  std::function<void(const std::string&)> warn_;
  ReaderStats stats_;
  bool warned_oversize_ = false;
  bool warned_truncated_ = false;
};

}  // namespace firecount
