#include "io/live_source_metrics.h"

#include "absl/strings/str_cat.h"

namespace firecount {

uint64_t LiveSourceMetricsSnapshot::total_reconnects() const {
  uint64_t total = 0;
  for (uint64_t n : reconnects) total += n;
  return total;
}

std::string LiveSourceMetricsSnapshot::to_string() const {
  std::string causes;
  for (int i = 0; i < kReconnectCauseCount; ++i) {
    if (reconnects[i] == 0) continue;
    if (!causes.empty()) causes += ",";
    absl::StrAppend(&causes, std::string(reconnect_cause_name(static_cast<ReconnectCause>(i))), "=",
                    reconnects[i]);
  }
  return absl::StrCat("connects=", connects, " reconnects=", total_reconnects(), "(", causes,
                      ") bytes=", bytes, " messages=", messages, " keep_alives=", keep_alives,
                      " dropped=", dropped_messages, " duplicates=", duplicates,
                      " last_http_status=", last_http_status,
                      " keep_alive_age_ms=", keep_alive_age_ms, " queue_bytes=", queue_bytes);
}

LiveSourceMetricsSnapshot LiveSourceMetrics::snapshot() const {
  constexpr auto r = std::memory_order_relaxed;
  LiveSourceMetricsSnapshot s;
  s.connect_attempts = connect_attempts.load(r);
  s.connects = connects.load(r);
  for (int i = 0; i < kReconnectCauseCount; ++i) s.reconnects[i] = reconnects[i].load(r);
  s.bytes = bytes.load(r);
  s.messages = messages.load(r);
  s.keep_alives = keep_alives.load(r);
  s.dropped_messages = dropped_messages.load(r);
  s.dropped_bytes = dropped_bytes.load(r);
  s.duplicates = duplicates.load(r);
  s.last_http_status = last_http_status.load(r);
  s.backoff_ms = backoff_ms.load(r);
  s.queue_bytes = queue_bytes.load(r);
  int64_t last = last_alive_steady_ns.load(r);
  if (last != 0) {
    int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::steady_clock::now().time_since_epoch())
                      .count();
    s.keep_alive_age_ms = (now - last) / 1'000'000;
  }
  return s;
}

}  // namespace firecount
