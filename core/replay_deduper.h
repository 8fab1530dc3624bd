#pragma once
// ReplayDeduper: drops the events a cursor-resumed stream (Jetstream) replays after a reconnect.
//
// Jetstream is at-least-once: the client resumes with cursor = last time_us minus a rewind, so the
// first events after a reconnect are ones it already delivered. The deduper remembers the identity
// keys of the events whose time_us lies within `window_us` of the newest one seen (the high-water
// mark); an event is a duplicate when its key is remembered, or when it is older than the window
// (everything that old was delivered or deliberately skipped before). The window must exceed the
// rewind; memory is bounded by the events in one window.
//
// Pure logic; owned by io/jetstream_source's network thread.
//
// Threading: not thread-safe.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_set.h"

namespace firecount {

class ReplayDeduper {
 public:
  explicit ReplayDeduper(int64_t window_us) : window_us_(window_us) {}

  // True the first time an event is seen; false for a duplicate. Records new events.
  bool admit(int64_t time_us, std::string_view key);

  // Newest time_us admitted (0 before the first event).
  int64_t high_water_us() const { return high_water_us_; }
  size_t remembered() const { return seen_.size(); }

 private:
  void evict();

  int64_t window_us_;
  int64_t high_water_us_ = 0;
  absl::flat_hash_set<std::string> seen_;
  std::deque<std::pair<int64_t, std::string>> order_;  // admission order, for eviction
};

}  // namespace firecount
