#include "io/reader.h"

#include <cstring>

#include "absl/strings/str_cat.h"

namespace firecount {
namespace {

// Position just past the last '\n' in [data + from, data + to), or `none` if there is none.
size_t after_last_newline(const char* data, size_t from, size_t to, size_t none) {
  const void* nl = memrchr(data + from, '\n', to - from);
  return nl ? static_cast<size_t>(static_cast<const char*>(nl) - data) + 1 : none;
}

}  // namespace

Reader::Reader(Source& source, BufferPool& pool, WorkQueue& queue, size_t max_line_bytes,
               std::function<void(const std::string&)> warn)
    : source_(source),
      pool_(pool),
      queue_(queue),
      max_line_bytes_(max_line_bytes),
      warn_(std::move(warn)) {}

void Reader::hand_off(Buffer*& buffer, size_t complete_end) {
  Buffer* next = pool_.acquire();
  const size_t tail = buffer->size - complete_end;
  if (tail > next->capacity()) next->grow(buffer->capacity());
  std::memcpy(next->data(), buffer->data() + complete_end, tail);
  next->size = tail;
  next->stream_offset = buffer->stream_offset + complete_end;
  buffer->size = complete_end;
  stats_.buffers.fetch_add(1, std::memory_order_relaxed);
  queue_.enqueue(buffer);
  buffer = next;
}

absl::Status Reader::run() {
  Buffer* buffer = pool_.acquire();
  uint64_t offset = 0;      // source bytes consumed so far
  size_t complete_end = 0;  // bytes of whole lines at the front of `buffer`
  bool discarding = false;  // inside an oversize line: drop bytes up to the next '\n'
  absl::Status status;

  for (;;) {
    if (!discarding && buffer->size == buffer->capacity()) {
      if (complete_end > 0) {
        hand_off(buffer, complete_end);
        complete_end = 0;
      } else if (buffer->capacity() < max_line_bytes_) {
        buffer->grow(std::min(buffer->capacity() * 2, max_line_bytes_));
      } else {
        stats_.oversize_lines.fetch_add(1, std::memory_order_relaxed);
        if (!warned_oversize_) {
          warned_oversize_ = true;
          warn_(
              absl::StrCat("line at byte ", buffer->stream_offset, " of ", source_.describe(),
                           " is longer than ", max_line_bytes_,
                           " bytes: skipped up to its end (further ones are counted, not shown)"));
        }
        discarding = true;
        buffer->size = 0;
        buffer->stream_offset = offset;
      }
    }
    const size_t room = buffer->capacity() - buffer->size;
    auto result = source_.read(buffer->data() + buffer->size, room);
    if (!result.ok()) {
      status = result.status();
      break;
    }
    if (result->kind == ReadResult::Kind::kData) {
      const size_t n = result->bytes;
      stats_.bytes.fetch_add(n, std::memory_order_relaxed);
      const size_t begin = buffer->size;
      offset += n;
      if (discarding) {
        const void* first_nl = std::memchr(buffer->data() + begin, '\n', n);
        if (!first_nl) {
          buffer->stream_offset = offset;  // everything so far is dropped
          continue;
        }
        const size_t keep_from =
            static_cast<size_t>(static_cast<const char*>(first_nl) - buffer->data()) + 1;
        const size_t keep = begin + n - keep_from;
        std::memmove(buffer->data(), buffer->data() + keep_from, keep);
        buffer->size = keep;
        buffer->stream_offset = offset - keep;
        discarding = false;
        complete_end = after_last_newline(buffer->data(), 0, keep, 0);
      } else {
        buffer->size += n;
        complete_end = after_last_newline(buffer->data(), begin, buffer->size, complete_end);
      }
      const bool short_read = n < room;
      const bool nearly_full = buffer->capacity() - buffer->size < buffer->capacity() / 4;
      if (complete_end > 0 && (short_read || nearly_full)) {
        hand_off(buffer, complete_end);
        complete_end = 0;
      }
      continue;
    }
    if (result->kind == ReadResult::Kind::kDiscontinuity) {
      if (buffer->size > complete_end && !discarding) {
        stats_.truncated_lines.fetch_add(1, std::memory_order_relaxed);
        if (!warned_truncated_) {
          warned_truncated_ = true;
          warn_(absl::StrCat(source_.describe(),
                             ": connection lost in the middle of a line; the partial line was "
                             "dropped (further ones are counted, not shown)"));
        }
      }
      buffer->size = complete_end;
      discarding = false;
      if (complete_end > 0) {
        hand_off(buffer, complete_end);
        complete_end = 0;
      }
      buffer->stream_offset = offset;
      continue;
    }
    // kEnd delivers a last line without "\n"; kStopped drops a partial line (the source was
    // cut off mid-line, the rest of that line was never read).
    if (result->kind == ReadResult::Kind::kStopped) buffer->size = complete_end;
    break;
  }

  if (discarding || !status.ok()) buffer->size = discarding ? 0 : complete_end;
  if (buffer->size > 0) {
    stats_.buffers.fetch_add(1, std::memory_order_relaxed);
    queue_.enqueue(buffer);
  } else {
    pool_.release(buffer);
  }
  return status;
}

}  // namespace firecount
