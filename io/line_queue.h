#pragma once
// LineQueue: the bounded hand-off between a live source's network thread (producer) and the
// reader thread that calls Source::read (consumer).
//
// It holds whole '\n'-terminated lines in a byte ring of fixed capacity, plus "discontinuity"
// markers (a reconnect happened here) that always sit on a line boundary. read() may take any
// number of bytes — it need not stop at a line end — but it stops at a marker, so the reader
// learns of the reconnect exactly between two lines and never loses a partial line.
//
// When the ring is full, push_line() either waits for room (kBlock: the network thread stops
// reading the socket, which back-pressures the server) or drops the line and returns false
// (kDrop). A line longer than the whole ring is always dropped. Memory is capacity + O(markers).
//
// Threading: one producer thread and one consumer thread; stop() and close() from any thread.
// Memory ordering: all state is guarded by one mutex; the condition variables wake the other side.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string_view>
#include <vector>

#include "io/source.h"

namespace firecount {

class LineQueue {
 public:
  LineQueue(size_t capacity_bytes, bool block_when_full);

  // Appends `line` and a '\n'. Returns false when the line was dropped (queue full under kDrop,
  // line larger than the queue, or the queue stopped). Producer only.
  bool push_line(std::string_view line);

  // Records a reconnect at the current line boundary. Producer only.
  void push_discontinuity();

  // The producer is done for good: read() drains the rest, then returns kEnd.
  void close();

  // Makes read() return kStopped and a waiting push_line() return false. Any thread.
  void stop();

  // Blocks until bytes, a marker, the end or stop(). Consumer only.
  ReadResult read(char* dest, size_t capacity);

  size_t size_bytes() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable readable_;
  std::condition_variable writable_;
  std::vector<char> ring_;
  size_t head_ = 0;             // ring index of the first unread byte
  size_t size_ = 0;             // unread bytes
  uint64_t pushed_ = 0;         // total bytes ever pushed
  uint64_t popped_ = 0;         // total bytes ever read
  std::deque<uint64_t> marks_;  // discontinuities, as values of pushed_
  bool block_when_full_;
  bool closed_ = false;
  bool stopped_ = false;
};

}  // namespace firecount
