#include "core/replay_deduper.h"

#include <algorithm>
#include <utility>

namespace firecount {

bool ReplayDeduper::admit(int64_t time_us, std::string_view key) {
  if (high_water_us_ != 0 && time_us < high_water_us_ - window_us_) return false;
  std::string owned(key);
  if (!seen_.insert(owned).second) return false;
  order_.emplace_back(time_us, std::move(owned));
  high_water_us_ = std::max(high_water_us_, time_us);
  evict();
  return true;
}

void ReplayDeduper::evict() {
  const int64_t floor = high_water_us_ - window_us_;
  // Admission order is nearly time order; stop at the first entry still inside the window.
  while (!order_.empty() && order_.front().first < floor) {
    seen_.erase(order_.front().second);
    order_.pop_front();
  }
}

}  // namespace firecount
