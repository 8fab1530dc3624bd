#include "core/tweet_time.h"

#include <cstdio>

namespace firecount {
namespace {

constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool parse_digits(std::string_view s, size_t pos, size_t count, int64_t& out) {
  if (pos + count > s.size()) return false;
  int64_t v = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

}  // namespace

CivilTime civil_from_epoch_ms(int64_t epoch_ms) {
  int64_t days = epoch_ms / 86400000;
  int64_t ms_of_day = epoch_ms % 86400000;
  if (ms_of_day < 0) {
    ms_of_day += 86400000;
    --days;
  }
  // civil_from_days (Howard Hinnant).
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return CivilTime{y,
                   static_cast<unsigned>(m),
                   static_cast<unsigned>(d),
                   static_cast<unsigned>(ms_of_day / 3600000),
                   static_cast<unsigned>(ms_of_day / 60000 % 60),
                   static_cast<unsigned>(ms_of_day / 1000 % 60),
                   static_cast<unsigned>(ms_of_day % 1000)};
}

int64_t days_from_civil(int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t yoe = year - era * 400;
  const int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<int64_t> parse_created_at(std::string_view s) {
  // "Wed Oct 10 20:19:24 +0000 2018"
  //  0123456789012345678901234567890
  if (s.size() != 30 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[13] != ':' ||
      s[16] != ':' || s[19] != ' ' || s[25] != ' ') {
    return std::nullopt;
  }
  unsigned month = 0;
  for (unsigned i = 0; i < 12; ++i) {
    if (s.substr(4, 3) == kMonths[i]) month = i + 1;
  }
  int64_t day, hour, minute, second, off_h, off_m, year;
  if (month == 0 || !parse_digits(s, 8, 2, day) || !parse_digits(s, 11, 2, hour) ||
      !parse_digits(s, 14, 2, minute) || !parse_digits(s, 17, 2, second) ||
      (s[20] != '+' && s[20] != '-') || !parse_digits(s, 21, 2, off_h) ||
      !parse_digits(s, 23, 2, off_m) || !parse_digits(s, 26, 4, year)) {
    return std::nullopt;
  }
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  const int64_t offset_s = (off_h * 3600 + off_m * 60) * (s[20] == '-' ? -1 : 1);
  const int64_t days = days_from_civil(year, month, static_cast<unsigned>(day));
  const int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second - offset_s;
  return secs * 1000;
}

std::optional<int64_t> parse_timestamp_ms(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  int64_t v;
  if (!parse_digits(s, 0, s.size(), v)) return std::nullopt;
  return v;
}

std::string format_pprint_time(int64_t epoch_ms) {
  const CivilTime t = civil_from_epoch_ms(epoch_ms);
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02u:%02u:%02u",
                        static_cast<long long>(t.year), t.month, t.day, t.hour, t.minute, t.second);
  if (t.millis != 0) {
    n += std::snprintf(buf + n, sizeof buf - static_cast<size_t>(n), ".%03u000", t.millis);
  }
  return std::string(buf, static_cast<size_t>(n));
}

std::string format_iso8601(int64_t epoch_ms) {
  const CivilTime t = civil_from_epoch_ms(epoch_ms);
  char buf[64];
  const int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02u.%03uZ",
                              static_cast<long long>(t.year), t.month, t.day, t.hour, t.minute,
                              t.second, t.millis);
  return std::string(buf, static_cast<size_t>(n));
}

}  // namespace firecount
