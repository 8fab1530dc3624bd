#include "io/reader.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "io/mapped_file.h"

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

void Reader::note_oversize(uint64_t line_offset) {
  stats_.oversize_lines.fetch_add(1, std::memory_order_relaxed);
  if (!warned_oversize_) {
    warned_oversize_ = true;
    warn_(absl::StrCat("line at byte ", line_offset, " of ", source_.describe(), " is longer than ",
                       max_line_bytes_,
                       " bytes: skipped up to its end (further ones are counted, not shown)"));
  }
}

bool Reader::mapping_shrunk(bool ask_file) {
  if (shrunk_) return true;
  const uint64_t now = ask_file ? mapped_->current_size() : mapped_->size();
  if (!mapped_->shrunk() && now >= mapped_->size()) return false;
  shrunk_ = true;
  // The file's bytes end at its new length, and nothing the handler zeroed is data.
  mapped_end_ = std::min({mapped_->current_size(), mapped_->first_zeroed(), mapped_->size()});
  std::string message = absl::StrCat(source_.describe(), " shrank from ", mapped_->size(), " to ",
                                     mapped_end_, " bytes while being read: lines from byte ",
                                     mapped_end_, " on were not counted");
  if (handed_end_ > mapped_end_) {
    absl::StrAppend(&message, "; ", handed_end_ - mapped_end_,
                    " bytes of lines already being parsed read as zeros and count as malformed");
  }
  warn_(message);
  return true;
}

void Reader::finish() {
  if (mapped_ != nullptr) mapping_shrunk(false);
}

Reader::MappedEnd Reader::run_mapped() {
  const MappedFile& file = *mapped_;
  const char* const base = file.data();
  const uint64_t size = file.size();
  const uint64_t view_bytes = pool_.buffer_capacity();
  // Where read() finds a line too long: one that fills a buffer of max_line_bytes (or a larger
  // pool buffer, which never grows).
  const uint64_t line_limit = std::max<uint64_t>(max_line_bytes_, view_bytes);
  // The last byte a view may end at: the kBufferPadding bytes after it are its padding.
  const uint64_t last_end = size > kBufferPadding ? size - kBufferPadding : 0;
  uint64_t p = 0;
  while (p < last_end) {
    if (source_.stop_requested()) return {p, false, true};
    const uint64_t window = std::min(p + view_bytes, last_end);
    uint64_t end = after_last_newline(base, p, window, p);
    if (end == p) {
      if (mapping_shrunk(false)) break;  // zeros past the new end, not a long line
      // The line at p is longer than a view: one view of that line, if it ends in time.
      const uint64_t limit = p + line_limit;  // its "\n" must come before
      const uint64_t scan_to = std::min(limit, last_end);
      const void* nl =
          scan_to > window ? std::memchr(base + window, '\n', scan_to - window) : nullptr;
      if (nl != nullptr) {
        end = static_cast<uint64_t>(static_cast<const char*>(nl) - base) + 1;
      } else if (limit <= last_end) {
        // No "\n" in its first line_limit bytes: skipped up to its end, as with read().
        const void* next = std::memchr(base + limit, '\n', size - limit);
        if (mapping_shrunk(true)) break;  // those were zeros past the new end
        note_oversize(p);
        const uint64_t skip_to =
            next ? static_cast<uint64_t>(static_cast<const char*>(next) - base) + 1 : size;
        stats_.bytes.fetch_add(skip_to - p, std::memory_order_relaxed);
        p = skip_to;
        if (next == nullptr) return {p, true, false};
        continue;
      } else {
        break;  // its end may lie in the last stretch
      }
    }
    Buffer* view = pool_.acquire();
    file.prefault(p, end + kBufferPadding);
    if (mapping_shrunk(false)) {
      pool_.release(view);
      break;
    }
    view->set_view(file, base + p, end - p, size - p);
    file.view_handed_out(p, end);
    view->stream_offset = p;
    stats_.bytes.fetch_add(end - p, std::memory_order_relaxed);
    stats_.buffers.fetch_add(1, std::memory_order_relaxed);
    handed_end_ = end;
    queue_.enqueue(view);
    p = end;
  }
  return {p, false, false};
}

absl::StatusOr<ReadResult> Reader::read_some(char* dest, size_t capacity, uint64_t offset) {
  if (mapped_ != nullptr) {
    if (source_.stop_requested()) return ReadResult{ReadResult::Kind::kStopped, 0};
    if (offset < mapped_end_) mapping_shrunk(true);  // may lower mapped_end_
    if (offset < mapped_end_) {
      size_t n = static_cast<size_t>(std::min<uint64_t>(capacity, mapped_end_ - offset));
      std::memcpy(dest, mapped_->data() + offset, n);
      if (mapping_shrunk(false)) n = mapped_end_ > offset ? mapped_end_ - offset : 0;
      if (n > 0) return ReadResult{ReadResult::Kind::kData, n};
    }
    // The new end of a shrunk file cuts its line, like a stop: the partial line is dropped.
    if (shrunk_) return ReadResult{ReadResult::Kind::kStopped, 0};
  }
  return source_.read(dest, capacity);
}

void Reader::hand_off(Buffer*& buffer, size_t complete_end) {
  Buffer* next = pool_.acquire();
  const size_t tail = buffer->size - complete_end;
  if (tail > next->capacity()) next->grow(buffer->capacity());
  std::memcpy(next->storage(), buffer->data() + complete_end, tail);
  next->size = tail;
  next->stream_offset = buffer->stream_offset + complete_end;
  buffer->size = complete_end;
  stats_.buffers.fetch_add(1, std::memory_order_relaxed);
  queue_.enqueue(buffer);
  buffer = next;
}

absl::Status Reader::run() {
  uint64_t offset = 0;      // source bytes consumed so far
  bool discarding = false;  // inside an oversize line: drop bytes up to the next '\n'
  mapped_ = source_.mapped();
  if (mapped_ != nullptr) {
    mapped_end_ = mapped_->size();
    const MappedEnd end = run_mapped();
    if (end.stopped) return absl::OkStatus();
    offset = end.offset;
    discarding = end.discarding;
  }
  Buffer* buffer = pool_.acquire();
  buffer->stream_offset = offset;
  size_t complete_end = 0;  // bytes of whole lines at the front of `buffer`
  absl::Status status;

  for (;;) {
    if (!discarding && buffer->size == buffer->capacity()) {
      if (complete_end > 0) {
        hand_off(buffer, complete_end);
        complete_end = 0;
      } else if (buffer->capacity() < max_line_bytes_) {
        buffer->grow(std::min(buffer->capacity() * 2, max_line_bytes_));
      } else {
        note_oversize(buffer->stream_offset);
        discarding = true;
        buffer->size = 0;
        buffer->stream_offset = offset;
      }
    }
    const size_t room = buffer->capacity() - buffer->size;
    auto result = read_some(buffer->storage() + buffer->size, room, offset);
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
        const void* first_nl = std::memchr(buffer->storage() + begin, '\n', n);
        if (!first_nl) {
          buffer->stream_offset = offset;  // everything so far is dropped
          continue;
        }
        const size_t keep_from =
            static_cast<size_t>(static_cast<const char*>(first_nl) - buffer->storage()) + 1;
        const size_t keep = begin + n - keep_from;
        std::memmove(buffer->storage(), buffer->storage() + keep_from, keep);
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
