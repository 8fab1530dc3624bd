#pragma once
// LiveSourceMetrics: counters a live source (HTTPS stream, WebSocket, SSE) keeps for the engine's
// metrics output — connects, reconnects by cause, bytes, messages, keep-alives, drops, replay
// duplicates and the age of the last keep-alive.
//
// Written by the source's network thread, read by anyone (the lead's metrics printer, snapshot
// writer). Every field is a relaxed atomic: each is an independent statistic, nothing is published
// through them and readers tolerate a snapshot that is a few increments inconsistent.
//
// Threading: thread-safe; never allocates.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "core/backoff.h"

namespace firecount {

struct LiveSourceMetricsSnapshot {
  uint64_t connect_attempts = 0;
  uint64_t connects = 0;  // streams established (HTTP 200 / WebSocket upgraded)
  std::array<uint64_t, kReconnectCauseCount> reconnects{};
  uint64_t bytes = 0;        // payload bytes received (HTTP body after de-chunking, WS payload)
  uint64_t messages = 0;     // whole messages handed to the reader (keep-alives excluded)
  uint64_t keep_alives = 0;  // blank lines, SSE comments, WebSocket pings
  uint64_t dropped_messages = 0;  // overflow drops (drop policy) and messages over the size cap
  uint64_t dropped_bytes = 0;
  uint64_t duplicates = 0;  // replayed events skipped after a cursor resume (Jetstream)
  int last_http_status = 0;
  int64_t backoff_ms = 0;          // the delay before the pending reconnect (0 when connected)
  int64_t keep_alive_age_ms = -1;  // since the last keep-alive or message; -1 before any
  int64_t queue_bytes = 0;         // bytes waiting for the reader

  uint64_t total_reconnects() const;
  // "connects=3 reconnects=2(stall=1,rate_limited=1) bytes=… messages=… …" — one line, no secrets.
  std::string to_string() const;
};

struct LiveSourceMetrics {
  // Relaxed everywhere: independent statistics (see header comment).
  std::atomic<uint64_t> connect_attempts{0};
  std::atomic<uint64_t> connects{0};
  std::array<std::atomic<uint64_t>, kReconnectCauseCount> reconnects{};
  std::atomic<uint64_t> bytes{0};
  std::atomic<uint64_t> messages{0};
  std::atomic<uint64_t> keep_alives{0};
  std::atomic<uint64_t> dropped_messages{0};
  std::atomic<uint64_t> dropped_bytes{0};
  std::atomic<uint64_t> duplicates{0};
  std::atomic<int> last_http_status{0};
  std::atomic<int64_t> backoff_ms{0};
  std::atomic<int64_t> last_alive_steady_ns{0};  // steady_clock time of the last byte; 0 = never
  std::atomic<int64_t> queue_bytes{0};

  void add(std::atomic<uint64_t>& counter, uint64_t n = 1) {
    counter.fetch_add(n, std::memory_order_relaxed);
  }
  void mark_alive() {
    last_alive_steady_ns.store(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count(),
                               std::memory_order_relaxed);
  }
  LiveSourceMetricsSnapshot snapshot() const;
};

}  // namespace firecount
