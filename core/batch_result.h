#pragma once
// BatchResult: what one batch boundary publishes to the sinks (console output and snapshot).
//
// Threading: a value; built by the barrier's thread and read by the sinks on the same thread.

#include <cstdint>
#include <string>

#include "core/count_state.h"

namespace firecount {

struct BatchResult {
  uint64_t batch = 0;   // 0, 1, 2, ... (Spark's batch ids)
  int64_t time_ms = 0;  // wall-clock time of the batch boundary, ms since the epoch (UTC)
  const StateTotals* totals = nullptr;
  uint64_t distinct = 0;
  const Ranking* ranking = nullptr;
  std::string source;         // the source's description
  std::string source_status;  // the source's counters (live sources); "" when it has none
  bool final = false;         // the last batch of the run
};

}  // namespace firecount
