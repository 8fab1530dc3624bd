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
// View mode: for a mapped file (io/mapped_file.h) the reader makes a buffer a view of whole lines
// inside the mapping instead of filling its storage (set_view); data() then points into the
// mapping, whose next bytes (at least kBufferPadding of them) are the padding. release() tells the
// mapping the view is back (MappedFile::view_returned, which drops pages in steps) and returns the
// buffer to the pool, so views are bounded by the pool like ordinary buffers.
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

class MappedFile;

struct Buffer {
  explicit Buffer(size_t capacity);

  // Reallocates the storage to `new_capacity` (> capacity), keeping its first `size` bytes.
  void grow(size_t new_capacity);

  // The lines to parse: the storage's, or the mapped file's for a view.
  const char* data() const { return view_ != nullptr ? view_ : bytes_.get(); }
  // Bytes readable from data(): the storage's capacity plus its zeroed padding, or for a view
  // everything up to the end of the mapping (>= size + kBufferPadding).
  size_t readable() const { return view_ != nullptr ? view_readable_ : capacity_ + kBufferPadding; }

  // The buffer's own storage, which the reader fills (never a view's bytes).
  char* storage() { return bytes_.get(); }
  size_t capacity() const { return capacity_; }

  // Makes the buffer a view of `size` bytes of whole lines at `lines` inside `file`'s mapping,
  // `readable` (>= size + kBufferPadding) bytes of which may be read.
  void set_view(const MappedFile& file, const char* lines, size_t view_size, size_t readable) {
    view_file_ = &file;
    view_ = lines;
    view_readable_ = readable;
    size = view_size;
  }
  const MappedFile* view_file() const { return view_file_; }

  size_t size = 0;             // bytes of whole lines (the last may lack its "\n" at the end)
  uint64_t stream_offset = 0;  // source offset of data()[0]

 private:
  friend class BufferPool;

  std::unique_ptr<char[]> bytes_;
  size_t capacity_;
  const MappedFile* view_file_ = nullptr;
  const char* view_ = nullptr;
  size_t view_readable_ = 0;
};

using WorkQueue = moodycamel::BlockingConcurrentQueue<Buffer*>;

class BufferPool {
 public:
  BufferPool(size_t count, size_t capacity);

  // Blocks until a buffer is free. The buffer comes back with size 0. Thread-safe.
  Buffer* acquire();
  // Returns a buffer; a view's pages go back to the kernel first. Thread-safe.
  void release(Buffer* buffer);

  size_t buffer_capacity() const { return capacity_; }

 private:
  size_t capacity_;
  std::vector<std::unique_ptr<Buffer>> buffers_;
  moodycamel::BlockingConcurrentQueue<Buffer*> free_;
};

}  // namespace firecount
