#include "core/view_ledger.h"

#include <algorithm>

namespace firecount {

void ViewLedger::handed_out(uint64_t begin, uint64_t end) {
  views_.push_back(View{begin, false});
  newest_end_ = std::max(newest_end_, end);
}

uint64_t ViewLedger::done() const { return views_.empty() ? newest_end_ : views_.front().begin; }

ViewLedger::Range ViewLedger::returned(uint64_t begin) {
  // A handful of views are out at a time (the buffer pool bounds them): a linear search.
  const auto it = std::find_if(views_.begin(), views_.end(),
                               [&](const View& v) { return v.begin == begin && !v.returned; });
  if (it == views_.end()) return {};
  it->returned = true;
  while (!views_.empty() && views_.front().returned) views_.pop_front();
  const uint64_t done_below = done();
  if (done_below < answered_ + step_) return {};
  const Range range{answered_, done_below};
  answered_ = done_below;
  return range;
}

ViewLedger::Range ViewLedger::rest() {
  const uint64_t done_below = done();
  if (done_below <= answered_) return {};
  const Range range{answered_, done_below};
  answered_ = done_below;
  return range;
}

}  // namespace firecount
