#include "core/backoff.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/ascii.h"
#include "core/tweet_time.h"

namespace firecount {
namespace {

using std::chrono::milliseconds;

milliseconds exponential(milliseconds base, milliseconds cap, int attempt) {
  milliseconds d = base;
  for (int i = 1; i < attempt && d < cap; ++i) d *= 2;
  return std::min(d, cap);
}

std::optional<int64_t> parse_imf_fixdate(std::string_view v) {
  // "Sun, 06 Nov 1994 08:49:37 GMT"
  std::vector<std::string_view> parts = internal::split(v, ' ', /*skip_empty=*/true);
  if (parts.size() != 6 || parts[5] != "GMT") return std::nullopt;
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  unsigned month = 0;
  for (unsigned i = 0; i < kMonths.size(); ++i) {
    if (parts[2] == kMonths[i]) month = i + 1;
  }
  int day = 0, year = 0;
  if (month == 0 || !internal::parse_decimal(parts[1], day) ||
      !internal::parse_decimal(parts[3], year)) {
    return std::nullopt;
  }
  std::vector<std::string_view> hms = internal::split(parts[4], ':', false);
  int h = 0, m = 0, s = 0;
  if (hms.size() != 3 || !internal::parse_decimal(hms[0], h) ||
      !internal::parse_decimal(hms[1], m) || !internal::parse_decimal(hms[2], s)) {
    return std::nullopt;
  }
  return days_from_civil(year, month, static_cast<unsigned>(day)) * 86400 + h * 3600 + m * 60 + s;
}

}  // namespace

void BackoffPolicy::on_stream_established() {
  established_ = true;
  network_attempts_ = http_attempts_ = rate_limit_attempts_ = 0;
  at_cap_ = false;
}

milliseconds BackoffPolicy::next_delay(ReconnectCause cause,
                                       std::optional<milliseconds> server_hint) {
  milliseconds delay{0};
  milliseconds cap{0};
  switch (cause) {
    case ReconnectCause::kHttpError:
      ++http_attempts_;
      cap = config_.http_cap;
      delay = exponential(config_.http_base, cap, http_attempts_);
      break;
    case ReconnectCause::kRateLimited:
      ++rate_limit_attempts_;
      cap = config_.rate_limit_cap;
      delay = exponential(config_.rate_limit_base, cap, rate_limit_attempts_);
      break;
    default:
      cap = config_.network_cap;
      if (established_) {
        delay = milliseconds(0);  // an established stream dropped: reconnect at once
      } else {
        ++network_attempts_;
        delay = std::min(config_.network_step * network_attempts_, cap);
      }
      break;
  }
  established_ = false;
  at_cap_ = delay >= cap && cap.count() > 0;
  if (server_hint) delay = std::max(delay, std::min(*server_hint, config_.max_server_hint));
  return delay;
}

std::optional<int64_t> parse_retry_after(std::string_view value, int64_t now_epoch_s) {
  value = internal::strip_ascii_space(value);
  int64_t seconds = 0;
  if (internal::parse_decimal(value, seconds)) return std::max<int64_t>(seconds, 0);
  std::optional<int64_t> at = parse_imf_fixdate(value);
  if (!at) return std::nullopt;
  return std::max<int64_t>(*at - now_epoch_s, 0);
}

std::optional<int64_t> parse_rate_limit_reset(std::string_view value, int64_t now_epoch_s) {
  int64_t reset = 0;
  if (!internal::parse_decimal(internal::strip_ascii_space(value), reset)) return std::nullopt;
  return std::max<int64_t>(reset - now_epoch_s, 0);
}

}  // namespace firecount
