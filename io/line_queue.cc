#include "io/line_queue.h"

#include <algorithm>
#include <cstring>

namespace firecount {

LineQueue::LineQueue(size_t capacity_bytes, bool block_when_full)
    : ring_(std::max<size_t>(capacity_bytes, 1024)), block_when_full_(block_when_full) {}

bool LineQueue::push_line(std::string_view line) {
  const size_t need = line.size() + 1;
  std::unique_lock lock(mu_);
  if (need > ring_.size() || stopped_) return false;
  if (ring_.size() - size_ < need) {
    if (!block_when_full_) return false;
    writable_.wait(lock, [&] { return stopped_ || ring_.size() - size_ >= need; });
    if (stopped_) return false;
  }
  size_t tail = (head_ + size_) % ring_.size();
  auto put = [&](const char* p, size_t n) {
    size_t first = std::min(n, ring_.size() - tail);
    std::memcpy(ring_.data() + tail, p, first);
    std::memcpy(ring_.data(), p + first, n - first);
    tail = (tail + n) % ring_.size();
  };
  put(line.data(), line.size());
  put("\n", 1);
  size_ += need;
  pushed_ += need;
  lock.unlock();
  readable_.notify_one();
  return true;
}

void LineQueue::push_discontinuity() {
  {
    std::lock_guard lock(mu_);
    if (!marks_.empty() && marks_.back() == pushed_) return;
    marks_.push_back(pushed_);
  }
  readable_.notify_one();
}

void LineQueue::close() {
  {
    std::lock_guard lock(mu_);
    closed_ = true;
  }
  readable_.notify_all();
}

void LineQueue::stop() {
  {
    std::lock_guard lock(mu_);
    stopped_ = true;
  }
  readable_.notify_all();
  writable_.notify_all();
}

ReadResult LineQueue::read(char* dest, size_t capacity) {
  std::unique_lock lock(mu_);
  readable_.wait(lock, [&] {
    return stopped_ || size_ > 0 || closed_ || (!marks_.empty() && marks_.front() == popped_);
  });
  if (stopped_) return {ReadResult::Kind::kStopped, 0};
  if (!marks_.empty() && marks_.front() == popped_) {
    marks_.pop_front();
    return {ReadResult::Kind::kDiscontinuity, 0};
  }
  if (size_ == 0) return {ReadResult::Kind::kEnd, 0};
  size_t n = std::min(capacity, size_);
  if (!marks_.empty()) n = std::min<size_t>(n, static_cast<size_t>(marks_.front() - popped_));
  size_t first = std::min(n, ring_.size() - head_);
  std::memcpy(dest, ring_.data() + head_, first);
  std::memcpy(dest + first, ring_.data(), n - first);
  head_ = (head_ + n) % ring_.size();
  size_ -= n;
  popped_ += n;
  lock.unlock();
  writable_.notify_one();
  return {ReadResult::Kind::kData, n};
}

size_t LineQueue::size_bytes() const {
  std::lock_guard lock(mu_);
  return size_;
}

}  // namespace firecount
