#include "core/batch_delta.h"

#include <algorithm>

namespace firecount {

void BatchDelta::absorb(const BatchDelta& other) {
  for (const WordTable::Entry& e : other.counts.entries()) {
    counts.add_entry(e);
  }
  for (int i = 0; i < kMessageKindCount; ++i) {
    if (messages[i] == 0 && other.messages[i] != 0) {
      if (i == static_cast<int>(MessageKind::kMalformed)) first_malformed = other.first_malformed;
      if (i == static_cast<int>(MessageKind::kInvalidUtf8)) {
        first_invalid_utf8 = other.first_invalid_utf8;
      }
    }
    messages[i] += other.messages[i];
  }
  tokens += other.tokens;
  retweets_skipped += other.retweets_skipped;
  bytes += other.bytes;
  min_event_time_ms = std::min(min_event_time_ms, other.min_event_time_ms);
  max_event_time_ms = std::max(max_event_time_ms, other.max_event_time_ms);
}

void BatchDelta::reset() {
  counts.clear();
  messages.fill(0);
  tokens = 0;
  retweets_skipped = 0;
  bytes = 0;
  min_event_time_ms = INT64_MAX;
  max_event_time_ms = INT64_MIN;
  first_malformed = {};
  first_invalid_utf8 = {};
}

}  // namespace firecount
