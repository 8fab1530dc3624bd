#pragma once
// SyntheticSource: `--source synthetic`, the built-in v1.1 firehose (core/synthetic_firehose.h)
// as a Source, optionally paced to a number of tweets per second.
//
// Threading: one reader thread; stop() from any thread.

#include <atomic>
#include <chrono>

#include "core/synthetic_firehose.h"
#include "io/source.h"

namespace firecount {

class SyntheticSource final : public Source {
 public:
  // `rate`: tweets per second, 0 = as fast as the generator goes.
  SyntheticSource(const FirehoseConfig& config, uint64_t rate);

  absl::Status open() override { return absl::OkStatus(); }
  absl::StatusOr<ReadResult> read(char* dest, size_t capacity) override;
  void stop() override { stopped_.store(true, std::memory_order_relaxed); }
  MessageFormat format() const override { return MessageFormat::kTwitterV1; }
  SourcePosition position() const override { return {bytes_, ""}; }
  std::string describe() const override;

 private:
  FirehoseConfig config_;
  SyntheticFirehose firehose_;
  uint64_t rate_;
  uint64_t bytes_ = 0;
  std::chrono::steady_clock::time_point start_;
  bool started_ = false;
  std::atomic<bool> stopped_{false};  // relaxed: a request flag only
};

}  // namespace firecount
