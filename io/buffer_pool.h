#pragma once
// Buffer and BufferPool: the large reusable blocks of whole lines that flow from the reader to
// the parse workers, and the pool that recycles them.
//
// A buffer holds `size` bytes of whole lines (the reader carries a partial last line over to the
// next buffer) followed by at least simdjson::SIMDJSON_PADDING readable bytes, so simdjson can
// parse any line in place. The pool is created with a fixed number of buffers: when all are in
// flight the reader blocks in acquire(), which bounds memory and applies backpressure to the
// source. A buffer grows only to hold a line larger than itself (up to the reader's line limit).
//
// Threading: acquire() and release() are thread-safe (moodycamel BlockingConcurrentQueue);
// a Buffer is owned by one thread at a time, handed over through the queues.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "blockingconcurrentqueue.h"

namespace firecount {

inline constexpr size_t kBufferPadding = 64;  // >= simdjson::SIMDJSON_PADDING

struct Buffer {
  explicit Buffer(size_t capacity);

  // Reallocates to `new_capacity` (> capacity), keeping the first `size` bytes.
  void grow(size_t new_capacity);

  char* data() { return bytes_.get(); }
  const char* data() const { return bytes_.get(); }
  size_t capacity() const { return capacity_; }
  // Bytes readable from data(): capacity plus the zeroed padding.
  size_t readable() const { return capacity_ + kBufferPadding; }

  size_t size = 0;             // bytes of whole lines (the last may lack its "\n" at the end)
  uint64_t stream_offset = 0;  // source offset of data()[0]

 private:
  std::unique_ptr<char[]> bytes_;
  size_t capacity_;
};

using WorkQueue = moodycamel::BlockingConcurrentQueue<Buffer*>;

class BufferPool {
 public:
  BufferPool(size_t count, size_t capacity);

  // Blocks until a buffer is free. The buffer comes back with size 0. Thread-safe.
  Buffer* acquire();
  // Returns a buffer. Thread-safe.
  void release(Buffer* buffer);

  size_t buffer_capacity() const { return capacity_; }

 private:
  size_t capacity_;
  std::vector<std::unique_ptr<Buffer>> buffers_;
  moodycamel::BlockingConcurrentQueue<Buffer*> free_;
};

}  // namespace firecount
