#pragma once
// Time values of the stream: parsing the v1.1 `created_at` / `timestamp_ms` fields into
// milliseconds since the Unix epoch, and formatting batch times for the outputs.
//
// Pure functions over bytes and integers (no clock, no time zone database: all times are UTC).
// Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace firecount {

// Parses v1.1 `created_at`, e.g. "Wed Oct 10 20:19:24 +0000 2018", honouring the offset.
// Returns nullopt for anything else.
std::optional<int64_t> parse_created_at(std::string_view text);

// Parses `timestamp_ms`, a decimal string of milliseconds ("1539202764000"). nullopt otherwise.
std::optional<int64_t> parse_timestamp_ms(std::string_view text);

// A UTC calendar time, proleptic Gregorian.
struct CivilTime {
  int64_t year;
  unsigned month, day, hour, minute, second, millis;
};

// The calendar time of `epoch_ms` (Howard Hinnant's civil_from_days).
CivilTime civil_from_epoch_ms(int64_t epoch_ms);

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t days_from_civil(int64_t year, unsigned month, unsigned day);

// "2018-10-10 20:19:24" (DStream pprint's `Time:`); ".500000" is appended when the time has a
// fractional second, as Python's datetime prints it.
std::string format_pprint_time(int64_t epoch_ms);

// "2018-10-10T20:19:24.000Z" (ISO 8601, UTC, milliseconds).
std::string format_iso8601(int64_t epoch_ms);

}  // namespace firecount
