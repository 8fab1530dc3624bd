#include "io/buffer_pool.h"

#include <cstring>

#include "io/mapped_file.h"

namespace firecount {

Buffer::Buffer(size_t capacity) : bytes_(new char[capacity + kBufferPadding]), capacity_(capacity) {
  std::memset(bytes_.get() + capacity_, 0, kBufferPadding);
}

void Buffer::grow(size_t new_capacity) {
  std::unique_ptr<char[]> bigger(new char[new_capacity + kBufferPadding]);
  std::memcpy(bigger.get(), bytes_.get(), size);
  std::memset(bigger.get() + new_capacity, 0, kBufferPadding);
  bytes_ = std::move(bigger);
  capacity_ = new_capacity;
}

BufferPool::BufferPool(size_t count, size_t capacity) : capacity_(capacity) {
  buffers_.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    buffers_.push_back(std::make_unique<Buffer>(capacity));
    free_.enqueue(buffers_.back().get());
  }
}

Buffer* BufferPool::acquire() {
  Buffer* buffer = nullptr;
  free_.wait_dequeue(buffer);
  buffer->size = 0;
  buffer->stream_offset = 0;
  return buffer;
}

void BufferPool::release(Buffer* buffer) {
  if (buffer->view_file_ != nullptr) {
    buffer->view_file_->view_returned(
        static_cast<uint64_t>(buffer->view_ - buffer->view_file_->data()));
    buffer->view_file_ = nullptr;
    buffer->view_ = nullptr;
    buffer->view_readable_ = 0;
  }
  free_.enqueue(buffer);
}

}  // namespace firecount
