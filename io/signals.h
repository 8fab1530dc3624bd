#pragma once
// ShutdownSignals: turns SIGINT and SIGTERM into a polled stop request.
//
// The constructor blocks both signals in the calling thread; threads created afterwards inherit
// the mask, so no thread is ever interrupted by them. The coordinator then waits for them with
// wait_for() (sigtimedwait), which doubles as its batch-interval sleep.
//
// Threading: construct on the main thread before starting any other; call wait_for() from that
// thread only.

#include <chrono>

namespace firecount {

class ShutdownSignals {
 public:
  ShutdownSignals();
  ~ShutdownSignals();
  ShutdownSignals(const ShutdownSignals&) = delete;
  ShutdownSignals& operator=(const ShutdownSignals&) = delete;

  // Waits up to `timeout`; true if SIGINT or SIGTERM arrived (now or earlier).
  bool wait_for(std::chrono::milliseconds timeout);

  int last_signal() const { return last_signal_; }

 private:
  int last_signal_ = 0;
};

}  // namespace firecount
