#pragma once
// BatchDelta: what one parse worker counted since the last batch boundary.
//
// Each worker owns two of these (double buffering): it counts into the active one while the
// batch barrier merges the retired one into the running state. Words are counted in an abseil
// flat_hash_map with heterogeneous lookup, so a word already seen costs one hash probe and no
// allocation.
//
// Threading: owned by one thread at a time; ownership changes hands only at the batch barrier
// (see io/engine.h for the memory ordering).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/record.h"
#include "core/word_table.h"

namespace firecount {

// The first bad line of a kind seen in a batch, for one clear message per kind.
struct BadLineSample {
  uint64_t stream_offset = 0;  // byte offset of the line in the source stream
  std::string excerpt;         // at most kExcerptBytes of the line
  static constexpr size_t kExcerptBytes = 120;
};

struct BatchDelta {
  WordTable counts;
  std::array<uint64_t, kMessageKindCount> messages{};  // lines by kind
  uint64_t tokens = 0;                                 // tokens counted (= sum of counts' values)
  uint64_t retweets_skipped = 0;                       // tweets ignored by --skip-retweets
  uint64_t bytes = 0;                                  // bytes of the lines processed
  int64_t min_event_time_ms = INT64_MAX;               // over counted tweets with an event time
  int64_t max_event_time_ms = INT64_MIN;
  BadLineSample first_malformed;  // valid when messages[kMalformed] > 0
  BadLineSample first_invalid_utf8;

  uint64_t tweets() const { return messages[static_cast<int>(MessageKind::kTweet)]; }

  void add_word(std::string_view word) { counts.add(word); }

  // Adds everything of `other` into this one (used when a worker's two halves are folded).
  void absorb(const BatchDelta& other);

  // Empties the delta for reuse; keeps the table's memory.
  void reset();
};

}  // namespace firecount
