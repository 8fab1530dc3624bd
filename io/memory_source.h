#pragma once
// MemorySource: a Source over bytes already in memory, delivered in reads of at most
// `chunk_bytes` (so tests can put line and UTF-8 boundaries anywhere, and `firecount bench` can
// measure the engine without disk or network).
//
// Threading: one reader thread; stop() from any thread.

#include <algorithm>
#include <atomic>
#include <cstring>
#include <string>
#include <string_view>

#include "io/source.h"

namespace firecount {

class MemorySource final : public Source {
 public:
  // `bytes` must outlive the source.
  MemorySource(std::string_view bytes, MessageFormat format, size_t chunk_bytes = SIZE_MAX,
               std::string name = "memory")
      : bytes_(bytes), format_(format), chunk_bytes_(chunk_bytes), name_(std::move(name)) {}

  absl::Status open() override { return absl::OkStatus(); }
  absl::StatusOr<ReadResult> read(char* dest, size_t capacity) override {
    if (stopped_.load(std::memory_order_relaxed)) return ReadResult{ReadResult::Kind::kStopped, 0};
    if (offset_ == bytes_.size()) return ReadResult{ReadResult::Kind::kEnd, 0};
    const size_t n = std::min({capacity, chunk_bytes_, bytes_.size() - offset_});
    std::memcpy(dest, bytes_.data() + offset_, n);
    offset_ += n;
    return ReadResult{ReadResult::Kind::kData, n};
  }
  void stop() override { stopped_.store(true, std::memory_order_relaxed); }
  MessageFormat format() const override { return format_; }
  SourcePosition position() const override { return {offset_, ""}; }
  std::string describe() const override { return name_; }

 private:
  std::string_view bytes_;
  MessageFormat format_;
  size_t chunk_bytes_;
  std::string name_;
  size_t offset_ = 0;
  std::atomic<bool> stopped_{false};  // relaxed: a request flag only
};

}  // namespace firecount
