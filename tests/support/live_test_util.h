#pragma once
// Helpers for the live-source integration tests: fast options (millisecond backoff and stall
// timeouts, the test CA, logs captured) and a drain loop that reads a Source to its end.
//
// Threading: LogCapture is thread-safe (sources log from their network thread).

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "io/live_source_options.h"
#include "tests/support/test_pki.h"

namespace firecount::testing {

struct LogCapture {
  std::mutex mu;
  std::vector<std::string> lines;
  std::vector<std::string> snapshot() {
    std::lock_guard lock(mu);
    return lines;
  }
};

inline LiveSourceOptions fast_options(LogCapture& logs) {
  using std::chrono::milliseconds;
  LiveSourceOptions o;
  o.ca_file = test_pki().ca_file;
  o.stall_timeout = milliseconds(400);
  o.connect_timeout = milliseconds(3000);
  o.backoff = BackoffConfig{milliseconds(5),  milliseconds(20), milliseconds(10),  milliseconds(40),
                            milliseconds(15), milliseconds(60), milliseconds(2000)};
  o.end_on_server_close = true;
  o.log = [&logs](std::string_view line) {
    std::lock_guard lock(logs.mu);
    logs.lines.emplace_back(line);
  };
  return o;
}

struct Drained {
  std::vector<std::string> lines;  // every delivered line, keep-alive blanks included
  int discontinuities = 0;
  bool ended = false;  // kEnd (not a timeout)
  std::vector<std::string> non_empty() const {
    std::vector<std::string> out;
    for (const auto& l : lines) {
      if (!l.empty()) out.push_back(l);
    }
    return out;
  }
};

// Reads until kEnd, or until `limit` passes (then stops the source). Splits the bytes on '\n'
// the way the engine's reader does, across read() boundaries; uses a small buffer on purpose.
inline Drained drain(Source& source, std::chrono::milliseconds limit = std::chrono::seconds(20)) {
  Drained out;
  bool done = false;
  std::mutex mu;
  std::thread watchdog([&] {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      {
        std::lock_guard lock(mu);
        if (done) return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    source.stop();
  });
  std::string partial;
  char buf[777];
  for (;;) {
    auto r = source.read(buf, sizeof buf);
    if (!r.ok()) break;
    if (r->kind == ReadResult::Kind::kEnd) {
      out.ended = true;
      break;
    }
    if (r->kind == ReadResult::Kind::kStopped) break;
    if (r->kind == ReadResult::Kind::kDiscontinuity) {
      ++out.discontinuities;
      continue;
    }
    for (size_t i = 0; i < r->bytes; ++i) {
      if (buf[i] == '\n') {
        out.lines.push_back(partial);
        partial.clear();
      } else {
        partial.push_back(buf[i]);
      }
    }
  }
  {
    std::lock_guard lock(mu);
    done = true;
  }
  watchdog.join();
  return out;
}

}  // namespace firecount::testing
