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
// Mapped files (Source::mapped(), io/mapped_file.h): the reader hands out views of whole lines
// into the mapping instead of copying (one view per pool buffer, so the pool bounds them), each
// about a buffer long, or one line if that is longer (up to `max_line_bytes`). A view ends at
// least kBufferPadding bytes before the end of the mapping; the last stretch is copied into an
// ordinary buffer with the same framing as read() bytes, and then read() continues for bytes
// appended since open. The lines delivered, the oversize lines skipped and the offsets are the
// same as with read(). If the file shrinks underneath (truncated), the reader stops at its new
// end B: the whole lines before B are delivered, a line cut at B is dropped, and one warning says
// so; lines in views the workers were already parsing when the file shrank read as zeros there
// and count as malformed lines (the warning says how many bytes).
//
// Threading: run() executes on the reader thread; stats() may be read from any thread; finish()
// on any one thread after run() returned and the consumers returned every buffer.

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

  // Reports what shows only once the consumers are done: a mapped file that shrank under views
  // they were parsing after the reader had finished (one warning, if run() gave none).
  void finish();

  const ReaderStats& stats() const { return stats_; }

 private:
  struct MappedEnd {
    uint64_t offset = 0;      // where copying (and then read()) takes over
    bool discarding = false;  // inside an oversize line there
    bool stopped = false;
  };
  void hand_off(Buffer*& buffer, size_t complete_end);
  // Hands out views of the mapping until its last stretch.
  MappedEnd run_mapped();
  // The next bytes at `offset`: the mapping's (copied) before its end, then the source's.
  absl::StatusOr<ReadResult> read_some(char* dest, size_t capacity, uint64_t offset);
  // Whether the mapped file shrank: recorded by the SIGBUS handler or prefault, or with
  // `ask_file`, seen by fstat. The first time, cuts the mapping at the new end and warns.
  bool mapping_shrunk(bool ask_file);
  void note_oversize(uint64_t line_offset);

  Source& source_;
  BufferPool& pool_;
  WorkQueue& queue_;
  size_t max_line_bytes_;
  std::function<void(const std::string&)> warn_;
  ReaderStats stats_;
  bool warned_oversize_ = false;
  bool warned_truncated_ = false;
  const MappedFile* mapped_ = nullptr;
  uint64_t mapped_end_ = 0;  // the mapping's bytes still to be trusted (its size until it shrank)
  uint64_t handed_end_ = 0;  // the end of the last view handed to the consumers
  bool shrunk_ = false;
};

}  // namespace firecount
