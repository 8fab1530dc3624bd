#include "io/synthetic_source.h"

#include <thread>

#include "absl/strings/str_cat.h"

namespace firecount {

SyntheticSource::SyntheticSource(const FirehoseConfig& config, uint64_t rate)
    : config_(config), firehose_(config), rate_(rate) {}

std::string SyntheticSource::describe() const {
  return absl::StrCat("synthetic(seed=", config_.seed,
                      config_.tweets ? absl::StrCat(", tweets=", config_.tweets) : "",
                      rate_ ? absl::StrCat(", rate=", rate_, "/s") : "", ")");
}

absl::StatusOr<ReadResult> SyntheticSource::read(char* dest, size_t capacity) {
  if (!started_) {
    started_ = true;
    start_ = std::chrono::steady_clock::now();
  }
  if (rate_ > 0) {
    // Pace: the tweets produced so far may not run ahead of rate * elapsed. Fills of rate/20
    // lines keep the stream smooth (about 20 fills a second at any rate).
    for (;;) {
      if (stopped_.load(std::memory_order_relaxed)) {
        return ReadResult{ReadResult::Kind::kStopped, 0};
      }
      const double elapsed =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
      const auto allowed = static_cast<uint64_t>(elapsed * static_cast<double>(rate_));
      if (firehose_.tweets_produced() < allowed) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  if (stopped_.load(std::memory_order_relaxed)) return ReadResult{ReadResult::Kind::kStopped, 0};
  const size_t n = rate_ > 0
                       ? firehose_.fill_lines(dest, capacity, std::max<uint64_t>(1, rate_ / 20))
                       : firehose_.fill(dest, capacity);
  if (n == 0) return ReadResult{ReadResult::Kind::kEnd, 0};
  bytes_ += n;
  return ReadResult{ReadResult::Kind::kData, n};
}

}  // namespace firecount
