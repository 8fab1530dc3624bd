#pragma once
// parse_iso8601_ms: RFC 3339 / ISO 8601 timestamps as X v2 (`created_at`), Bluesky (`createdAt`)
// and Mastodon (`created_at`) send them — "2024-09-09T19:46:02.102Z", with or without fractional
// seconds, 'Z' or a ±hh:mm offset — to milliseconds since the UNIX epoch. Pure logic.
//
// Threading: stateless; thread-safe.

#include <cstdint>
#include <optional>
#include <string_view>

namespace firecount {

// Returns nullopt for anything that is not a complete date-time with a zone.
std::optional<int64_t> parse_iso8601_ms(std::string_view text);

}  // namespace firecount
